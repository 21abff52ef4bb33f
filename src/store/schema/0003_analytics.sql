-- Analytics results (issue 5): exact duplicates, near-duplicate groups and email threads, as the
-- last `bates analyze` left them. Every table is rewritten whole by a run (AnalyticsStore::Replace),
-- so rows never mix two runs' results. Number 0003: 0002 belongs to saved searches; the migration
-- runner needs increasing numbers, not contiguous ones.

-- One row per analyzed item (documents; containers are not analyzed). NULL where a result does not
-- apply: duplicate_of for a master or a unique item, near_group outside any group, thread_id for
-- items that are not emails.
CREATE TABLE item_analytics (
  item_id          INTEGER PRIMARY KEY REFERENCES item (id) ON DELETE CASCADE,
  -- The family head's dedup key (SHA-256 of an email's normalised fields, or "md5:<md5>"); ''
  -- for family members.
  dedup_key        TEXT    NOT NULL,
  duplicate_of     INTEGER,
  -- The master family's head id when the item's family has copies.
  dup_group        INTEGER,
  near_group       INTEGER,
  near_similarity  REAL,
  thread_id        INTEGER,
  thread_parent    INTEGER,
  thread_depth     INTEGER,
  thread_position  INTEGER,
  thread_size      INTEGER,
  inclusive        INTEGER CHECK (inclusive BETWEEN 0 AND 1),
  CHECK ((near_group IS NULL) = (near_similarity IS NULL))
) STRICT;
CREATE INDEX item_analytics_duplicate ON item_analytics (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX item_analytics_group ON item_analytics (dup_group) WHERE dup_group IS NOT NULL;
CREATE INDEX item_analytics_near ON item_analytics (near_group) WHERE near_group IS NOT NULL;
CREATE INDEX item_analytics_thread ON item_analytics (thread_id) WHERE thread_id IS NOT NULL;

-- The custodians of every copy of a duplicate group ("all custodians" in a production).
CREATE TABLE dup_group_custodian (
  group_id     INTEGER NOT NULL,
  custodian_id INTEGER NOT NULL REFERENCES custodian (id),
  PRIMARY KEY (group_id, custodian_id)
) STRICT, WITHOUT ROWID;

-- One row: the settings and time of the last run.
CREATE TABLE analytics_run (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  finished_at    INTEGER NOT NULL,
  dedup_scope    TEXT    NOT NULL CHECK (dedup_scope = 'global' OR dedup_scope = 'custodian'),
  near_threshold REAL    NOT NULL,
  items          INTEGER NOT NULL
) STRICT;
