// The Telegram webhook worker in-process, on both backends, against the fake Bot API: what a
// webhook call is refused for, updates of a chat answered in update_id order however they were
// queued, a redelivery answered once, and an update acknowledged by a worker that died before
// handling it answered by another worker's sweeper. Plus /healthz of the worker server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { createServices } from "../src/app.js";
import { createLogger } from "../src/log.js";
import { ManualClock } from "../src/clock.js";
import { chatKeyOf, startTelegramWorker, type TelegramWorker } from "../src/adapters/telegram/worker.js";
import { startWorkerServer } from "../src/worker/server.js";
import { workerHealth } from "../src/worker/health.js";
import { openStore } from "../src/store/store.js";
import type { Services } from "../src/services.js";
import { alice, bob, FakeTelegramApi, groupChat, textMessage } from "./fakes/telegram-api.js";
import { LogCapture } from "./fakes/telegram-harness.js";
import { backends, freshDatabase, type TestDatabase } from "./helpers/stores.js";

const SECRET = "worker-secret_abc";
const headers = { "x-telegram-bot-api-secret-token": SECRET };
let nextId = 1;
const update = (text: string, from = alice, chat?: typeof groupChat): Update => ({ update_id: nextId++, ...textMessage(text, { from, ...(chat ? { chat } : {}) }) }) as Update;

describe("chat keys", () => {
  it("are the chat of a message or of a pressed button's message, else the user, else the update", () => {
    expect(chatKeyOf(update("x", alice))).toBe(`telegram:chat:${alice.id}`);
    expect(chatKeyOf(update("x", bob, groupChat))).toBe(`telegram:chat:${groupChat.id}`);
    const press = { update_id: 9, callback_query: { id: "c", from: bob, chat_instance: "i", data: "t:x", message: { message_id: 1, date: 0, chat: groupChat } } } as unknown as Update;
    expect(chatKeyOf(press)).toBe(`telegram:chat:${groupChat.id}`);
    const inaccessible = { update_id: 10, callback_query: { id: "c", from: bob, chat_instance: "i", data: "t:x" } } as unknown as Update;
    expect(chatKeyOf(inaccessible)).toBe(`telegram:user:${bob.id}`);
    expect(chatKeyOf({ update_id: 11 } as Update)).toBe("telegram:update:11");
  });
});

