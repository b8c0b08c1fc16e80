// The store handed to the rest of the bot as `services.store`: one async interface over two
// backends. SQLite (better-sqlite3, a file, the embedded default: nothing to install) or
// PostgreSQL (`pg`, when DATABASE_URL is a postgres:// URL: several workers on several machines).
// The same modules, the same numbered migrations (one SQL text per backend), the same tests.
//
// Opened and migrated on first use (or by `ready()` at startup), so that tools that never touch it
// (the `ask` batch CLI answering figures) do not create or lock it.
import type { Clock } from "../clock.js";
import { systemClock } from "../clock.js";
import type { Logger } from "../log.js";
import { migrations as allMigrations, LATEST_MIGRATION, type Migration } from "./migrations.js";
import { migratePostgres, migrateSqlite } from "./migrate.js";
import { SqliteDriver, type SqliteDatabase } from "./sqlite-driver.js";
import { PgDriver } from "./pg-driver.js";
import { listenFor } from "./pg-listen.js";
import type { Dialect, QueryOptions, RunResult, Sql, SqlParam } from "./sql.js";
import { SubscriptionStore } from "./subscriptions.js";
import { PetitionStore } from "./petitions.js";
import { SqlConversationFrames, type ConversationFrameStore } from "./frames.js";
import { SqlRateLimits, type RateLimitStore } from "./rate-limits.js";
import { SqlSuggestionButtons, type SuggestionButtonStore } from "./buttons.js";
import { SqlConfirmations, type ConfirmationStore } from "./confirmations.js";
import { SqlHandledUpdates, type HandledUpdates } from "./updates.js";
import { SqlUpdateInbox, type UpdateInbox } from "./inbox.js";
import { SESSIONS_CHANNEL, SessionWatcher, SqlIngestedSessions, type IngestedSessionStore } from "./ingested-sessions.js";
import { LocalChatLocks, localLeadership, PgChatLocks, PgLeadership, type ChatLocks, type Leadership } from "./locks.js";

/** Everything shared that lives in the store, as small typed modules. */
export interface StoreModules {
  readonly subscriptions: SubscriptionStore;
  readonly petitions: PetitionStore;
  readonly updates: HandledUpdates;
  readonly inbox: UpdateInbox;
  readonly frames: ConversationFrameStore;
  readonly rateLimits: RateLimitStore;
  readonly buttons: SuggestionButtonStore;
  /** Admin actions awaiting their confirmation button (src/store/confirmations.ts). */
  readonly confirmations: ConfirmationStore;
  readonly sessions: IngestedSessionStore;
}

/** The modules of one transaction (Store#unitOfWork). */
export interface StoreTx extends StoreModules {
  /** Runs `cb` once the transaction has committed (never if it rolls back or is retried). */
  onCommit(cb: () => void): void;
}

export interface StoreHealth {
  ok: boolean;
  backend: Dialect;
  reachable: boolean;
  migrations: { applied: number; latest: number };
  error?: string;
}

export interface PurgeReport {
  frames: number;
  buttons: number;
  rateWindows: number;
  handledUpdates: number;
}

export interface Store extends StoreModules {
  readonly backend: Dialect;
  /** Per-chat locks across every worker of this store (in-process on SQLite). */
  readonly chatLocks: ChatLocks;
  /** The leadership named `name` (e.g. "digest"): one holder across the workers of this store. */
  leadership(name: string): Leadership;
  /** Opens the store and applies pending migrations; every module does it on first use anyway. */
  ready(): Promise<void>;
  /**
   * Runs `fn` in one transaction: everything it does through `tx` commits together or not at all
   * (e.g. claim a Telegram update_id and append the petition change it asks for). `fn` may run
   * more than once (a busy SQLite file, a PostgreSQL serialization failure): store work only.
   */
  unitOfWork<T>(fn: (tx: StoreTx) => Promise<T>, opts?: QueryOptions): Promise<T>;
  /** Reachable, and migrated to the latest version this code knows. */
  health(): Promise<StoreHealth>;
  /** Deletes what has expired: frames, buttons, old rate windows and update claims. */
  purgeExpired(now?: Date): Promise<PurgeReport>;
  readonly isOpen: boolean;
  close(): Promise<void>;
}

export interface StoreOptions {
  clock?: Clock;
  log?: Logger;
  /** How long an essential write waits for a busy SQLite file before failing politely (STORE_WRITE_WAIT_MS). */
  writeWaitMs?: number;
  /** PostgreSQL: connections per pool (DATABASE_POOL_SIZE). */
  poolSize?: number;
  /** How often a session watcher polls the version (it is also woken by NOTIFY on PostgreSQL). */
  sessionPollMs?: number;
  /** The migrations to apply (tests). */
  migrations?: readonly Migration[];
}

