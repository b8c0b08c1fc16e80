// Unit tests of the Telegram pieces that need no server: HTML rendering and splitting, callback
// data, command menus, and which group messages are meant for the bot.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Message, UserFromGetMe } from "grammy/types";
import type { CommandDef, Reply } from "../commands/types.js";
import { allCommands } from "../commands/index.js";
import { escapeHtml, MAX_MESSAGES, renderHtmlChunks, renderReply, TELEGRAM_TEXT_LIMIT } from "../src/adapters/telegram/render.js";
import { SuggestionStore, CALLBACK_DATA_MAX_BYTES } from "../src/adapters/telegram/suggestions.js";
import { telegramCommandMenus, TELEGRAM_COMMAND_NAME } from "../src/adapters/telegram/commands.js";
import { addressedText, langOf, stripMention } from "../src/adapters/telegram/bot.js";
import { entitiesOf, parseTelegramHtml, groupChat, alice } from "./fakes/telegram-api.js";

const plain = (html: string) => {
  const parsed = parseTelegramHtml(html);
  if ("error" in parsed) throw new Error(`${parsed.error} in ${html.slice(0, 200)}`);
  return parsed.text;
};
const store = new SuggestionStore();
const encode = (i: string) => store.encode(i);

describe("renderReply", () => {
  it("bolds the title and the figure, keeps the period, quotes the source, escapes everything", () => {
    const reply: Reply = {
      kind: "answer",
      lang: "vi",
      title: "Kết quả <GRDP> & cơ cấu",
      lines: ["Tốc độ tăng GRDP: 7,22% (năm 2022)", "Dòng có <script>alert(1)</script> & 16,6% không phải 6,6%"],
      figures: [
        { label: "Tốc độ tăng GRDP", value: "7,22%", period: "năm 2022" },
        { label: "Dịch vụ", value: "6,6%", period: "năm 2022" },
        { label: "Trồng rừng <mới>", value: "4.030 ha", period: "4 tháng đầu năm 2023" },
      ],
      citations: [{ text: "Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) đạt 7,22%, trong đó lĩnh vực vực nông, lâm nghiệp tăng 5,01%", sessionId: "s" }],
      footer: "Nguồn: Đoàn công tác",
    };
    const [m] = renderReply(reply, { encodeSuggestion: encode });
    expect(m!.text).toBe(
      [
        "<b>Kết quả &lt;GRDP&gt; &amp; cơ cấu</b>",
        "Tốc độ tăng GRDP: <b>7,22%</b> (năm 2022)",
        "Dòng có &lt;script&gt;alert(1)&lt;/script&gt; &amp; 16,6% không phải <b>6,6%</b>",
        "",
        // 6,6% stands in a line, but without its period: listed as well.
        "• Dịch vụ: <b>6,6%</b> (năm 2022)",
        "• Trồng rừng &lt;mới&gt;: <b>4.030 ha</b> (4 tháng đầu năm 2023)",
        "",
        "<i>Nguồn trích dẫn:</i>",
        "<blockquote>Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) đạt 7,22%, trong đó lĩnh vực vực nông, lâm nghiệp tăng 5,01%</blockquote>",
        "",
        "<i>Nguồn: Đoàn công tác</i>",
      ].join("\n"),
    );
    expect(m!.reply_markup).toBeUndefined();
    expect(plain(m!.text)).toContain("<script>alert(1)</script>");
  });

  it("lists a figure whose period the lines do not give", () => {
    const [m] = renderReply(
      { kind: "answer", lang: "en", lines: ["Forest planted: 9.300 ha."], figures: [{ label: "Forest planted", value: "9.300 ha", period: "2022" }] },
      { encodeSuggestion: encode },
    );
    expect(m!.text).toBe("Forest planted: <b>9.300 ha</b>.\n\n• Forest planted: <b>9.300 ha</b> (2022)");
  });

  it("never sends an empty message", () => {
    expect(renderHtmlChunks({ kind: "info", lang: "vi", lines: [] })).toEqual(["(không có nội dung)"]);
  });

  it("puts suggestions in an inline keyboard on the last message, callback data within 64 bytes", async () => {
    const long = "Tình hình giải ngân vốn đầu tư công của tỉnh Lạng Sơn trong quý I năm 2023 như thế nào?";
    const messages = renderReply(
      { kind: "answer", lang: "vi", lines: ["x"], suggestions: [{ label: "Ngắn", input: "/chiso" }, { label: "", input: long }] },
      { encodeSuggestion: encode },
    );
    const kb = messages.at(-1)!.reply_markup!.inline_keyboard;
    expect(kb.map((row) => row.map((b) => b.text))).toEqual([["Ngắn"], [long.slice(0, 59) + "…"]]);
    const data = kb.map((row) => (row[0] as { callback_data: string }).callback_data);
    for (const d of data) expect(Buffer.byteLength(d)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    expect(await Promise.all(data.map((d) => store.decode(d)))).toEqual(["/chiso", long]);
  });

  it("never sends more than MAX_MESSAGES messages: a longer reply is cut with a note, buttons on the last", () => {
    const reply: Reply = {
      kind: "info",
      lang: "vi",
      title: "Lịch sử",
      lines: Array.from({ length: 2000 }, (_, i) => `${i + 1}. 12/06/2023 09:30 — Lan (telegram:42): Đã tiếp nhận → Chờ trả lời bằng văn bản · Ghi chú: theo Công văn số ${i}/BKHĐT`),
      suggestions: [{ label: "Trang sau", input: "/kiennghi KN-01 trang 2" }],
    };
    const messages = renderReply(reply, { encodeSuggestion: encode });
    expect(messages).toHaveLength(MAX_MESSAGES);
    for (const m of messages) {
      expect(m.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      plain(m.text);
    }
    expect(messages.at(-1)!.text).toMatch(/<i>… \(nội dung quá dài nên đã được rút gọn\)<\/i>$/);
    expect(messages.at(-1)!.reply_markup).toBeDefined();
    expect(renderReply({ ...reply, lang: "en" }, { encodeSuggestion: encode }).at(-1)!.text).toContain("shortened");
  });

  it("splits long replies at line boundaries, and cuts a single overlong quotation into several quotations", () => {
    const citation = "Tỉnh Lạng Sơn đề nghị <Chính phủ> & các Bộ xem xét. ".repeat(300);
    const reply: Reply = {
      kind: "info",
      lang: "vi",
      title: "Kiến nghị",
      lines: Array.from({ length: 200 }, (_, i) => `• Kiến nghị số ${i + 1} về giải phóng mặt bằng & tái định cư`),
      citations: [{ text: citation, sessionId: "s" }],
      suggestions: [{ label: "Tiếp", input: "/kiennghi" }],
    };
    const messages = renderReply(reply, { encodeSuggestion: encode, maxMessages: Infinity });
    expect(messages.length).toBeGreaterThan(3);
    for (const m of messages) {
      expect(m.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      expect(m.text).not.toMatch(/^\n|\n$/);
      plain(m.text); // valid Telegram HTML on its own
    }
    expect(messages.slice(0, -1).every((m) => !m.reply_markup)).toBe(true);
    // Every line survives whole (cut only between lines).
    const all = messages.map((m) => plain(m.text)).join("\n");
    for (const line of reply.lines) expect(all).toContain(line);
    // The quotation, reassembled from its pieces, is the original word for word.
    const quotes = messages.flatMap((m) => [...m.text.matchAll(/<blockquote>([\s\S]*?)<\/blockquote>/g)].map((x) => plain(x[1]!)));
    expect(quotes.length).toBeGreaterThan(1);
    expect(quotes.join(" ").replace(/\s+/g, " ").trim()).toBe(citation.replace(/\s+/g, " ").trim());
  });

  it("property: any reply renders to valid HTML pieces within the limit that keep every character", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "ă", "Đ", " ", "<", ">", "&", "7,22%", "😀", "\n", "x".repeat(30)), maxLength: 200 });
    fc.assert(
      fc.property(fc.option(text, { nil: undefined }), fc.array(text, { maxLength: 20 }), fc.array(text, { maxLength: 4 }), fc.integer({ min: 40, max: 400 }), (title, lines, cites, limit) => {
        const reply: Reply = {
          kind: "info",
          lang: "vi",
          ...(title !== undefined ? { title } : {}),
          lines,
          figures: [{ label: "GRDP", value: "7,22%" }],
          citations: cites.map((t) => ({ text: t, sessionId: "s" })),
        };
        const chunks = renderHtmlChunks(reply, limit);
        expect(chunks.length).toBeGreaterThan(0);
        const shown = chunks.map((c) => {
          expect(c.length).toBeLessThanOrEqual(limit);
          expect(c).not.toMatch(/[\uD800-\uDBFF]$/); // no emoji cut in half
          return plain(c);
        });
        const squash = (s: string) => s.replace(/\s+/g, "");
        const all = squash(shown.join(""));
        for (const piece of [title ?? "", ...lines, ...cites]) expect(all).toContain(squash(piece));
      }),
      { numRuns: 300 },
    );
  });

  it("escapes &, < and >", () => {
    expect(escapeHtml("a < b && c > d")).toBe("a &lt; b &amp;&amp; c &gt; d");
  });
});

