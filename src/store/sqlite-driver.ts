// The Sql executor over one better-sqlite3 connection (version 12: 13 needs Node 22).
//
// Never blocking the event loop on a lock (issue 13, item 7). better-sqlite3 is synchronous, and
// its busy handler waits *inside* the call: with the old busy_timeout of 5 s, a lock held by
// another process (a backup, a second bot) froze every chat. Here the busy timeout is a few
// milliseconds, and a statement or transaction that finds the file locked gives the connection
// back, waits asynchronously (backoff with jitter) and tries again, up to its `waitMs`; then it
// fails with StoreUnavailableError and has written nothing. Meanwhile other requests use the
// connection: reads never wait for the lock (WAL), and best-effort writes make one attempt.
//
// One connection, used by one caller at a time (a FIFO mutex), because a transaction spans
// awaits: a statement from elsewhere must not land inside someone else's transaction. Code
// running inside a transaction (found through AsyncLocalStorage) joins it instead of queueing
// behind it, which would deadlock.
import Database from "better-sqlite3";
import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Mutex } from "./mutex.js";
import { backoffMs, sleep, StoreUnavailableError, type QueryOptions, type RunResult, type Sql, type SqlParam } from "./sql.js";

export type SqliteDatabase = Database.Database;

/** Milliseconds better-sqlite3 may spin on a lock inside one call: short enough never to be felt. */
export const SQLITE_BUSY_TIMEOUT_MS = 2;

export interface SqliteDriverOptions {
  /** Default `waitMs` for statements and transactions. */
  writeWaitMs: number;
}

interface TxState {
  driver: SqliteDriver;
  afterCommit: Array<() => void>;
  /**
   * False once the transaction has ended: a callback created inside it (a timer, a listener)
   * inherits the async context, and must not think it is still inside.
   */
  active: boolean;
}

/** "$2 … $1 … $2" → "? … ? … ?" with the values in that order (better-sqlite3 has no numbered "?N" for arrays). */
export function toSqliteParams(text: string, params: readonly SqlParam[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const out = text.replace(/\$(\d+)/g, (_m, n: string) => {
    const i = Number(n) - 1;
    if (i < 0 || i >= params.length) throw new Error(`SQL parameter $${n} has no value (${params.length} given)`);
    const v = params[i];
    values.push(typeof v === "boolean" ? (v ? 1 : 0) : v);
    return "?";
  });
  return { text: out, values };
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}

export class SqliteDriver implements Sql {
  readonly dialect = "sqlite" as const;
  private db: SqliteDatabase | undefined;
  private readonly mutex = new Mutex();
  private readonly als = new AsyncLocalStorage<TxState>();
  private closed = false;

  constructor(
    readonly path: string,
    private readonly options: SqliteDriverOptions,
  ) {}

  /** The connection, opened on first use (the file and its folder are created then). */
  handle(): SqliteDatabase {
    if (this.closed) throw new Error("the store is closed");
    if (!this.db) {
      if (this.path !== ":memory:") mkdirSync(dirname(this.path), { recursive: true });
      const db = new Database(this.path);
      try {
        db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
        db.pragma("journal_mode = WAL");
        db.pragma("foreign_keys = ON");
        db.pragma("synchronous = NORMAL");
      } catch (err) {
        db.close(); // busy while switching to WAL: the caller's retry opens it again
        throw err;
      }
      this.db = db;
    }
    return this.db;
  }

  get isOpen(): boolean {
    return this.db !== undefined && !this.closed;
  }

  all<T>(text: string, params: readonly SqlParam[] = [], opts?: QueryOptions): Promise<T[]> {
    return this.statement(opts, (db) => {
      const q = toSqliteParams(text, params);
      return db.prepare(q.text).all(...q.values) as T[];
    });
  }

  get<T>(text: string, params: readonly SqlParam[] = [], opts?: QueryOptions): Promise<T | undefined> {
    return this.statement(opts, (db) => {
      const q = toSqliteParams(text, params);
      return db.prepare(q.text).get(...q.values) as T | undefined;
    });
  }

  run(text: string, params: readonly SqlParam[] = [], opts?: QueryOptions): Promise<RunResult> {
    return this.statement(opts, (db) => {
      const q = toSqliteParams(text, params);
      const stmt = db.prepare(q.text);
      // A statement with RETURNING must be stepped like a query; its changes are its rows.
      if (stmt.reader) return { changes: stmt.all(...q.values).length };
      return { changes: stmt.run(...q.values).changes };
    });
  }

  /** Several statements without parameters (migrations). */
  exec(text: string, opts?: QueryOptions): Promise<void> {
    return this.statement(opts, (db) => void db.exec(text));
  }

  afterCommit(cb: () => void): void {
    const tx = this.als.getStore();
    if (tx?.driver === this && tx.active) tx.afterCommit.push(cb);
    else cb();
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>, opts?: QueryOptions): Promise<T> {
    const current = this.als.getStore();
    if (current?.driver === this && current.active) return fn(this);
    const deadline = Date.now() + (opts?.waitMs ?? this.options.writeWaitMs);
    for (let attempt = 0; ; attempt++) {
      const release = await this.mutex.acquire();
      let began = false;
      const state: TxState = { driver: this, afterCommit: [], active: true };
      try {
        const db = this.handle();
        db.exec("BEGIN IMMEDIATE");
        began = true;
        const value = await this.als.run(state, () => fn(this));
        db.exec("COMMIT");
        began = false;
        state.active = false;
        release();
        for (const cb of state.afterCommit) cb();
        return value;
      } catch (err) {
        state.active = false;
        if (began && this.db?.inTransaction) {
          try {
            this.db.exec("ROLLBACK");
          } catch {
            // the transaction is gone already (SQLite rolls back by itself on some errors)
          }
        }
        release();
        if (!isBusy(err)) throw err;
        if (Date.now() >= deadline) throw new StoreUnavailableError("busy", "the SQLite store is locked by another process; nothing was written", err);
        await sleep(backoffMs(attempt));
      }
    }
  }

  /** One statement (or a direct call inside the caller's transaction), retried off the event loop while busy. */
  private async statement<T>(opts: QueryOptions | undefined, op: (db: SqliteDatabase) => T): Promise<T> {
    const tx = this.als.getStore();
    if (tx?.driver === this && tx.active) return op(this.handle());
    const deadline = Date.now() + (opts?.waitMs ?? this.options.writeWaitMs);
    for (let attempt = 0; ; attempt++) {
      const release = await this.mutex.acquire();
      try {
        return op(this.handle());
      } catch (err) {
        if (!isBusy(err)) throw err;
        if (Date.now() >= deadline) throw new StoreUnavailableError("busy", "the SQLite store is locked by another process; nothing was written", err);
      } finally {
        release();
      }
      await sleep(backoffMs(attempt));
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Let a transaction in progress finish rather than cutting it off.
    const release = await this.mutex.acquire();
    this.closed = true;
    this.db?.close();
    release();
  }
}
