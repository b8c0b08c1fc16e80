// Sessions ingested at run time (a report uploaded through one worker): their persistence, and the
// change notification that lets every other worker notice a new or removed session without a
// restart. Loading a session into the knowledge base is the engine's business; this module only
// keeps it and says when the set changed.
//
// Every add or remove bumps one version counter (store_versions) in the same transaction. A
// watcher compares versions: on PostgreSQL it is woken by a NOTIFY sent at commit (LISTEN on a
// connection of its own) and also polls, in case that connection was down when the NOTIFY went
// out; on SQLite it polls. Versions only grow, so a watcher never misses a change, at worst it
// sees two as one.
import { createHash } from "node:crypto";
import type { Clock } from "../clock.js";
import { fromJsonColumn, toJsonColumn, type JsonObject } from "./json.js";
import type { Sql } from "./sql.js";

export const SESSIONS_CHANNEL = "ingested_sessions";

export interface NewIngestedSession {
  /** The session's id as the knowledge base knows it, e.g. "cao-bang-2024". */
  id: string;
  title: string;
  province?: string | null;
  /** The session file (the knowledge schema's JSON), opaque here. */
  content: JsonObject;
  /** The report the session was read from, unchanged. */
  sourceText: string;
}

export interface IngestedSession {
  id: string;
  title: string;
  province: string | null;
  content: JsonObject;
  sourceText: string;
  /** sha256 (hex) of the NFC source text: the same report twice is one session. */
  contentHash: string;
  /** ISO instants. */
  createdAt: string;
  removedAt: string | null;
}

export type AddSessionResult =
  | { ok: true; session: IngestedSession; version: number }
  | { ok: false; reason: "duplicate_content" | "duplicate_id"; existing: IngestedSession };

export interface SessionChange {
  /** The store's version after the change(s) seen. */
  version: number;
}

export interface IngestedSessionStore {
  /** Adds a session; refused when a live session has the same id or the same source text. A removed id may be added again. */
  add(session: NewIngestedSession): Promise<AddSessionResult>;
  /** Marks a session removed (its row is kept); false when there was no live session with that id. */
  remove(id: string): Promise<{ removed: boolean; version: number }>;
  /** A session by id, removed or not. */
  get(id: string): Promise<IngestedSession | undefined>;
  /** The live sessions, oldest first. */
  list(): Promise<IngestedSession[]>;
  /** The live sessions and the version they are at, read together. */
  snapshot(): Promise<{ version: number; sessions: IngestedSession[] }>;
  /** The change counter: different means something was added or removed since. */
  version(): Promise<number>;
  /**
   * Calls `listener` after every change made by any worker on this store. Pass the version your
   * copy is at (from `snapshot`) so that a change made in between is not missed. Returns a
   * function that stops watching.
   */
  watch(listener: (change: SessionChange) => void, fromVersion?: number): () => void;
}

export const contentHashOf = (sourceText: string) => createHash("sha256").update(sourceText.normalize("NFC"), "utf8").digest("hex");

interface Row {
  id: string;
  title: string;
  province: string | null;
  content: unknown;
  source_text: string;
  content_hash: string;
  created_at: string;
  removed_at: string | null;
}

const toSession = (r: Row): IngestedSession => ({
  id: r.id,
  title: r.title,
  province: r.province,
  content: fromJsonColumn(r.content),
  sourceText: r.source_text,
  contentHash: r.content_hash,
  createdAt: r.created_at,
  removedAt: r.removed_at,
});

const VERSION = "SELECT version FROM store_versions WHERE name = 'ingested_sessions'";

/** Keeps the listeners of one store and tells them about new versions (one per store, shared by its transactions). */
export class SessionWatcher {
  private readonly listeners = new Map<(c: SessionChange) => void, { seen: number | undefined }>();
  private timer: NodeJS.Timeout | undefined;
  private stopListening: (() => void) | undefined;
  private checking: Promise<void> | undefined;

  constructor(
    private readonly readVersion: () => Promise<number>,
    private readonly options: { pollMs: number; listen?: (onSignal: () => void) => () => void },
  ) {}