describe("SuggestionStore", () => {
  it("keeps short inputs in the button, long ones in a bounded LRU map", async () => {
    const s = new SuggestionStore(2);
    expect(s.encode("/chiso grdp")).toBe("t:/chiso grdp");
    const long = (n: number) => `Câu hỏi dài số ${n} về kim ngạch xuất nhập khẩu của tỉnh Lạng Sơn năm 2022?`;
    const k1 = s.encode(long(1));
    const k2 = s.encode(long(2));
    expect(s.encode(long(1))).toBe(k1); // same input, same key (and refreshed)
    const k3 = s.encode(long(3)); // evicts the least recently used: long(2)
    expect(s.size).toBe(2);
    expect(await s.decode(k1)).toBe(long(1));
    expect(await s.decode(k2)).toBeUndefined();
    expect(await s.decode(k3)).toBe(long(3));
    expect(await s.decode("k:from-an-earlier-run:0")).toBeUndefined();
    expect(await s.decode("garbage")).toBeUndefined();
  });
});

describe("telegram command menus", () => {
  it("come from the shared definitions, in both languages, with valid names only", () => {
    const menus = telegramCommandMenus(allCommands);
    for (const c of [...menus.vi, ...menus.en]) {
      expect(c.command).toMatch(TELEGRAM_COMMAND_NAME);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(256);
    }
    expect(menus.vi.map((c) => c.command)).toEqual(allCommands.filter((c) => !c.hidden).map((c) => c.nameVi));
    expect(menus.en.map((c) => c.command)).toEqual(allCommands.filter((c) => !c.hidden).map((c) => c.name));
  });

  it("pick up commands added to the list and leave out names Telegram would refuse", () => {
    const extra = (name: string, nameVi: string, hidden = false): CommandDef => ({
      name,
      nameVi,
      description: { vi: `Mô tả ${nameVi}`, en: `About ${name}` },
      options: [],
      handler: () => ({ kind: "info", lang: "vi", lines: [] }),
      ...(hidden ? { hidden } : {}),
    });
    const menus = telegramCommandMenus([...allCommands, extra("trial", "thunghiem"), extra("bad-name", "tên_có_dấu"), extra("secret", "bimat", true)]);
    expect(menus.vi.at(-1)).toEqual({ command: "thunghiem", description: "Mô tả thunghiem" });
    expect(menus.en.at(-1)).toEqual({ command: "trial", description: "About trial" });
    expect(menus.rejected).toEqual(["tên_có_dấu", "bad-name"]);
    expect(menus.vi.some((c) => c.command === "bimat")).toBe(false);
  });
});

