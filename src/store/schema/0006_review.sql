-- Review (issue 7): coding decisions, the privilege screen's list and results, personal-data hits,
-- redactions. Number 0005: 0004 and 0006 belong to other areas; the migration runner needs
-- increasing numbers, not contiguous ones, so a case opens with 0004 absent.

-- The current value of each coding field of each item. Every change is also an audit-log entry
-- (action "code") with the old and new value, reviewer, time and reason: this table is the
-- state, the audit log the history.
CREATE TABLE coding (
  item_id     INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,
  field       TEXT    NOT NULL,
  value       TEXT    NOT NULL,
  reviewer    TEXT    NOT NULL,
  coded_at    INTEGER NOT NULL,
  reason      TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (item_id, field)
) STRICT, WITHOUT ROWID;
CREATE INDEX coding_field ON coding (field, value);

-- The matter's privilege-screen list: attorneys and law offices by name, email address or
-- domain, and privilege terms. `label` says who or what the entry is, for the screen's "why".
CREATE TABLE privilege_party (
  id     INTEGER PRIMARY KEY,
  kind   TEXT NOT NULL CHECK (kind IN ('name', 'email', 'domain', 'term')),
  value  TEXT NOT NULL,
  label  TEXT NOT NULL DEFAULT '',
  UNIQUE (kind, value)
) STRICT;

-- Results of the last `bates screen`, replaced whole by each run.
CREATE TABLE privilege_hit (
  item_id  INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,
  why      TEXT    NOT NULL,
  PRIMARY KEY (item_id, why)
) STRICT, WITHOUT ROWID;

-- Offsets are code points of the item's extracted text, [start, end).
CREATE TABLE pii_hit (
  item_id  INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,
  kind     TEXT    NOT NULL CHECK (kind IN ('ssn', 'a_number', 'dob', 'phone', 'email',
                                            'drivers_license', 'passport', 'bank_account',
                                            'card')),
  start_cp INTEGER NOT NULL,
  end_cp   INTEGER NOT NULL CHECK (end_cp > start_cp),
  PRIMARY KEY (item_id, start_cp, kind)
) STRICT, WITHOUT ROWID;

CREATE TABLE screen_run (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  finished_at    INTEGER NOT NULL,
  items          INTEGER NOT NULL,
  text_bytes     INTEGER NOT NULL
) STRICT;

-- Redactions: what production must hide (src/review/README.md, docs/ARCHITECTURE.md). A text
-- redaction is a span of code points of the extracted text; an area redaction is a rectangle on
-- a page of the item's image, in PDF points from the page's top-left corner (page 1-based).
CREATE TABLE redaction (
  id         INTEGER PRIMARY KEY,
  item_id    INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,
  area       TEXT    NOT NULL CHECK (area IN ('text', 'page')),
  start_cp   INTEGER,
  end_cp     INTEGER,
  page       INTEGER,
  x          REAL,
  y          REAL,
  width      REAL,
  height     REAL,
  reason     TEXT    NOT NULL CHECK (reason <> ''),
  origin     TEXT    NOT NULL CHECK (origin IN ('pii', 'search', 'reviewer')),
  reviewer   TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  CHECK ((area = 'text' AND start_cp IS NOT NULL AND end_cp > start_cp AND page IS NULL)
      OR (area = 'page' AND start_cp IS NULL AND page >= 1 AND width > 0 AND height > 0))
) STRICT;
CREATE INDEX redaction_item ON redaction (item_id);
