// Adding a report in a Telegram chat, end to end: the real grammY bot, long polling over real HTTP
// against the fake Bot API (getFile, and the file download route), on a real SQLite file. An admin
// sends the report as a document; the bot ingests it, replies with its summary, and everyone's
// questions are answered from it at once, and still after a restart. Non-admins and bad files
// get a clear, polite reply and nothing is written; a file announced too large is never
// downloaded. /phien lists the sessions and removes one after confirmation.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message } from "grammy/types";
import { startTelegramBot, type RunningTelegram } from "../src/adapters/telegram/index.js";
import { textOnlyReply } from "../src/adapters/telegram/bot.js";
import type { Services } from "../src/services.js";
import { ingestReport } from "../src/ingest/ingest.js";
import { alice, bob, callbackQuery, documentMessage, FakeTelegramApi, groupChat, privateChat, textMessage, type ApiCall, type Update } from "./fakes/telegram-api.js";
import { LogCapture, testServices } from "./fakes/telegram-harness.js";

const NGHE_AN = readFileSync("test/fixtures/reports/nghe-an-2024.vi.txt");
const LANG_SON = readFileSync("data/sources/lang-son-2023.txt");
const NGHE_AN_QUESTION = "GRDP Nghệ An 9 tháng năm 2024 tăng bao nhiêu?";
const ENGLISH = Buffer.from(
  "The province reported that its gross regional domestic product grew by 8.3 percent in the first nine months of 2024, " +
    "budget revenue reached 16,000 billion dong and exports rose by 12 percent compared with the same period of last year.",
);

let fake: FakeTelegramApi;
let dir: string;
let dbPath: string;

interface Bot {
  services: Services;
  running: RunningTelegram;
  logs: LogCapture;
  stop(): Promise<void>;
}
let bot: Bot | undefined;

async function startBot(): Promise<Bot> {
  const logs = new LogCapture();
  const services = testServices(fake, logs, { DATABASE_PATH: dbPath, ADMIN_TELEGRAM_IDS: [String(alice.id)] });
  await services.sessions!.start();
  const running = await startTelegramBot(services, { webhookUrl: "" });
  return {
    services,
    running,
    logs,
    stop: async () => {
      await running.stop();
      services.sessions?.stop();
      await services.store.close();
    },
  };
}

beforeAll(async () => {
  fake = await FakeTelegramApi.start();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "sessions-telegram-"));
  dbPath = join(dir, "bot.sqlite");
  bot = await startBot();
});
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const plain = (c: ApiCall) => String((c.result as Message.TextMessage).text);
const buttons = (c: ApiCall): Array<{ text: string; callback_data: string }> => (c.payload.reply_markup?.inline_keyboard ?? []).flat();

/** Pushes an update and resolves with the one message the bot sends for it. */
async function send(update: Omit<Update, "update_id">): Promise<ApiCall> {
  const before = fake.delivered().length;
  fake.pushUpdate(update);
  await fake.waitForDelivered(before + 1);
  return fake.delivered()[before]!;
}

const upload = (bytes: Uint8Array, opts: { from?: typeof alice; fileName?: string; reportedSize?: number; caption?: string; chat?: typeof groupChat } = {}) => {
  const file = fake.addFile(bytes, opts.reportedSize !== undefined ? { reportedSize: opts.reportedSize } : {});
  return { file, message: send(documentMessage(file, { from: opts.from ?? alice, fileName: opts.fileName ?? "bao-cao.txt", ...(opts.caption ? { caption: opts.caption } : {}), ...(opts.chat ? { chat: opts.chat } : {}) })) };
};
const getFilesOf = (fileId: string) => fake.callsOf("getFile").filter((c) => c.payload.file_id === fileId);
const downloadsOf = (path: string) => fake.downloads.filter((d) => d.path === path);

