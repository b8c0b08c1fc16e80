// The scheduler with a ManualClock, a real SQLite file and a fake ChatSender: tests move the clock
// and call tick() exactly where the minute timer would.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { notDelivered, SenderRegistry } from "../src/adapters/sender.js";
import { DigestScheduler, dueLocalDate } from "../src/digest/scheduler.js";
import type { Services } from "../src/services.js";
import { FakeSender, TestEnv, vn } from "./digest-helpers.js";

let clock: ManualClock;
let env: TestEnv;
const schedulers: DigestScheduler[] = [];

beforeEach(() => {
  clock = new ManualClock(vn("2026-11-26T12:00:00"));
  env = new TestEnv(clock);
});

afterEach(async () => {
  for (const s of schedulers.splice(0)) await s.stop();
  await env.close();
});

function scheduler(services: Services, sender: FakeSender | SenderRegistry, extra: { sleep?: (ms: number) => Promise<void> } = {}): DigestScheduler {
  const s = new DigestScheduler({ services, sender, sleep: extra.sleep ?? (async () => undefined) });
  schedulers.push(s);
  return s;
}

async function subscribe(services: Services, chatId: string, time: string, at: Date, lang: "vi" | "en" = "vi"): Promise<void> {
  await services.store.subscriptions.upsertSubscription({ chatId, time, timezone: "Asia/Ho_Chi_Minh", lang, now: at });
}

async function tickAt(s: DigestScheduler, when: Date | string): Promise<void> {
  clock.set(typeof when === "string" ? vn(when) : when);
  await s.tick();
}

