-- Technology-assisted review (issue 6): one continuous-active-learning review per case, the
-- coding it has learned from, and each batch it proposed (so a round can be audited: what the
-- model ranked, when, after how many codings). Rows are added; coding of an item is replaced
-- when a reviewer recodes it.
CREATE TABLE tar_review (
  id          INTEGER PRIMARY KEY CHECK (id = 1),  -- one review per case
  topic       TEXT    NOT NULL,
  seed_text   TEXT    NOT NULL,                    -- '' when seeded by documents only
  started_by  TEXT    NOT NULL,
  started_at  INTEGER NOT NULL,                    -- UTC seconds
  next_batch  INTEGER NOT NULL CHECK (next_batch > 0)
) STRICT;

CREATE TABLE tar_coding (
  item_id     INTEGER PRIMARY KEY REFERENCES item (id),
  responsive  INTEGER NOT NULL CHECK (responsive IN (0, 1)),
  -- 'reviewer', 'seed' (a known responsive document), or 'family'/'duplicate' (propagated).
  origin      TEXT    NOT NULL,
  coded_by    TEXT    NOT NULL,
  coded_at    INTEGER NOT NULL,
  -- The order decisions were made in (1, 2, ...; a recoding moves to the end): the gain curve
  -- and the knee rule read it; many codings share a second.
  seq         INTEGER NOT NULL
) STRICT;

CREATE TABLE tar_batch (
  round       INTEGER NOT NULL,
  rank        INTEGER NOT NULL,
  item_id     INTEGER NOT NULL REFERENCES item (id),
  score       REAL    NOT NULL,
  made_at     INTEGER NOT NULL,
  PRIMARY KEY (round, rank)
) STRICT;