/** Update claims are kept this long: platforms redeliver within hours, never after a day. */
const HANDLED_UPDATES_KEPT_MS = 3 * 24 * 3600_000;
/** Rate windows older than this are over, whatever their length. */
const RATE_WINDOWS_KEPT_MS = 3600_000;

/** Waits for `ready()` before every statement, so that modules never see an unmigrated store. */
class ReadySql implements Sql {
  constructor(
    private readonly inner: Sql,
    private readonly ready: () => Promise<void>,
  ) {}
  get dialect(): Dialect {
    return this.inner.dialect;
  }
  async all<T>(text: string, params?: readonly SqlParam[], opts?: QueryOptions): Promise<T[]> {
    await this.ready();
    return this.inner.all<T>(text, params, opts);
  }
  async get<T>(text: string, params?: readonly SqlParam[], opts?: QueryOptions): Promise<T | undefined> {
    await this.ready();
    return this.inner.get<T>(text, params, opts);
  }
  async run(text: string, params?: readonly SqlParam[], opts?: QueryOptions): Promise<RunResult> {
    await this.ready();
    return this.inner.run(text, params, opts);
  }
  async transaction<T>(fn: (tx: Sql) => Promise<T>, opts?: QueryOptions): Promise<T> {
    await this.ready();
    return this.inner.transaction(fn, opts);
  }
  afterCommit(cb: () => void): void {
    this.inner.afterCommit(cb);
  }
}

function modulesOver(sql: Sql, clock: Clock, watcher: SessionWatcher): StoreModules {
  return {
    subscriptions: new SubscriptionStore(sql),
    petitions: new PetitionStore(sql),
    updates: new SqlHandledUpdates(sql, clock),
    inbox: new SqlUpdateInbox(sql, clock),
    frames: new SqlConversationFrames(sql, clock),
    rateLimits: new SqlRateLimits(sql, clock),
    buttons: new SqlSuggestionButtons(sql, clock),
    confirmations: new SqlConfirmations(sql, clock),
    sessions: new SqlIngestedSessions(sql, clock, watcher),
  };
}

class SqlStore implements Store {
  readonly subscriptions: SubscriptionStore;
  readonly petitions: PetitionStore;
  readonly updates: HandledUpdates;
  readonly inbox: UpdateInbox;
  readonly frames: ConversationFrameStore;
  readonly rateLimits: RateLimitStore;
  readonly buttons: SuggestionButtonStore;
  readonly confirmations: ConfirmationStore;
  readonly sessions: IngestedSessionStore;
  readonly chatLocks: ChatLocks;
  private readonly sql: ReadySql;
  private readonly watcher: SessionWatcher;
  private readonly leaders = new Map<string, Leadership>();
  private readying: Promise<void> | undefined;
  private migrated = false;
  private closed = false;

  constructor(
    readonly driver: SqliteDriver | PgDriver,
    private readonly clock: Clock,
    private readonly options: StoreOptions,
  ) {
    this.sql = new ReadySql(driver, () => this.ready());
    const pg = driver instanceof PgDriver ? driver : undefined;
    this.watcher = new SessionWatcher(() => this.sessions.version(), {
      pollMs: options.sessionPollMs ?? 5_000,
      ...(pg ? { listen: (onSignal: () => void) => listenFor(pg, SESSIONS_CHANNEL, onSignal, options.log) } : {}),
    });
    const m = modulesOver(this.sql, clock, this.watcher);
    this.subscriptions = m.subscriptions;
    this.petitions = m.petitions;
    this.updates = m.updates;
    this.inbox = m.inbox;
    this.frames = m.frames;
    this.rateLimits = m.rateLimits;
    this.buttons = m.buttons;
    this.confirmations = m.confirmations;
    this.sessions = m.sessions;
    this.chatLocks = pg ? new PgChatLocks(pg, options.log) : new LocalChatLocks();
  }

  get backend(): Dialect {
    return this.driver.dialect;
  }

  get isOpen(): boolean {
    return !this.closed && (this.driver instanceof SqliteDriver ? this.driver.isOpen : this.migrated);
  }

