-- The first schema of a case: matter, settings, custodians, sources, collection progress, items
-- with their metadata, the audit log and the index state. See src/store/case_store.h.
--
-- Conventions: STRICT tables; empty text is '' (never NULL); an absent date is NULL in all three
-- of its columns (<name>_utc, <name>_offset, <name>_floating). CHECKs spell out `a = x OR a = y`
-- rather than `a IN (x, y)`: SQLite 3.40 builds a temporary table for an IN list on every
-- insert, which tripled the cost of storing an item's addresses.

-- One row: the matter this case folder holds.
CREATE TABLE matter (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  name       TEXT    NOT NULL,
  time_zone  TEXT    NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE setting (
  key   TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE custodian (
  id   INTEGER PRIMARY KEY,
  name TEXT    NOT NULL UNIQUE
) STRICT;

CREATE TABLE source (
  id           INTEGER PRIMARY KEY,
  path         TEXT    NOT NULL,
  custodian_id INTEGER NOT NULL REFERENCES custodian (id),
  is_folder    INTEGER NOT NULL CHECK (is_folder BETWEEN 0 AND 1),
  added_at     INTEGER NOT NULL,
  complete     INTEGER NOT NULL DEFAULT 0 CHECK (complete BETWEEN 0 AND 1),
  UNIQUE (path, custodian_id)
) STRICT;

-- A file found in a source; it is the top of one item tree. `done` once all its items are stored.
CREATE TABLE collected_file (
  id            INTEGER PRIMARY KEY,
  source_id     INTEGER NOT NULL REFERENCES source (id),
  relative_path TEXT    NOT NULL,
  top_id        INTEGER NOT NULL,
  done          INTEGER NOT NULL DEFAULT 0 CHECK (done BETWEEN 0 AND 1),
  UNIQUE (source_id, relative_path)
) STRICT;
CREATE INDEX collected_file_top ON collected_file (source_id, top_id);

CREATE TABLE item (
  id                 INTEGER PRIMARY KEY,
  source_id          INTEGER NOT NULL REFERENCES source (id),
  parent_id          INTEGER REFERENCES item (id),
  family_id          INTEGER NOT NULL,
  top_id             INTEGER NOT NULL,
  kind               TEXT    NOT NULL CHECK (kind = 'file' OR kind = 'email' OR kind = 'attachment'
                                          OR kind = 'embedded' OR kind = 'container'),
  relative_path      TEXT    NOT NULL,
  inner_path         TEXT    NOT NULL,
  name               TEXT    NOT NULL,
  mime_type          TEXT    NOT NULL,
  reader             TEXT    NOT NULL,
  size               INTEGER NOT NULL,
  md5                TEXT    NOT NULL,
  sha1               TEXT    NOT NULL,
  sha256             TEXT    NOT NULL,
  native_blob        TEXT    NOT NULL,
  text_blob          TEXT    NOT NULL,
  text_bytes         INTEGER NOT NULL,
  flags              INTEGER NOT NULL,
  status             TEXT    NOT NULL CHECK (status = 'processed' OR status = 'exception'),
  exception_code     TEXT    NOT NULL,
  exception_tool     TEXT    NOT NULL,
  exception_message  TEXT    NOT NULL,
  sort_utc           INTEGER,
  sort_offset        INTEGER,
  sort_floating      INTEGER,
  subject            TEXT    NOT NULL,
  sent_utc           INTEGER,
  sent_offset        INTEGER,
  sent_floating      INTEGER,
  received_utc       INTEGER,
  received_offset    INTEGER,
  received_floating  INTEGER,
  created_utc        INTEGER,
  created_offset     INTEGER,
  created_floating   INTEGER,
  modified_utc       INTEGER,
  modified_offset    INTEGER,
  modified_floating  INTEGER,
  author             TEXT    NOT NULL,
  last_author        TEXT    NOT NULL,
  title              TEXT    NOT NULL,
  file_name          TEXT    NOT NULL,
  message_id         TEXT    NOT NULL,
  in_reply_to        TEXT    NOT NULL,
  -- The References header's ids joined by '\n'; NULL when there are none.
  message_references TEXT,
  conversation_index TEXT    NOT NULL,
  language           TEXT    NOT NULL,
  CHECK ((sort_utc IS NULL) = (sort_offset IS NULL) AND (sort_utc IS NULL) = (sort_floating IS NULL)),
  CHECK ((sent_utc IS NULL) = (sent_offset IS NULL) AND (sent_utc IS NULL) = (sent_floating IS NULL)),
  CHECK ((received_utc IS NULL) = (received_offset IS NULL)
         AND (received_utc IS NULL) = (received_floating IS NULL)),
  CHECK ((created_utc IS NULL) = (created_offset IS NULL)
         AND (created_utc IS NULL) = (created_floating IS NULL)),
  CHECK ((modified_utc IS NULL) = (modified_offset IS NULL)
         AND (modified_utc IS NULL) = (modified_floating IS NULL))
) STRICT;
CREATE INDEX item_parent ON item (parent_id);
CREATE INDEX item_family ON item (family_id);
-- (source_id, top_id) rather than (source_id) alone: it also serves DeleteUnfinishedItems.
CREATE INDEX item_source ON item (source_id, top_id);
CREATE INDEX item_top ON item (top_id);
CREATE INDEX item_sha256 ON item (sha256);
CREATE INDEX item_md5 ON item (md5);
CREATE INDEX item_message_id ON item (message_id);
-- Only exceptions are ever looked up by status; the processed majority stays out of the index.
CREATE INDEX item_status ON item (status) WHERE status = 'exception';

-- From, to, cc and bcc, each list in the order written (`ordinal` counts within the role).
CREATE TABLE item_address (
  item_id INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,
  role    TEXT    NOT NULL CHECK (role = 'from' OR role = 'to' OR role = 'cc' OR role = 'bcc'),
  ordinal INTEGER NOT NULL,
  name    TEXT    NOT NULL,
  address TEXT    NOT NULL,
  PRIMARY KEY (item_id, role, ordinal)
) STRICT, WITHOUT ROWID;

-- Metadata::extra, in the reader's order.
CREATE TABLE item_field (
  item_id INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  name    TEXT    NOT NULL,
  value   TEXT    NOT NULL,
  PRIMARY KEY (item_id, ordinal)
) STRICT, WITHOUT ROWID;

-- Append-only: the triggers refuse any change to a written entry. `detail` is JSON text (or ''),
-- checked on insert by the store: a CHECK calling json_valid() would not run with
-- trusted_schema=OFF, as SQLite 3.40 does not mark it innocuous.
CREATE TABLE audit_log (
  id     INTEGER PRIMARY KEY AUTOINCREMENT,
  at     INTEGER NOT NULL,
  actor  TEXT    NOT NULL,
  action TEXT    NOT NULL,
  detail TEXT    NOT NULL
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Indexes dropped for a bulk load (CaseStore::BeginBulkLoad), with the SQL that builds them again.
CREATE TABLE deferred_index (
  name TEXT NOT NULL PRIMARY KEY,
  sql  TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- One row: the highest item id whose index entry is committed.
CREATE TABLE index_state (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  indexed_through INTEGER NOT NULL
) STRICT;
INSERT INTO index_state (id, indexed_through) VALUES (1, 0);
