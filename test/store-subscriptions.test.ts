// The digest store on both backends (a real SQLite file in a temporary folder; a real PostgreSQL
// database when TEST_DATABASE_URL is set): subscriptions, and the delivery claim that makes "one
// digest per chat per day" hold across connections and processes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { rawSqlOf, sqliteConnectionOf, type Store } from "../src/store/store.js";
import type { ClaimInput } from "../src/store/subscriptions.js";
import { backends, freshDatabase, type TestDatabase } from "./helpers/stores.js";

const T0 = new Date("2026-11-27T00:00:00Z"); // 07:00 in Vietnam

function claim(s: Store, over: Partial<ClaimInput> = {}) {
  return s.subscriptions.claimDelivery({
    chatId: "telegram:1",
    localDate: "2026-11-27",
    token: Math.random().toString(36).slice(2),
    now: T0,
    staleBefore: new Date(T0.getTime() - 10 * 60_000),
    maxAttempts: 3,
    ...over,
  });
}

function subscribe(s: Store, chatId = "telegram:1", time = "07:00", now = new Date("2026-11-26T00:00:00Z")) {
  return s.subscriptions.upsertSubscription({ chatId, time, timezone: "Asia/Ho_Chi_Minh", lang: "vi", now });
}

describe.each(backends())("digest store on %s", (backend) => {
  let db: TestDatabase;
  const store = () => db.open();

  beforeEach(async () => {
    db = await freshDatabase(backend);
  });
  afterEach(async () => {
    await db.drop();
  });

  describe("schema", () => {
    it.runIf(backend === "sqlite")("creates the file and its folder, in WAL mode with foreign keys on, migration 1 applied once", async () => {
      const s = store();
      expect(s.isOpen).toBe(false); // lazy: nothing opened yet
      await s.ready();
      const conn = sqliteConnectionOf(s);
      expect(conn.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(conn.pragma("foreign_keys", { simple: true })).toBe(1);
      // Short: a lock held elsewhere is waited for off the event loop, not inside the call.
      expect(conn.pragma("busy_timeout", { simple: true })).toBeLessThanOrEqual(5);
    });

    it("applies migration 1 once, across reopening", async () => {
      const s = store();
      const sql = await rawSqlOf(s);
      const versions = await sql.all<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
      expect(versions.map((v) => Number(v.version))).toContain(1);
      await s.close();
      const again = await rawSqlOf(store());
      const count = await again.get<{ n: number }>("SELECT count(*) AS n FROM schema_migrations WHERE version = 1");
      expect(Number(count!.n)).toBe(1);
    });

    it("refuses a second delivery row for the same chat and day at the schema level", async () => {
      const s = store();
      await subscribe(s);
      expect((await claim(s)).ok).toBe(true);
      const sql = await rawSqlOf(s);
      await expect(
        sql.run("INSERT INTO digest_deliveries (chat_id, local_date, status, attempts, claim_token, claimed_at) VALUES ($1, $2, 'claimed', 1, 'x', $3)", [
          "telegram:1",
          "2026-11-27",
          T0.toISOString(),
        ]),
      ).rejects.toThrow(/UNIQUE|duplicate key/);
    });
  });

  describe("subscriptions", () => {
    it("subscribes, updates the time keeping createdAt, lists, and unsubscribes", async () => {
      const s = store();
      const first = await subscribe(s, "telegram:1", "07:00", new Date("2026-11-26T00:00:00Z"));
      expect(first.previous).toBeNull();
      expect(first.subscription).toMatchObject({ chatId: "telegram:1", time: "07:00", timezone: "Asia/Ho_Chi_Minh", lang: "vi" });
      const second = await subscribe(s, "telegram:1", "07:30", new Date("2026-11-26T05:00:00Z"));
      expect(second.previous?.time).toBe("07:00");
      expect(second.subscription.time).toBe("07:30");
      expect(second.subscription.createdAt).toBe("2026-11-26T00:00:00.000Z");
      expect(second.subscription.updatedAt).toBe("2026-11-26T05:00:00.000Z");
      await subscribe(s, "discord:9", "06:15");
      expect((await s.subscriptions.listSubscriptions()).map((x) => [x.chatId, x.time])).toEqual([
        ["discord:9", "06:15"],
        ["telegram:1", "07:30"],
      ]);
      expect(await s.subscriptions.deleteSubscription("telegram:1")).toBe(true);
      expect(await s.subscriptions.deleteSubscription("telegram:1")).toBe(false);
      expect(await s.subscriptions.getSubscription("telegram:1")).toBeNull();
    });

    it("rejects a malformed time before it reaches the table", async () => {
      const s = store();
      await expect(subscribe(s, "telegram:1", "25:00")).rejects.toThrow(/HH:MM/);
      await expect(subscribe(s, "telegram:1", "7:00")).rejects.toThrow(/HH:MM/);
    });

    it("survives reopening the store", async () => {
      const s = store();
      await subscribe(s, "telegram:5", "19:05");
      await s.close();
      expect((await store().subscriptions.getSubscription("telegram:5"))?.time).toBe("19:05");
    });
  });

  describe("delivery claims", () => {
    it("claims once; a second claim for the same day is refused until it fails", async () => {
      const s = store();
      await subscribe(s);
      const a = await claim(s, { token: "a" });
      expect(a).toEqual({ ok: true, attempt: 1, reclaimedStale: false });
      expect(await claim(s, { token: "b" })).toMatchObject({ ok: false, reason: "in_progress" });
      expect(await s.subscriptions.markSending("telegram:1", "2026-11-27", "a", T0)).toBe(true);
      expect(await claim(s, { token: "c" })).toMatchObject({ ok: false, reason: "uncertain" });
      expect(await s.subscriptions.markSent("telegram:1", "2026-11-27", "a", T0)).toBe(true);
      expect(await claim(s, { token: "d" })).toMatchObject({ ok: false, reason: "already_sent" });
      // Another day is another delivery.
      expect((await claim(s, { token: "e", localDate: "2026-11-28" })).ok).toBe(true);
    });

    it("a failed delivery is claimed again, up to maxAttempts", async () => {
      const s = store();
      await subscribe(s);
      for (let attempt = 1; attempt <= 3; attempt++) {
        const token = `t${attempt}`;
        expect(await claim(s, { token })).toMatchObject({ ok: true, attempt });
        expect(await s.subscriptions.markSending("telegram:1", "2026-11-27", token, T0)).toBe(true);
        expect(await s.subscriptions.markFailed("telegram:1", "2026-11-27", token, T0, "HTTP 502")).toBe(true);
      }
      expect(await claim(s, { token: "t4" })).toMatchObject({ ok: false, reason: "gave_up" });
      expect(await s.subscriptions.getDelivery("telegram:1", "2026-11-27")).toMatchObject({ status: "failed", attempts: 3, lastError: "HTTP 502" });
    });

    it("an unknown outcome (sent, never confirmed) is never claimed again that day", async () => {
      const s = store();
      await subscribe(s);
      expect((await claim(s, { token: "u" })).ok).toBe(true);
      expect(await s.subscriptions.markUnknown("telegram:1", "2026-11-27", "u", T0, "timeout")).toBe(false); // only from sending
      expect(await s.subscriptions.markSending("telegram:1", "2026-11-27", "u", T0)).toBe(true);
      expect(await s.subscriptions.markUnknown("telegram:1", "2026-11-27", "u", T0, "socket hang up after the request was written")).toBe(true);
      expect(await claim(s, { token: "again" })).toMatchObject({ ok: false, reason: "uncertain" });
      expect(await s.subscriptions.getDelivery("telegram:1", "2026-11-27")).toMatchObject({ status: "unknown", unknownAt: T0.toISOString(), attempts: 1 });
      expect(await s.subscriptions.countByStatus("2026-11-27")).toEqual({ unknown: 1 });
    });

    it("a stale claim (owner died before sending) is taken over, and the old owner can no longer send", async () => {
      const s = store();
      await subscribe(s);
      expect((await claim(s, { token: "old" })).ok).toBe(true);
      const later = new Date(T0.getTime() + 11 * 60_000);
      const taken = await claim(s, { token: "new", now: later, staleBefore: new Date(later.getTime() - 10 * 60_000) });
      expect(taken).toEqual({ ok: true, attempt: 2, reclaimedStale: true });
      // The old owner wakes up: its token is gone, so it may not send.
      expect(await s.subscriptions.markSending("telegram:1", "2026-11-27", "old", later)).toBe(false);
      expect(await s.subscriptions.markSending("telegram:1", "2026-11-27", "new", later)).toBe(true);
    });

    it("does not claim for a chat that is no longer subscribed", async () => {
      const s = store();
      await s.ready();
      expect(await claim(s)).toEqual({ ok: false, reason: "unsubscribed" });
    });

    it("two connections on the same database: only one claims", async () => {
      const a = store();
      const b = store();
      await subscribe(a);
      const results = await Promise.all([claim(a, { token: "a" }), claim(b, { token: "b" })]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
    });

    it("remembers the last delivered digest, before a given day", async () => {
      const s = store();
      await subscribe(s);
      for (const [day, token] of [
        ["2026-11-25", "x"],
        ["2026-11-26", "y"],
      ] as const) {
        await claim(s, { localDate: day, token });
        await s.subscriptions.markSending("telegram:1", day, token, T0);
        await s.subscriptions.markSent("telegram:1", day, token, T0);
      }
      await claim(s, { localDate: "2026-11-27", token: "z" }); // claimed, not sent
      expect((await s.subscriptions.lastSentDelivery("telegram:1"))?.localDate).toBe("2026-11-26");
      expect((await s.subscriptions.lastSentDelivery("telegram:1", "2026-11-26"))?.localDate).toBe("2026-11-25");
      expect(await s.subscriptions.lastSentDelivery("telegram:2")).toBeNull();
    });
  });

  describe("two processes on one database", () => {
    // Each child process opens the same database and tries to claim the same 150 (chat, day)
    // pairs at the same time; every pair must be claimed by exactly one of them.
    it("never claims one (chat, day) twice", async () => {
      const s = store();
      const chats = Array.from({ length: 150 }, (_, i) => `telegram:${i}`);
      for (const c of chats) await subscribe(s, c);
      await s.close();
      const script = join(process.cwd(), "test", "fixtures", "claim-worker.ts");
      const startAt = Date.now() + 1500;
      const run = (name: string) =>
        new Promise<string[]>((resolve, reject) => {
          const child = spawn(process.execPath, ["--import", "tsx", script, db.target, name, String(chats.length), String(startAt)], { stdio: ["ignore", "pipe", "pipe"] });
          let out = "";
          let err = "";
          child.stdout.on("data", (d) => (out += d));
          child.stderr.on("data", (d) => (err += d));
          child.on("error", reject);
          child.on("close", (code) => (code === 0 ? resolve(out.split("\n").filter(Boolean)) : reject(new Error(`worker ${name} exited ${code}: ${err}`))));
        });
      const [a, b] = await Promise.all([run("a"), run("b")]);
      const all = [...a!, ...b!];
      expect(new Set(all).size).toBe(all.length);
      expect(all.sort()).toEqual([...chats].sort());
    });
  });
});
