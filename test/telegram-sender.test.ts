// The Telegram ChatSender (proactive delivery, e.g. the digest) against the fake Bot API.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../commands/types.js";
import { SenderRegistry, type DeliveryOutcome } from "../src/adapters/sender.js";
import { createTelegramBot, type TelegramBot } from "../src/adapters/telegram/bot.js";
import { parseTelegramChatId } from "../src/adapters/telegram/sender.js";
import { FakeTelegramApi } from "./fakes/telegram-api.js";
import { LogCapture, testServices } from "./fakes/telegram-harness.js";

const digest: Reply = {
  kind: "info",
  lang: "vi",
  title: "Bản tin chỉ số sáng nay",
  lines: ["• Tốc độ tăng GRDP: 7,22% (năm 2022)"],
  figures: [{ label: "Tốc độ tăng GRDP", value: "7,22%", period: "năm 2022" }],
  citations: [{ text: "Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) đạt 7,22%", sessionId: "lang-son-2023" }],
  suggestions: [{ label: "Xem thêm", input: "/chiso" }],
};

let fake: FakeTelegramApi;
let tg: TelegramBot;
beforeEach(async () => {
  fake = await FakeTelegramApi.start();
  // 5xx are not retried here (one attempt); 429 within the budget still is.
  tg = createTelegramBot(testServices(fake, new LogCapture()), { deliveryRetry: { maxAttempts: 1 }, botInfo: fake.botInfo });
});
afterEach(async () => {
  await fake.close();
});

async function failure(chatId: string): Promise<Extract<DeliveryOutcome, { status: "not_delivered" }>> {
  const outcome = await tg.sender.send(chatId, digest);
  if (outcome.status !== "not_delivered") throw new Error(`expected "not delivered", got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe("TelegramSender", () => {
  it("renders and sends a reply to a platform-qualified chat id, through the registry", async () => {
    const registry = new SenderRegistry();
    registry.register(tg.sender);
    expect(await registry.send("telegram:-1001234567", digest)).toEqual({ status: "delivered" });
    const [call] = fake.delivered();
    expect(call!.payload).toEqual({
      chat_id: -1001234567,
      text:
        "<b>Bản tin chỉ số sáng nay</b>\n• Tốc độ tăng GRDP: <b>7,22%</b> (năm 2022)\n\n<i>Nguồn trích dẫn:</i>\n" +
        "<blockquote>Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) đạt 7,22%</blockquote>",
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      reply_markup: { inline_keyboard: [[{ text: "Xem thêm", callback_data: "t:/chiso" }]] },
    });
  });

  it("a 429 is waited out and the message delivered once", async () => {
    fake.failNext("sendMessage", 1, 429, 0);
    expect(await tg.sender.send("telegram:4201", digest)).toEqual({ status: "delivered" });
    expect(fake.callsOf("sendMessage").map((c) => c.status)).toEqual([429, 200]);
    expect(fake.delivered()).toHaveLength(1);
  });

  it("blocked (403) and missing chats (400 chat not found) are permanent failures", async () => {
    fake.blockedChats.add(4201);
    fake.missingChats.add(-100999);
    const blocked = await failure("telegram:4201");
    expect(blocked.permanent).toBe(true);
    expect(blocked.reason).toContain("403");
    expect((await failure("telegram:-100999")).permanent).toBe(true);
  });

  it("server errors and a refused connection are temporary; a malformed chat id is permanent", async () => {
    fake.failNext("sendMessage", 1, 500);
    expect((await failure("telegram:4201")).permanent).toBe(false);
    expect((await failure("discord:123")).permanent).toBe(true);
    await fake.close();
    const down = await failure("telegram:4201");
    expect(down.permanent).toBe(false);
    expect(down.reason).toContain("ECONNREFUSED");
    expect(down.reason).not.toContain(fake.token);
    fake = await FakeTelegramApi.start(); // for afterEach
  });

  it("parses chat ids", () => {
    expect(parseTelegramChatId("telegram:42")).toBe(42);
    expect(parseTelegramChatId("telegram:-1001234567890")).toBe(-1001234567890);
    expect(parseTelegramChatId("telegram:abc")).toBeUndefined();
    expect(parseTelegramChatId("console:local")).toBeUndefined();
  });
});
