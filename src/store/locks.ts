// Locks across workers: a per-chat lock (updates of one chat are handled one at a time, in order)
// and the digest leadership (one worker at a time sends the digest round, so that N workers
// together stay under the platforms' bulk limits).
//
// PostgreSQL: session-level advisory locks, keyed (namespace, hashtext(key)). A lock is held by a
// connection, so it is released by PostgreSQL itself when its holder dies (SIGKILL, lost
// network): no lease to expire, no stale lock. Two keys with the same hash share a lock, which
// only makes two chats wait for each other now and then.
// SQLite: the store of one machine and one bot process, so the locks are in-process.
import type pg from "pg";
import { KeyedMutex } from "./mutex.js";
import type { PgDriver } from "./pg-driver.js";
import { isUnreachable } from "./pg-driver.js";
import { StoreUnavailableError } from "./sql.js";
import type { Logger } from "../log.js";

/** The first key of every advisory lock this bot takes: one number per kind of lock. */
export const LOCK_NAMESPACE = { migrations: 7301, chat: 7302, petition: 7303, leader: 7304 } as const;

export type LockAttempt<T> = { acquired: true; value: T } | { acquired: false };

export interface ChatLocks {
  /**
   * Runs `fn` holding the lock of `key` (e.g. "telegram:chat:123"), on every worker of the store
   * (PostgreSQL) or in this process (SQLite). Callers wait their turn: FIFO within a process,
   * PostgreSQL's lock queue between processes. Released when `fn` settles, or when the process dies.
   */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Like withLock, but gives up at once when the lock is held or awaited elsewhere. */
  tryWithLock<T>(key: string, fn: () => Promise<T>): Promise<LockAttempt<T>>;
}

export interface Leadership {
  /**
   * True when this process is the leader now: takes the leadership if nobody holds it, and checks
   * that it is still held when it was (a lost connection loses it). Cheap enough to call per tick.
   */
  acquire(): Promise<boolean>;
  /** Gives the leadership up (at shutdown), so another worker takes it at its next tick. */
  release(): Promise<void>;
}

export class LocalChatLocks implements ChatLocks {
  private readonly mutex = new KeyedMutex();
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.mutex.run(key, fn);
  }
  tryWithLock<T>(key: string, fn: () => Promise<T>): Promise<LockAttempt<T>> {
    return this.mutex.tryRun(key, fn);
  }
}

/** A SQLite store has one bot process: it always leads. */
export const localLeadership: Leadership = { acquire: async () => true, release: async () => undefined };

const unreachable = (err: unknown) =>
  isUnreachable(err) ? new StoreUnavailableError("unreachable", "the PostgreSQL store cannot be reached", err) : err;

export class PgChatLocks implements ChatLocks {
  // Updates of one chat inside this worker queue here first (FIFO), so that only one of them at a
  // time asks PostgreSQL for the chat's lock.
  private readonly local = new KeyedMutex();
  // Uncontended locks are all held by this one session: a lock held while an answer is sent (tens
  // of milliseconds of network) must not cost a connection each, or a worker could answer only as
  // many chats at once as it has connections. A lock held by another worker is waited for on a
  // connection of the lock pool (pg_advisory_lock blocks: no polling).
  private shared: Promise<pg.Client> | undefined;

  constructor(
    private readonly driver: PgDriver,
    private readonly log?: Logger,
  ) {}

  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.local.run(key, async () => {
      const shared = await this.sharedClient();
      if (await this.tryOn(shared, key)) return this.holding(shared, key, fn, () => undefined);
      const client = await this.driver.checkout(this.driver.lockPool);
      try {
        await client.query("SELECT pg_advisory_lock($1, hashtext($2))", [LOCK_NAMESPACE.chat, key]);
      } catch (err) {
        client.release(err as Error);
        throw unreachable(err);
      }
      return this.holding(client, key, fn, (err) => client.release(err));
    });
  }

  async tryWithLock<T>(key: string, fn: () => Promise<T>): Promise<LockAttempt<T>> {
    const attempt = await this.local.tryRun(key, async (): Promise<LockAttempt<T>> => {
      const shared = await this.sharedClient();
      if (!(await this.tryOn(shared, key))) return { acquired: false };
      return { acquired: true, value: await this.holding(shared, key, fn, () => undefined) };
    });
    return attempt.acquired ? attempt.value : attempt;
  }

  async close(): Promise<void> {
    const shared = this.shared;
    this.shared = undefined;
    await shared?.then((c) => c.end()).catch(() => undefined);
  }

  private sharedClient(): Promise<pg.Client> {
    this.shared ??= this.driver.dedicatedClient().then(
      (client) => {
        const lost = () => {
          // PostgreSQL has freed every lock of that session; handlers still running no longer
          // exclude other workers, which is said loudly. The next lock opens a new session.
          if (this.shared) this.log?.error("postgres: the chat-lock connection was lost; locks held on it are gone");
          this.shared = undefined;
        };
        client.on("error", lost);
        client.on("end", lost);
        return client;
      },
      (err: unknown) => {
        this.shared = undefined;
        throw err;
      },
    );
    return this.shared;
  }

  private async tryOn(client: pg.ClientBase, key: string): Promise<boolean> {
    try {
      return (await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok", [LOCK_NAMESPACE.chat, key])).rows[0]!.ok;
    } catch (err) {
      throw unreachable(err);
    }
  }

  /** Runs fn, then unlocks on the session that locked; `done` gives a pool connection back (with the error if it broke). */
  private async holding<T>(client: pg.ClientBase, key: string, fn: () => Promise<T>, done: (err?: Error) => void): Promise<T> {
    try {
      return await fn();
    } finally {
      try {
        await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [LOCK_NAMESPACE.chat, key]);
        done();
      } catch (err) {
        // Could not unlock: the session is broken, which frees the lock; a pool connection is dropped.
        done(err as Error);
      }
    }
  }
}

export class PgLeadership implements Leadership {
  private client: pg.Client | undefined;
  private held = false;

  constructor(
    private readonly driver: PgDriver,
    private readonly name: string,
    private readonly log?: Logger,
  ) {}

  async acquire(): Promise<boolean> {
    if (this.client && this.held) {
      try {
        await this.client.query("SELECT 1");
        return true;
      } catch {
        this.drop(); // the session is gone, and the lock with it: compete again below
      }
    }
    try {
      if (!this.client) {
        const client = await this.driver.dedicatedClient();
        client.on("error", () => this.drop());
        this.client = client;
      }
      const r = await this.client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok", [LOCK_NAMESPACE.leader, this.name]);
      const was = this.held;
      this.held = r.rows[0]!.ok;
      if (this.held && !was) this.log?.info({ leadership: this.name }, "this worker now leads");
      return this.held;
    } catch (err) {
      this.log?.warn({ err: { message: (err as Error).message }, leadership: this.name }, "could not compete for leadership");
      this.drop();
      return false;
    }
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.held = false;
    // Ending the session frees the lock; no unlock round trip needed.
    await client?.end().catch(() => undefined);
  }

  private drop(): void {
    const client = this.client;
    this.client = undefined;
    if (this.held) this.log?.warn({ leadership: this.name }, "leadership lost (connection to PostgreSQL broken)");
    this.held = false;
    void client?.end().catch(() => undefined);
  }
}