  watch(listener: (c: SessionChange) => void, fromVersion?: number): () => void {
    this.listeners.set(listener, { seen: fromVersion });
    if (this.listeners.size === 1) {
      this.timer = setInterval(() => void this.check(), this.options.pollMs);
      this.timer.unref();
      this.stopListening = this.options.listen?.(() => void this.check());
    }
    void this.check();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Reads the version and calls every listener that has not seen it. */
  check(): Promise<void> {
    if (!this.listeners.size) return Promise.resolve();
    this.checking ??= (async () => {
      try {
        const version = await this.readVersion();
        for (const [listener, state] of this.listeners) {
          if (state.seen === undefined) state.seen = version; // a baseline, not a change
          else if (version > state.seen) {
            state.seen = version;
            try {
              listener({ version });
            } catch {
              // a listener's failure is its own; the others are still told
            }
          }
        }
      } catch {
        // store unreachable: the next poll tries again
      } finally {
        this.checking = undefined;
      }
    })();
    return this.checking;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.stopListening?.();
    this.stopListening = undefined;
  }
}

export class SqlIngestedSessions implements IngestedSessionStore {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly watcher: SessionWatcher,
  ) {}

  async add(session: NewIngestedSession): Promise<AddSessionResult> {
    const hash = contentHashOf(session.sourceText);
    const now = this.clock.now().toISOString();
    return this.sql.transaction(async (tx): Promise<AddSessionResult> => {
      await this.lock(tx);
      const sameId = await tx.get<Row>("SELECT * FROM ingested_sessions WHERE id = $1", [session.id]);
      if (sameId && sameId.removed_at === null) return { ok: false, reason: "duplicate_id", existing: toSession(sameId) };
      const sameContent = await tx.get<Row>("SELECT * FROM ingested_sessions WHERE content_hash = $1 AND removed_at IS NULL", [hash]);
      if (sameContent) return { ok: false, reason: "duplicate_content", existing: toSession(sameContent) };
      const values = [session.id, session.title, session.province ?? null, toJsonColumn(session.content), session.sourceText, hash, now];
      const row = sameId
        ? await tx.get<Row>(
            "UPDATE ingested_sessions SET title = $2, province = $3, content = $4, source_text = $5, content_hash = $6, created_at = $7, removed_at = NULL WHERE id = $1 RETURNING *",
            values,
          )
        : await tx.get<Row>(
            "INSERT INTO ingested_sessions (id, title, province, content, source_text, content_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *",
            values,
          );
      const version = await this.bump(tx);
      return { ok: true, session: toSession(row!), version };
    });
  }

  async remove(id: string): Promise<{ removed: boolean; version: number }> {
    return this.sql.transaction(async (tx) => {
      await this.lock(tx);
      const r = await tx.run("UPDATE ingested_sessions SET removed_at = $2 WHERE id = $1 AND removed_at IS NULL", [id, this.clock.now().toISOString()]);
      if (r.changes === 0) return { removed: false, version: await this.readVersion(tx) };
      return { removed: true, version: await this.bump(tx) };
    });
  }

  async get(id: string): Promise<IngestedSession | undefined> {
    const row = await this.sql.get<Row>("SELECT * FROM ingested_sessions WHERE id = $1", [id]);
    return row && toSession(row);
  }

  async list(): Promise<IngestedSession[]> {
    return (await this.sql.all<Row>("SELECT * FROM ingested_sessions WHERE removed_at IS NULL ORDER BY created_at, id")).map(toSession);
  }

  async snapshot(): Promise<{ version: number; sessions: IngestedSession[] }> {
    // One transaction: the list and the version belong together (PostgreSQL: REPEATABLE READ
    // would be stricter; the version is read first, so a change in between is seen again later).
    return this.sql.transaction(async (tx) => {
      const version = await this.readVersion(tx);
      const sessions = (await tx.all<Row>("SELECT * FROM ingested_sessions WHERE removed_at IS NULL ORDER BY created_at, id")).map(toSession);
      return { version, sessions };
    });
  }

  version(): Promise<number> {
    return this.readVersion(this.sql);
  }

  watch(listener: (change: SessionChange) => void, fromVersion?: number): () => void {
    return this.watcher.watch(listener, fromVersion);
  }

  private async readVersion(sql: Sql): Promise<number> {
    return Number((await sql.get<{ version: number }>(VERSION))?.version ?? 0);
  }

  /** Two workers adding at once: one after the other (the counter row's lock on PostgreSQL; the write lock on SQLite). */
  private async lock(tx: Sql): Promise<void> {
    if (tx.dialect === "postgres") await tx.get(VERSION + " FOR UPDATE");
  }

  private async bump(tx: Sql): Promise<number> {
    const row = await tx.get<{ version: number }>("UPDATE store_versions SET version = version + 1 WHERE name = 'ingested_sessions' RETURNING version");
    const version = Number(row!.version);
    // Sent by PostgreSQL at commit, to every worker that LISTENs; nothing is sent on rollback.
    if (tx.dialect === "postgres") await tx.get("SELECT pg_notify($1, $2)", [SESSIONS_CHANNEL, String(version)]);
    tx.afterCommit(() => void this.watcher.check());
    return version;
  }
}
