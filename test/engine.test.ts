// The engine on ingested reports: the project's own questions on the seed (one test each), the
// development sets of the three reports, and each behaviour of a conversation (issue 11) checked
// on its own. Everything here goes through ingestion: no hand-written session data.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadCases, makeEngine, sourceText } from "./helpers/engine.js";
import { judge, parseCases } from "../src/eval/judge.js";
import { ingestReport } from "../src/ingest/ingest.js";
import { buildKnowledgeBase, parseSession, projectRoot } from "../src/knowledge/loader.js";
import { QueryEngine } from "../src/engine/engine.js";
import { ManualClock } from "../src/clock.js";
import type { Answer } from "../src/engine/types.js";

const engine = makeEngine();
const values = (a: Answer) => a.figures.map((f) => f.value);

function ingested(file: string): { engine: QueryEngine; text: string } {
  const text = readFileSync(join(projectRoot, file), "utf8");
  const r = ingestReport(text, { sourceFile: file });
  return { engine: new QueryEngine(buildKnowledgeBase([parseSession(r.file, r.sourceText, file)])), text: r.sourceText };
}

describe("the project's own questions on the seed", () => {
  const cases = loadCases("test/fixtures/engine-questions.jsonl");
  const byCat = new Map<string, typeof cases>();
  for (const c of cases) byCat.set(c.cat ?? "all", [...(byCat.get(c.cat ?? "all") ?? []), c]);
  it("cover every category of the genre", () => {
    for (const cat of ["figure", "disambiguation", "petition", "people", "conclusion", "negative", "followup", "english", "typo", "composite", "plain", "period"]) expect(byCat.get(cat)?.length ?? 0, cat).toBeGreaterThan(2);
  });
  for (const [cat, list] of byCat) {
    describe(cat, () => {
      for (const c of list) {
        it(`${c.id}: ${c.q}`, () => {
          const a = engine.ask(c.q, { chatId: c.chat ? `fixture:${c.chat}` : `fixture:single:${c.id}` });
          expect(judge(c, a, sourceText)).toEqual({ ok: true });
        });
      }
    });
  }
});

describe("the development sets, each report ingested from its text", () => {
  const sets: [string, string][] = [
    ["data/sources/lang-son-2023.txt", "test/fixtures/dev-reports/lang-son-2023.questions.jsonl"],
    ["test/fixtures/dev-reports/quang-nam-2024.vi.txt", "test/fixtures/dev-reports/quang-nam-2024.questions.jsonl"],
    ["test/fixtures/dev-reports/lam-dong-2022.vi.txt", "test/fixtures/dev-reports/lam-dong-2022.questions.jsonl"],
  ];
  for (const [report, questions] of sets) {
    it(`${report.split("/").pop()}: every question right`, () => {
      const { engine: e, text } = ingested(report);
      const failures = parseCases(readFileSync(join(projectRoot, questions), "utf8"))
        .map((c) => ({ c, v: judge(c, e.ask(c.q, { chatId: c.chat ? `dev:${c.chat}` : `dev:${c.id}` }), text) }))
        .filter((x) => !x.v.ok)
        .map((x) => `${x.c.id} ${x.c.q}: ${"why" in x.v ? x.v.why : ""}`);
      expect(failures).toEqual([]);
    });
  }
});

