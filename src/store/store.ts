// The store facade handed to the rest of the bot as `services.store`. The SQLite file is opened on
// first use, so tools that never touch it (the `ask` batch CLI) do not create or lock it.
import { openDatabase, type Db } from "./db.js";
import { SubscriptionStore } from "./subscriptions.js";

export class Store {
  private opened: Db | undefined;
  private subs: SubscriptionStore | undefined;
  private closed = false;

  /** `open` is called once, on first use. */
  constructor(private readonly open: () => Db) {}

  /** The open connection, for store modules (src/store/*) only: nothing outside src/store/ runs SQL. */
  get db(): Db {
    if (this.closed) throw new Error("the store is closed");
    this.opened ??= this.open();
    return this.opened;
  }

  get subscriptions(): SubscriptionStore {
    this.subs ??= new SubscriptionStore(this.db);
    return this.subs;
  }

  get isOpen(): boolean {
    return this.opened !== undefined && !this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.opened?.close();
  }
}

/** A store over an already open database. */
export function createStore(db: Db): Store {
  return new Store(() => db);
}

/** A store over the SQLite file at `path` (created with its folder; migrated when first opened). */
export function openStore(path: string): Store {
  return new Store(() => openDatabase(path));
}
