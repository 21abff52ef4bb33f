-- Saved searches (issue 4): every search a person ran, who ran it, when, and how many items it
-- found, so a production's certificate can list the searches behind it. Rows are only added.
CREATE TABLE saved_search (
  id      INTEGER PRIMARY KEY,
  query   TEXT    NOT NULL,
  -- How the query was read: 'and' (spaces between words mean AND) or 'phrase' (dtSearch's
  -- reading: a run of words is a phrase).
  spaces  TEXT    NOT NULL CHECK (spaces = 'and' OR spaces = 'phrase'),
  -- What ran it: 'search' (bates search) or 'terms' (a line of a search-term report).
  origin  TEXT    NOT NULL CHECK (origin = 'search' OR origin = 'terms'),
  ran_by  TEXT    NOT NULL,
  ran_at  INTEGER NOT NULL,  -- UTC seconds
  hits    INTEGER NOT NULL CHECK (hits >= 0)
) STRICT;
CREATE INDEX saved_search_query ON saved_search (query);
