-- Web workspace accounts and sessions (issue 10). Number 0008: 0007 belongs to the demand area
-- (engineer C). The runner needs increasing numbers, not contiguous ones, so a case opens with
-- 0007 absent. Merger note: a case migrated to 8 before 0007 exists would never apply 0007
-- (the runner applies only versions above the case's); build test cases after both are merged.

-- One account per person. The password is stored only as libsodium's crypto_pwhash_str output
-- (Argon2id, salt and cost parameters inside the string), never in clear.
CREATE TABLE user_account (
  id             INTEGER PRIMARY KEY,
  name           TEXT    NOT NULL UNIQUE,
  role           TEXT    NOT NULL CHECK (role IN ('admin', 'reviewer', 'requester')),
  password_hash  TEXT    NOT NULL,
  created_at     INTEGER NOT NULL,
  disabled       INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
) STRICT;

-- A signed-in browser. The cookie carries a random token; only its SHA-256 (hex) is kept, so a copy
-- of the case file does not hand out live sessions. The CSRF token is sent back in a header on
-- every state-changing call and compared with this one.
CREATE TABLE user_session (
  token_sha256  TEXT    PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
  csrf_token    TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX user_session_expiry ON user_session (expires_at);
