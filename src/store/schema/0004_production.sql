-- Productions (issue 8): one row per volume, one per item of the matter saying what became of it
-- in that production, one per file of the volume with its hash. Bates numbers are stored as
-- numbers with the volume's prefix and padding, so `--start next` continues a prefix's run.
CREATE TABLE production (
  id INTEGER PRIMARY KEY,
  volume TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  digits INTEGER NOT NULL,
  first_number INTEGER NOT NULL,
  last_number INTEGER NOT NULL,  -- first_number - 1 when nothing was numbered
  selection TEXT NOT NULL,       -- what selected it, as typed
  folder TEXT NOT NULL,          -- the volume folder, relative to the case
  root_hash TEXT NOT NULL,       -- SHA-256 of the volume's MANIFEST.txt
  qc_passed INTEGER NOT NULL,
  created_at INTEGER NOT NULL,   -- unix seconds
  created_by TEXT NOT NULL
);
CREATE INDEX production_prefix ON production (prefix, last_number);

CREATE TABLE production_item (
  production_id INTEGER NOT NULL REFERENCES production (id),
  item_id INTEGER NOT NULL,
  disposition TEXT NOT NULL,  -- produced, withheld, duplicate, non_responsive, outside_timeframe,
                              -- exception, container
  beg_number INTEGER,         -- produced and withheld (slip sheet)
  end_number INTEGER,
  pages INTEGER,
  how TEXT NOT NULL DEFAULT '',     -- stamped, rendered, native, withheld
  reason TEXT NOT NULL DEFAULT '',  -- withheld: the privilege reason; rendered: why not stamped
  duplicate_of INTEGER,
  PRIMARY KEY (production_id, item_id)
) WITHOUT ROWID;

CREATE TABLE production_file (
  production_id INTEGER NOT NULL REFERENCES production (id),
  path TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (production_id, path)
) WITHOUT ROWID;