describe("adding a report through Telegram", () => {
  it("an admin's document is ingested and summarised; everyone's question is answered from it right after", async () => {
    const expected = ingestReport(NGHE_AN.toString("utf8")).summary;
    const { file, message } = upload(NGHE_AN, { fileName: "nghe-an-2024.txt" });
    const reply = await message;
    const text = plain(reply);
    expect(text).toContain("Đã thêm phiên nghe-an-2024");
    expect(text).toContain("Tỉnh/thành phố: Nghệ An · Kỳ báo cáo: 9 tháng đầu năm 2024");
    expect(text).toContain(`${expected.figures} số liệu, ${expected.people} người, ${expected.petitionGroups} nhóm kiến nghị, ${expected.statements} nội dung`);
    expect(text).toContain("Mọi người có thể hỏi về phiên này ngay, ví dụ:");
    // The file was fetched the Bot API's way: getFile, then the file URL with the token.
    expect(getFilesOf(file.file_id)).toHaveLength(1);
    expect(downloadsOf(file.file_path)).toEqual([{ path: file.file_path, status: 200 }]);
    expect((await bot!.services.store.sessions.list()).map((s) => s.id)).toEqual(["nghe-an-2024"]);

    // Another user, at once, no restart.
    expect(plain(await send(textMessage(NGHE_AN_QUESTION, { from: bob })))).toContain("8,3%");
    // The example questions are buttons, and each is answered from the new session.
    const examples = buttons(reply);
    expect(examples.length).toBeGreaterThanOrEqual(1);
    const first = await send(callbackQuery(examples[0]!.callback_data, reply.result as Message, bob));
    expect(plain(first)).toContain("Nghệ An");
    // The token is in the download URL, never in the log.
    expect(bot!.logs.text).not.toContain(fake.token);
    expect(bot!.logs.text).not.toContain(fake.token.split(":")[1]!);
  });

  it("the session is still there after a restart of the services on the same SQLite file", async () => {
    await upload(NGHE_AN).message;
    await bot!.stop();
    bot = await startBot();
    expect(bot.services.sessions!.list().find((s) => s.id === "nghe-an-2024")).toMatchObject({ origin: "chat", title: expect.stringContaining("Nghệ An") });
    expect(plain(await send(textMessage(NGHE_AN_QUESTION, { from: bob })))).toContain("8,3%");
  });

  it("a non-admin's document gets a polite refusal naming who can add; the file is not even fetched, nothing is added", async () => {
    const { file, message } = upload(NGHE_AN, { from: bob });
    const text = plain(await message);
    expect(text).toContain("chỉ quản trị viên của bot");
    expect(text).toContain("/phien danhsach");
    expect(getFilesOf(file.file_id)).toEqual([]);
    expect(downloadsOf(file.file_path)).toEqual([]);
    expect(await bot!.services.store.sessions.list()).toEqual([]);
    expect(plain(await send(textMessage(NGHE_AN_QUESTION, { from: bob })))).not.toContain("8,3%");
  });

  it("bad files get their own clear message, nothing is written, and the bot keeps serving", async () => {
    const cases: Array<{ bytes: Uint8Array; fileName?: string; reportedSize?: number; says: string; fetched: boolean }> = [
      { bytes: new Uint8Array(0), says: "Tệp rỗng", fetched: false },
      { bytes: Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02, 0xff, 0x00]), says: "không phải văn bản thuần mã hoá UTF-8", fetched: true },
      // "Báo cáo" in a legacy 8-bit encoding: not UTF-8.
      { bytes: Buffer.from("Báo cáo tình hình kinh tế năm 2024 tăng 8,3%", "latin1"), says: "không phải văn bản thuần mã hoá UTF-8", fetched: true },
      // Announced as 2 MiB: refused from the size Telegram reports, before any download.
      { bytes: Buffer.from("nhỏ"), reportedSize: 2 * 1024 * 1024, says: "Tệp quá lớn (khoảng 2.048 KB); giới hạn là 1 MB", fetched: false },
      { bytes: ENGLISH, says: "không phải tiếng Việt", fetched: true },
      { bytes: Buffer.from("Báo cáo về tình hình phát triển của tỉnh trong thời gian qua, các sở ngành đã nỗ lực thực hiện nhiệm vụ được giao."), says: "Không tìm thấy số liệu nào", fetched: true },
      { bytes: NGHE_AN, fileName: "bao-cao.pdf", says: "“bao-cao.pdf” không phải tệp .txt", fetched: false },
      { bytes: LANG_SON, says: "trùng nội dung với phiên lang-son-2023", fetched: true },
    ];
    for (const c of cases) {
      const { file, message } = upload(c.bytes, { ...(c.fileName ? { fileName: c.fileName } : {}), ...(c.reportedSize !== undefined ? { reportedSize: c.reportedSize } : {}) });
      const text = plain(await message);
      expect(text, c.says).toContain(c.says);
      expect(text, c.says).toContain("Chưa có gì được thêm.");
      expect(downloadsOf(file.file_path).length, `${c.says}: downloaded?`).toBe(c.fetched ? 1 : 0);
    }
    expect(await bot!.services.store.sessions.list()).toEqual([]);
    expect(bot!.services.sessions!.list().map((s) => s.id)).toEqual(["lang-son-2023"]);
    expect(plain(await send(textMessage("GRDP tăng bao nhiêu?", { from: bob })))).toContain("7,22%");
  });

  it("a file announced small that turns out larger than 1 MiB is cut off in the download and refused", async () => {
    const big = Buffer.alloc(1024 * 1024 + 4096, "Tăng trưởng kinh tế 8,3%. ");
    const { file, message } = upload(big, { reportedSize: 1000 });
    expect(plain(await message)).toContain("Tệp quá lớn");
    expect(downloadsOf(file.file_path)).toHaveLength(1);
    expect(await bot!.services.store.sessions.list()).toEqual([]);
  });

  it("the same report twice: the second is refused, naming the session it duplicates", async () => {
    await upload(NGHE_AN).message;
    const text = plain(await upload(Buffer.from(NGHE_AN.toString("utf8").normalize("NFD"))).message);
    expect(text).toContain("Báo cáo này đã có trong bot: trùng nội dung với phiên nghe-an-2024 (Bộ trưởng Bộ Kế hoạch và Đầu tư làm việc với tỉnh Nghệ An)");
    expect((await bot!.services.store.sessions.list()).map((s) => s.id)).toEqual(["nghe-an-2024"]);
  });

  it("in a group: a document captioned /phien them adds the report, an uncaptioned one is left alone; other media keep the text-only reply", async () => {
    const before = fake.delivered().length;
    const plainDoc = fake.addFile(NGHE_AN);
    fake.pushUpdate(documentMessage(plainDoc, { from: alice, chat: groupChat }));
    const { message } = upload(NGHE_AN, { chat: groupChat, caption: `/phien@${fake.botInfo.username} them` });
    const reply = await message;
    expect(fake.delivered().length).toBe(before + 1); // nothing for the uncaptioned document
    expect(downloadsOf(plainDoc.file_path)).toEqual([]);
    expect(plain(reply)).toContain("Đã thêm phiên nghe-an-2024");
    expect(reply.payload.reply_parameters).toMatchObject({ message_id: expect.any(Number) });

    const photo = await send({ message: { ...textMessage("", { from: bob }).message!, text: undefined, photo: [{ file_id: "p1", file_unique_id: "p1", width: 1, height: 1 }] } as never });
    expect(plain(photo)).toBe(textOnlyReply("vi").lines[0]);
  });

  it("/phien danhsach lists the sessions; removal asks first, only an admin's confirmation removes, and the removed session no longer answers", async () => {
    await upload(NGHE_AN).message;
    const list = plain(await send(textMessage("/phien danhsach", { from: bob })));
    expect(list).toContain("lang-son-2023 — Đoàn công tác của Chính phủ làm việc với tỉnh Lạng Sơn");
    expect(list).toContain("có sẵn trong bản cài đặt");
    expect(list).toMatch(/nghe-an-2024 — .*Nghệ An \(9 tháng đầu năm 2024\) · thêm trong chat/);

    const ask = await send(textMessage("/phien xoa nghe-an-2024", { from: alice }));
    expect(plain(ask)).toContain("Sẽ xoá phiên nghe-an-2024");
    const [confirm] = buttons(ask);
    expect(confirm!.text).toBe("Xác nhận xoá nghe-an-2024");
    expect(bot!.services.sessions!.list().map((s) => s.id)).toContain("nghe-an-2024");

    // Anyone sees the button; a non-admin's press is refused and removes nothing.
    expect(plain(await send(callbackQuery(confirm!.callback_data, ask.result as Message, bob)))).toContain("chỉ quản trị viên của bot");
    expect((await bot!.services.store.sessions.list()).map((s) => s.id)).toEqual(["nghe-an-2024"]);

    expect(plain(await send(callbackQuery(confirm!.callback_data, ask.result as Message, alice)))).toContain("Đã xoá phiên nghe-an-2024");
    expect(await bot!.services.store.sessions.list()).toEqual([]);
    expect(plain(await send(textMessage(NGHE_AN_QUESTION, { from: bob })))).not.toContain("8,3%");
    expect(plain(await send(textMessage("/phien xoa lang-son-2023", { from: alice })))).toContain("đi kèm bản cài đặt của bot (thư mục data/), nên không xoá được trong chat");
    expect(plain(await send(textMessage("/phien xoa khong-co", { from: alice })))).toContain("Không có phiên nào mang mã “khong-co”");
  });

  it("/phien them typed without a document tells how to send one", async () => {
    expect(plain(await send(textMessage("/phien them", { from: alice, chat: privateChat(alice) })))).toContain("Hãy gửi báo cáo dưới dạng tệp .txt");
  });
});
