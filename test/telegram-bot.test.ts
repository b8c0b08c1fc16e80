// End to end: the real grammY bot, long polling through @grammyjs/runner over real HTTP, against
// the fake Bot API. Every assertion is on what the bot sent; nothing waits on a clock.
import { afterEach, describe, expect, it } from "vitest";
import type { Message } from "grammy/types";
import { allCommands } from "../commands/index.js";
import type { CommandContext, Reply } from "../commands/types.js";
import { runText } from "../commands/dispatch.js";
import { apologyReply } from "../commands/dispatch.js";
import { slowDownReply, textOnlyReply } from "../src/adapters/telegram/bot.js";
import { TELEGRAM_TEXT_LIMIT } from "../src/adapters/telegram/render.js";
import { alice, bob, callbackQuery, carol, groupChat, textMessage, type ApiCall } from "./fakes/telegram-api.js";
import { expectedPayloads, expectedReplies, startHarness, type Harness } from "./fakes/telegram-harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const privateIds = (user: { id: number }) => ({ chatId: `telegram:${user.id}`, userId: `telegram:${user.id}` });
const textOf = (c: ApiCall) => String(c.payload.text);

describe("telegram bot: startup", () => {
  it("identifies itself, drops any webhook, publishes the command menus in Vietnamese and English, then long-polls", async () => {
    h = await startHarness();
    const { fake } = h;
    await fake.waitForCalls("getUpdates");
    const methods = fake.calls.map((c) => c.method);
    expect(methods.slice(0, 5)).toEqual(["getMe", "setMyCommands", "setMyCommands", "setMyCommands", "deleteWebhook"]);

    const [vi, en, def] = fake.callsOf("setMyCommands").map((c) => c.payload);
    const visible = allCommands.filter((c) => !c.hidden);
    expect(vi).toEqual({ commands: visible.map((c) => ({ command: c.nameVi, description: c.description.vi })), language_code: "vi" });
    expect(en).toEqual({ commands: visible.map((c) => ({ command: c.name, description: c.description.en })), language_code: "en" });
    expect(def).toEqual({ commands: vi!.commands });
    // The names every user types, from the shared definitions.
    expect(vi!.commands.map((c: { command: string }) => c.command)).toEqual(expect.arrayContaining(["hoi", "chiso", "ketluan", "help"]));
    expect(en!.commands.map((c: { command: string }) => c.command)).toEqual(expect.arrayContaining(["ask", "indicator", "conclusions", "help"]));
    for (const c of [...vi!.commands, ...en!.commands]) expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/);
    expect(vi!.commands.find((c: { command: string }) => c.command === "hoi").description).toBe("Hỏi về số liệu, kiến nghị, kết luận của buổi làm việc");
    expect(en!.commands.find((c: { command: string }) => c.command === "ask").description).toBe("Ask about the session's figures, petitions and conclusions");
    expect(fake.commands.get("vi")).toEqual(vi!.commands);

    expect(fake.callsOf("deleteWebhook")[0]!.payload).toEqual({ drop_pending_updates: false });
    expect(fake.callsOf("getUpdates")[0]!.payload).toMatchObject({ allowed_updates: ["message", "callback_query"], timeout: 30 });
  });

  it("on stop, aborts the long poll and confirms the last handled update", async () => {
    h = await startHarness();
    const u = h.fake.pushUpdate(textMessage("/help"));
    await h.fake.waitForDelivered(1);
    await h.running.stop();
    const last = h.fake.callsOf("getUpdates").at(-1)!;
    expect(last.payload).toEqual({ offset: u.update_id + 1, limit: 1, timeout: 0 });
  });
});