describe("a dialogue frame per conversation", () => {
  it("a full question starts afresh: it inherits neither the measure nor the period of the one before", () => {
    const e = makeEngine();
    expect(values(e.ask("kim ngạch xnk năm 2022", { chatId: "c" }))).toEqual(["3,1 tỷ USD"]);
    const full = e.ask("Công nghiệp xây dựng tăng bao nhiêu?", { chatId: "c" });
    expect(values(full)).toEqual(["11,03%"]);
    expect(full.understood.followUp).toBe(false);
    expect(values(e.ask("còn dịch vụ?", { chatId: "c" }))).toEqual(["6,6%"]);
  });
  it("an elliptical question changes only what it names: the part, the kind, the period", () => {
    const e = makeEngine();
    e.ask("dịch vụ tăng bao nhiêu", { chatId: "c" });
    expect(values(e.ask("thế còn tỷ trọng?", { chatId: "c" }))).toEqual(["49,98%"]);
    expect(values(e.ask("còn nông, lâm, thủy sản?", { chatId: "c" }))).toEqual(["21,1%"]);
    e.ask("trồng rừng 4 tháng đầu năm 2023", { chatId: "c" });
    expect(values(e.ask("thế năm 2022 thì sao?", { chatId: "c" }))).toEqual(["9.300 ha"]);
  });
  it("a refusal or small talk in between does not poison the frame", () => {
    const e = makeEngine();
    e.ask("GRDP tăng bao nhiêu", { chatId: "c" });
    expect(e.ask("dân số?", { chatId: "c" }).found).toBe(false);
    expect(e.ask("cảm ơn nhé", { chatId: "c" }).smallTalk).toBe(true);
    expect(values(e.ask("còn dịch vụ?", { chatId: "c" }))).toEqual(["6,6%"]);
  });
  it("belongs to one conversation: another chat (or another user of a group) starts without it", () => {
    const e = makeEngine();
    e.ask("Dịch vụ chiếm bao nhiêu phần trăm cơ cấu kinh tế?", { chatId: "group|alice" });
    expect(values(e.ask("còn nông, lâm, thủy sản?", { chatId: "group|alice" }))).toEqual(["21,1%"]);
    expect(e.ask("còn nông, lâm, thủy sản?", { chatId: "group|bob" }).understood.followUp).toBe(false);
  });
  it("expires after its time to live, on the injected clock", () => {
    const clock = new ManualClock("2026-11-27T08:00:00Z");
    const e = makeEngine({ clock, contextTtlMs: 60_000 });
    e.ask("Giải ngân vốn đầu tư năm 2022?", { chatId: "c" });
    expect(values(e.ask("thế còn quý I/2023?", { chatId: "c" }))).toContain("589 tỷ đồng");
    clock.advance(61_000);
    expect(e.ask("thế còn quý I/2023?", { chatId: "c" }).understood.followUp).toBe(false);
  });
  it("is plain JSON the caller can keep elsewhere (the store) and hand back", () => {
    const e = makeEngine();
    const first = e.answer("dịch vụ tăng bao nhiêu");
    const kept = JSON.parse(JSON.stringify(first.frame));
    expect(values(makeEngine().answer("thế còn tỷ trọng?", { frame: kept }).answer)).toEqual(["49,98%"]);
  });
});

