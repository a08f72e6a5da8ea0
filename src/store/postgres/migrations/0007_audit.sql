-- The audit log (domain/audit/audit_log.h): who did what to which record, when and from where.
-- Append-only: no API or command updates or deletes a row; only a person's erasure blanks the
-- personal values in the details of that person's entries (DESIGN 1.7).
CREATE TABLE audit_log (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at BIGINT NOT NULL,
  actor BIGINT,
  action TEXT NOT NULL,
  object TEXT,
  record_id BIGINT,
  detail TEXT NOT NULL,
  ip TEXT,
  request_id TEXT
);
CREATE INDEX audit_log_record ON audit_log (object, record_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor, id);
