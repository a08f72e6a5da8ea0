-- Custom metadata (DESIGN 3.3, STYLE 7): custom objects and custom fields as rows. At start they are
-- merged with the built-in definitions (meta/builtin/*.json) into the registry, and a change is
-- written with its DDL in one transaction (domain/meta/meta_service.cc). `definition` is JSON in the
-- format of meta/builtin/*.json.

-- One row per custom object. Its definition has "fields": []; its fields are meta_fields rows.
CREATE TABLE meta_objects (
  name TEXT PRIMARY KEY,
  definition TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- One row per custom field, of a built-in or a custom object. An object's custom fields follow its
-- built-in ones, by position.
CREATE TABLE meta_fields (
  object TEXT NOT NULL,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  position INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (object, name)
);

-- The version of the metadata, one row: every change bumps it in its transaction, which also
-- serializes changes; other nodes compare it with their registry's and reload when it differs.
CREATE TABLE meta_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
INSERT INTO meta_state (id, version, updated_at) VALUES (1, 1, 0);
