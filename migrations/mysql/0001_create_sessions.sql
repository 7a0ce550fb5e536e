-- Sessions as first-class records. Times are microseconds since the Unix epoch (UTC).
-- key_hash is base64url(SHA-256(session key)); the raw key is never stored.
CREATE TABLE sessions (
  key_hash CHAR(43) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  session_id CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  user_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  data MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  ip_address VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  user_agent VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '',
  idle_timeout_seconds BIGINT NOT NULL,
  create_time BIGINT NOT NULL,
  last_activity_time BIGINT NOT NULL,
  expire_time BIGINT NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (key_hash),
  UNIQUE KEY sessions_session_id (session_id),
  KEY sessions_user_activity (user_id, last_activity_time),
  KEY sessions_expire_time (expire_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