describe.each(backends())("telegram webhook worker on %s", (backend) => {
  let db: TestDatabase;
  let fake: FakeTelegramApi;
  let clock: ManualClock;
  const workers: TelegramWorker[] = [];
  const opened: Services[] = [];

  beforeEach(async () => {
    db = await freshDatabase(backend);
    fake = await FakeTelegramApi.start();
    clock = new ManualClock("2026-11-27T02:00:00Z");
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop();
    for (const s of opened.splice(0)) await s.store.close();
    await fake.close();
    await db.drop();
  });

  function services(logs = new LogCapture()): Services {
    const store = backend === "postgres" ? { DATABASE_URL: db.target } : { DATABASE_PATH: db.target };
    const s = createServices({ env: {}, clock, log: createLogger("debug", logs), config: { ...store, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, RATE_LIMIT_PER_MINUTE: 1000 } });
    opened.push(s);
    return s;
  }
  async function worker(s = services(), extra: { sweepEveryMs?: number; retryAfterMs?: number } = {}): Promise<TelegramWorker> {
    const w = await startTelegramWorker(s, { secretToken: SECRET, ...extra });
    workers.push(w);
    return w;
  }

  it("refuses a call without the secret, a body that is not an update; never registers or polls", async () => {
    const w = await worker();
    expect(await w.receive({}, update("/help"))).toMatchObject({ status: 401 });
    expect(await w.receive({ "x-telegram-bot-api-secret-token": "nope" }, update("/help"))).toMatchObject({ status: 401 });
    expect(await w.receive(headers, null)).toMatchObject({ status: 400 });
    expect(await w.receive(headers, [1, 2])).toMatchObject({ status: 400 });
    expect(await w.receive(headers, { message: {} })).toMatchObject({ status: 400 });
    await w.idle();
    expect(fake.delivered()).toEqual([]);
    expect(fake.calls.map((c) => c.method)).toEqual(["getMe"]);
  });

  it("answers a chat's updates in update_id order, however they reached the inbox, and a redelivery once", async () => {
    const s = services();
    // Three updates of one chat land in the inbox out of order (several workers received them),
    // before any worker handles them.
    const [u1, u2, u3] = [update("/kiennghi mot"), update("/kiennghi hai"), update("/kiennghi ba")];
    for (const u of [u3, u1, u2]) await s.store.inbox.receive("telegram", u!.update_id, chatKeyOf(u!), u as never);
    const w = await worker(s);
    expect(await w.receive(headers, u2)).toMatchObject({ status: 200 }); // a redelivery of one that waits
    await w.drain(chatKeyOf(u1!));
    await w.idle();
    expect(fake.delivered().map((c) => /“(\w+)”/.exec(String(c.payload.text))?.[1])).toEqual(["mot", "hai", "ba"]);
    expect(await w.receive(headers, u3)).toEqual({ status: 200, reason: "handled before (redelivered)" });
    await w.idle();
    expect(fake.delivered()).toHaveLength(3);
    expect(await s.store.inbox.size("telegram")).toBe(0);
  });

  it("an update acknowledged by a worker that died before handling it is answered by another worker", async () => {
    // The dead worker's part: the update is in the inbox (it was acknowledged), nothing else.
    const first = services();
    const orphan = update("GRDP tăng bao nhiêu?", bob);
    await first.store.inbox.receive("telegram", orphan.update_id, chatKeyOf(orphan), orphan as never);
    clock.advance(30_000);
    const logs = new LogCapture();
    const other = await worker(services(logs), { sweepEveryMs: 20 });
    const [answer] = await fake.waitForDelivered(1);
    expect(answer!.payload.chat_id).toBe(bob.id);
    expect(String(answer!.payload.text)).toContain("7,22%");
    await other.idle();
    expect(logs.find("handled updates left waiting (a worker stopped before handling them?)")).toHaveLength(1);
  });
});

describe("worker /healthz", () => {
  it("is 200 with the store reachable and migrated and a platform on, 503 otherwise", async () => {
    const good = openStore(":memory:");
    const log = createLogger("silent");
    const healthy = await startWorkerServer({ host: "127.0.0.1", port: 0, log, health: () => workerHealth(good, { telegram: "webhook", discord: "off" }) });
    const noPlatform = await startWorkerServer({ host: "127.0.0.1", port: 0, log, health: () => workerHealth(good, { telegram: "off", discord: "off" }) });
    const down = openStore("postgres://nobody@127.0.0.1:1/none");
    const storeDown = await startWorkerServer({ host: "127.0.0.1", port: 0, log, health: () => workerHealth(down, { telegram: "webhook", discord: "interactions" }) });
    try {
      const get = async (port: number) => {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        return { status: res.status, body: (await res.json()) as Record<string, any> };
      };
      const ok = await get(healthy.port);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ ok: true, store: { ok: true, backend: "sqlite", reachable: true }, platforms: { telegram: "webhook", discord: "off" } });
      expect((await get(noPlatform.port)).status).toBe(503);
      const bad = await get(storeDown.port);
      expect(bad.status).toBe(503);
      expect(bad.body).toMatchObject({ ok: false, store: { ok: false, backend: "postgres", reachable: false } });
      expect((await fetch(`http://127.0.0.1:${healthy.port}/elsewhere`)).status).toBe(404);
    } finally {
      await Promise.all([healthy.close(), noPlatform.close(), storeDown.close()]);
      await Promise.all([good.close(), down.close()]);
    }
  });
});
