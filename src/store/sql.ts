// The one thing every store module is written against: an async SQL executor, implemented over
// better-sqlite3 (sqlite-driver.ts) and over node-postgres (pg-driver.ts). Statements use
// PostgreSQL's numbered placeholders ($1, $2, …) on both backends; the SQLite driver rewrites them.
// A module that needs different SQL per backend branches on `dialect`; nothing outside src/store/
// sees SQL.

export type Dialect = "sqlite" | "postgres";

export type SqlParam = string | number | bigint | boolean | null;

export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

export interface QueryOptions {
  /**
   * How long to keep trying while the store is busy (SQLite: another process holds the write
   * lock) before giving up with StoreUnavailableError. 0 makes a single attempt: for best-effort
   * bookkeeping (rate limits, update claims of read-only answers) that must never make a chat
   * wait. Default: the store's write wait (STORE_WRITE_WAIT_MS). PostgreSQL ignores it: its
   * row locks wait without blocking anything but the statement that waits.
   */
  waitMs?: number;
}

export interface Sql {
  readonly dialect: Dialect;
  all<T>(text: string, params?: readonly SqlParam[], opts?: QueryOptions): Promise<T[]>;
  get<T>(text: string, params?: readonly SqlParam[], opts?: QueryOptions): Promise<T | undefined>;
  run(text: string, params?: readonly SqlParam[], opts?: QueryOptions): Promise<RunResult>;
  /**
   * Runs `fn` inside one write transaction (SQLite: BEGIN IMMEDIATE, so the write lock is taken
   * up front; PostgreSQL: BEGIN … COMMIT at READ COMMITTED, with explicit locks where a module
   * needs them). Called inside a transaction, it joins it. `fn` may be run more than once (the
   * store was busy, or PostgreSQL reported a serialization failure or a deadlock), so it must do
   * nothing but store work through `tx`: no messages sent, no outside state changed; use
   * `afterCommit` for that.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>, opts?: QueryOptions): Promise<T>;
  /** Inside a transaction: runs `cb` once it has committed (never if it rolls back). Outside one: at once. */
  afterCommit(cb: () => void): void;
}

/**
 * The store could not do what was asked, and nothing was written: busy past the wait (SQLite
 * locked by another process), or unreachable (PostgreSQL down). The command layer turns it into
 * a polite "please try again later"; the caller may simply retry.
 */
export class StoreUnavailableError extends Error {
  readonly code = "STORE_UNAVAILABLE";
  constructor(
    readonly reason: "busy" | "unreachable",
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = "StoreUnavailableError";
  }
}

export function isStoreUnavailable(err: unknown): err is StoreUnavailableError {
  return err instanceof StoreUnavailableError || (typeof err === "object" && err !== null && (err as { code?: unknown }).code === "STORE_UNAVAILABLE");
}

/** Waits between attempts on a busy store: 10 ms doubling to 200 ms, with jitter so that two waiting processes do not retry in lockstep. */
export function backoffMs(attempt: number): number {
  const base = Math.min(200, 10 * 2 ** attempt);
  return Math.round(base / 2 + Math.random() * (base / 2));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Epoch milliseconds, the unit of every expiry column (expires_at, handled_at, window_start…). */
export const ms = (d: Date) => d.getTime();
