// Stores for the tests, on both backends: a SQLite file in a temporary folder, or a PostgreSQL
// database of its own (CREATE DATABASE on the server TEST_DATABASE_URL names, dropped afterwards).
// Without TEST_DATABASE_URL the PostgreSQL half skips, saying so once; CI always sets it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openStore, type Store, type StoreOptions } from "../../src/store/store.js";

export type BackendName = "sqlite" | "postgres";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

let warned = false;
/** The backends to run on here: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function backends(): BackendName[] {
  if (!TEST_DATABASE_URL && !warned) {
    warned = true;
    process.stderr.write("PostgreSQL store tests skipped: set TEST_DATABASE_URL=postgres://… (CI sets it; .ci/pg-cluster.sh starts a throwaway server)\n");
  }
  return TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];
}

/** A database nobody else uses: where a store opens (a file path, or a postgres:// URL), and how to remove it. */
export interface TestDatabase {
  backend: BackendName;
  target: string;
  /** Stores opened through `open` (closed by `drop`). */
  open(options?: StoreOptions): Store;
  drop(): Promise<void>;
}

export async function freshDatabase(backend: BackendName): Promise<TestDatabase> {
  const opened: Store[] = [];
  const open = (target: string) => (options: StoreOptions = {}) => {
    const s = openStore(target, options);
    opened.push(s);
    return s;
  };
  const closeAll = async () => {
    await Promise.allSettled(opened.splice(0).map((s) => s.close()));
  };
  if (backend === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "store-test-"));
    const target = join(dir, "nested", "bot.sqlite");
    return {
      backend,
      target,
      open: open(target),
      drop: async () => {
        await closeAll();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!TEST_DATABASE_URL) throw new Error("TEST_DATABASE_URL is not set");
  const name = `test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await admin(async (c) => void (await c.query(`CREATE DATABASE ${name}`)));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const target = url.toString();
  return {
    backend,
    target,
    open: open(target),
    drop: async () => {
      await closeAll();
      await admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
    },
  };
}

async function admin(fn: (c: pg.Client) => Promise<void>): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    await fn(c);
  } finally {
    await c.end();
  }
}
