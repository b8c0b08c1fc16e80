// The engine suite: the project's own questions (test/fixtures/engine-questions.jsonl, written for
// this project), one test per question, grouped by category, plus the behaviours around them.
import { describe, expect, it } from "vitest";
import { judge, loadCases, makeEngine, sourceText } from "./helpers/engine.js";
import { ManualClock } from "../src/clock.js";
import { buildEntries, entryKey } from "../src/engine/entries.js";
import { buildVocabulary } from "../src/engine/vocabulary.js";
import { suggestionFor } from "../src/engine/engine.js";

const cases = loadCases("test/fixtures/engine-questions.jsonl");
const engine = makeEngine();
const byCat = new Map<string, typeof cases>();
for (const c of cases) byCat.set(c.cat ?? "all", [...(byCat.get(c.cat ?? "all") ?? []), c]);

describe("engine answers the project's own questions", () => {
  const required = ["figure", "disambiguation", "petition", "people", "conclusion", "negative", "followup", "english", "typo", "composite", "plain"];
  it("covers every category", () => {
    for (const cat of required) expect(byCat.get(cat)?.length ?? 0, cat).toBeGreaterThan(2);
  });
  for (const [cat, list] of byCat) {
    describe(cat, () => {
      for (const c of list) {
        it(`${c.id}: ${c.q}`, () => {
          const a = engine.ask(c.q, { chatId: c.chat ? `fixture:${c.chat}` : `fixture:single:${c.id}` });
          expect(judge(c, a)).toBeNull();
        });
      }
    });
  }
});

describe("growth versus share", () => {
  it("'tăng' in the growth sentence is growth, 'chiếm' and 'cơ cấu' are shares", () => {
    const growth = engine.ask("công nghiệp xây dựng tăng bao nhiêu");
    expect(growth.figures.map((f) => f.value)).toEqual(["11,03%"]);
    const share = engine.ask("công nghiệp xây dựng chiếm bao nhiêu trong cơ cấu");
    expect(share.figures.map((f) => f.value)).toEqual(["24,4%"]);
  });
  it("the four shares of the economy sum to 100%", () => {
    const a = engine.ask("cơ cấu kinh tế");
    const total = a.figures.reduce((s, f) => s + Number(f.value.replace("%", "").replace(",", ".")), 0);
    expect(a.figures).toHaveLength(4);
    expect(total).toBeCloseTo(100, 5);
  });
});

describe("periods", () => {
  it("picks the period asked for and states it", () => {
    const a = engine.ask("trồng rừng năm 2022");
    expect(a.figures).toEqual([{ label: "Trồng rừng mới năm 2022", value: "9.300 ha", period: "năm 2022" }]);
  });
  it("lists every period when none is asked", () => {
    const a = engine.ask("trồng rừng mới");
    expect(a.figures.map((f) => f.value)).toEqual(["hơn 13.330 ha", "9.300 ha", "4.030 ha"]);
  });
  it("says so when the figure covers more than the period asked", () => {
    const a = engine.ask("GRDP năm 2022 tăng bao nhiêu");
    expect(a.answer).toContain("7,22%");
    expect(a.answer).toContain("không tách riêng");
  });
  it("refuses a year the report does not cover", () => {
    const a = engine.ask("kim ngạch xuất nhập khẩu năm 2021");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("năm 2021");
  });
  it("reads Q1, 'quý I/2023' and 'quý 1 năm 2023' alike", () => {
    for (const q of ["giải ngân Q1 2023", "giải ngân quý I/2023", "giải ngân quý 1 năm 2023"]) {
      expect(engine.ask(q).figures.map((f) => f.value), q).toEqual(["589 tỷ đồng", "15,2% kế hoạch"]);
    }
  });
});

describe("text as people type it", () => {
  it("NFD input gives the same answer as NFC", () => {
    const q = "Tỷ trọng nông, lâm, thủy sản trong cơ cấu kinh tế?";
    const nfd = engine.ask(q.normalize("NFD"));
    expect(nfd.found).toBe(true);
    expect(nfd.answer).toBe(engine.ask(q).answer);
  });
  it("old and new tone placement are the same word", () => {
    expect(engine.ask("nông lâm thuỷ sản chiếm bao nhiêu").answer).toBe(engine.ask("nông lâm thủy sản chiếm bao nhiêu").answer);
  });
  it("with or without diacritics", () => {
    expect(engine.ask("giải ngân vốn chương trình mục tiêu quốc gia").answer).toBe(engine.ask("giai ngan von chuong trinh muc tieu quoc gia").answer);
  });
  it("chat abbreviations", () => {
    expect(engine.ask("kim ngach xnk 2022 bn").figures.map((f) => f.value)).toEqual(["3,1 tỷ USD"]);
  });
  it("does not mistake 'diễn biến' for the province Điện Biên", () => {
    expect(engine.ask("kinh tế xã hội diễn biến thế nào").found).toBe(true);
  });
});

describe("follow-ups", () => {
  it("reuse the chat's context, and only that chat's", () => {
    engine.ask("Dịch vụ chiếm bao nhiêu phần trăm cơ cấu kinh tế?", { chatId: "fu:a" });
    expect(engine.ask("còn nông, lâm, thủy sản?", { chatId: "fu:a" }).figures.map((f) => f.value)).toEqual(["21,1%"]);
    expect(engine.ask("còn nông, lâm, thủy sản?", { chatId: "fu:b" }).understood.followUp).toBe(false);
  });
  it("expire after the context TTL", () => {
    const clock = new ManualClock("2026-11-27T08:00:00Z");
    const e = makeEngine({ clock, contextTtlMs: 60_000 });
    e.ask("Giải ngân vốn đầu tư năm 2022?", { chatId: "c" });
    expect(e.ask("thế còn quý I/2023?", { chatId: "c" }).figures.map((f) => f.value)).toContain("589 tỷ đồng");
    clock.advance(61_000);
    const late = e.ask("thế còn quý I/2023?", { chatId: "c" });
    expect(late.understood.followUp).toBe(false);
  });
});

describe("English", () => {
  it("answers in English with English number format and the source's own form", () => {
    const a = engine.ask("What was the GRDP growth rate?");
    expect(a.lang).toBe("en");
    expect(a.answer).toContain("7.22% (source: 7,22%)");
  });
});

describe("refusals", () => {
  it("say what the report does not cover and suggest nearby topics", () => {
    const a = engine.ask("Dân số tỉnh là bao nhiêu?");
    expect(a.found).toBe(false);
    expect(a.answer).toMatch(/^Báo cáo không đề cập đến dân số\./);
    expect(a.suggestions.length).toBeGreaterThan(0);
    expect(a.citations).toEqual([]);
  });
  it("never answer with another province's name", () => {
    const a = engine.ask("GRDP của Cao Bằng tăng bao nhiêu");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("Cao Bằng");
  });
});

describe("every citation and every figure", () => {
  it("each figure's own suggested question brings that figure back", () => {
    const kb = engine.knowledge;
    const entries = buildEntries(kb.sessions[0]!, buildVocabulary(kb));
    for (const e of entries.filter((x) => x.ref.type === "figure")) {
      const s = suggestionFor(e, "vi");
      const a = engine.ask(s.input);
      expect(a.entryIds, s.input).toContain(entryKey(e));
    }
  });
  it("citations stand word for word in the source", () => {
    const source = sourceText.normalize("NFC").replace(/\s+/g, " ");
    for (const c of cases.filter((x) => x.expect_found !== false)) {
      for (const ci of engine.ask(c.q).citations) expect(source).toContain(ci.text.replace(/\s+/g, " "));
    }
  });
});
