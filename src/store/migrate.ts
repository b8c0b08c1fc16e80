// Applies the pending migrations, each in its own transaction, recording it in schema_migrations.
// SQLite: each under BEGIN IMMEDIATE, re-checked inside, so a second process starting at the same
// moment waits and then finds it applied. PostgreSQL: the whole run holds a session advisory lock
// (pg_advisory_lock blocks, it does not fail), so workers started together wait for the first
// one and then find nothing to do.
import type { Migration } from "./migrations.js";
import type { SqliteDriver } from "./sqlite-driver.js";
import type { PgDriver } from "./pg-driver.js";
import { LOCK_NAMESPACE } from "./locks.js";

const CREATE_TABLE = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

const sorted = (ms: readonly Migration[]) => [...ms].sort((a, b) => a.version - b.version);

export async function migrateSqlite(driver: SqliteDriver, migrations: readonly Migration[]): Promise<number[]> {
  await driver.exec(CREATE_TABLE);
  const applied: number[] = [];
  for (const m of sorted(migrations)) {
    const done = await driver.transaction(async (tx) => {
      if (await tx.get("SELECT 1 AS x FROM schema_migrations WHERE version = $1", [m.version])) return false;
      driver.handle().exec(m.sqlite);
      await tx.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [m.version, m.name, new Date().toISOString()]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}

export async function migratePostgres(driver: PgDriver, migrations: readonly Migration[]): Promise<number[]> {
  const client = await driver.dedicatedClient();
  const applied: number[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1, 0)", [LOCK_NAMESPACE.migrations]);
    await client.query(CREATE_TABLE);
    const done = new Set((await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version));
    for (const m of sorted(migrations)) {
      if (done.has(m.version)) continue;
      await client.query("BEGIN");
      try {
        await client.query(m.postgres);
        await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [m.version, m.name, new Date().toISOString()]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw new Error(`migration ${m.version} (${m.name}) failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(m.version);
    }
    await client.query("SELECT pg_advisory_unlock($1, 0)", [LOCK_NAMESPACE.migrations]);
  } finally {
    // Ending the session releases the lock in any case.
    await client.end().catch(() => undefined);
  }
  return applied;
}
