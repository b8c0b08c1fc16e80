// The Sql executor over node-postgres: a pool for statements and transactions, a second small pool
// for session-level advisory locks (a chat lock is held across the whole handling of an update,
// so it must not take connections the handling itself needs), and dedicated clients for LISTEN
// and the digest leader. Every BIGINT comes back as a JS number (epoch milliseconds and platform
// ids are all below 2^53).
import pg from "pg";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "../log.js";
import { backoffMs, sleep, StoreUnavailableError, type QueryOptions, type RunResult, type Sql, type SqlParam } from "./sql.js";

export interface PgDriverOptions {
  /** Connections for statements and transactions (DATABASE_POOL_SIZE). */
  poolSize: number;
  /** Connections that hold per-chat locks; a chat waiting for a connection waits its turn. */
  lockPoolSize: number;
  log?: Logger;
}

interface TxState {
  driver: PgDriver;
  client: pg.PoolClient;
  afterCommit: Array<() => void>;
  /**
   * False once the transaction has ended: a callback created inside it (a timer, a listener)
   * inherits the async context, and must not think it is still inside.
   */
  active: boolean;
}

const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

/** Retried whole: the transaction lost a race PostgreSQL detected (serialization failure, deadlock). */
const RETRYABLE = new Set(["40001", "40P01"]);
/** The server is down, restarting or full: the caller may try again later, nothing was written. */
const UNREACHABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EPIPE", "57P01", "57P02", "57P03", "53300", "08000", "08003", "08006"]);

export function isUnreachable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e?.code === "string" && UNREACHABLE.has(e.code)) return true;
  return typeof e?.message === "string" && /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e.message);
}

function mapError(err: unknown): unknown {
  if (isUnreachable(err)) return new StoreUnavailableError("unreachable", "the PostgreSQL store cannot be reached; nothing was written", err);
  return err;
}

export class PgDriver implements Sql {
  readonly dialect = "postgres" as const;
  readonly pool: pg.Pool;
  readonly lockPool: pg.Pool;
  private readonly als = new AsyncLocalStorage<TxState>();
  private readonly guarded = new WeakSet<pg.PoolClient>();
  private closed = false;

  constructor(
    readonly url: string,
    private readonly options: PgDriverOptions,
  ) {
    const base = { connectionString: url, types, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000, application_name: "meeting-assistant-bot" };
    this.pool = new pg.Pool({ ...base, max: options.poolSize });
    // A lock waits at most this long for its turn; past it the update fails politely (and is
    // picked up again from the inbox), instead of holding a connection forever.
    this.lockPool = new pg.Pool({ ...base, max: options.lockPoolSize, options: "-c lock_timeout=30000" });
    // An idle connection that breaks must not crash the process: the next query reconnects.
    const onIdleError = (err: Error) => options.log?.warn({ err: { message: err.message } }, "postgres: idle connection lost");
    this.pool.on("error", onIdleError);
    this.lockPool.on("error", onIdleError);
  }

  /**
   * A connection from `pool` (the lock pool, or the statement pool), with an error listener: a
   * checked-out client whose connection breaks (the server restarted, its session was killed)
   * emits "error" on itself, which would otherwise crash the process. The query in progress
   * fails with it, and the caller handles that.
   */
  async checkout(pool: pg.Pool = this.pool): Promise<pg.PoolClient> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      throw mapError(err);
    }
    if (!this.guarded.has(client)) {
      this.guarded.add(client);
      client.on("error", (err) => this.options.log?.warn({ err: { message: err.message } }, "postgres: connection in use lost"));
    }
    return client;
  }

  /** A connection of its own, outside the pools (LISTEN, the digest leader); the caller ends it. */
  async dedicatedClient(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, types, connectionTimeoutMillis: 5_000, application_name: "meeting-assistant-bot" });
    client.on("error", (err) => this.options.log?.warn({ err: { message: err.message } }, "postgres: dedicated connection lost"));
    try {
      await client.connect();
    } catch (err) {
      throw mapError(err);
    }
    return client;
  }

  async all<T>(text: string, params: readonly SqlParam[] = []): Promise<T[]> {
    return (await this.query(text, params)).rows as T[];
  }

  async get<T>(text: string, params: readonly SqlParam[] = []): Promise<T | undefined> {
    return (await this.query(text, params)).rows[0] as T | undefined;
  }

  async run(text: string, params: readonly SqlParam[] = []): Promise<RunResult> {
    return { changes: (await this.query(text, params)).rowCount ?? 0 };
  }

  afterCommit(cb: () => void): void {
    const tx = this.als.getStore();
    if (tx?.driver === this && tx.active) tx.afterCommit.push(cb);
    else cb();
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>, _opts?: QueryOptions): Promise<T> {
    const current = this.als.getStore();
    if (current?.driver === this && current.active) return fn(this);
    for (let attempt = 0; ; attempt++) {
      const client = await this.checkout();
      const state: TxState = { driver: this, client, afterCommit: [], active: true };
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const value = await this.als.run(state, () => fn(this));
        await client.query("COMMIT");
        state.active = false;
        client.release();
        for (const cb of state.afterCommit) cb();
        return value;
      } catch (err) {
        state.active = false;
        try {
          await client.query("ROLLBACK");
        } catch (rollbackErr) {
          broken = rollbackErr as Error; // the connection is unusable: drop it from the pool
        }
        client.release(broken);
        const code = (err as { code?: unknown }).code;
        if (typeof code === "string" && RETRYABLE.has(code) && attempt < 8) {
          await sleep(backoffMs(attempt));
          continue;
        }
        throw mapError(err);
      }
    }
  }

  /** Several statements without parameters, on the given client (migrations). */
  async execOn(client: pg.ClientBase, text: string): Promise<void> {
    await client.query(text);
  }

  private async query(text: string, params: readonly SqlParam[]): Promise<pg.QueryResult> {
    if (this.closed) throw new Error("the store is closed");
    const tx = this.als.getStore();
    try {
      if (tx?.driver === this && tx.active) return await tx.client.query(text, params as unknown[]);
      return await this.pool.query(text, params as unknown[]);
    } catch (err) {
      throw mapError(err);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([this.pool.end(), this.lockPool.end()]);
  }
}