describe("questions over a set of figures", () => {
  it("superlatives compare the parts of one kind: highest and lowest growth, in Vietnamese and English", () => {
    expect(values(engine.ask("ngành nào tăng trưởng cao nhất"))).toEqual(["11,03%"]);
    expect(values(engine.ask("ngành nào tăng thấp nhất"))).toEqual(["5,01%"]);
    expect(values(engine.ask("which sector grew fastest"))).toEqual(["11,03%"]);
  });
  it("conjunctions answer every part", () => {
    for (const q of ["công nghiệp và dịch vụ tăng bao nhiêu", "so sánh tăng trưởng công nghiệp và dịch vụ"]) expect(values(engine.ask(q)).sort(), q).toEqual(["11,03%", "6,6%"]);
  });
  it("'cơ cấu kinh tế' lists the four shares, which the report gives summing to 100%", () => {
    const a = engine.ask("Cơ cấu kinh tế của tỉnh như thế nào?");
    expect(a.figures).toHaveLength(4);
    expect(a.figures.reduce((s, f) => s + Number(f.value.replace("%", "").replace(",", ".")), 0)).toBeCloseTo(100, 5);
  });
  it("a number asked back finds the figure with that value", () => {
    expect(engine.ask("con số 86 nói về gì").answer).toContain("86 xã đạt chuẩn nông thôn mới");
    expect(values(engine.ask("9.300 ha là gì"))).toEqual(["9.300 ha"]);
  });
  it("a number checked is confirmed or corrected, with what it really is", () => {
    const wrong = engine.ask("Công nghiệp - xây dựng tăng 24,4% phải không?");
    expect(wrong.answer.split("\n")[0]).toBe("Không khớp với báo cáo. Báo cáo ghi:");
    expect(values(wrong)).toEqual(["11,03%", "24,4%"]);
    expect(engine.ask("GRDP tăng 7,22% đúng không").answer.split("\n")[0]).toBe("Đúng. Báo cáo ghi:");
  });
  it("a bare name gives each kind the report has for it", () => {
    expect(values(engine.ask("Dịch vụ?")).sort()).toEqual(["49,98%", "6,6%"]);
  });
  it("never adds figures up: a total the report counts only in part is refused, with what it does give", () => {
    const a = engine.ask("Lạng Sơn có bao nhiêu xã?");
    expect(a.found).toBe(false);
    expect(a.answer).toBe("Báo cáo không nêu tổng số xã; báo cáo chỉ nêu: 86 xã đạt chuẩn nông thôn mới (đến hết tháng 4/2023).");
  });
});

describe("direction and negation", () => {
  it("the province's requests to the Government are not the delegation's tasks for the province", () => {
    const asked = engine.ask("tỉnh đề nghị gì với chính phủ");
    expect(asked.answer).toContain("kiến nghị với Chính phủ");
    const tasked = engine.ask("Chính phủ yêu cầu tỉnh làm gì");
    expect(tasked.answer).toContain("đề nghị UBND tỉnh");
    expect(tasked.answer).not.toContain("kiến nghị với Chính phủ");
  });
  it("what is excluded is not the answer", () => {
    const a = engine.ask("chỉ hỏi mức tăng của dịch vụ, không phải tỷ trọng");
    expect(values(a)).toEqual(["6,6%"]);
  });
});

describe("whole-report questions and small talk", () => {
  it("a summary: key figures with periods, the petitions, the conclusions, each cited", () => {
    const a = engine.ask("tóm tắt báo cáo");
    expect(a.understood.mode).toBe("summary");
    expect(a.answer).toContain("7,22%");
    expect(a.answer).toContain("Kiến nghị:");
    expect(a.answer).toContain("Kết luận của đoàn công tác:");
    expect(a.citations.length).toBeGreaterThanOrEqual(5);
    expect(a.answer.split("\n").length).toBeLessThanOrEqual(16);
  });
  it("the participants, by name and office", () => {
    const a = engine.ask("những ai dự buổi làm việc");
    expect(a.answer).toContain("Đào Hồng Lan");
    expect(a.answer).toContain("Hồ Tiến Thiệu");
  });
  it("what a person said is their statements, not who they are", () => {
    const a = engine.ask("bộ trưởng bộ y tế nói gì");
    expect(a.understood.mode).toBe("passage");
    expect(a.answer).toContain("đánh giá cao");
  });
  it("who holds an office, in both languages", () => {
    expect(engine.ask("Trưởng đoàn là ai?").answer).toContain("Đào Hồng Lan");
    expect(engine.ask("Which ministry does the head of the delegation lead?").answer).toContain("Minister of Health");
  });
  it("greetings and thanks get a friendly line and what to ask, never a refusal", () => {
    for (const q of ["xin chào", "chào bot", "cảm ơn nhé 👍", "hello"]) {
      const a = engine.ask(q);
      expect(a.smallTalk, q).toBe(true);
      expect(a.answer, q).not.toContain("không đề cập");
      expect(a.suggestions.length, q).toBeGreaterThan(0);
    }
  });
});

