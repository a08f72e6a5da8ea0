-- The record engine's shared tables. Object tables themselves (people, organizations, ... and custom
-- co_<name> tables) are created and extended from metadata by meta/migration_planner.

-- The values of link_many fields: one row per link, so both directions are indexed lookups
-- (an interaction's participants, and the interactions a person took part in).
CREATE TABLE record_links (
  object TEXT NOT NULL,
  field TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  target_id BIGINT NOT NULL,
  PRIMARY KEY (object, field, record_id, target_id)
);
CREATE INDEX record_links_target ON record_links (object, field, target_id, record_id);

-- The first answer to a POST with an Idempotency-Key, returned again for a repeat of the key.
-- request_hash tells a repeat from a different request that reuses the key (422).
CREATE TABLE idempotency_keys (
  key TEXT NOT NULL,
  scope TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response TEXT NOT NULL,
  location TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
