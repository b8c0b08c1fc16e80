// Numbered schema migrations, applied in order at startup, each inside a transaction.
// Append only: a migration that has shipped is never edited, a change is a new number.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    // Digest subscriptions and deliveries (src/store/subscriptions.ts). One delivery row per chat
    // per local day: UNIQUE(chat_id, local_date) is what makes "exactly once per day" hold even
    // across processes; see src/store/subscriptions.ts for the claim protocol.
    version: 1,
    name: "digest subscriptions and deliveries",
    sql: `
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
  },
  {
    // Petition status history (src/store/petitions.ts): one appended row per change; the current
    // status is the latest row. The source's state is each petition's first row (from_source = 1).
    version: 2,
    name: "petition status history",
    sql: `
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
  },
];