describe("refusals that help", () => {
  it("a period the report does not give: says which periods it does give, and offers them", () => {
    const a = engine.ask("kim ngạch xnk năm 2021");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("năm 2021");
    expect(a.answer).toContain("năm 2022");
    expect(a.suggestions.map((s) => s.input)).toContain("Tổng kim ngạch xuất, nhập khẩu hàng hoá qua địa bàn năm 2022 là bao nhiêu?");
  });
  it("a word the report never uses points to what it does give, each suggestion once and not again in the text", () => {
    const a = engine.ask("xuất khẩu năm 2022");
    expect(a.found).toBe(false);
    expect(a.answer).toBe("Báo cáo không đề cập đến xuất khẩu.");
    const inputs = a.suggestions.map((s) => s.input);
    expect(new Set(inputs).size).toBe(inputs.length);
    expect(inputs.some((i) => i.includes("kim ngạch xuất, nhập khẩu"))).toBe(true);
  });
  it("another province is not this report", () => {
    const a = engine.ask("GRDP của Cao Bằng tăng bao nhiêu");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("Cao Bằng");
  });
});

describe("concise answers", () => {
  it("one figure, its period, one citation: the clause that holds the value", () => {
    const a = engine.ask("kim ngạch xuất nhập khẩu năm 2022");
    expect(a.answer).toBe("Tổng kim ngạch xuất, nhập khẩu hàng hoá qua địa bàn: đạt 3,1 tỷ USD (năm 2022).");
    expect(a.citations.map((c) => c.text)).toEqual(["trong năm 2022, tổng kim ngạch xuất, nhập khẩu hàng hoá qua địa bàn đạt 3,1 tỷ USD"]);
  });
  it("a figure line does not repeat its name", () => {
    expect(engine.ask("có bao nhiêu xã đạt chuẩn nông thôn mới").answer).toBe("86 xã đạt chuẩn nông thôn mới (đến hết tháng 4/2023).");
  });
});

describe("suggestions", () => {
  it("every suggestion offered brings back a figure when it is asked", () => {
    const offered = new Set<string>();
    for (const q of ["GRDP tăng bao nhiêu", "trồng rừng", "xin chào", "dân số?", "kim ngạch xnk năm 2021", "giải ngân vốn đầu tư"]) for (const s of engine.ask(q).suggestions) offered.add(s.input);
    expect(offered.size).toBeGreaterThanOrEqual(6);
    for (const input of offered) expect(engine.ask(input).found, input).toBe(true);
  });
  it("are short: the part of a list by its own name", () => {
    const inputs = engine.ask("Công nghiệp xây dựng tăng bao nhiêu?").suggestions.map((s) => s.input);
    expect(inputs).toContain("Dịch vụ tăng bao nhiêu?");
    for (const i of inputs) expect(i.length).toBeLessThan(90);
  });
});

describe("text as people type it", () => {
  it("NFD input gives the same answer as NFC", () => {
    const q = "Tỷ trọng nông, lâm, thủy sản trong cơ cấu kinh tế?";
    expect(engine.ask(q.normalize("NFD")).answer).toBe(engine.ask(q).answer);
  });
  it("old and new tone placement, with or without diacritics, chat abbreviations and typos", () => {
    expect(engine.ask("nông lâm thuỷ sản chiếm bao nhiêu").answer).toBe(engine.ask("nông lâm thủy sản chiếm bao nhiêu").answer);
    expect(engine.ask("giai ngan von chuong trinh muc tieu quoc gia").answer).toBe(engine.ask("giải ngân vốn chương trình mục tiêu quốc gia").answer);
    expect(values(engine.ask("kim ngach xnk 2022 bn"))).toEqual(["3,1 tỷ USD"]);
    expect(values(engine.ask("kim nghach xuat nhap khau 2022"))).toEqual(["3,1 tỷ USD"]);
  });
  it("a '%' on its own is a word: 'mấy % GRDP' asks for a share", () => {
    expect(values(engine.ask("Dịch vụ chiếm mấy % GRDP?"))).toEqual(["49,98%"]);
  });
});
