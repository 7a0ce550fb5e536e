-- Sessions as first-class records. Times are microseconds since the Unix epoch (UTC).
-- key_hash is base64url(SHA-256(session key)); the raw key is never stored.
CREATE TABLE sessions (
  key_hash TEXT NOT NULL PRIMARY KEY,
  session_id TEXT NOT NULL UNIQUE,
  user_id TEXT NULL,
  data TEXT NOT NULL,
  ip_address TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT '',
  idle_timeout_seconds INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  last_activity_time INTEGER NOT NULL,
  expire_time INTEGER NOT NULL,
  version INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user_activity ON sessions (user_id, last_activity_time);
CREATE INDEX sessions_expire_time ON sessions (expire_time);