describe("telegram bot: questions in a private chat", () => {
  it("answers a question with diacritics: the figure, its period and the source sentence", async () => {
    h = await startHarness();
    const q = "GRDP tăng bao nhiêu?";
    h.fake.pushUpdate(textMessage(q));
    const [sent] = await h.fake.waitForDelivered(1);
    const [reply] = await expectedReplies([q], privateIds(alice));
    expect(sent!.payload).toEqual(expectedPayloads(reply!, alice.id, h.running)[0]);
    expect(textOf(sent!)).toContain("<b>7,22%</b>");
    expect(textOf(sent!)).toContain("<blockquote>");
    expect(textOf(sent!)).toContain("7,22%");
  });

  it("answers the same question typed without diacritics", async () => {
    h = await startHarness();
    const q = "grdp tang bao nhieu";
    h.fake.pushUpdate(textMessage(q));
    const [sent] = await h.fake.waitForDelivered(1);
    const [reply] = await expectedReplies([q], privateIds(alice));
    expect(sent!.payload).toEqual(expectedPayloads(reply!, alice.id, h.running)[0]);
    expect(textOf(sent!)).toContain("7,22%");
  });

  it("keeps a follow-up in the same chat in order and in context", async () => {
    h = await startHarness();
    const q1 = "Dịch vụ chiếm bao nhiêu phần trăm cơ cấu kinh tế?";
    const q2 = "còn nông, lâm, thủy sản?";
    // Both arrive in one batch: the runner handles updates concurrently, sequentialize keeps the chat's order.
    h.fake.pushUpdate(textMessage(q1));
    h.fake.pushUpdate(textMessage(q2));
    const sent = await h.fake.waitForDelivered(2);
    const [r1, r2] = await expectedReplies([q1, q2], privateIds(alice));
    expect(sent.map((c) => c.payload)).toEqual([...expectedPayloads(r1!, alice.id, h.running), ...expectedPayloads(r2!, alice.id, h.running)]);
    expect(textOf(sent[0]!)).toContain("49,98%");
    expect(textOf(sent[1]!)).toContain("21,1%");
    expect(textOf(sent[1]!)).not.toContain("49,98%");
  });

  it("asks for the question when /hoi comes without one, and its buttons ask the suggested question", async () => {
    h = await startHarness();
    h.fake.pushUpdate(textMessage("/hoi"));
    const [usage] = await h.fake.waitForDelivered(1);
    const [reply] = await expectedReplies(["/hoi"], privateIds(alice));
    expect(reply!.kind).toBe("usage");
    expect(usage!.payload).toEqual(expectedPayloads(reply!, alice.id, h.running)[0]);
    expect(textOf(usage!)).toContain("Bạn muốn hỏi gì?");

    const button = usage!.payload.reply_markup.inline_keyboard[0][0] as { text: string; callback_data: string };
    expect(button.text).toBe(reply!.suggestions![0]!.label);
    const cb = h.fake.pushUpdate(callbackQuery(button.callback_data, usage!.result as Message));
    const [answer] = (await h.fake.waitForDelivered(2)).slice(1);
    const ack = h.fake.callsOf("answerCallbackQuery");
    expect(ack).toHaveLength(1);
    expect(ack[0]!.payload).toEqual({ callback_query_id: cb.callback_query!.id, text: reply!.suggestions![0]!.input });
    expect(ack[0]!.ok).toBe(true);
    // The button asked its question as if typed: same reply as typing it (after "/hoi" in this chat).
    const [, typed] = await expectedReplies(["/hoi", reply!.suggestions![0]!.input], privateIds(alice));
    expect(answer!.payload).toEqual(expectedPayloads(typed!, alice.id, h.running)[0]);
    expect(textOf(answer!)).toContain("7,22%");
  });

  it("still answers a button press too old to acknowledge", async () => {
    h = await startHarness();
    h.fake.pushUpdate(textMessage("/hoi"));
    const [usage] = await h.fake.waitForDelivered(1);
    const button = usage!.payload.reply_markup.inline_keyboard[0][0] as { callback_data: string };
    const cb = h.fake.pushUpdate(callbackQuery(button.callback_data, usage!.result as Message));
    h.fake.forgetCallbackQuery(cb.callback_query!.id);
    const [, answer] = await h.fake.waitForDelivered(2);
    expect(textOf(answer!)).toContain("7,22%");
    expect(h.fake.callsOf("answerCallbackQuery").map((c) => c.status)).toEqual([400]);
    expect(h.logs.find("could not acknowledge the button press")).toHaveLength(1);
  });

  it("answers a button it no longer knows with a notice, and sends nothing", async () => {
    h = await startHarness();
    h.fake.pushUpdate(textMessage("/help"));
    const [help] = await h.fake.waitForDelivered(1);
    h.fake.pushUpdate(callbackQuery("k:gone:1", help!.result as Message));
    h.fake.pushUpdate(textMessage("/help"));
    await h.fake.waitForDelivered(2);
    expect(h.fake.callsOf("answerCallbackQuery")[0]!.payload.text).toBe("Gợi ý này đã hết hạn. Bạn vui lòng gõ lại câu hỏi.");
    expect(h.fake.callsOf("sendMessage")).toHaveLength(2);
  });

  it("tells a user who sends a sticker or a photo that it reads text only (private chats only)", async () => {
    h = await startHarness();
    const sticker = textMessage("x");
    delete (sticker.message as { text?: string }).text;
    Object.assign(sticker.message!, { sticker: { file_id: "f", file_unique_id: "u", type: "regular", width: 512, height: 512, is_animated: false, is_video: false } });
    h.fake.pushUpdate(sticker);
    const photoInGroup = textMessage("x", { chat: groupChat, from: bob });
    delete (photoInGroup.message as { text?: string }).text;
    Object.assign(photoInGroup.message!, { photo: [{ file_id: "p", file_unique_id: "pu", width: 90, height: 90 }] });
    h.fake.pushUpdate(photoInGroup);
    h.fake.pushUpdate(textMessage("/help", { chat: groupChat, from: bob }));
    const sent = await h.fake.waitForDelivered(2);
    expect(sent.find((c) => c.payload.chat_id === alice.id)!.payload).toEqual(expectedPayloads(textOnlyReply("vi"), alice.id, h.running)[0]);
    expect(h.fake.callsOf("sendMessage").filter((c) => c.payload.chat_id === groupChat.id)).toHaveLength(1); // the /help, not the photo
  });

  it("builds the command context from the update: chat, user, language and admin flag", async () => {
    const seen: CommandContext[] = [];
    h = await startHarness({
      config: { ADMIN_TELEGRAM_IDS: [String(carol.id)] },
      bot: { handleText: (text, ctx) => (seen.push(ctx), runText(text, ctx)) },
    });
    h.fake.pushUpdate(textMessage("/help", { from: carol }));
    h.fake.pushUpdate(textMessage("/help", { from: alice }));
    const sent = await h.fake.waitForDelivered(2);
    const byUser = (id: number) => seen.find((c) => c.userId === `telegram:${id}`)!;
    expect(byUser(carol.id)).toMatchObject({ platform: "telegram", chatId: `telegram:${carol.id}`, lang: "en", isAdmin: true, userName: "Carol" });
    expect(byUser(alice.id)).toMatchObject({ platform: "telegram", chatId: `telegram:${alice.id}`, lang: "vi", isAdmin: false, userName: "lan_ubnd" });
    const toCarol = sent.find((c) => c.payload.chat_id === carol.id)!;
    expect(textOf(toCarol)).toContain("<b>Working-session assistant</b>");
    const toAlice = sent.find((c) => c.payload.chat_id === alice.id)!;
    expect(textOf(toAlice)).toContain("<b>Trợ lý buổi làm việc</b>");
  });

  it("handles a 10,000-character message: one answer, every message within Telegram's limit", async () => {
    h = await startHarness();
    const long = ("GRDP tăng bao nhiêu? " + "x".repeat(80) + " ").repeat(100).slice(0, 10_000);
    expect(long).toHaveLength(10_000);
    h.fake.pushUpdate(textMessage(long));
    h.fake.pushUpdate(textMessage("/help"));
    const sent = await h.fake.waitForDelivered(2);
    const [reply, help] = await expectedReplies([long, "/help"], privateIds(alice));
    const expected = [...expectedPayloads(reply!, alice.id, h.running), ...expectedPayloads(help!, alice.id, h.running)];
    await h.fake.waitForDelivered(expected.length);
    expect(h.fake.delivered().map((c) => c.payload)).toEqual(expected);
    for (const c of h.fake.callsOf("sendMessage")) expect(textOf(c).length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
  });

  it("splits a reply over 4,096 characters into clean messages, with the buttons on the last", async () => {
    const big: Reply = {
      kind: "info",
      lang: "vi",
      title: "Danh sách <dài> & đủ",
      lines: Array.from({ length: 120 }, (_, i) => `• Dòng ${i + 1}: nông, lâm, thuỷ sản chiếm 21,1% — "<b>" & cộng sự`),
      citations: [{ text: "Câu trích rất dài ".repeat(400), sessionId: "s" }],
      suggestions: [{ label: "GRDP", input: "GRDP tăng bao nhiêu?" }],
    };
    h = await startHarness({ bot: { handleText: async () => big } });
    h.fake.pushUpdate(textMessage("danh sách"));
    const expected = expectedPayloads(big, alice.id, h.running);
    expect(expected.length).toBeGreaterThan(2);
    const sent = await h.fake.waitForDelivered(expected.length);
    expect(sent.map((c) => c.payload)).toEqual(expected);
    expect(h.fake.callsOf("sendMessage").every((c) => c.ok)).toBe(true); // the fake parsed every piece
    expect(sent.slice(0, -1).every((c) => c.payload.reply_markup === undefined)).toBe(true);
    expect(sent.at(-1)!.payload.reply_markup).toBeDefined();
    expect(textOf(sent[0]!)).toContain("<b>Danh sách &lt;dài&gt; &amp; đủ</b>");
  });
});

describe("telegram bot: groups", () => {
  it("answers its commands, /cmd@ThisBot, mentions and replies to itself; ignores the rest", async () => {
    h = await startHarness();
    const { fake } = h;
    const inGroup = (text: string, replyTo?: Message) => fake.pushUpdate(textMessage(text, { chat: groupChat, from: bob, ...(replyTo ? { replyTo } : {}) }));

    inGroup("GRDP tăng bao nhiêu?"); // plain chatter: not for the bot
    inGroup("/hoi@OtherBot GRDP tăng bao nhiêu?"); // another bot's command
    inGroup("/foo"); // unknown and not addressed: another bot's, probably
    inGroup("hỏi @SomeoneElse về GRDP"); // someone else mentioned
    const cmd = inGroup("/hoi@LangSonTestBot GRDP tăng bao nhiêu?");
    const [first] = await fake.waitForDelivered(1);
    // Everything before the addressed command was handled first (one chat, in order) and ignored.
    expect(fake.callsOf("sendMessage")).toHaveLength(1);

    const groupIds = { chatId: `telegram:${groupChat.id}`, userId: `telegram:${bob.id}` };
    const mention = inGroup("@LangSonTestBot, grdp tang bao nhieu");
    const plainCmd = inGroup("/chiso");
    const reply = inGroup("còn dịch vụ?", first!.result as Message);
    const sent = await fake.waitForDelivered(4);
    const [r1, r2, r3, r4] = await expectedReplies(["/hoi@LangSonTestBot GRDP tăng bao nhiêu?", "grdp tang bao nhieu", "/chiso", "còn dịch vụ?"], groupIds);
    expect(sent.map((c) => c.payload)).toEqual([
      expectedPayloads(r1!, groupChat.id, h.running, { replyTo: cmd.message!.message_id })[0],
      expectedPayloads(r2!, groupChat.id, h.running, { replyTo: mention.message!.message_id })[0],
      expectedPayloads(r3!, groupChat.id, h.running, { replyTo: plainCmd.message!.message_id })[0],
      expectedPayloads(r4!, groupChat.id, h.running, { replyTo: reply.message!.message_id })[0],
    ]);
    expect(textOf(sent[0]!)).toContain("7,22%");
    expect(textOf(sent[1]!)).toContain("7,22%");
    expect(textOf(sent[3]!)).toContain("6,6%");
  });
});

describe("telegram bot: failures", () => {
  it("429 then success: waits retry_after and delivers the answer once", async () => {
    h = await startHarness();
    h.fake.failNext("sendMessage", 1, 429, 0);
    h.fake.pushUpdate(textMessage("/help"));
    await h.fake.waitForDelivered(1);
    h.fake.pushUpdate(textMessage("/ketluan"));
    await h.fake.waitForDelivered(2);
    const attempts = h.fake.callsOf("sendMessage");
    expect(attempts.map((c) => c.status)).toEqual([429, 200, 200]);
    expect(attempts[1]!.payload).toEqual(attempts[0]!.payload);
    expect(h.fake.delivered().filter((c) => c.payload.text === attempts[0]!.payload.text)).toHaveLength(1);
  });

  it("500 on sendMessage (retries exhausted): logged, and the next update is still answered", async () => {
    // No retries in this test: what happens once they are exhausted is the point.
    h = await startHarness({ bot: { retry: { maxAttempts: 1 } } });
    h.fake.failNext("sendMessage", 2, 500); // the answer, then the apology
    h.fake.pushUpdate(textMessage("/help"));
    h.fake.pushUpdate(textMessage("/ketluan"));
    await h.fake.waitForDelivered(1);
    expect(h.fake.callsOf("sendMessage").map((c) => c.status)).toEqual([500, 500, 200]);
    const [failed] = h.logs.find("telegram update failed");
    expect(failed).toMatchObject({ level: 50, platform: "telegram", chat: `telegram:${alice.id}`, err: { name: "GrammyError", method: "sendMessage", error_code: 500 } });
    expect(h.logs.find("could not send the apology either")).toHaveLength(1);
    const [ketluan] = await expectedReplies(["/ketluan"], privateIds(alice));
    expect(h.fake.delivered()[0]!.payload).toEqual(expectedPayloads(ketluan!, alice.id, h.running)[0]);
    expect(h.logs.text).not.toContain(h.fake.token);
  });

  it("a 5xx is retried with the default settings and the answer delivered once", async () => {
    h = await startHarness();
    h.fake.failNext("sendMessage", 1, 502);
    h.fake.pushUpdate(textMessage("/help"));
    await h.fake.waitForDelivered(1); // after the retry policy's backoff
    expect(h.fake.callsOf("sendMessage").map((c) => c.status)).toEqual([502, 200]);
  });

  it("a command whose engine throws gets the user an apology (command layer)", async () => {
    h = await startHarness();
    h.services.engine.answer = () => {
      throw new Error("engine exploded");
    };
    h.fake.pushUpdate(textMessage("GRDP tăng bao nhiêu?"));
    const [sent] = await h.fake.waitForDelivered(1);
    expect(sent!.payload).toEqual(expectedPayloads(apologyReply({ lang: "vi" }), alice.id, h.running)[0]);
    expect(h.logs.find("command handler failed")[0]).toMatchObject({ command: "hoi", chatId: `telegram:${alice.id}` });
  });

  it("a handler that throws outside the command layer: apology, log line, and the bot keeps serving", async () => {
    let calls = 0;
    h = await startHarness({
      bot: {
        handleText: async (text, ctx) => {
          if (calls++ === 0) throw new Error("handler exploded");
          return runText(text, ctx);
        },
      },
    });
    h.fake.pushUpdate(textMessage("GRDP tăng bao nhiêu?", { from: carol }));
    h.fake.pushUpdate(textMessage("/help", { from: carol }));
    const sent = await h.fake.waitForDelivered(2);
    expect(sent[0]!.payload).toEqual(expectedPayloads(apologyReply({ lang: "en" }), carol.id, h.running)[0]);
    expect(textOf(sent[0]!)).toContain("Sorry, something went wrong");
    expect(h.logs.find("telegram update failed")[0]).toMatchObject({ err: { message: "handler exploded" }, user: `telegram:${carol.id}` });
    expect(textOf(sent[1]!)).toContain("Working-session assistant");
  });

  it("rate-limits a user politely in Vietnamese, once, without slowing others", async () => {
    h = await startHarness({ config: { RATE_LIMIT_PER_MINUTE: 2 } });
    const inGroup = (text: string, from = bob) => h!.fake.pushUpdate(textMessage(text, { chat: groupChat, from }));
    inGroup("/help");
    inGroup("/ketluan");
    const third = inGroup("/chiso");
    inGroup("/hoi GRDP tăng bao nhiêu?");
    inGroup("/help", alice); // another user, same chat: handled after bob's, not limited
    const sent = await h.fake.waitForDelivered(4);
    expect(sent[2]!.payload).toEqual(expectedPayloads(slowDownReply("vi", 2), groupChat.id, h.running, { replyTo: third.message!.message_id })[0]);
    expect(textOf(sent[2]!)).toContain("Bạn đang gửi hơi nhanh");
    expect(textOf(sent[3]!)).toContain("Trợ lý buổi làm việc"); // alice's /help; bob's 4th message got nothing
  });
});

describe("telegram bot: secrets", () => {
  it("never writes the token to a log line, even when a request fails with the URL in the error", async () => {
    h = await startHarness();
    h.fake.pushUpdate(textMessage("/help"));
    await h.fake.waitForDelivered(1);
    const apiRoot = h.fake.apiRoot;
    await h.fake.close(); // the API goes away: the next call fails at the network level
    const outcome = await h.running.telegram.sender.send(`telegram:${alice.id}`, apologyReply({ lang: "vi" }));
    expect(outcome.status).not.toBe("delivered");
    expect(JSON.stringify(outcome)).not.toContain(h.fake.token);
    const failed = h.logs.find("telegram api request failed");
    expect(failed.length).toBeGreaterThan(0);
    // The line says what happened at the network level (never the request URL, which holds the token).
    expect(JSON.stringify(failed)).toMatch(/ECONNREFUSED|other side closed|ECONNRESET/);
    expect(h.logs.text).not.toContain(h.fake.token);
    expect(h.logs.text).not.toContain(`${apiRoot}/bot`);
    await h.running.stop(); // its final getUpdates fails too, and is logged the same way
    expect(h.logs.text).not.toContain(h.fake.token);
    h = undefined;
  });
});
