-- Merges of two records (domain/merge): the record merged away is kept, soft-deleted, and its last
-- state and what moved to the survivor are written here, so a merge can be looked up and undone by
-- hand. `merged_record` and `moved` are JSON.
CREATE TABLE record_merges (
  id INTEGER PRIMARY KEY,
  object TEXT NOT NULL,
  into_id INTEGER NOT NULL,
  from_id INTEGER NOT NULL,
  merged_record TEXT NOT NULL,
  moved TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by INTEGER
);
CREATE INDEX record_merges_into ON record_merges (object, into_id, id);
CREATE INDEX record_merges_from ON record_merges (object, from_id);
