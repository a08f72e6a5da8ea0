-- Settings of the rules (domain/sales/sales_settings.h): one row per key that differs from its
-- default. Values are text; the code that reads a key checks it when it is written.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
