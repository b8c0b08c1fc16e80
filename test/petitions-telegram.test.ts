// Petition tracking end to end through Telegram: the real grammY bot long-polling the fake Bot API,
// with the petition history in a real SQLite file. Each message is compared with what the command
// layer renders for the same input on a second set of services reading the same file.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runText } from "../commands/dispatch.js";
import type { CommandContext, Reply } from "../commands/types.js";
import { createServices } from "../src/app.js";
import { createLogger } from "../src/log.js";
import type { Services } from "../src/services.js";
import type { Message, User } from "grammy/types";
import { alice, bob, callbackQuery, textMessage, type ApiCall } from "./fakes/telegram-api.js";
import { expectedPayloads, startHarness, type Harness } from "./fakes/telegram-harness.js";
import { makeWorld, registry, type TestWorld } from "./petitions-helpers.js";

let world: TestWorld;
let h: Harness;
/** Reads the same file as the bot: what it should have answered, and what it wrote. */
let mirror: Services;

beforeEach(async () => {
  world = makeWorld("petitions-telegram-");
  const config = { DATABASE_PATH: world.path, ADMIN_TELEGRAM_IDS: [String(alice.id)] };
  h = await startHarness({ config });
  mirror = createServices({ env: {}, config, log: createLogger("silent") });
});

afterEach(async () => {
  await h.stop();
  await h.services.store.close();
  await mirror.store.close();
  await world.cleanup();
});

const textOf = (c: ApiCall) => String(c.payload.text);

function ctxOf(user: User): CommandContext {
  return {
    platform: "telegram",
    chatId: `telegram:${user.id}`,
    userId: `telegram:${user.id}`,
    userName: user.username ?? user.first_name,
    lang: "vi",
    isAdmin: user.id === alice.id,
    services: mirror,
  };
}

/** Sends a text from `user` and waits for the bot's next message. */
async function say(text: string, user: User): Promise<ApiCall> {
  const before = h.fake.delivered().length;
  h.fake.pushUpdate(textMessage(text, { from: user }));
  const sent = await h.fake.waitForDelivered(before + 1);
  return sent[before]!;
}

