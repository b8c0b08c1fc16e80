// Fault suite, issue 13 items 2 and 3 for the daily digest, through the real senders and fake
// platforms. Before: every send error counted as "nothing delivered" and was retried on the next
// tick, so a connection dropped after Telegram accepted the message gave the chat two digests;
// sends were one after another, so one hung chat held the whole round; discord.js repeated a POST
// whose answer was lost (two messages). Now: an unknown outcome is logged and never resent that
// day, sends run side by side, and Discord messages carry a nonce Discord de-duplicates.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { SenderRegistry } from "../src/adapters/sender.js";
import { createTelegramBot, type TelegramBot } from "../src/adapters/telegram/bot.js";
import { createDiscordSender } from "../src/adapters/discord/sender.js";
import { createDiscordRest } from "../src/adapters/discord/rest.js";
import { DigestScheduler } from "../src/digest/scheduler.js";
import type { Services } from "../src/services.js";
import { FakeTelegramApi } from "./fakes/telegram-api.js";
import { FakeDiscord } from "./fakes/discord-api.js";
import { TestEnv, vn } from "./digest-helpers.js";

let clock: ManualClock;
let env: TestEnv;
let services: Services;
let scheduler: DigestScheduler | undefined;
beforeEach(() => {
  clock = new ManualClock(vn("2026-11-27T06:00:00"));
  env = new TestEnv(clock);
  services = env.services();
});
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
  await env.close();
});

async function subscribe(chatId: string): Promise<void> {
  await services.store.subscriptions.upsertSubscription({ chatId, time: "07:00", timezone: "Asia/Ho_Chi_Minh", lang: "vi", now: vn("2026-11-26T10:00:00") });
}

async function tickAt(local: string) {
  clock.set(vn(local));
  return scheduler!.tick();
}

describe("digest through Telegram under faults", () => {
  let fake: FakeTelegramApi;
  let tg: TelegramBot;
  beforeEach(async () => {
    fake = await FakeTelegramApi.start();
    tg = createTelegramBot(services, { token: fake.token, apiRoot: fake.apiRoot, botInfo: fake.botInfo, callTimeoutMs: 1_000 });
    const senders = new SenderRegistry();
    senders.register(tg.sender);
    scheduler = new DigestScheduler({ services, sender: senders });
  });
  afterEach(async () => {
    await scheduler?.stop();
    await fake.close();
  });
  const digestsTo = (id: number) => fake.applied.filter((c) => c.payload.chat_id === id);

  it("the connection drops after Telegram accepted the digest: one digest, logged as unknown, never resent that day", async () => {
    await subscribe("telegram:101");
    fake.inject("sendMessage", "reset-after");
    expect(await tickAt("2026-11-27T07:00:00")).toMatchObject({ sent: [], unknown: ["telegram:101"] });
    for (const t of ["07:01:00", "07:02:00", "12:00:00", "23:59:00"]) await tickAt(`2026-11-27T${t}`);
    expect(digestsTo(101)).toHaveLength(1);
    expect(fake.callsOf("sendMessage")).toHaveLength(1); // not even tried again
    expect(env.logged("delivery outcome unknown")).toMatchObject([{ chatId: "telegram:101", localDate: "2026-11-27" }]);
    expect(await services.store.subscriptions.getDelivery("telegram:101", "2026-11-27")).toMatchObject({ status: "unknown" });
    // The next day is a new digest.
    await tickAt("2026-11-28T07:00:00");
    expect(digestsTo(101)).toHaveLength(2);
  });

  it("the connection drops before Telegram processed it: unknown to the bot too, so it is not resent (a chat may miss a day, never gets two)", async () => {
    await subscribe("telegram:102");
    fake.inject("sendMessage", "reset-before");
    expect(await tickAt("2026-11-27T07:00:00")).toMatchObject({ unknown: ["telegram:102"] });
    await tickAt("2026-11-27T07:01:00");
    expect(digestsTo(102)).toHaveLength(0);
    expect(env.logged("delivery outcome unknown")).toHaveLength(1);
  });

  // Control (this worked before too): the other half of the contract, a definite refusal is retried.
  it("control: a definite refusal (a 5xx run beyond the sender's tries) is not delivered, and retried on the next tick: one digest", async () => {
    await subscribe("telegram:103");
    fake.failNext("sendMessage", 3, 502);
    expect(await tickAt("2026-11-27T07:00:00")).toMatchObject({ failed: ["telegram:103"] });
    expect(await tickAt("2026-11-27T07:01:00")).toMatchObject({ sent: ["telegram:103"] });
    expect(digestsTo(103)).toHaveLength(1);
  });

  it("one hung chat does not hold the others: theirs arrive, the hung one ends unknown after the call's bound", async () => {
    for (const id of [201, 202, 203, 204]) await subscribe(`telegram:${id}`);
    fake.inject("sendMessage", "hang", 1, (p) => p.chat_id === 202);
    const report = await tickAt("2026-11-27T07:00:00");
    expect(report).toMatchObject({ sent: ["telegram:201", "telegram:203", "telegram:204"], unknown: ["telegram:202"] });
    for (const id of [201, 203, 204]) expect(digestsTo(id)).toHaveLength(1);
    // The three healthy chats were sent while 202 was still hanging, not after it.
    const calls = fake.callsOf("sendMessage");
    expect(calls.findIndex((c) => c.payload.chat_id === 202)).toBeLessThan(calls.findIndex((c) => c.payload.chat_id === 204));
  });

  it("stop() during a round with a hung send returns promptly and records the send as unknown", async () => {
    await subscribe("telegram:301");
    tg = createTelegramBot(services, { token: fake.token, apiRoot: fake.apiRoot, botInfo: fake.botInfo, callTimeoutMs: 60_000, deliveryRetry: { budgetMs: 120_000 } });
    const senders = new SenderRegistry();
    senders.register(tg.sender);
    scheduler = new DigestScheduler({ services, sender: senders });
    fake.inject("sendMessage", "hang");
    clock.set(vn("2026-11-27T07:00:00"));
    const round = scheduler.tick();
    await fake.waitForCalls("sendMessage", 1);
    const started = Date.now();
    await scheduler.stop();
    expect(await round).toMatchObject({ unknown: ["telegram:301"] });
    expect(Date.now() - started).toBeLessThan(5_000); // a hang detector, not a measurement
  });
});

