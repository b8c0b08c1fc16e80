// The console front door and the CLI, with the bad input people really send.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { runText } from "../commands/dispatch.js";
import { consoleContext } from "../src/adapters/console/repl.js";
import { renderPlain } from "../src/adapters/console/render.js";
import { createServices } from "../src/app.js";
import { createLogger } from "../src/log.js";
import { projectRoot } from "../src/knowledge/loader.js";

const services = createServices({ log: createLogger("silent"), env: { DATABASE_PATH: ":memory:" } });
const ctx = consoleContext(services, "console:test");
const say = async (text: string) => renderPlain(await runText(text, ctx));

describe("console replies to bad input in Vietnamese, without crashing", () => {
  it("an empty line", async () => {
    expect(await say("")).toContain("Bạn chưa nhập nội dung");
    expect(await say("   \t ")).toContain("Bạn chưa nhập nội dung");
  });
  it("a 10,000-character line", async () => {
    const out = await say("grdp ".repeat(2000));
    expect(out.length).toBeGreaterThan(0);
    expect(out.length).toBeLessThan(5000);
  });
  it("emoji only", async () => {
    expect(await say("😀🚀🇻🇳")).toContain("Báo cáo không đề cập");
  });
  it("control characters", async () => {
    expect(await say("\u0000\u0007grdp\u001b[31m tăng\u0008 bao nhiêu")).toContain("7,22%");
  });
  it("NFD text", async () => {
    expect(await say("Tỷ trọng dịch vụ trong cơ cấu kinh tế?".normalize("NFD"))).toContain("49,98%");
  });
  it("an unknown command", async () => {
    const out = await say("/khongco abc");
    expect(out).toContain("Không có lệnh /khongco");
    expect(out).toContain("/hoi");
  });
  it("a command without its argument", async () => {
    expect(await say("/hoi")).toContain("Bạn muốn hỏi gì?");
  });
  it("an indicator that does not exist", async () => {
    expect(await say("/chiso abcxyz")).toContain('Không có chỉ số "abcxyz"');
  });
});

describe("console commands", () => {
  it("/chiso lists the indicators, /chiso trong rung shows every period", async () => {
    expect(await say("/chiso")).toContain("• Trồng rừng mới — đạt hơn 13.330 ha (năm 2022 và 4 tháng đầu năm 2023); 9.300 ha (năm 2022); 4.030 ha (4 tháng đầu năm 2023)");
    const one = await say("/chiso trong rung");
    expect(one).toContain("== Trồng rừng mới ==");
    expect(one).toContain("« năm 2022 trồng mới được 9.300 ha »");
  });
  it("/ketluan gives the conclusions with their sources", async () => {
    const out = await say("/ketluan");
    expect(out).toContain("Kết luận của Trưởng đoàn (Đào Hồng Lan)");
    expect(out).toContain("chuyển đổi số");
    expect(out).toContain("« Tuy nhiên, Lạng Sơn còn nhiều khó khăn");
  });
  it("/help and /start", async () => {
    expect(await say("/help")).toContain("/hoi — Hỏi về số liệu");
    expect(await say("/start")).toContain("Trợ lý buổi làm việc");
  });
  it("a question gives the figure, its period and the source sentence", async () => {
    const out = (await say("Năm 2022 trồng mới bao nhiêu ha rừng?")).split("\nBạn có thể hỏi:")[0];
    expect(out).toBe(
      [
        "Trồng rừng mới: 9.300 ha (năm 2022).",
        "Nguồn trích dẫn:",
        "  « năm 2022 trồng mới được 9.300 ha »",
      ].join("\n"),
    );
  });
});

const tsx = ["--import", "tsx"];
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [...tsx, ...args], { cwd: projectRoot, input, encoding: "utf8", env: { ...process.env, LOG_LEVEL: "silent", TELEGRAM_BOT_TOKEN: "", DISCORD_TOKEN: "" }, timeout: 55_000 });

// Each case starts a real process (tsx compiles on start): generous timeouts, no timing asserted.
describe("CLI", { timeout: 60_000 }, () => {
  it("--jsonl keeps the batch contract: one JSON line per question, nothing else on stdout", () => {
    const lines = [
      { id: "a", q: "GRDP tăng bao nhiêu?" },
      { id: "b", q: "" },
      { id: "c", q: "x".repeat(10_000) },
      { id: "d", q: "😀" },
      { id: "e", q: "Dịch vụ chiếm bao nhiêu phần trăm cơ cấu kinh tế?", chat: "k" },
      { id: "f", q: "còn nông, lâm, thủy sản?", chat: "k" },
    ]
      .map((l) => JSON.stringify(l))
      .join("\n");
    const r = run(["src/adapters/console/ask-cli.ts", "--jsonl"], `${lines}\nnot json\n\n`);
    expect(r.status).toBe(0);
    const out = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(["a", "b", "c", "d", "e", "f", "line-7"]);
    expect(out[0].found).toBe(true);
    expect(out[0].answer).toContain("7,22%");
    expect(out[0].citations[0].text).toBe("Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) đạt 7,22%");
    expect(out.slice(1, 4).every((o) => o.found === false)).toBe(true);
    expect(out[5].answer).toContain("21,1%");
    expect(out[6]).toMatchObject({ found: false, error: expect.any(String) });
  });
  it("a question as an argument prints the reply", () => {
    const plain = run(["src/adapters/console/ask-cli.ts", "chu tich ubnd tinh la ai"]);
    expect(plain.stdout).toContain("Hồ Tiến Thiệu: Chủ tịch UBND tỉnh.");
  });
  it("--json prints the structured answer", () => {
    const json = JSON.parse(run(["src/adapters/console/ask-cli.ts", "--json", "sp ocop"]).stdout);
    expect(json).toMatchObject({ found: true, figures: [{ value: "32 sản phẩm OCOP" }] });
  });
  it("npm start -- --console opens the console and answers each line", () => {
    const r = run(["src/main.ts", "--console"], "grdp tang bao nhieu\n/khongco\n\n/thoat\n");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("chế độ dòng lệnh");
    expect(r.stdout).toContain("7,22%");
    expect(r.stdout).toContain("Không có lệnh /khongco");
    expect(r.stdout).toContain("Bạn chưa nhập nội dung");
  });
});
