-- Demand tracking on the requester's side (issue 9). Number 0009: cases already carry 0008
-- (users) and the runner applies only versions above a case's current one.
--
-- Recipients are keyed by their id in the demand spec (the spec file is the source of their
-- names, agencies and deadline rule); these tables keep only what happened.

-- Every status a recipient went through, dated, in the order recorded. The current status is the
-- last row by (date, id). 'served' rows carry the date of service; 'extension_granted' rows the
-- new due date; any row may carry a date the recipient promised something by.
CREATE TABLE demand_status_event (
  id           INTEGER PRIMARY KEY,
  recipient    TEXT    NOT NULL,
  date         TEXT    NOT NULL,  -- YYYY-MM-DD
  status       TEXT    NOT NULL CHECK (status IN (
                 'issued', 'served', 'acknowledged', 'waiting_on_requester',
                 'extension_granted', 'partial_production', 'production_complete',
                 'no_responsive_documents', 'deficient', 'overdue', 'escalated',
                 'in_litigation', 'closed')),
  note         TEXT    NOT NULL DEFAULT '',
  new_due      TEXT,              -- extension_granted: the new due date
  promised     TEXT,              -- a date the recipient promised a response or production by
  recorded_at  INTEGER NOT NULL,  -- unix seconds
  actor        TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX demand_status_event_recipient ON demand_status_event (recipient, date, id);

-- Letters, calls and e-mails either way; follow-ups are scheduled from the last one.
CREATE TABLE demand_communication (
  id           INTEGER PRIMARY KEY,
  recipient    TEXT    NOT NULL,
  date         TEXT    NOT NULL,  -- YYYY-MM-DD
  direction    TEXT    NOT NULL CHECK (direction IN ('sent', 'received')),
  summary      TEXT    NOT NULL,
  recorded_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX demand_communication_recipient ON demand_communication (recipient, date, id);

-- Productions received from a recipient and what intake found in them.
CREATE TABLE demand_production (
  id           INTEGER PRIMARY KEY,
  recipient    TEXT    NOT NULL,
  volume       TEXT    NOT NULL,
  folder       TEXT    NOT NULL,
  received     TEXT    NOT NULL,  -- YYYY-MM-DD
  documents    INTEGER NOT NULL,
  verified     INTEGER NOT NULL CHECK (verified IN (0, 1)),
  late         INTEGER NOT NULL CHECK (late IN (0, 1)),
  recorded_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX demand_production_recipient ON demand_production (recipient, received, id);

CREATE TABLE demand_production_defect (
  production_id  INTEGER NOT NULL REFERENCES demand_production (id) ON DELETE CASCADE,
  seq            INTEGER NOT NULL,
  kind           TEXT    NOT NULL,  -- demand/intake/intake.h's defect kinds
  detail         TEXT    NOT NULL,
  PRIMARY KEY (production_id, seq)
) STRICT, WITHOUT ROWID;
