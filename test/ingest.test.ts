// Ingestion: report text → validated session, through the API and through `npm run ingest`
// (a real child process), with the bad files people really send.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import fc from "fast-check";
import { checkReportBytes, IngestError, ingestReport } from "../src/ingest/ingest.js";
import { loadKnowledgeBase, projectRoot } from "../src/knowledge/loader.js";
import { QueryEngine } from "../src/engine/engine.js";
import { comparable } from "../src/knowledge/validate.js";

const seed = readFileSync(join(projectRoot, "data/sources/lang-son-2023.txt"), "utf8");

describe("the extractor on the seed", () => {
  const file = ingestReport(seed, { id: "lang-son-2023" }).file;
  const fig = (display: string) => file.figures.find((f) => f.display === display)!;
  it("reads the report's own facts", () => {
    expect(file.session).toMatchObject({ province: "Lạng Sơn", reportPeriod: "năm 2022 và 4 tháng đầu năm 2023", delegationHead: "Đào Hồng Lan", coversUntil: "2023-04-30" });
    expect(file.people.map((p) => p.name)).toEqual(["Hồ Tiến Thiệu", "Đào Hồng Lan", null]);
    expect(file.people[1]!.roles).toEqual(["Uỷ viên Trung ương Đảng", "Bộ trưởng Bộ Y tế", "Trưởng đoàn công tác của Chính phủ"]);
  });
  it("tells growth from share: 'tăng 24,4%' under 'Cơ cấu kinh tế' is a share", () => {
    expect(fig("11,03%").kind).toBe("growth");
    expect(fig("24,4%").kind).toBe("share");
    expect(fig("21,1%").kind).toBe("share");
    expect(fig("51,72 triệu đồng").kind).toBe("level");
  });
  it("keeps a comparison base out of the period, and reads periods from the clause, the sentence or the report", () => {
    expect(fig("120,5%")).toMatchObject({ kind: "change_same_period", comparedTo: "2022" });
    expect(fig("1,345 tỷ USD").period.atoms).toEqual(["m4-2023"]);
    expect(fig("9.300 ha").period.atoms).toEqual(["y2022"]);
    expect(fig("4.030 ha").period.atoms).toEqual(["m4-2023"]);
    expect(fig("hơn 13.330 ha").period).toMatchObject({ atoms: ["y2022", "m4-2023"], source: "document" });
    expect(fig("589 tỷ đồng").period.atoms).toEqual(["q1-2023"]);
    expect(fig("86 xã").period.atoms).toEqual(["to-m4-2023"]);
  });
  it("links the parts of a total and the figures that continue one another", () => {
    expect(fig("5,01%").whole).toBe(fig("7,22%").id);
    expect(fig("9.300 ha").whole).toBe(fig("hơn 13.330 ha").id);
    expect(fig("15,2%")).toMatchObject({ kind: "percent_of_plan", parent: fig("589 tỷ đồng").id });
  });
  it("finds the petition groups, their recipients, origins and topics", () => {
    expect(file.petitionGroups.map((g) => [g.to, g.countDisplay, g.origin])).toEqual([
      ["government", "4 nội dung", "long_standing"],
      ["ministries", "9 nội dung", "long_standing"],
      ["government", "10 kiến nghị mới", "new"],
      ["ministries", "48 vấn đề", "new"],
    ]);
    expect(file.petitionGroups[0]!.topics).toContain("giải phóng mặt bằng");
    expect(file.petitionGroups[1]!.sourceStatus).toBe("cho_tra_loi_van_ban");
  });
  it("marks the delegation's conclusions, and who asks whom", () => {
    const conclusions = file.statements.filter((s) => s.conclusion);
    expect(conclusions.some((s) => s.cite.includes("chuyển đổi số") && s.kind === "task" && s.direction === "central_to_province")).toBe(true);
    expect(file.statements.find((s) => s.cite.includes("10 kiến nghị mới"))).toMatchObject({ kind: "request", direction: "province_to_central" });
  });
  it("takes NFD text as NFC, and its citations stand in the source", () => {
    const nfd = ingestReport(seed.normalize("NFD"), { id: "x" }).file;
    expect(nfd.figures.map((f) => f.display)).toEqual(file.figures.map((f) => f.display));
  });
});