describe("which messages are for the bot", () => {
  const me = { id: 123456, is_bot: true, first_name: "Bot", username: "LangSonTestBot" } as UserFromGetMe;
  const msg = (text: string, opts: { group?: boolean; replyToMe?: boolean } = {}) =>
    ({
      message_id: 1,
      date: 0,
      text,
      chat: opts.group ? groupChat : { id: alice.id, type: "private", first_name: "Lan" },
      from: alice,
      ...(entitiesOf(text).length ? { entities: entitiesOf(text) } : {}),
      ...(opts.replyToMe ? { reply_to_message: { message_id: 0, date: 0, chat: groupChat, from: me, text: "…" } } : {}),
    }) as Message.TextMessage;

  it("private chat: every text, except a command addressed to another bot", () => {
    expect(addressedText(msg("grdp tang bao nhieu"), me)).toBe("grdp tang bao nhieu");
    expect(addressedText(msg("/hoi@LangSonTestBot grdp"), me)).toBe("/hoi@LangSonTestBot grdp");
    expect(addressedText(msg("/lenh_la"), me)).toBe("/lenh_la");
    expect(addressedText(msg("/hoi@OtherBot grdp"), me)).toBeUndefined();
  });

  it("groups: its commands, mentions (stripped) and replies to it", () => {
    const g = { group: true };
    expect(addressedText(msg("GRDP tăng bao nhiêu?", g), me)).toBeUndefined();
    expect(addressedText(msg("/hoi GRDP", g), me)).toBe("/hoi GRDP");
    expect(addressedText(msg("/ask GRDP", g), me)).toBe("/ask GRDP");
    expect(addressedText(msg("/start", g), me)).toBe("/start");
    expect(addressedText(msg("/HOI@langsontestbot GRDP", g), me)).toBe("/HOI@langsontestbot GRDP");
    expect(addressedText(msg("/foo", g), me)).toBeUndefined();
    expect(addressedText(msg("/foo@LangSonTestBot", g), me)).toBe("/foo@LangSonTestBot");
    expect(addressedText(msg("/hoi@OtherBot GRDP", g), me)).toBeUndefined();
    expect(addressedText(msg("@LangSonTestBot: GRDP tăng bao nhiêu?", g), me)).toBe("GRDP tăng bao nhiêu?");
    expect(addressedText(msg("Cho hỏi @LangSonTestBot GRDP tăng bao nhiêu?", g), me)).toBe("Cho hỏi GRDP tăng bao nhiêu?");
    expect(addressedText(msg("@LangSonTestBotX GRDP", g), me)).toBeUndefined();
    expect(addressedText(msg("còn dịch vụ?", { ...g, replyToMe: true }), me)).toBe("còn dịch vụ?");
    const commands = allCommands.filter((c) => c.nameVi !== "chiso");
    expect(addressedText(msg("/chiso", g), me, commands)).toBeUndefined(); // the list decides, not a hard-coded name
  });

  it("strips mentions given as entities or, for hand-made updates, as text", () => {
    expect(stripMention("@langsontestbot grdp", [{ type: "mention", offset: 0, length: 15 }], me)).toBe("grdp");
    expect(stripMention("hỏi @LangSonTestBot grdp", undefined, me)).toBe("hỏi grdp");
    expect(stripMention("hỏi bot grdp", undefined, me)).toBeUndefined();
    expect(stripMention("hỏi bạn grdp", [{ type: "text_mention", offset: 4, length: 3, user: me }], me)).toBe("hỏi grdp");
  });

  it("language: English only for English interfaces", () => {
    expect(langOf({ ...alice, language_code: "en-GB" })).toBe("en");
    expect(langOf({ ...alice, language_code: "vi" })).toBe("vi");
    expect(langOf({ ...alice, language_code: "fr" })).toBe("vi");
    expect(langOf(undefined)).toBe("vi");
  });
});