describe("digest scheduler", () => {
  it("subscribed at 06:59 → delivered at 07:00, exactly once however many ticks", async () => {
    clock.set(vn("2026-11-27T06:59:00"));
    const services = env.services();
    await subscribe(services, "telegram:1", "07:00", clock.now());
    const sender = new FakeSender(clock);
    const s = scheduler(services, sender);

    await tickAt(s, "2026-11-27T06:59:00");
    await tickAt(s, "2026-11-27T06:59:59");
    expect(sender.sent).toHaveLength(0);
    await tickAt(s, "2026-11-27T07:00:00");
    expect(sender.sent).toHaveLength(1);
    expect(sender.sent[0]!.at).toBe(vn("2026-11-27T07:00:00").toISOString());
    expect(sender.sent[0]!.reply.title).toBe("Bản tin chỉ số — Thứ Sáu, 27/11/2026");
    await Promise.all([s.tick(), s.tick(), s.tick()]);
    for (const t of ["07:00:30", "07:01:00", "07:02:00", "12:00:00", "23:59:59"]) await tickAt(s, `2026-11-27T${t}`);
    expect(sender.sent).toHaveLength(1);
    expect(await services.store.subscriptions.getDelivery("telegram:1", "2026-11-27")).toMatchObject({ status: "sent", attempts: 1 });

    // The next day: one more.
    await tickAt(s, "2026-11-28T06:59:00");
    await tickAt(s, "2026-11-28T07:00:00");
    await tickAt(s, "2026-11-28T07:01:00");
    expect(sender.sent.map((x) => x.reply.title)).toEqual(["Bản tin chỉ số — Thứ Sáu, 27/11/2026", "Bản tin chỉ số — Thứ Bảy, 28/11/2026"]);
  });

  it("two chats at different times each get theirs at their own time", async () => {
    const services = env.services();
    await subscribe(services, "telegram:1", "07:00", vn("2026-11-26T10:00:00"));
    await subscribe(services, "telegram:2", "19:05", vn("2026-11-26T10:00:00"));
    const sender = new FakeSender(clock);
    const s = scheduler(services, sender);
    for (let minutes = 0; minutes < 24 * 60; minutes += 5) await tickAt(s, new Date(vn("2026-11-27T00:00:00").getTime() + minutes * 60_000));
    expect(sender.sent.map((x) => [x.chatId, x.at])).toEqual([
      ["telegram:1", vn("2026-11-27T07:00:00").toISOString()],
      ["telegram:2", vn("2026-11-27T19:05:00").toISOString()],
    ]);
  });

  it("a subscription made after today's time starts tomorrow, not at once", async () => {
    const services = env.services();
    await subscribe(services, "telegram:1", "07:00", vn("2026-11-27T09:00:00"));
    const sender = new FakeSender(clock);
    const s = scheduler(services, sender);
    await tickAt(s, "2026-11-27T09:00:00");
    await tickAt(s, "2026-11-27T23:00:00");
    expect(sender.sent).toHaveLength(0);
    await tickAt(s, "2026-11-28T07:00:00");
    expect(sender.sent).toHaveLength(1);
  });

  it("changing the time after today's digest does not send a second one today", async () => {
    const services = env.services();
    await subscribe(services, "telegram:1", "07:00", vn("2026-11-26T10:00:00"));
    const sender = new FakeSender(clock);
    const s = scheduler(services, sender);
    await tickAt(s, "2026-11-27T07:00:00");
    await subscribe(services, "telegram:1", "09:00", vn("2026-11-27T08:00:00"));
    await tickAt(s, "2026-11-27T09:00:00");
    expect(sender.sent).toHaveLength(1);
    await tickAt(s, "2026-11-28T09:00:00");
    expect(sender.to("telegram:1").map((x) => x.at)).toEqual([vn("2026-11-27T07:00:00").toISOString(), vn("2026-11-28T09:00:00").toISOString()]);
  });

  describe("restarts and concurrency", () => {
    it("a restart after the send started (process died mid-send) never sends that day's digest again", async () => {
      const first = env.services();
      await subscribe(first, "telegram:1", "07:00", vn("2026-11-26T10:00:00"));
      const dying = new FakeSender(clock);
      dying.hang = true; // the send reaches the platform, then the process is gone before recording it
      const old = new DigestScheduler({ services: first, sender: dying, sleep: async () => undefined });
      clock.set(vn("2026-11-27T07:00:00"));
      void old.tick(); // never settles
      await dying.untilSent(1);
      expect(dying.sent).toHaveLength(1);

      // A new process on the same file.
      const second = env.services();
      const sender = new FakeSender(clock);
      const s = scheduler(second, sender);
      for (const t of ["07:00:30", "07:05:00", "07:20:00", "09:00:00", "23:59:00"]) await tickAt(s, `2026-11-27T${t}`);
      expect(sender.sent).toHaveLength(0);
      expect((await second.store.subscriptions.getDelivery("telegram:1", "2026-11-27"))?.status).toBe("sending");
      expect(env.logged("never confirmed")).toHaveLength(1);
      // The next day is a new day.
      await tickAt(s, "2026-11-28T07:00:00");
      expect(sender.sent).toHaveLength(1);
    });

    it("a restart after the claim but before the send: taken over only once the claim is stale, then sent once", async () => {
      const first = env.services();
      await subscribe(first, "telegram:1", "07:00", vn("2026-11-26T10:00:00"));
      // The old process claimed at 07:00 and died before it could flip the row to `sending`.
      const claim = (await first.store.subscriptions.claimDelivery({
        chatId: "telegram:1",
        localDate: "2026-11-27",
        token: "old-process",
        now: vn("2026-11-27T07:00:00"),
        staleBefore: vn("2026-11-27T06:50:00"),
        maxAttempts: 30,
      }));
      expect(claim.ok).toBe(true);

      const second = env.services();
      const sender = new FakeSender(clock);
      const s = scheduler(second, sender);
      await tickAt(s, "2026-11-27T07:01:00");
      await tickAt(s, "2026-11-27T07:09:59");
      expect(sender.sent).toHaveLength(0); // it may still be alive: wait for the stale limit (10 minutes)
      await tickAt(s, "2026-11-27T07:10:01");
      expect(sender.sent).toHaveLength(1);
      // The old process comes back to life: its token no longer lets it send.
      expect(await first.store.subscriptions.markSending("telegram:1", "2026-11-27", "old-process", clock.now())).toBe(false);
      for (const t of ["07:11:00", "07:30:00", "20:00:00"]) await tickAt(s, `2026-11-27T${t}`);
      expect(sender.sent).toHaveLength(1);
      expect(await second.store.subscriptions.getDelivery("telegram:1", "2026-11-27")).toMatchObject({ status: "sent", attempts: 2 });
    });

    it("two schedulers (two processes) on the same file ticking at once send one digest per chat", async () => {
      const a = env.services();
      const b = env.services();
      for (let i = 0; i < 20; i++) await subscribe(a, `telegram:${i}`, "07:00", vn("2026-11-26T10:00:00"));
      const shared = new FakeSender(clock);
      const sa = scheduler(a, shared);
      const sb = scheduler(b, shared);
      clock.set(vn("2026-11-27T07:00:00"));
      await Promise.all([sa.tick(), sb.tick(), sa.tick(), sb.tick()]);
      await Promise.all([sa.tick(), sb.tick()]);
      expect(shared.sent).toHaveLength(20);
      expect(new Set(shared.sent.map((x) => x.chatId)).size).toBe(20);
    });
  });

  describe("catch-up", () => {
    it("down across 07:00: one catch-up at startup, then nothing more that day", async () => {
      const services = env.services();
      await subscribe(services, "telegram:1", "07:00", vn("2026-11-26T10:00:00"));
      // The process was down from 06:50 to 09:30.
      clock.set(vn("2026-11-27T09:30:00"));
      const sender = new FakeSender(clock);
      const s = scheduler(services, sender);
      const report = await s.start();
      expect(report.sent).toEqual(["telegram:1"]);
      expect(sender.sent).toHaveLength(1);
      expect(sender.sent[0]!.reply.title).toBe("Bản tin chỉ số — Thứ Sáu, 27/11/2026");
      for (const t of ["09:31:00", "12:00:00", "23:59:00"]) await tickAt(s, `2026-11-27T${t}`);
      expect(sender.sent).toHaveLength(1);
    });

    it("never sends the digest of a day that has ended", async () => {
      const services = env.services();
      await subscribe(services, "telegram:1", "07:00", vn("2026-11-25T10:00:00"));
      // Down from 26/11 06:50 to 27/11 06:00: 26/11's digest is lost, not sent late.
      clock.set(vn("2026-11-27T06:00:00"));
      const sender = new FakeSender(clock);
      const s = scheduler(services, sender);
      expect((await s.start()).sent).toEqual([]);
      expect(await services.store.subscriptions.getDelivery("telegram:1", "2026-11-26")).toBeNull();
      await tickAt(s, "2026-11-27T07:00:00");
      expect(sender.sent.map((x) => x.reply.title)).toEqual(["Bản tin chỉ số — Thứ Sáu, 27/11/2026"]);
    });
  });

  describe("Vietnam day vs UTC day", () => {
    it("00:15 in Vietnam is the new day there while UTC is still on the previous one", async () => {
      const services = env.services();
      await subscribe(services, "telegram:1", "00:15", vn("2026-11-26T10:00:00"));
      const sender = new FakeSender(clock);
      const s = scheduler(services, sender);
      // 2026-11-26T17:15Z: Thursday 26/11 in UTC, Friday 27/11 00:15 in Vietnam.
      await tickAt(s, new Date("2026-11-26T17:14:00Z"));
      expect(sender.sent).toHaveLength(0);
      await tickAt(s, new Date("2026-11-26T17:15:00Z"));
      expect(sender.sent).toHaveLength(1);
      expect(sender.sent[0]!.reply.title).toBe("Bản tin chỉ số — Thứ Sáu, 27/11/2026");
      expect((await services.store.subscriptions.getDelivery("telegram:1", "2026-11-27"))?.status).toBe("sent");
      // Still 27/11 in Vietnam until 16:59:59Z: no second digest; then 28/11 begins.
      await tickAt(s, new Date("2026-11-26T23:59:59Z"));
      await tickAt(s, new Date("2026-11-27T16:59:59Z"));
      expect(sender.sent).toHaveLength(1);
      await tickAt(s, new Date("2026-11-27T17:15:00Z"));
      expect(sender.sent.map((x) => x.reply.title)).toEqual(["Bản tin chỉ số — Thứ Sáu, 27/11/2026", "Bản tin chỉ số — Thứ Bảy, 28/11/2026"]);
    });

    it("dueLocalDate uses the subscription's zone", () => {
      const sub = { chatId: "telegram:1", time: "06:00", timezone: "Asia/Ho_Chi_Minh", lang: "vi" as const, createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z" };
      expect(dueLocalDate(sub, new Date("2026-11-26T23:00:00Z"))).toBe("2026-11-27"); // 06:00 on the 27th in Vietnam
      expect(dueLocalDate(sub, new Date("2026-11-26T22:59:00Z"))).toBeNull();
      expect(dueLocalDate({ ...sub, timezone: "UTC" }, new Date("2026-11-26T23:00:00Z"))).toBe("2026-11-26");
    });
  });

  describe("failures", () => {
    it("a chat that blocked the bot (403) is unsubscribed with a log line; the others still get theirs", async () => {
      const services = env.services();
      for (const c of ["telegram:1", "telegram:2", "telegram:3"]) await subscribe(services, c, "07:00", vn("2026-11-26T10:00:00"));
      const sender = new FakeSender(clock);
      sender.fail = (chatId) => (chatId === "telegram:2" ? notDelivered("Forbidden: bot was blocked by the user", true) : undefined);
      const s = scheduler(services, sender);
      const report = await (clock.set(vn("2026-11-27T07:00:00")), s.tick());
      expect(report).toEqual({ sent: ["telegram:1", "telegram:3"], failed: [], unsubscribed: ["telegram:2"], unknown: [] });
      expect(await services.store.subscriptions.getSubscription("telegram:2")).toBeNull();
      const lines = env.logged("unsubscribed");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ chatId: "telegram:2" });
      await tickAt(s, "2026-11-27T07:01:00");
      await tickAt(s, "2026-11-28T07:00:00");
      expect(sender.attempts.filter((c) => c === "telegram:2")).toHaveLength(1);
    });

    it("other failures are retried on the next tick, and never stop the other chats", async () => {
      const services = env.services();
      for (const c of ["telegram:1", "telegram:2", "telegram:3"]) await subscribe(services, c, "07:00", vn("2026-11-26T10:00:00"));
      const sender = new FakeSender(clock);
      sender.fail = (chatId, attempt) =>
        chatId === "telegram:1" && attempt <= 2 ? (attempt === 1 ? notDelivered("502: Bad Gateway") : notDelivered("request not sent (ECONNREFUSED)")) : undefined;
      const s = scheduler(services, sender);
      clock.set(vn("2026-11-27T07:00:00"));
      expect(await s.tick()).toEqual({ sent: ["telegram:2", "telegram:3"], failed: ["telegram:1"], unsubscribed: [], unknown: [] });
      clock.set(vn("2026-11-27T07:01:00"));
      expect(await s.tick()).toEqual({ sent: [], failed: ["telegram:1"], unsubscribed: [], unknown: [] });
      clock.set(vn("2026-11-27T07:02:00"));
      expect(await s.tick()).toEqual({ sent: ["telegram:1"], failed: [], unsubscribed: [], unknown: [] });
      await tickAt(s, "2026-11-27T07:03:00");
      expect(sender.sent.map((x) => x.chatId).sort()).toEqual(["telegram:1", "telegram:2", "telegram:3"]);
      expect(await services.store.subscriptions.getDelivery("telegram:1", "2026-11-27")).toMatchObject({ status: "sent", attempts: 3 });
      expect(await services.store.subscriptions.getSubscription("telegram:1")).not.toBeNull();
    });

    it("a subscription that cannot be worked out (a time zone this runtime lacks) is logged and skipped", async () => {
      const services = env.services();
      await services.store.subscriptions.upsertSubscription({ chatId: "telegram:1", time: "07:00", timezone: "Mars/Olympus_Mons", lang: "vi", now: vn("2026-11-26T10:00:00") });
      await subscribe(services, "telegram:2", "07:00", vn("2026-11-26T10:00:00"));
      const sender = new FakeSender(clock);
      const s = scheduler(services, sender);
      clock.set(vn("2026-11-27T07:00:00"));
      expect(await s.tick()).toEqual({ sent: ["telegram:2"], failed: ["telegram:1"], unsubscribed: [], unknown: [] });
      expect(env.logged("delivery pass failed")).toHaveLength(1);
    });

    it("gives up on a chat for the day after the maximum number of attempts", async () => {
      const services = env.services();
      await subscribe(services, "telegram:1", "07:00", vn("2026-11-26T10:00:00"));
      const sender = new FakeSender(clock);
      sender.fail = () => notDelivered("500: Internal Server Error");
      const s = new DigestScheduler({ services, sender, sleep: async () => undefined, maxAttempts: 3 });
      schedulers.push(s);
      for (let m = 0; m < 10; m++) await tickAt(s, `2026-11-27T07:0${m}:00`);
      expect(sender.attempts).toHaveLength(3);
      sender.fail = () => undefined;
      await tickAt(s, "2026-11-28T07:00:00");
      expect(sender.sent).toHaveLength(1);
    });

    it("leaves chats of a platform that is not running in this process unclaimed", async () => {
      const services = env.services();
      await subscribe(services, "telegram:1", "07:00", vn("2026-11-26T10:00:00"));
      await subscribe(services, "discord:2", "07:00", vn("2026-11-26T10:00:00"));
      const telegram = new FakeSender(clock, "telegram");
      const registry = new SenderRegistry();
      registry.register(telegram);
      const s = scheduler(services, registry);
      await tickAt(s, "2026-11-27T07:00:00");
      expect(telegram.sent.map((x) => x.chatId)).toEqual(["telegram:1"]);
      expect(await services.store.subscriptions.getDelivery("discord:2", "2026-11-27")).toBeNull();
      // Discord comes up (e.g. another process, or a restart with a token): it gets its digest then.
      const discord = new FakeSender(clock, "discord");
      registry.register(discord);
      await tickAt(s, "2026-11-27T07:01:00");
      expect(discord.sent.map((x) => x.chatId)).toEqual(["discord:2"]);
    });
  });

  it("sends with bounded concurrency: never more than `concurrency` chats in flight, every chat served", async () => {
    const services = env.services();
    for (let i = 0; i < 7; i++) await subscribe(services, `telegram:${i}`, "07:00", vn("2026-11-26T10:00:00"));
    const sender = new FakeSender(clock);
    let inFlight = 0;
    let most = 0;
    const origSend = sender.send.bind(sender);
    sender.send = async (chatId, reply) => {
      most = Math.max(most, ++inFlight);
      // Yield a few times so that the other workers can start while this send is "on the wire".
      for (let k = 0; k < 5; k++) await new Promise((r) => setImmediate(r));
      inFlight--;
      return origSend(chatId, reply);
    };
    const s = new DigestScheduler({ services, sender, concurrency: 3 });
    schedulers.push(s);
    await tickAt(s, "2026-11-27T07:00:00");
    expect(most).toBe(3);
    expect(sender.sent.map((x) => x.chatId).sort()).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `telegram:${i}`));
  });

  it("sends in the subscriber's language, and the petition summary covers changes since the previous digest", async () => {
    const services = env.services();
    const calls: (string | null)[] = [];
    (services as unknown as { petitions?: unknown }).petitions = {
      summary(since: string | null) {
        calls.push(since);
        return { countsByStatus: [{ status: "da_tiep_nhan", label: "Đã tiếp nhận", count: 4 }], changes: [] };
      },
    };
    await subscribe(services, "telegram:1", "07:00", vn("2026-11-26T10:00:00"), "en");
    const sender = new FakeSender(clock);
    const s = scheduler(services, sender);
    await tickAt(s, "2026-11-27T07:00:00");
    await tickAt(s, "2026-11-28T07:00:00");
    // First digest: changes since the chat subscribed; then since the previous digest.
    expect(calls).toEqual([vn("2026-11-26T10:00:00").toISOString(), vn("2026-11-27T07:00:00").toISOString()]);
    expect(sender.sent[0]!.reply.title).toBe("Indicator digest — Friday, 27/11/2026");
    expect(sender.sent[1]!.reply.lines).toContain("Petitions by status:");
  });
});