describe("bad input is refused with a clear message", () => {
  const refused = (text: string, code: string) => {
    try {
      ingestReport(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IngestError);
      expect((e as IngestError).code).toBe(code);
    }
  };
  it("empty, English, no figure", () => {
    refused("   \n  ", "empty");
    refused("The Prime Minister met the provincial leaders on Tuesday and discussed growth of 7 percent in 2024.", "not_vietnamese");
    refused("Đoàn công tác của Chính phủ đã làm việc với tỉnh và ghi nhận những kết quả tích cực trong thời gian qua.", "no_figures");
  });
  it("binary, invalid UTF-8, too large", () => {
    expect(() => checkReportBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01]))).toThrow(/nhị phân/);
    expect(() => checkReportBytes(new Uint8Array([0xc3, 0x28, 0x41]))).toThrow(/UTF-8/);
    expect(() => checkReportBytes(new Uint8Array(1024 * 1024 + 1).fill(0x61))).toThrow(/1 MB/);
    expect(() => checkReportBytes(new Uint8Array())).toThrow(/rỗng/);
  });
});

describe("any text as a report", () => {
  it("never throws anything but a refusal, and every citation it writes stands in the source", () => {
    const vocab = ["GRDP", "tăng", "7,22%", "năm 2022", "trong đó", "dịch vụ", "chiếm", "13.330 ha", "(", ")", ";", ",", ".", "\n", "- ", "Thu ngân sách:", "kiến nghị", "4 nội dung", "Bộ trưởng", "Nguyễn Văn A", "quý I/2023", "so với cùng kỳ", "😀", "\u0000", "đạt", "bằng 105% dự toán", "Chủ tịch UBND tỉnh", "phát biểu kết luận"];
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2000 }), fc.array(fc.constantFrom(...vocab), { maxLength: 120 }).map((a) => a.join(" "))), (text) => {
        try {
          const r = ingestReport(text);
          const source = comparable(r.sourceText);
          for (const f of r.file.figures) expect(source).toContain(comparable(f.cite));
          for (const s of r.file.statements) expect(source).toContain(comparable(s.cite));
        } catch (e) {
          expect(e).toBeInstanceOf(IngestError);
        }
      }),
      { numRuns: 300 },
    );
  });
  it("a 1,200-word report is ingested (timing is the benchmark's job; here: it completes)", () => {
    const long = Array.from({ length: 6 }, () => seed).join("\n");
    expect(long.split(/\s+/).length).toBeGreaterThan(1200);
    expect(ingestReport(long).file.figures.length).toBeGreaterThan(100);
  });
});

const cli = (args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/ingest/cli.ts", ...args], { cwd: projectRoot, encoding: "utf8", env: { ...process.env, DATA_DIR: "" }, timeout: 55_000 });

describe("npm run ingest (a real process)", { timeout: 60_000 }, () => {
  it("writes the source unchanged and a session that answers at once; the same text twice is refused", () => {
    const data = mkdtempSync(join(tmpdir(), "ingest-"));
    const report = join(data, "report.txt");
    writeFileSync(report, seed.normalize("NFD"));
    const ok = cli([report, "--data", data, "--id", "thu-nghiem"]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('Đã nạp phiên "thu-nghiem"');
    expect(ok.stdout).toMatch(/Số liệu: \d+; người: 3; nhóm kiến nghị: 4/);
    expect(readFileSync(join(data, "sources/thu-nghiem.txt"), "utf8")).toBe(seed.normalize("NFD"));
    const engine = new QueryEngine(loadKnowledgeBase(data));
    expect(engine.ask("grdp tang bao nhieu").answer).toContain("7,22%");
    const again = cli([report, "--data", data, "--id", "lan-hai"]);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain("đã được nạp");
    expect(existsSync(join(data, "sessions/lan-hai.json"))).toBe(false);
  });
  it("bad files: a clear message, an exit code other than 0, nothing written", () => {
    const data = mkdtempSync(join(tmpdir(), "ingest-bad-"));
    const files: [string, Buffer | string][] = [
      ["empty.txt", ""],
      ["binary.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a])],
      ["english.txt", "This is an English text about growth of 7 percent in 2024 and nothing else at all."],
      ["huge.txt", "Tỉnh đạt 5%. ".repeat(90_000)],
      ["nofigure.txt", "Đoàn công tác của Chính phủ đã làm việc với tỉnh và ghi nhận những kết quả tích cực."],
    ];
    for (const [name, content] of files) {
      writeFileSync(join(data, name), content);
      const r = cli([join(data, name), "--data", data]);
      expect(r.status, name).not.toBe(0);
      expect(r.stderr.length, name).toBeGreaterThan(10);
    }
    expect(existsSync(join(data, "sessions")) ? readdirSync(join(data, "sessions")) : []).toEqual([]);
    const missing = cli([join(data, "khong-co.txt"), "--data", data]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain("Không đọc được tệp");
  });
  it("--help explains itself", () => {
    const r = cli(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("npm run ingest -- TỆP.txt");
  });
});
