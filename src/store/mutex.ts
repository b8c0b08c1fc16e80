// Promise-based locks for one process: a mutex (FIFO), and a keyed mutex (one FIFO queue per key,
// forgotten when idle). Used by the SQLite driver (one connection, one user at a time) and for
// per-chat ordering when the store is SQLite (a single process serves a SQLite store).

export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  private held = 0;

  /** Resolves with a release function once every earlier caller has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const before = this.tail;
    this.tail = before.then(() => mine);
    this.held++;
    return before.then(() => {
      let done = false;
      return () => {
        if (done) return;
        done = true;
        this.held--;
        release();
      };
    });
  }

  /** True when someone holds or waits for the lock. */
  get busy(): boolean {
    return this.held > 0;
  }
}

export class KeyedMutex {
  private readonly locks = new Map<string, Mutex>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire(key);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** Runs `fn` only if nobody holds or waits for `key` now. */
  async tryRun<T>(key: string, fn: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }> {
    if (this.locks.get(key)?.busy) return { acquired: false };
    return { acquired: true, value: await this.run(key, fn) };
  }

  private async acquire(key: string): Promise<() => void> {
    let m = this.locks.get(key);
    if (!m) this.locks.set(key, (m = new Mutex()));
    const release = await m.acquire();
    return () => {
      release();
      if (!m!.busy && this.locks.get(key) === m) this.locks.delete(key);
    };
  }
}
