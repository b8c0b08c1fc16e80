// What the workers share through the store, on both backends (a SQLite file; a PostgreSQL
// database when TEST_DATABASE_URL is set): migrations, conversation frames, rate limits,
// suggestion buttons, handled update ids and the unit of work, the webhook inbox, ingested
// sessions and their change notification, chat locks, the digest leadership, health.
// Two Store objects on one database stand for two workers: each has its own connections.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import pg from "pg";
import { ManualClock } from "../src/clock.js";
import { rawSqlOf, openStore, type Store } from "../src/store/store.js";
import { LATEST_MIGRATION } from "../src/store/migrations.js";
import { UpdateClaim } from "../src/store/unit-of-work.js";
import { contentHashOf, type SessionChange } from "../src/store/ingested-sessions.js";
import { backends, freshDatabase, type TestDatabase } from "./helpers/stores.js";

const T0 = "2026-11-27T02:00:00.000Z";
const KEY = { sessionId: "lang-son-2023", petitionId: "KN-02" };

/** Resolves when `predicate` holds, checking after each of `events` (no timers). */
function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe.each(backends())("shared state on %s", (backend) => {
  let db: TestDatabase;
  let clock: ManualClock;
  const open = (extra: Parameters<TestDatabase["open"]>[0] = {}) => db.open({ clock, sessionPollMs: 25, ...extra });

  beforeEach(async () => {
    db = await freshDatabase(backend);
    clock = new ManualClock(T0);
  });
  afterEach(async () => {
    await db.drop();
  });

  describe("migrations", () => {
    it("apply every version once, also when several workers start together", async () => {
      const workers = [open(), open(), open()];
      await Promise.all(workers.map((w) => w.ready()));
      const sql = await rawSqlOf(workers[0]!);
      const rows = await sql.all<{ version: number; n: number }>("SELECT version, COUNT(*) AS n FROM schema_migrations GROUP BY version ORDER BY version");
      expect(rows.map((r) => [Number(r.version), Number(r.n)])).toEqual(Array.from({ length: LATEST_MIGRATION }, (_, i) => [i + 1, 1]));
      expect(await workers[1]!.health()).toEqual({ ok: true, backend, reachable: true, migrations: { applied: LATEST_MIGRATION, latest: LATEST_MIGRATION } });
    });

    it("migration 3 keeps the delivery rows written before it", async () => {
      const { migrations } = await import("../src/store/migrations.js");
      const old = open({ migrations: migrations.filter((m) => m.version <= 2) });
      await old.subscriptions.upsertSubscription({ chatId: "telegram:1", time: "07:00", timezone: "Asia/Ho_Chi_Minh", lang: "vi", now: new Date(T0) });
      await old.subscriptions.claimDelivery({ chatId: "telegram:1", localDate: "2026-11-27", token: "t", now: new Date(T0), staleBefore: new Date(0), maxAttempts: 3 });
      await old.close();
      const upgraded = open();
      expect(await upgraded.subscriptions.getDelivery("telegram:1", "2026-11-27")).toMatchObject({ status: "claimed", claimToken: "t", unknownAt: null });
      expect((await upgraded.health()).ok).toBe(true);
    });
  });

  describe("conversation frames", () => {
    it("are saved by one worker and loaded by another, until they expire", async () => {
      const a = open();
      const b = open();
      const frame = { concepts: [["grdp", "measure"]], period: { atoms: ["2022"] }, sessionIds: ["lang-son-2023"], note: "Lạng Sơn — tăng trưởng" };
      await a.frames.save("telegram:chat:123:user:42", frame, new Date(Date.parse(T0) + 30 * 60_000));
      expect(await b.frames.load("telegram:chat:123:user:42")).toEqual(frame);
      expect(await b.frames.load("telegram:chat:123:user:43")).toBeUndefined();
      // Saving again replaces the frame and its expiry.
      await b.frames.save("telegram:chat:123:user:42", { concepts: [["services", "subject"]] }, new Date(Date.parse(T0) + 60 * 60_000));
      expect(await a.frames.load("telegram:chat:123:user:42")).toEqual({ concepts: [["services", "subject"]] });
      clock.advance(60 * 60_000 - 1);
      expect(await a.frames.load("telegram:chat:123:user:42")).toBeDefined();
      clock.advance(1);
      expect(await a.frames.load("telegram:chat:123:user:42")).toBeUndefined();
      expect(await a.frames.purgeExpired()).toBe(1);
      expect(await a.frames.delete("telegram:chat:123:user:42")).toBe(false);
    });

    it("refuse what is not a JSON object", async () => {
      const s = open();
      await expect(s.frames.save("k", [1, 2] as never, new Date(Date.parse(T0) + 1000))).rejects.toThrow(/JSON object/);
      await expect(s.frames.save("k", null as never, new Date(Date.parse(T0) + 1000))).rejects.toThrow(/JSON object/);
    });
  });

  describe("rate limits", () => {
    it("count one user's hits across workers in a fixed window, and start again in the next", async () => {
      const a = open();
      const b = open();
      expect((await a.rateLimits.hit("telegram:42", 60_000)).count).toBe(1);
      expect((await b.rateLimits.hit("telegram:42", 60_000)).count).toBe(2);
      expect((await b.rateLimits.hit("telegram:43", 60_000)).count).toBe(1);
      const third = await a.rateLimits.hit("telegram:42", 60_000);
      expect(third).toEqual({ count: 3, windowStart: Date.parse("2026-11-27T02:00:00Z"), resetAt: Date.parse("2026-11-27T02:01:00Z") });
      clock.advance(60_000);
      expect((await a.rateLimits.hit("telegram:42", 60_000)).count).toBe(1);
    });

    it("lose no hit when two workers count at once", async () => {
      const a = open();
      const b = open();
      await Promise.all([a.ready(), b.ready()]);
      const counts = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).rateLimits.hit("discord:7", 60_000).then((w) => w.count)));
      expect(counts.sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    });
  });

  describe("suggestion buttons", () => {
    it("resolve a nonce on any worker, never to another question, and expire", async () => {
      const a = open();
      const b = open();
      const long = "Tỷ trọng khu vực nông, lâm nghiệp và thủy sản trong cơ cấu kinh tế năm 2022 là bao nhiêu phần trăm?";
      const n1 = await a.buttons.put(long, new Date(Date.parse(T0) + 3600_000));
      const n2 = await a.buttons.put(long, new Date(Date.parse(T0) + 3600_000));
      expect(n1).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(n2).not.toBe(n1); // random, not a counter that restarts with the process
      expect(await b.buttons.get(n1)).toBe(long);
      expect(await b.buttons.get("AAAAAAAAAAAAAAAAAAAAAA")).toBeUndefined();
      clock.advance(3600_000);
      expect(await b.buttons.get(n1)).toBeUndefined();
      expect(await b.buttons.purgeExpired()).toBe(2);
    });
  });

  describe("handled updates and the unit of work", () => {
    it("a claim is won once, by one worker", async () => {
      const a = open();
      const b = open();
      await Promise.all([a.ready(), b.ready()]);
      const wins = await Promise.all([a.updates.claim("telegram", "1001"), b.updates.claim("telegram", "1001"), a.updates.claim("telegram", "1001")]);
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await b.updates.isHandled("telegram", "1001")).toBe(true);
      expect(await b.updates.isHandled("discord", "1001")).toBe(false);
      clock.advance(4 * 24 * 3600_000);
      expect((await a.purgeExpired()).handledUpdates).toBe(1);
    });

    it("claim and write commit together: a failure after the claim leaves neither", async () => {
      const s = open();
      await s.petitions.seedFromSource([{ ...KEY, status: "da_tiep_nhan", note: "nguồn", by: "nguồn", at: T0 }]);
      const append = (tx: Parameters<Parameters<Store["unitOfWork"]>[0]>[0]) =>
        tx.petitions.append({ ...KEY, toStatus: "da_bao_cao_cp", at: T0, by: "telegram:1" }, () => null);
      await expect(
        s.unitOfWork(async (tx) => {
          expect(await tx.updates.claim("telegram", "77")).toBe(true);
          await append(tx);
          throw new Error("the process failed before committing");
        }),
      ).rejects.toThrow(/before committing/);
      expect(await s.updates.isHandled("telegram", "77")).toBe(false);
      expect(await s.petitions.history(KEY)).toHaveLength(1);
      // Done properly: both are there.
      await s.unitOfWork(async (tx) => {
        expect(await tx.updates.claim("telegram", "77")).toBe(true);
        await append(tx);
      });
      expect(await s.updates.isHandled("telegram", "77")).toBe(true);
      expect(await s.petitions.history(KEY)).toHaveLength(2);
    });

    it("a redelivered update (a new UpdateClaim for the same id, on another worker) writes nothing and answers nothing", async () => {
      const a = open();
      const b = open();
      await a.petitions.seedFromSource([{ ...KEY, status: "da_tiep_nhan", note: "nguồn", by: "nguồn", at: T0 }]);
      const update = async (store: Store, claim: UpdateClaim) =>
        store.unitOfWork(async (tx) => {
          if (!(await claim.claimIn(tx))) return "duplicate";
          await tx.petitions.append({ ...KEY, toStatus: "da_bao_cao_cp", at: T0, by: "telegram:1" }, () => null);
          return "appended";
        });
      const first = new UpdateClaim(a, "telegram", "555");
      const replay = new UpdateClaim(b, "telegram", "555");
      expect(first.owned).toBeUndefined();
      // Both at once, as when Telegram redelivers while the first is still being handled.
      const outcomes = await Promise.all([update(a, first), update(b, replay)]);
      expect(outcomes.sort()).toEqual(["appended", "duplicate"]);
      expect(await a.petitions.history(KEY)).toHaveLength(2);
      // Before sending: exactly one of them may answer.
      const answers = await Promise.all([first.claimOnce(), replay.claimOnce()]);
      expect(answers.filter(Boolean)).toHaveLength(1);
      expect([first.owned, replay.owned].sort()).toEqual([false, true]);
    });

    it("a read-only answer claims before sending, once", async () => {
      const a = open();
      const b = open();
      await Promise.all([a.ready(), b.ready()]);
      const results = await Promise.all([new UpdateClaim(a, "discord", "9").claimOnce(), new UpdateClaim(b, "discord", "9").claimOnce()]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });

  describe("webhook inbox", () => {
    it("hands a chat's waiting updates out in update_id order, once each, and knows handled ones", async () => {
      const a = open();
      const b = open();
      expect(await a.inbox.receive("telegram", 12, "telegram:chat:1", { update_id: 12 })).toBe("queued");
      expect(await b.inbox.receive("telegram", 10, "telegram:chat:1", { update_id: 10, message: { text: "đầu tiên" } })).toBe("queued");
      expect(await b.inbox.receive("telegram", 11, "telegram:chat:2", { update_id: 11 })).toBe("queued");
      expect(await a.inbox.receive("telegram", 12, "telegram:chat:1", { update_id: 12 })).toBe("queued"); // redelivered while waiting: still one
      expect((await a.inbox.pending("telegram", "telegram:chat:1")).map((i) => i.updateId)).toEqual([10, 12]);
      expect((await a.inbox.pending("telegram", "telegram:chat:1"))[0]!.payload).toEqual({ update_id: 10, message: { text: "đầu tiên" } });
      expect(await a.inbox.size("telegram")).toBe(3);
      await b.updates.claim("telegram", "10");
      await b.inbox.done("telegram", 10);
      expect(await a.inbox.receive("telegram", 10, "telegram:chat:1", { update_id: 10 })).toBe("duplicate"); // handled already
      expect((await a.inbox.pending("telegram", "telegram:chat:1")).map((i) => i.updateId)).toEqual([12]);
      clock.advance(30_000);
      expect(await a.inbox.staleChats("telegram", new Date(Date.parse(T0) + 1))).toEqual(["telegram:chat:2", "telegram:chat:1"]);
      expect(await a.inbox.staleChats("telegram", new Date(T0))).toEqual([]);
    });
  });

  describe("ingested sessions", () => {
    const session = (id: string, sourceText: string) => ({ id, title: `Buổi làm việc ${id}`, province: "Cao Bằng", content: { session: { id }, figures: [{ value: "7,5%" }] }, sourceText });

    it("are kept with a content hash, refused twice, removed, and may come back", async () => {
      const s = open();
      expect(await s.sessions.version()).toBe(0);
      const added = await s.sessions.add(session("cao-bang-2024", "Báo cáo Cao Bằng 2024"));
      expect(added).toMatchObject({ ok: true, version: 1, session: { id: "cao-bang-2024", province: "Cao Bằng", contentHash: contentHashOf("Báo cáo Cao Bằng 2024"), removedAt: null } });
      // The same report again (even as NFD, as phones send it), or the same id: refused.
      expect(await s.sessions.add(session("other-id", "Báo cáo Cao Bằng 2024".normalize("NFD")))).toMatchObject({ ok: false, reason: "duplicate_content", existing: { id: "cao-bang-2024" } });
      expect(await s.sessions.add(session("cao-bang-2024", "another text"))).toMatchObject({ ok: false, reason: "duplicate_id" });
      expect((await s.sessions.list()).map((x) => x.id)).toEqual(["cao-bang-2024"]);
      expect(await s.sessions.version()).toBe(1);
      expect(await s.sessions.remove("cao-bang-2024")).toEqual({ removed: true, version: 2 });
      expect(await s.sessions.remove("cao-bang-2024")).toEqual({ removed: false, version: 2 });
      expect(await s.sessions.list()).toEqual([]);
      expect((await s.sessions.get("cao-bang-2024"))?.removedAt).toBe(T0);
      expect(await s.sessions.add(session("cao-bang-2024", "Báo cáo Cao Bằng 2024"))).toMatchObject({ ok: true, version: 3 });
      expect(await s.sessions.snapshot()).toMatchObject({ version: 3, sessions: [{ id: "cao-bang-2024", content: { figures: [{ value: "7,5%" }] } }] });
    });

    it("another worker is told of a session added or removed, without a restart", async () => {
      const a = open();
      const b = open();
      const start = await b.sessions.snapshot();
      const seen: SessionChange[] = [];
      let next = deferred<SessionChange>();
      const stop = b.sessions.watch((c) => {
        seen.push(c);
        next.resolve(c);
      }, start.version);
      await a.sessions.add(session("ha-giang-2024", "Báo cáo Hà Giang"));
      expect(await next.promise).toEqual({ version: start.version + 1 });
      expect((await b.sessions.list()).map((x) => x.id)).toEqual(["ha-giang-2024"]);
      next = deferred<SessionChange>();
      await a.sessions.remove("ha-giang-2024");
      expect(await next.promise).toEqual({ version: start.version + 2 });
      expect(await b.sessions.list()).toEqual([]);
      stop();
      expect(seen.map((c) => c.version)).toEqual([start.version + 1, start.version + 2]);
    });

    it("two workers adding the same report at once keep one", async () => {
      const a = open();
      const b = open();
      await Promise.all([a.ready(), b.ready()]);
      const results = await Promise.all([a.sessions.add(session("x-1", "cùng một báo cáo")), b.sessions.add(session("x-2", "cùng một báo cáo"))]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(await a.sessions.list()).toHaveLength(1);
      expect(await a.sessions.version()).toBe(1);
    });
  });

  describe("chat locks", () => {
    it("run one holder at a time, waiters in arrival order, other chats unhindered", async () => {
      const s = open();
      await s.ready();
      const events: string[] = [];
      const release = deferred();
      const first = s.chatLocks.withLock("telegram:chat:1", async () => {
        events.push("1 in");
        await release.promise;
        events.push("1 out");
      });
      const waiters = [2, 3, 4].map((n) => s.chatLocks.withLock("telegram:chat:1", async () => void events.push(`${n} in`, `${n} out`)));
      // Another chat is not held up by chat 1's holder.
      await s.chatLocks.withLock("telegram:chat:2", async () => void events.push("other chat"));
      expect(await s.chatLocks.tryWithLock("telegram:chat:1", async () => "never")).toEqual({ acquired: false });
      release.resolve();
      await Promise.all([first, ...waiters]);
      expect(events).toEqual(["1 in", "other chat", "1 out", "2 in", "2 out", "3 in", "3 out", "4 in", "4 out"]);
      expect(await s.chatLocks.tryWithLock("telegram:chat:1", async () => "free")).toEqual({ acquired: true, value: "free" });
    });

    it.runIf(backend === "postgres")("hold across workers, and die with their holder's connection", async () => {
      const a = open();
      const b = open();
      await Promise.all([a.ready(), b.ready()]);
      const inA = deferred();
      const release = deferred();
      const events: string[] = [];
      const held = a.chatLocks.withLock("telegram:chat:9", async () => {
        events.push("a in");
        inA.resolve();
        await release.promise;
        events.push("a out");
      });
      await inA.promise;
      expect(await b.chatLocks.tryWithLock("telegram:chat:9", async () => "b")).toEqual({ acquired: false });
      const waiting = b.chatLocks.withLock("telegram:chat:9", async () => void events.push("b in"));
      release.resolve();
      await Promise.all([held, waiting]);
      expect(events).toEqual(["a in", "a out", "b in"]);

      // A holder that dies (its session is killed, as by SIGKILL) frees the lock.
      const stuck = deferred();
      const holding = deferred();
      void a.chatLocks
        .withLock("telegram:chat:10", async () => {
          holding.resolve();
          await stuck.promise;
        })
        .catch(() => undefined);
      await holding.promise;
      await terminateLockHolders(db.target, "telegram:chat:10");
      expect(await b.chatLocks.withLock("telegram:chat:10", async () => "b got it")).toBe("b got it");
      stuck.resolve();
    });
  });

  describe("digest leadership", () => {
    it.runIf(backend === "sqlite")("is always this process on SQLite", async () => {
      const s = open();
      expect(await s.leadership("digest").acquire()).toBe(true);
    });

    it.runIf(backend === "postgres")("has one holder; released or lost, another worker takes it", async () => {
      const a = open();
      const b = open();
      expect(await a.leadership("digest").acquire()).toBe(true);
      expect(await b.leadership("digest").acquire()).toBe(false);
      expect(await a.leadership("digest").acquire()).toBe(true); // still held, not stacked
      expect(await b.leadership("other").acquire()).toBe(true); // another name, another lock
      await a.leadership("digest").release();
      expect(await b.leadership("digest").acquire()).toBe(true);
      expect(await a.leadership("digest").acquire()).toBe(false);
      // The leader's connection is killed: the next attempt elsewhere wins, and the old leader knows it lost.
      await terminateLeaders(db.target);
      expect(await a.leadership("digest").acquire()).toBe(true);
      expect(await b.leadership("digest").acquire()).toBe(false);
    });
  });

  describe("health", () => {
    it("says ok when reachable and migrated", async () => {
      expect(await open().health()).toMatchObject({ ok: true, reachable: true });
    });
    it.runIf(backend === "postgres")("says not ok, without throwing, when PostgreSQL cannot be reached", async () => {
      const url = new URL(db.target);
      url.port = "1"; // nothing listens there
      const down = openStore(url.toString());
      const health = await down.health();
      expect(health).toMatchObject({ ok: false, reachable: false, backend: "postgres" });
      await expect(down.subscriptions.listSubscriptions()).rejects.toMatchObject({ code: "STORE_UNAVAILABLE", reason: "unreachable" });
      await down.close();
    });
  });
});

/** Kills the PostgreSQL sessions holding a chat's advisory lock, as a SIGKILL of their worker would. */
async function terminateLockHolders(target: string, key: string): Promise<void> {
  await withAdmin(target, (c) =>
    c.query(
      `SELECT pg_terminate_backend(l.pid) FROM pg_locks l
        WHERE l.locktype = 'advisory' AND l.classid = 7302 AND l.objid = (hashtext($1)::bigint & 4294967295) AND l.granted`,
      [key],
    ),
  );
}

async function terminateLeaders(target: string): Promise<void> {
  await withAdmin(target, (c) => c.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = 7304 AND granted"));
}

async function withAdmin(target: string, fn: (c: pg.Client) => Promise<unknown>): Promise<void> {
  const c = new pg.Client({ connectionString: target });
  await c.connect();
  try {
    await fn(c);
  } finally {
    await c.end();
  }
}