  ready(): Promise<void> {
    if (this.closed) return Promise.reject(new Error("the store is closed"));
    if (this.migrated) return Promise.resolve();
    this.readying ??= (async () => {
      const ms = this.options.migrations ?? allMigrations;
      if (this.driver instanceof SqliteDriver) await migrateSqlite(this.driver, ms);
      else await migratePostgres(this.driver, ms);
      this.migrated = true;
    })().catch((err: unknown) => {
      this.readying = undefined; // e.g. PostgreSQL not up yet: the next call tries again
      throw err;
    });
    return this.readying;
  }

  leadership(name: string): Leadership {
    if (!(this.driver instanceof PgDriver)) return localLeadership;
    let l = this.leaders.get(name);
    if (!l) this.leaders.set(name, (l = new PgLeadership(this.driver, name, this.options.log)));
    return l;
  }

  unitOfWork<T>(fn: (tx: StoreTx) => Promise<T>, opts?: QueryOptions): Promise<T> {
    return this.sql.transaction((tx) => fn({ ...modulesOver(tx, this.clock, this.watcher), onCommit: (cb) => tx.afterCommit(cb) }), opts);
  }

  async health(): Promise<StoreHealth> {
    const base = { backend: this.backend, migrations: { applied: 0, latest: LATEST_MIGRATION } };
    try {
      await this.ready();
      const row = await this.driver.get<{ v: number | null }>("SELECT MAX(version) AS v FROM schema_migrations");
      const applied = Number(row?.v ?? 0);
      return { ...base, ok: applied >= LATEST_MIGRATION, reachable: true, migrations: { applied, latest: LATEST_MIGRATION } };
    } catch (err) {
      return { ...base, ok: false, reachable: false, error: (err as Error).message };
    }
  }

  async purgeExpired(now: Date = this.clock.now()): Promise<PurgeReport> {
    return {
      frames: await this.frames.purgeExpired(now),
      buttons: (await this.buttons.purgeExpired(now)) + (await this.confirmations.purgeExpired(now)),
      rateWindows: await this.rateLimits.purgeBefore(new Date(now.getTime() - RATE_WINDOWS_KEPT_MS)),
      handledUpdates: await this.updates.purgeBefore(new Date(now.getTime() - HANDLED_UPDATES_KEPT_MS)),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.watcher.stop();
    await Promise.allSettled([...this.leaders.values()].map((l) => l.release()));
    if (this.chatLocks instanceof PgChatLocks) await this.chatLocks.close();
    await this.driver.close();
  }
}

export const isPostgresUrl = (target: string) => /^postgres(?:ql)?:\/\//i.test(target.trim());

/**
 * A store over `target`: a postgres:// (or postgresql://) URL opens PostgreSQL, anything else is
 * the path of a SQLite file (created with its folder), or ":memory:".
 */
export function openStore(target: string, options: StoreOptions = {}): Store {
  const clock = options.clock ?? systemClock;
  const writeWaitMs = options.writeWaitMs ?? 5_000;
  if (isPostgresUrl(target)) {
    const poolSize = options.poolSize ?? 10;
    return new SqlStore(new PgDriver(target.trim(), { poolSize, lockPoolSize: poolSize, ...(options.log ? { log: options.log } : {}) }), clock, options);
  }
  return new SqlStore(new SqliteDriver(target, { writeWaitMs }), clock, options);
}

/** The store the configuration names: DATABASE_URL when set, else the SQLite file DATABASE_PATH. */
export function openConfiguredStore(
  config: { DATABASE_URL?: string | undefined; DATABASE_PATH: string; DATABASE_POOL_SIZE?: number; STORE_WRITE_WAIT_MS?: number },
  options: Pick<StoreOptions, "clock" | "log"> = {},
): Store {
  return openStore(config.DATABASE_URL ?? config.DATABASE_PATH, {
    ...options,
    ...(config.DATABASE_POOL_SIZE !== undefined ? { poolSize: config.DATABASE_POOL_SIZE } : {}),
    ...(config.STORE_WRITE_WAIT_MS !== undefined ? { writeWaitMs: config.STORE_WRITE_WAIT_MS } : {}),
  });
}

/** The executor under a store, migrated (tests only: nothing else runs SQL outside src/store/). */
export async function rawSqlOf(store: Store): Promise<Sql> {
  await store.ready();
  return (store as SqlStore).driver;
}

/** The SQLite connection under a store (tests and maintenance only: nothing else runs SQL outside src/store/). */
export function sqliteConnectionOf(store: Store): SqliteDatabase {
  const driver = (store as SqlStore).driver;
  if (!(driver instanceof SqliteDriver)) throw new Error("not a SQLite store");
  return driver.handle();
}
