// The two executors under every store module (src/store/sqlite-driver.ts, pg-driver.ts), on both
// backends: placeholders, transactions that join, commit hooks, and a context that outlives its
// transaction.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rawSqlOf } from "../src/store/store.js";
import { toSqliteParams } from "../src/store/sqlite-driver.js";
import type { Sql } from "../src/store/sql.js";
import { backends, freshDatabase, type TestDatabase } from "./helpers/stores.js";

describe("SQLite placeholders", () => {
  it("become ? with their values in the order they appear, repeated ones included", () => {
    expect(toSqliteParams("SELECT $2, $1, $2, $10", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({ text: "SELECT ?, ?, ?, ?", values: [2, 1, 2, 10] });
    expect(toSqliteParams("x = $1", [true])).toEqual({ text: "x = ?", values: [1] });
    expect(() => toSqliteParams("x = $2", [1])).toThrow(/\$2 has no value/);
  });
});

describe.each(backends())("the %s executor", (backend) => {
  let db: TestDatabase;
  let sql: Sql;
  beforeEach(async () => {
    db = await freshDatabase(backend);
    sql = await rawSqlOf(db.open());
    await sql.run("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)");
  });
  afterEach(() => db.drop());
  const count = async () => Number((await sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM t"))!.n);

  it("commits a transaction whole, or rolls it back whole, nested ones joining the outer", async () => {
    const hooks: string[] = [];
    await sql.transaction(async (tx) => {
      await tx.run("INSERT INTO t (k, v) VALUES ($1, $2)", ["a", 1]);
      await sql.transaction(async (inner) => {
        expect(Number((await inner.get<{ n: number }>("SELECT COUNT(*) AS n FROM t"))!.n)).toBe(1); // sees the outer's row
        await inner.run("INSERT INTO t (k, v) VALUES ($1, $2)", ["b", 2]);
        inner.afterCommit(() => hooks.push("inner committed"));
      });
      tx.afterCommit(() => hooks.push("outer committed"));
      expect(hooks).toEqual([]); // nothing before the commit
    });
    expect(hooks).toEqual(["inner committed", "outer committed"]);
    expect(await count()).toBe(2);

    await expect(
      sql.transaction(async (tx) => {
        await tx.run("INSERT INTO t (k, v) VALUES ($1, $2)", ["c", 3]);
        tx.afterCommit(() => hooks.push("never"));
        await sql.transaction(async (inner) => inner.run("INSERT INTO t (k, v) VALUES ($1, $2)", ["d", 4]));
        throw new Error("give up");
      }),
    ).rejects.toThrow("give up");
    expect(await count()).toBe(2);
    expect(hooks).not.toContain("never");
  });

  it("a callback made inside a transaction and run after it is not part of it", async () => {
    // A timer set inside the transaction inherits its async context but fires once it is over:
    // its own transaction must be a real one, rolled back when it fails.
    const leaked = new Promise<unknown>((resolve) => {
      void sql.transaction(async (tx) => {
        await tx.run("INSERT INTO t (k, v) VALUES ($1, $2)", ["x", 1]);
        setTimeout(() => {
          sql
            .transaction(async (t2) => {
              await t2.run("INSERT INTO t (k, v) VALUES ($1, $2)", ["y", 2]);
              throw new Error("roll back y");
            })
            .then(resolve, resolve);
        }, 20);
      });
    });
    expect(String(await leaked)).toContain("roll back y");
    expect(await sql.all("SELECT k FROM t ORDER BY k")).toEqual([{ k: "x" }]);
  });

  it("counts changes, and rows of a RETURNING statement", async () => {
    expect((await sql.run("INSERT INTO t (k, v) VALUES ($1, $2), ($3, $4)", ["a", 1, "b", 2])).changes).toBe(2);
    expect((await sql.run("UPDATE t SET v = v + 1 WHERE k = $1 RETURNING v", ["a"])).changes).toBe(1);
    expect(await sql.all<{ k: string; v: number }>("SELECT k, v FROM t ORDER BY k")).toEqual([
      { k: "a", v: 2 },
      { k: "b", v: 2 },
    ]);
    expect(await sql.get("SELECT k FROM t WHERE k = $1", ["zz"])).toBeUndefined();
  });
});