describe("digest through Discord under faults", () => {
  let fake: FakeDiscord;
  let rest: ReturnType<typeof createDiscordRest>;
  beforeEach(async () => {
    fake = await FakeDiscord.start();
    rest = createDiscordRest(fake.token, { api: fake.apiRoot, timeoutMs: 1_000 });
    const senders = new SenderRegistry();
    senders.register(createDiscordSender({ rest }));
    scheduler = new DigestScheduler({ services, sender: senders });
  });
  afterEach(async () => {
    await scheduler?.stop();
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
    await fake.close();
  });

  it("the answer to the POST is lost after Discord created the message: discord.js repeats it with the same nonce, and the channel has one message", async () => {
    await subscribe("discord:1500000000000000101");
    fake.failNext("POST /channels/:id/messages", { fault: "reset-after" });
    expect(await tickAt("2026-11-27T07:00:00")).toMatchObject({ sent: ["discord:1500000000000000101"] });
    const posts = fake.requests.filter((r) => r.route === "POST /channels/:id/messages");
    expect(posts).toHaveLength(2);
    expect((posts[1]!.body as { nonce: string }).nonce).toBe((posts[0]!.body as { nonce: string }).nonce);
    expect(fake.channelMessages).toHaveLength(1);
  });

  it("a hung channel POST ends unknown within the REST bound (not 4 × 15 s), and is not resent that day", async () => {
    await subscribe("discord:1500000000000000102");
    fake.failNext("POST /channels/:id/messages", { fault: "hang", times: 2 });
    expect(await tickAt("2026-11-27T07:00:00")).toMatchObject({ unknown: ["discord:1500000000000000102"] });
    await tickAt("2026-11-27T07:01:00");
    expect(fake.requests.filter((r) => r.route === "POST /channels/:id/messages")).toHaveLength(2);
  });

  // Control: refusals keep their meaning under the new outcomes (the retry count is rest.ts's).
  it("control: a refusal before delivery (403 Missing Access) unsubscribes; a 500 run is retried on the next tick", async () => {
    await subscribe("discord:1500000000000000103");
    await subscribe("discord:1500000000000000104");
    fake.failNext("POST /channels/1500000000000000103/messages", { status: 403, code: 50001, message: "Missing Access" });
    fake.failNext("POST /channels/1500000000000000104/messages", { status: 500, times: 2 });
    expect(await tickAt("2026-11-27T07:00:00")).toMatchObject({ unsubscribed: ["discord:1500000000000000103"], failed: ["discord:1500000000000000104"] });
    expect(await tickAt("2026-11-27T07:01:00")).toMatchObject({ sent: ["discord:1500000000000000104"] });
    expect(fake.channelMessages.map((m) => m.channelId)).toEqual(["1500000000000000104"]);
  });
});
