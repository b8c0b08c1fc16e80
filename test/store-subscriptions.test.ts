// The digest store on a real SQLite file in a temporary folder: subscriptions, and the delivery
// claim that makes "one digest per chat per day" hold across connections and processes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { openDatabase } from "../src/store/db.js";
import { openStore, type Store } from "../src/store/store.js";
import type { ClaimInput } from "../src/store/subscriptions.js";

let dir: string;
let path: string;
const stores: Store[] = [];

function store(): Store {
  const s = openStore(path);
  stores.push(s);
  return s;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "digest-store-"));
  path = join(dir, "nested", "bot.sqlite");
});

afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  rmSync(dir, { recursive: true, force: true });
});

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

describe("schema", () => {
  it("creates the file and its folder, in WAL mode with foreign keys on, migration 1 applied once", () => {
    const s = store();
    expect(s.isOpen).toBe(false); // lazy: nothing opened yet
    expect(s.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(s.db.pragma("foreign_keys", { simple: true })).toBe(1);
    const versions = s.db.prepare("SELECT version FROM schema_migrations ORDER BY version").all() as { version: number }[];
    expect(versions.map((v) => v.version)).toContain(1);
    s.close();
    const again = openDatabase(path);
    const count = again.prepare("SELECT count(*) AS n FROM schema_migrations WHERE version = 1").get() as { n: number };
    expect(count.n).toBe(1);
    again.close();
  });

  it("refuses a second delivery row for the same chat and day at the schema level", () => {
    const s = store();
    subscribe(s);
    expect(claim(s).ok).toBe(true);
    expect(() =>
      s.db
        .prepare("INSERT INTO digest_deliveries (chat_id, local_date, status, attempts, claim_token, claimed_at) VALUES (?, ?, 'claimed', 1, 'x', ?)")
        .run("telegram:1", "2026-11-27", T0.toISOString()),
    ).toThrow(/UNIQUE/);
  });
});

describe("subscriptions", () => {
  it("subscribes, updates the time keeping createdAt, lists, and unsubscribes", () => {
    const s = store();
    const first = subscribe(s, "telegram:1", "07:00", new Date("2026-11-26T00:00:00Z"));
    expect(first.previous).toBeNull();
    expect(first.subscription).toMatchObject({ chatId: "telegram:1", time: "07:00", timezone: "Asia/Ho_Chi_Minh", lang: "vi" });
    const second = subscribe(s, "telegram:1", "07:30", new Date("2026-11-26T05:00:00Z"));
    expect(second.previous?.time).toBe("07:00");
    expect(second.subscription.time).toBe("07:30");
    expect(second.subscription.createdAt).toBe("2026-11-26T00:00:00.000Z");
    expect(second.subscription.updatedAt).toBe("2026-11-26T05:00:00.000Z");
    subscribe(s, "discord:9", "06:15");
    expect(s.subscriptions.listSubscriptions().map((x) => [x.chatId, x.time])).toEqual([
      ["discord:9", "06:15"],
      ["telegram:1", "07:30"],
    ]);
    expect(s.subscriptions.deleteSubscription("telegram:1")).toBe(true);
    expect(s.subscriptions.deleteSubscription("telegram:1")).toBe(false);
    expect(s.subscriptions.getSubscription("telegram:1")).toBeNull();
  });

  it("rejects a malformed time before it reaches the table", () => {
    const s = store();
    expect(() => subscribe(s, "telegram:1", "25:00")).toThrow(/HH:MM/);
    expect(() => subscribe(s, "telegram:1", "7:00")).toThrow(/HH:MM/);
  });

  it("survives reopening the file", () => {
    const s = store();
    subscribe(s, "telegram:5", "19:05");
    s.close();
    expect(store().subscriptions.getSubscription("telegram:5")?.time).toBe("19:05");
  });
});

describe("delivery claims", () => {
  it("claims once; a second claim for the same day is refused until it fails", () => {
    const s = store();
    subscribe(s);
    const a = claim(s, { token: "a" });
    expect(a).toEqual({ ok: true, attempt: 1, reclaimedStale: false });
    expect(claim(s, { token: "b" })).toMatchObject({ ok: false, reason: "in_progress" });
    expect(s.subscriptions.markSending("telegram:1", "2026-11-27", "a", T0)).toBe(true);
    expect(claim(s, { token: "c" })).toMatchObject({ ok: false, reason: "uncertain" });
    expect(s.subscriptions.markSent("telegram:1", "2026-11-27", "a", T0)).toBe(true);
    expect(claim(s, { token: "d" })).toMatchObject({ ok: false, reason: "already_sent" });
    // Another day is another delivery.
    expect(claim(s, { token: "e", localDate: "2026-11-28" }).ok).toBe(true);
  });

  it("a failed delivery is claimed again, up to maxAttempts", () => {
    const s = store();
    subscribe(s);
    for (let attempt = 1; attempt <= 3; attempt++) {
      const token = `t${attempt}`;
      expect(claim(s, { token })).toMatchObject({ ok: true, attempt });
      expect(s.subscriptions.markSending("telegram:1", "2026-11-27", token, T0)).toBe(true);
      expect(s.subscriptions.markFailed("telegram:1", "2026-11-27", token, T0, "HTTP 502")).toBe(true);
    }
    expect(claim(s, { token: "t4" })).toMatchObject({ ok: false, reason: "gave_up" });
    expect(s.subscriptions.getDelivery("telegram:1", "2026-11-27")).toMatchObject({ status: "failed", attempts: 3, lastError: "HTTP 502" });
  });

  it("a stale claim (owner died before sending) is taken over, and the old owner can no longer send", () => {
    const s = store();
    subscribe(s);
    expect(claim(s, { token: "old" }).ok).toBe(true);
    const later = new Date(T0.getTime() + 11 * 60_000);
    const taken = claim(s, { token: "new", now: later, staleBefore: new Date(later.getTime() - 10 * 60_000) });
    expect(taken).toEqual({ ok: true, attempt: 2, reclaimedStale: true });
    // The old owner wakes up: its token is gone, so it may not send.
    expect(s.subscriptions.markSending("telegram:1", "2026-11-27", "old", later)).toBe(false);
    expect(s.subscriptions.markSending("telegram:1", "2026-11-27", "new", later)).toBe(true);
  });

  it("does not claim for a chat that is no longer subscribed", () => {
    const s = store();
    expect(claim(s)).toEqual({ ok: false, reason: "unsubscribed" });
  });

  it("two connections on the same file: only one claims", () => {
    const a = store();
    const b = store();
    subscribe(a);
    const results = [claim(a, { token: "a" }), claim(b, { token: "b" })];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("remembers the last delivered digest, before a given day", () => {
    const s = store();
    subscribe(s);
    for (const [day, token] of [
      ["2026-11-25", "x"],
      ["2026-11-26", "y"],
    ] as const) {
      claim(s, { localDate: day, token });
      s.subscriptions.markSending("telegram:1", day, token, T0);
      s.subscriptions.markSent("telegram:1", day, token, T0);
    }
    claim(s, { localDate: "2026-11-27", token: "z" }); // claimed, not sent
    expect(s.subscriptions.lastSentDelivery("telegram:1")?.localDate).toBe("2026-11-26");
    expect(s.subscriptions.lastSentDelivery("telegram:1", "2026-11-26")?.localDate).toBe("2026-11-25");
    expect(s.subscriptions.lastSentDelivery("telegram:2")).toBeNull();
  });
});

describe("two processes on one file", () => {
  // Each child process opens the same file and tries to claim the same 150 (chat, day) pairs at
  // the same time; every pair must be claimed by exactly one of them.
  it("never claims one (chat, day) twice", async () => {
    const s = store();
    const chats = Array.from({ length: 150 }, (_, i) => `telegram:${i}`);
    for (const c of chats) subscribe(s, c);
    s.close();
    const script = join(process.cwd(), "test", "fixtures", "claim-worker.ts");
    const startAt = Date.now() + 1500;
    const run = (name: string) =>
      new Promise<string[]>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", script, path, name, String(chats.length), String(startAt)], { stdio: ["ignore", "pipe", "pipe"] });
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
