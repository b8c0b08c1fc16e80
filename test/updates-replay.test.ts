// Issue 13, item 2: after a crash Telegram redelivers updates that were handled but not yet
// confirmed. A replayed admin petition update must not append a second history row nor send a
// second confirmation, and a replayed question is not answered twice: the update_id is claimed
// in the store (with the write, for a command that writes) before anything is sent.
// And two Discord gateway processes on one store, both receiving every interaction: one answers.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { createServices } from "../src/app.js";
import { createLogger } from "../src/log.js";
import { startTelegramBot, type RunningTelegram } from "../src/adapters/telegram/index.js";
import { createDiscordBot, type DiscordBot } from "../src/adapters/discord/bot.js";
import { ManualClock } from "../src/clock.js";
import type { Services } from "../src/services.js";
import { alice, bob, callbackQuery, FakeTelegramApi, textMessage, type Message } from "./fakes/telegram-api.js";
import { LogCapture } from "./fakes/telegram-harness.js";
import { FakeDiscord } from "./fakes/discord-api.js";
import { makeWorld, registry, type TestWorld } from "./petitions-helpers.js";

let world: TestWorld;
const cleanups: Array<() => Promise<void>> = [];
beforeEach(() => {
  world = makeWorld("replay-");
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await world.cleanup();
});

function services(extra: Record<string, unknown>, logs = new LogCapture()): Services {
  const s = createServices({
    env: {},
    clock: new ManualClock("2026-11-27T02:00:00Z"),
    log: createLogger("debug", logs),
    config: { DATABASE_PATH: world.path, RATE_LIMIT_PER_MINUTE: 1000, ...extra },
  });
  cleanups.push(() => s.store.close());
  return s;
}

describe("telegram: a redelivered update after a crash", () => {
  it("appends no second history row, sends no second confirmation, answers no question twice", async () => {
    const fake = await FakeTelegramApi.start();
    cleanups.push(() => fake.close());
    const config = { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ADMIN_TELEGRAM_IDS: [String(alice.id)] };
    const start = async (s: Services): Promise<RunningTelegram> => {
      const running = await startTelegramBot(s, { webhookUrl: "" });
      cleanups.push(() => running.stop());
      return running;
    };

    // The first process handles an admin update and a question.
    const first = await start(services(config));
    const admin = fake.pushUpdate(textMessage("/kiennghi capnhat KN-02 da_giai_quyet Công văn số 12/VPCP-V.I", { from: alice })) as Update;
    const question = fake.pushUpdate(textMessage("GRDP tăng bao nhiêu?", { from: bob })) as Update;
    const [asked, answer] = await fake.waitForDelivered(2).then((d) => [d.find((c) => c.payload.chat_id === alice.id)!, d.find((c) => c.payload.chat_id === bob.id)!]);
    expect(String(asked!.payload.text)).toContain("Xác nhận cập nhật KN-02?");
    expect(String(answer!.payload.text)).toContain("7,22%");
    // The admin presses "Xác nhận".
    const buttons = (asked!.payload.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard.flat();
    const press = fake.pushUpdate(callbackQuery(buttons.find((b) => b.text === "✅ Xác nhận")!.callback_data, asked!.result as Message, alice)) as Update;
    const [, , confirmation] = await fake.waitForDelivered(3);
    expect(String(confirmation!.payload.text)).toContain("Đã cập nhật KN-02");
    await first.stop();

    // It went down before Telegram learnt they were handled: the next process gets them again.
    const logs = new LogCapture();
    const second = await start(services(config, logs));
    fake.redeliver(admin);
    fake.redeliver(question);
    fake.redeliver(press);
    // One more message in each chat: updates of a chat are handled in order, so once these are
    // answered the replays before them have been handled too.
    fake.pushUpdate(textMessage("/help", { from: alice }));
    fake.pushUpdate(textMessage("/help", { from: bob }));
    await fake.until(() => fake.delivered().filter((c) => String(c.payload.text).includes("Trợ lý buổi làm việc")).length === 2);
    await second.telegram.idle();

    const texts = fake.delivered().map((c) => String(c.payload.text));
    expect(texts.filter((t) => t.includes("Xác nhận cập nhật KN-02?"))).toHaveLength(1);
    expect(texts.filter((t) => t.includes("Đã cập nhật KN-02"))).toHaveLength(1);
    expect(texts.filter((t) => t.includes("7,22%"))).toHaveLength(1);
    expect(fake.delivered()).toHaveLength(5);
    const reg = registry(services({}));
    const history = await reg.history(reg.byId("KN-02")!);
    expect(history.map((r) => r.toStatus)).toEqual([reg.byId("KN-02")!.group.sourceStatus, "da_giai_quyet"]);
    expect(logs.find("update answered before (redelivered): not answered again")).toHaveLength(3);
    // The redelivered update left no second pending confirmation.
    const pending = await services({}).store.confirmations.peek(/xacnhan (\S+)/.exec(buttons.map((b) => b.callback_data).join(" "))?.[1] ?? "");
    expect(pending?.usedAt).toBeInstanceOf(Date);
  });
});

describe("discord: two gateway processes on one store", () => {
  it("answer each interaction once, and write an admin update once", async () => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    const ADMIN = "1300000000000000077";
    const bots: DiscordBot[] = [];
    for (let k = 0; k < 2; k++) {
      const s = services({ DISCORD_TOKEN: fake.token, ADMIN_DISCORD_IDS: [ADMIN] });
      const bot = createDiscordBot(s, { token: fake.token, apiRoot: fake.apiRoot });
      await bot.start();
      cleanups.push(() => bot.stop());
      bots.push(bot);
    }
    const str = (name: string, value: string) => ({ name, type: 3, value });
    const i = fake.chatInput("petition", [{ name: "update", type: 1, options: [str("id", "KN-01"), str("status", "da_bao_cao_cp"), str("note", "Đã báo cáo")] }], {
      channelId: "1200000000000000601",
      user: { id: ADMIN },
    });
    const q = fake.chatInput("help", [], { channelId: "1200000000000000602" });
    const [asked] = await fake.waitForResponses(i, 1);
    await fake.waitForResponses(q, 1);
    // The change is shown with a Confirm button; pressing it writes the change, once.
    const confirmId = (asked!.body as { data: { components: Array<{ components: Array<{ custom_id: string; label: string }> }> } }).data.components.flatMap((r) => r.components).find((b) => b.label === "✅ Xác nhận")!.custom_id;
    const p = fake.button(confirmId, { channelId: "1200000000000000601", user: { id: ADMIN } });
    await fake.waitForResponses(p, 2);
    // Let both processes finish with both interactions before counting.
    await Promise.all(bots.map((b) => b.stop()));
    const callbacks = (x: { id: string }) => fake.requests.filter((r) => r.route === "POST /interactions/:id/:token/callback" && r.params.id === x.id);
    expect(callbacks(i)).toHaveLength(1);
    expect(callbacks(p)).toHaveLength(1);
    expect(callbacks(q)).toHaveLength(1);
    expect(fake.requests.filter((r) => r.status >= 400)).toEqual([]);
    const reg = registry(services({}));
    expect((await reg.history(reg.byId("KN-01")!)).map((r) => r.toStatus)).toEqual(["da_tiep_nhan", "da_bao_cao_cp"]);
  });
});
