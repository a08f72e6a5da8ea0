-- Foundation: the outbox of domain events, durable consumer positions, and tags.
-- Times are microseconds since the Unix epoch (UTC) in both dialects.

-- Domain events, appended in the transaction of the change they describe (DESIGN 3.1).
-- Consumers read in (tx_id, id) order; tx_id is always 0 on SQLite, whose single writer commits in id order.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tx_id INTEGER NOT NULL DEFAULT 0,
  topic TEXT NOT NULL,
  aggregate_type TEXT NOT NULL,
  aggregate_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX outbox_order ON outbox (tx_id, id);

-- The durable position of each outbox consumer: the last (tx_id, id) it has handled.
CREATE TABLE outbox_consumers (
  name TEXT PRIMARY KEY,
  tx_id INTEGER NOT NULL,
  event_id INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Labels that can be put on any record; names are unique without regard to case.
CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  color TEXT,
  description TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX tags_name_key ON tags (lower(name));