/** Presses the button labelled `label` under `message`, as `user`, and waits for the bot's next message. */
async function press(message: ApiCall, label: string, user: User): Promise<ApiCall> {
  const buttons = (message.payload.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard.flat();
  const button = buttons.find((b) => b.text === label)!;
  const before = h.fake.delivered().length;
  h.fake.pushUpdate(callbackQuery(button.callback_data, message.result as Message, user));
  return (await h.fake.waitForDelivered(before + 1))[before]!;
}

async function expectSame(sent: ApiCall, reply: Reply, user: User): Promise<void> {
  expect(sent.payload).toEqual(expectedPayloads(reply, user.id, h.running)[0]);
}

const historyCount = async () => {
  let n = 0;
  for (const e of registry(mirror).entries) n += (await registry(mirror).history(e)).length;
  return n;
};

describe("petitions through Telegram", () => {
  it("lists the groups with buttons; a button opens that group's details", async () => {
    const list = await say("/kiennghi", bob);
    await expectSame(list, await runText("/kiennghi", ctxOf(bob)), bob);
    expect(textOf(list)).toContain("KN-04 — 48 vấn đề, gửi các bộ, ngành (kiến nghị mới): Chờ trả lời bằng văn bản");
    const buttons = (list.payload.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(["KN-01 · 4 nội dung", "KN-02 · 9 nội dung", "KN-03 · 10 kiến nghị mới", "KN-04 · 48 vấn đề"]);

    const before = h.fake.delivered().length;
    h.fake.pushUpdate(callbackQuery(buttons[1]!.callback_data, list.result as Message, bob));
    const details = (await h.fake.waitForDelivered(before + 1))[before]!;
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)!.payload.text).toBe("/kiennghi KN-02");
    await expectSame(details, await runText("/kiennghi KN-02", ctxOf(bob)), bob);
    expect(textOf(details)).toContain("Trạng thái hiện tại: Chờ trả lời bằng văn bản — theo báo cáo buổi làm việc, chưa có cập nhật mới");
  });

  it("finds a group by topic typed without diacritics", async () => {
    const sent = await say("/kiennghi giai phong mat bang", bob);
    await expectSame(sent, await runText("/kiennghi giai phong mat bang", ctxOf(bob)), bob);
    expect(textOf(sent)).toContain("liên quan đến 2 nhóm kiến nghị");
  });

  it("refuses an update from a non-admin and changes nothing", async () => {
    await registry(mirror).init();
    const before = await historyCount();
    const sent = await say("/kiennghi capnhat KN-02 da_giai_quyet đã xong", bob);
    expect(textOf(sent)).toContain("Xin lỗi, chỉ quản trị viên mới có thể cập nhật trạng thái kiến nghị.");
    expect(await historyCount()).toBe(before);
    expect((await registry(mirror).current(registry(mirror).byId("KN-02")!)).toStatus).toBe("cho_tra_loi_van_ban");
  });

  it("records an admin's update, shown in the next lookup and the next answer", async () => {
    const asked = await say("/kiennghi capnhat KN-02 Đã giải quyết Bộ KH&ĐT trả lời bằng Công văn số 1234/BKHĐT-KTĐPLT", alice);
    expect(textOf(asked)).toContain("<b>Xác nhận cập nhật KN-02?</b>");
    const sent = await press(asked, "✅ Xác nhận", alice);
    expect(textOf(sent)).toContain("<b>Đã cập nhật KN-02</b>");
    expect(textOf(sent)).toContain("KN-02 (9 nội dung, các bộ, ngành): Chờ trả lời bằng văn bản → Đã giải quyết.");
    expect(textOf(sent)).toContain("Ghi chú: Bộ KH&amp;ĐT trả lời bằng Công văn số 1234/BKHĐT-KTĐPLT");
    const row = (await registry(mirror).current(registry(mirror).byId("KN-02")!));
    expect(row).toMatchObject({ by: `telegram:${alice.id}`, byName: "lan_ubnd", fromStatus: "cho_tra_loi_van_ban", toStatus: "da_giai_quyet", reference: "1234/BKHĐT-KTĐPLT" });

    const lookup = await say("/kiennghi kn2", bob);
    await expectSame(lookup, await runText("/kiennghi kn2", ctxOf(bob)), bob);
    expect(textOf(lookup)).toContain("Trạng thái hiện tại: Đã giải quyết — cập nhật lần cuối");
    expect(textOf(lookup)).toContain("lan_ubnd (telegram:4201): Chờ trả lời bằng văn bản → Đã giải quyết");

    const q = "kiến nghị về đất lúa đã được xử lý chưa?";
    const answer = await say(q, bob);
    expect(textOf(answer)).toContain("Trạng thái hiện tại của KN-02 (9 nội dung, các bộ, ngành): Đã giải quyết — cập nhật lần cuối");
  });

  it("answers an invalid status with the valid ones, and a refused change with the reason", async () => {
    const invalid = await say("/kiennghi capnhat KN-01 dang_xu_ly", alice);
    expect(textOf(invalid)).toContain("“dang_xu_ly” không phải là trạng thái hợp lệ.");
    expect(textOf(invalid)).toContain("• Chờ trả lời bằng văn bản (cho_tra_loi_van_ban)");
    const back = await say("/kiennghi capnhat KN-02 da tiep nhan", alice);
    expect(textOf(back)).toContain("Không thể chuyển KN-02 từ “Chờ trả lời bằng văn bản” sang “Đã tiếp nhận”");
    expect(await registry(mirror).history(registry(mirror).byId("KN-02")!)).toHaveLength(1);
  });
});
