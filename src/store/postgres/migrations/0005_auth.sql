-- Sign-in (domain/auth). Secrets are stored as SHA-256 (tokens, keys) or argon2id (passwords), never
-- as given. Times are microseconds since the epoch. user_id names a row of `users`, a table the
-- metadata creates after the migrations, so it carries no foreign key.
CREATE TABLE user_credentials (
  user_id BIGINT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  changed_at BIGINT NOT NULL
);
-- Server-side sessions: the cookie holds a random token, this table its hash, so that any node can
-- serve any request and a stolen database holds no usable cookie.
CREATE TABLE auth_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  ip TEXT NOT NULL,
  user_agent TEXT NOT NULL
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);
CREATE TABLE api_keys (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  scope TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  last_used_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX api_keys_user ON api_keys (user_id, id);
-- Failed sign-ins per subject ("account:<email>" or "ip:<address>"): the delay before the next
-- attempt grows with them (domain/auth/login_throttle.h).
CREATE TABLE login_throttle (
  subject TEXT PRIMARY KEY,
  failures BIGINT NOT NULL,
  locked_until BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
