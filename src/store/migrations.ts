// Numbered schema migrations, applied in order at startup, each inside a transaction; the same
// numbers on both backends, one SQL text per backend (SQLite STRICT tables; PostgreSQL types).
// Append only: a migration that has shipped is never edited, a change is a new number.
//
// Conventions: instants that existing code compares as text stay ISO 8601 TEXT (written by
// Date#toISOString, so text order is time order); new expiry columns are epoch milliseconds
// (INTEGER / BIGINT). JSON is TEXT checked by json_valid() on SQLite and JSONB on PostgreSQL.
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const migrations: Migration[] = [
  {
    // Digest subscriptions and deliveries (src/store/subscriptions.ts). One delivery row per chat
    // per local day: UNIQUE(chat_id, local_date) is what makes "exactly once per day" hold even
    // across processes; see src/store/subscriptions.ts for the claim protocol.
    version: 1,
    name: "digest subscriptions and deliveries",
    sqlite: `
      CREATE TABLE digest_subscriptions (
        chat_id    TEXT PRIMARY KEY,
        time       TEXT NOT NULL CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]' AND time <= '23:59'),
        timezone   TEXT NOT NULL,
        lang       TEXT NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE digest_deliveries (
        id              INTEGER PRIMARY KEY,
        chat_id         TEXT NOT NULL,
        local_date      TEXT NOT NULL CHECK (local_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        status          TEXT NOT NULL CHECK (status IN ('claimed', 'sending', 'sent', 'failed')),
        attempts        INTEGER NOT NULL CHECK (attempts >= 1),
        claim_token     TEXT NOT NULL,
        claimed_at      TEXT NOT NULL,
        send_started_at TEXT,
        sent_at         TEXT,
        failed_at       TEXT,
        last_error      TEXT,
        UNIQUE (chat_id, local_date)
      ) STRICT;
      CREATE INDEX digest_deliveries_by_status ON digest_deliveries (chat_id, status, local_date);
    `,
    postgres: `
      CREATE TABLE digest_subscriptions (
        chat_id    TEXT PRIMARY KEY,
        time       TEXT NOT NULL CHECK (time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        timezone   TEXT NOT NULL,
        lang       TEXT NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE digest_deliveries (
        id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        chat_id         TEXT NOT NULL,
        local_date      TEXT NOT NULL CHECK (local_date ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'),
        status          TEXT NOT NULL CONSTRAINT digest_deliveries_status_check CHECK (status IN ('claimed', 'sending', 'sent', 'failed')),
        attempts        INTEGER NOT NULL CHECK (attempts >= 1),
        claim_token     TEXT NOT NULL,
        claimed_at      TEXT NOT NULL,
        send_started_at TEXT,
        sent_at         TEXT,
        failed_at       TEXT,
        last_error      TEXT,
        UNIQUE (chat_id, local_date)
      );
      CREATE INDEX digest_deliveries_by_status ON digest_deliveries (chat_id, status, local_date);
    `,
  },
  {
    // Petition status history (src/store/petitions.ts): one appended row per change; the current
    // status is the latest row. The source's state is each petition's first row (from_source = 1).
    version: 2,
    name: "petition status history",
    sqlite: `
      CREATE TABLE petition_history (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id  TEXT NOT NULL,
        petition_id TEXT NOT NULL,
        at          TEXT NOT NULL,
        by          TEXT NOT NULL,
        by_name     TEXT,
        from_status TEXT,
        to_status   TEXT NOT NULL,
        note        TEXT,
        reference   TEXT,
        from_source INTEGER NOT NULL DEFAULT 0 CHECK (from_source IN (0, 1)),
        CHECK (from_source = 0 OR from_status IS NULL)
      ) STRICT;
      CREATE INDEX petition_history_by_petition ON petition_history (session_id, petition_id, seq);
      CREATE INDEX petition_history_changes ON petition_history (at) WHERE from_source = 0;
      -- At most one source row per petition: seeding at every start is idempotent.
      CREATE UNIQUE INDEX petition_history_one_source_row ON petition_history (session_id, petition_id) WHERE from_source = 1;
    `,
    postgres: `
      CREATE TABLE petition_history (
        seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        session_id  TEXT NOT NULL,
        petition_id TEXT NOT NULL,
        at          TEXT NOT NULL,
        "by"        TEXT NOT NULL,
        by_name     TEXT,
        from_status TEXT,
        to_status   TEXT NOT NULL,
        note        TEXT,
        reference   TEXT,
        from_source SMALLINT NOT NULL DEFAULT 0 CHECK (from_source IN (0, 1)),
        CHECK (from_source = 0 OR from_status IS NULL)
      );
      CREATE INDEX petition_history_by_petition ON petition_history (session_id, petition_id, seq);
      CREATE INDEX petition_history_changes ON petition_history (at) WHERE from_source = 0;
      CREATE UNIQUE INDEX petition_history_one_source_row ON petition_history (session_id, petition_id) WHERE from_source = 1;
    `,
  },
  {
    // A fifth delivery status, "unknown": the send was handed to the platform and its outcome
    // never came back (network error after the request was written, a timeout). Such a digest
    // may have arrived, so it is never sent again that day (issue 13, item 3). SQLite cannot
    // change a CHECK constraint in place: the table is rebuilt with its rows.
    version: 3,
    name: "digest delivery outcome unknown",
    sqlite: `
      CREATE TABLE digest_deliveries_v3 (
        id              INTEGER PRIMARY KEY,
        chat_id         TEXT NOT NULL,
        local_date      TEXT NOT NULL CHECK (local_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        status          TEXT NOT NULL CHECK (status IN ('claimed', 'sending', 'sent', 'failed', 'unknown')),
        attempts        INTEGER NOT NULL CHECK (attempts >= 1),
        claim_token     TEXT NOT NULL,
        claimed_at      TEXT NOT NULL,
        send_started_at TEXT,
        sent_at         TEXT,
        failed_at       TEXT,
        last_error      TEXT,
        unknown_at      TEXT,
        UNIQUE (chat_id, local_date)
      ) STRICT;
      INSERT INTO digest_deliveries_v3 (id, chat_id, local_date, status, attempts, claim_token, claimed_at, send_started_at, sent_at, failed_at, last_error)
        SELECT id, chat_id, local_date, status, attempts, claim_token, claimed_at, send_started_at, sent_at, failed_at, last_error FROM digest_deliveries;
      DROP TABLE digest_deliveries;
      ALTER TABLE digest_deliveries_v3 RENAME TO digest_deliveries;
      CREATE INDEX digest_deliveries_by_status ON digest_deliveries (chat_id, status, local_date);
    `,
    postgres: `
      ALTER TABLE digest_deliveries DROP CONSTRAINT digest_deliveries_status_check;
      ALTER TABLE digest_deliveries ADD CONSTRAINT digest_deliveries_status_check CHECK (status IN ('claimed', 'sending', 'sent', 'failed', 'unknown'));
      ALTER TABLE digest_deliveries ADD COLUMN unknown_at TEXT;
    `,
  },
  {
    // What used to live in one process's memory, shared by every worker (issue 12):
    // - handled_updates: Telegram update_ids and Discord interaction ids already answered,
    //   claimed in the same transaction as the write they cause (src/store/updates.ts);
    // - update_inbox: webhook updates received but not yet handled, drained per chat in
    //   update_id order under the chat lock (worker mode);
    // - conversation_frames: follow-up context per conversation, with its expiry;
    // - rate_limit_windows: per-user message counts per fixed window;
    // - suggestion_buttons: long suggestion inputs behind a random nonce, with their expiry.
    version: 4,
    name: "shared conversation state",
    sqlite: `
      CREATE TABLE handled_updates (
        platform   TEXT NOT NULL,
        update_id  TEXT NOT NULL,
        handled_at INTEGER NOT NULL,
        PRIMARY KEY (platform, update_id)
      ) STRICT;
      CREATE INDEX handled_updates_by_time ON handled_updates (handled_at);
      CREATE TABLE update_inbox (
        platform    TEXT NOT NULL,
        update_id   INTEGER NOT NULL,
        chat_key    TEXT NOT NULL,
        payload     TEXT NOT NULL CHECK (json_valid(payload)),
        received_at INTEGER NOT NULL,
        PRIMARY KEY (platform, update_id)
      ) STRICT;
      CREATE INDEX update_inbox_by_chat ON update_inbox (chat_key, update_id);
      CREATE INDEX update_inbox_by_age ON update_inbox (received_at);
      CREATE TABLE conversation_frames (
        key        TEXT PRIMARY KEY,
        frame      TEXT NOT NULL CHECK (json_valid(frame)),
        expires_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX conversation_frames_by_expiry ON conversation_frames (expires_at);
      CREATE TABLE rate_limit_windows (
        key          TEXT NOT NULL,
        window_start INTEGER NOT NULL,
        hits         INTEGER NOT NULL,
        PRIMARY KEY (key, window_start)
      ) STRICT;
      CREATE INDEX rate_limit_windows_by_start ON rate_limit_windows (window_start);
      CREATE TABLE suggestion_buttons (
        nonce      TEXT PRIMARY KEY,
        input      TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX suggestion_buttons_by_expiry ON suggestion_buttons (expires_at);
    `,
    postgres: `
      CREATE TABLE handled_updates (
        platform   TEXT NOT NULL,
        update_id  TEXT NOT NULL,
        handled_at BIGINT NOT NULL,
        PRIMARY KEY (platform, update_id)
      );
      CREATE INDEX handled_updates_by_time ON handled_updates (handled_at);
      CREATE TABLE update_inbox (
        platform    TEXT NOT NULL,
        update_id   BIGINT NOT NULL,
        chat_key    TEXT NOT NULL,
        payload     JSONB NOT NULL,
        received_at BIGINT NOT NULL,
        PRIMARY KEY (platform, update_id)
      );
      CREATE INDEX update_inbox_by_chat ON update_inbox (chat_key, update_id);
      CREATE INDEX update_inbox_by_age ON update_inbox (received_at);
      CREATE TABLE conversation_frames (
        key        TEXT PRIMARY KEY,
        frame      JSONB NOT NULL,
        expires_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE INDEX conversation_frames_by_expiry ON conversation_frames (expires_at);
      CREATE TABLE rate_limit_windows (
        key          TEXT NOT NULL,
        window_start BIGINT NOT NULL,
        hits         INTEGER NOT NULL,
        PRIMARY KEY (key, window_start)
      );
      CREATE INDEX rate_limit_windows_by_start ON rate_limit_windows (window_start);
      CREATE TABLE suggestion_buttons (
        nonce      TEXT PRIMARY KEY,
        input      TEXT NOT NULL,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX suggestion_buttons_by_expiry ON suggestion_buttons (expires_at);
    `,
  },
  {
    // Sessions ingested at run time (src/store/ingested-sessions.ts). At most one live session per
    // content hash; a removed one keeps its row (removed_at) so that its id is not reused by
    // accident. store_versions counts changes: a worker compares its version to notice a session
    // another worker added or removed (PostgreSQL also sends a NOTIFY on commit).
    version: 5,
    name: "ingested sessions",
    sqlite: `
      CREATE TABLE ingested_sessions (
        id           TEXT PRIMARY KEY,
        title        TEXT NOT NULL,
        province     TEXT,
        content      TEXT NOT NULL CHECK (json_valid(content)),
        source_text  TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        removed_at   TEXT
      ) STRICT;
      CREATE UNIQUE INDEX ingested_sessions_one_per_content ON ingested_sessions (content_hash) WHERE removed_at IS NULL;
      CREATE TABLE store_versions (
        name    TEXT PRIMARY KEY,
        version INTEGER NOT NULL
      ) STRICT;
      INSERT INTO store_versions (name, version) VALUES ('ingested_sessions', 0);
    `,
    postgres: `
      CREATE TABLE ingested_sessions (
        id           TEXT PRIMARY KEY,
        title        TEXT NOT NULL,
        province     TEXT,
        content      JSONB NOT NULL,
        source_text  TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        removed_at   TEXT
      );
      CREATE UNIQUE INDEX ingested_sessions_one_per_content ON ingested_sessions (content_hash) WHERE removed_at IS NULL;
      CREATE TABLE store_versions (
        name    TEXT PRIMARY KEY,
        version BIGINT NOT NULL
      );
      INSERT INTO store_versions (name, version) VALUES ('ingested_sessions', 0);
    `,
  },
  {
    // Safe admin actions (issue 14):
    // - petition_history.kind: an ordinary change, an undo of the latest change, or an admin's
    //   correction (which may leave "Đã giải quyết"); corrects_seq names the row undone or
    //   corrected. Nothing is ever deleted: an undo is one more row.
    // - pending_confirmations: an admin action shown and waiting for its confirmation button,
    //   behind a random nonce (as suggestion_buttons), valid until expires_at and usable once
    //   (used_at), so that any worker can confirm it and an old or used button is recognised.
    version: 6,
    name: "petition corrections and pending confirmations",
    sqlite: `
      ALTER TABLE petition_history ADD COLUMN kind TEXT NOT NULL DEFAULT 'change' CHECK (kind IN ('change', 'undo', 'correction'));
      ALTER TABLE petition_history ADD COLUMN corrects_seq INTEGER;
      CREATE TABLE pending_confirmations (
        nonce      TEXT PRIMARY KEY,
        action     TEXT NOT NULL,
        chat_id    TEXT NOT NULL,
        user_id    TEXT NOT NULL,
        payload    TEXT NOT NULL CHECK (json_valid(payload)),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at    INTEGER,
        outcome    TEXT
      ) STRICT;
      CREATE INDEX pending_confirmations_by_expiry ON pending_confirmations (expires_at);
    `,
    postgres: `
      ALTER TABLE petition_history ADD COLUMN kind TEXT NOT NULL DEFAULT 'change' CHECK (kind IN ('change', 'undo', 'correction'));
      ALTER TABLE petition_history ADD COLUMN corrects_seq BIGINT;
      CREATE TABLE pending_confirmations (
        nonce      TEXT PRIMARY KEY,
        action     TEXT NOT NULL,
        chat_id    TEXT NOT NULL,
        user_id    TEXT NOT NULL,
        payload    JSONB NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        used_at    BIGINT,
        outcome    TEXT
      );
      CREATE INDEX pending_confirmations_by_expiry ON pending_confirmations (expires_at);
    `,
  },
];

/** The highest version this code knows; health reports a store behind it as not ready. */
export const LATEST_MIGRATION = Math.max(...migrations.map((m) => m.version));
