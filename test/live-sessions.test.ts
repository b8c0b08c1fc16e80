// The live sessions (src/sessions/live.ts) on a real SQLite file: a report added is answered at
// once and after a restart, another process sees it, a stale list does not lose an add, bad
// input writes nothing; and /phien in the console (a local file path, or text typed after it).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServices } from "../src/app.js";
import { createLogger } from "../src/log.js";
import type { Services } from "../src/services.js";
import type { CommandContext } from "../commands/types.js";
import { runText } from "../commands/dispatch.js";
import { renderPlain } from "../src/adapters/console/render.js";
import { MAX_INPUT_CHARS } from "../src/text/sanitize.js";

const NGHE_AN = readFileSync("test/fixtures/reports/nghe-an-2024.vi.txt", "utf8");
const LANG_SON = readFileSync("data/sources/lang-son-2023.txt", "utf8");
const FIXTURE = "test/fixtures/reports/nghe-an-2024.vi.txt";
const QUESTION = "GRDP Nghệ An 9 tháng năm 2024 tăng bao nhiêu?";

let dir: string;
const opened: Services[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "live-sessions-"));
});
afterEach(async () => {
  for (const s of opened.splice(0)) {
    s.sessions?.stop();
    await s.store.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

function open(): Services {
  const s = createServices({ env: {}, config: { DATABASE_PATH: join(dir, "bot.sqlite") }, log: createLogger("silent") });
  opened.push(s);
  return s;
}
const answers = (s: Services, q = QUESTION) => s.engine.answer(q).answer;

describe("LiveSessions", () => {
  it("adds a report: stored, listed as added in a chat, answered at once; a restart on the same file still has it", async () => {
    const a = open();
    await a.sessions!.start();
    const out = await a.sessions!.add(NGHE_AN);
    expect(out).toMatchObject({ ok: true, summary: { id: "nghe-an-2024", province: "Nghệ An", period: "9 tháng đầu năm 2024" } });
    expect(a.sessions!.list().find((s) => s.id === "nghe-an-2024")).toMatchObject({ origin: "chat" });
    expect(a.sessions!.list().find((s) => s.id === "lang-son-2023")).toMatchObject({ origin: "shipped" });
    expect(answers(a)).toMatchObject({ found: true, sessionId: "nghe-an-2024" });
    expect(answers(a).answer).toContain("8,3%");
    // The stored session says where its source is: the store, not data/.
    expect((await a.store.sessions.get("nghe-an-2024"))?.content).toMatchObject({ session: { sourceFile: "store:nghe-an-2024" } });

    const b = open();
    expect(answers(b).sessionId).not.toBe("nghe-an-2024"); // not started: the shipped sessions only
    await b.sessions!.start();
    expect(answers(b).answer).toContain("8,3%");
    expect(b.knowledge.byId.get("nghe-an-2024")?.sourceText).toBe(NGHE_AN.normalize("NFC").replace(/\r\n?/g, "\n"));
  });

  it("a second report of the same province and year gets its own id, even when this process's list is behind the store", async () => {
    const a = open();
    const b = open(); // never refreshed: it does not know what a adds
    expect(await a.sessions!.add(NGHE_AN)).toMatchObject({ ok: true, summary: { id: "nghe-an-2024" } });
    const variant = NGHE_AN.replace("8,3%", "8,4%");
    expect(variant).not.toBe(NGHE_AN);
    // The store refuses "nghe-an-2024" (a has it); b re-reads the sessions and takes the next id.
    expect(await b.sessions!.add(variant)).toMatchObject({ ok: true, summary: { id: "nghe-an-2024-2" } });
    expect((await a.store.sessions.list()).map((s) => s.id)).toEqual(["nghe-an-2024", "nghe-an-2024-2"]);
    expect(b.sessions!.list().filter((s) => s.origin === "chat").map((s) => s.id).sort()).toEqual(["nghe-an-2024", "nghe-an-2024-2"]);
  });

  it("refuses, writing nothing: the same text (also NFD, also CRLF), a shipped report's text, more than 1 MiB, no figures, not Vietnamese", async () => {
    const a = open();
    await a.sessions!.add(NGHE_AN);
    expect(await a.sessions!.add(NGHE_AN.normalize("NFD"))).toMatchObject({ ok: false, reason: "duplicate_content", existingId: "nghe-an-2024" });
    expect(await a.sessions!.add(NGHE_AN.replace(/\n/g, "\r\n"))).toMatchObject({ ok: false, reason: "duplicate_content", existingId: "nghe-an-2024" });
    expect(await a.sessions!.add(LANG_SON.replace(/\n/g, "\r\n"))).toMatchObject({ ok: false, reason: "duplicate_content", existingId: "lang-son-2023" });
    expect(await a.sessions!.add("Tăng 8,3%. ".repeat(110_000))).toEqual({ ok: false, reason: "too_large" });
    expect(await a.sessions!.add("Các sở, ngành đã nỗ lực thực hiện nhiệm vụ được giao trong thời gian qua.")).toMatchObject({ ok: false, reason: "no_figures" });
    expect(await a.sessions!.add("The economy of the province grew by 8.3 percent in 2024 and exports rose by 12 percent.")).toMatchObject({ ok: false, reason: "not_vietnamese" });
    expect((await a.store.sessions.list()).map((s) => s.id)).toEqual(["nghe-an-2024"]);
  });

  it("removes a session added in a chat (here and, after a refresh, elsewhere); a shipped or unknown one is not removed", async () => {
    const a = open();
    const b = open();
    await a.sessions!.add(NGHE_AN);
    await b.sessions!.refresh();
    expect(answers(b).sessionId).toBe("nghe-an-2024");
    expect(await a.sessions!.remove("lang-son-2023")).toEqual({ ok: false, reason: "shipped" });
    expect(await a.sessions!.remove("khong-co")).toEqual({ ok: false, reason: "unknown" });
    expect(await a.sessions!.remove("nghe-an-2024")).toEqual({ ok: true });
    expect(a.knowledge.byId.has("nghe-an-2024")).toBe(false);
    expect(answers(a).sessionId).not.toBe("nghe-an-2024");
    await b.sessions!.refresh();
    expect(b.sessions!.list().map((s) => s.id)).toEqual(["lang-son-2023"]);
    expect(await a.sessions!.remove("nghe-an-2024")).toEqual({ ok: false, reason: "unknown" });
    // Removed, it may come back.
    expect(await a.sessions!.add(NGHE_AN)).toMatchObject({ ok: true, summary: { id: "nghe-an-2024" } });
  });
});

describe("/phien in the console", () => {
  const ctx = (services: Services, over: Partial<CommandContext> = {}): CommandContext => ({ platform: "console", chatId: "console:local", userId: "console:local", isPrivate: true, lang: "vi", isAdmin: true, services, ...over });
  const run = async (services: Services, text: string, over: Partial<CommandContext> = {}) => renderPlain(await runText(text, ctx(services, over)));

  it("adds a report from a local file path, with its summary and example questions that the new session answers", async () => {
    const s = open();
    const out = await run(s, `/phien them ${FIXTURE}`);
    expect(out).toContain("== Đã thêm phiên nghe-an-2024 ==");
    expect(out).toContain("Mọi người có thể hỏi về phiên này ngay, ví dụ:");
    const examples = out.split("\n").filter((l) => l.startsWith("• ")).map((l) => l.slice(2));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const q of examples) expect(s.engine.answer(q).answer).toMatchObject({ found: true, sessionId: "nghe-an-2024" });
    expect(await run(s, "/sessions list", { lang: "en" })).toMatch(/nghe-an-2024 — .* · added in a chat/);
  });

  it("a path that is missing, not .txt or over 1 MiB, and text typed after the command that is not a report, each get their message", async () => {
    const s = open();
    expect(await run(s, "/phien them /khong/co/bao-cao.txt")).toContain("Không tìm thấy tệp “/khong/co/bao-cao.txt”.");
    const pdf = join(dir, "bao-cao.pdf");
    writeFileSync(pdf, NGHE_AN);
    expect(await run(s, `/phien them ${pdf}`)).toContain("không phải tệp .txt");
    const big = join(dir, "lon.txt");
    writeFileSync(big, Buffer.alloc(1024 * 1024 + 1, 0x61));
    expect(await run(s, `/phien them ${big}`)).toContain("Tệp quá lớn (khoảng 1.025 KB); giới hạn là 1 MB");
    expect(await run(s, "/phien them The economy grew by 8.3 percent in 2024 and exports rose by 12 percent.")).toContain("không phải tiếng Việt");
    // Text typed after a command is cut at MAX_INPUT_CHARS: a long report is refused, not half-read.
    expect(await run(s, `/phien them ${NGHE_AN}`)).toContain(`dòng lệnh chỉ nhận ${MAX_INPUT_CHARS.toLocaleString("vi-VN")} ký tự`);
    expect(await run(s, "/phien them")).toContain("Cách dùng: /phien them <đường dẫn tệp .txt>");
    expect(await s.store.sessions.list()).toEqual([]);
  });

  it("a console that is not an admin is refused, and reads no file", async () => {
    const s = open();
    expect(await run(s, `/phien them ${FIXTURE}`, { isAdmin: false })).toContain("chỉ quản trị viên của bot");
    expect(await run(s, "/phien xoa nghe-an-2024", { isAdmin: false })).toContain("chỉ quản trị viên của bot");
    expect(await s.store.sessions.list()).toEqual([]);
  });
});
