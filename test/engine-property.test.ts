// Whatever arrives, the engine returns a well-formed answer and never throws.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { makeEngine, sourceText } from "./helpers/engine.js";

const engine = makeEngine();
const source = sourceText.normalize("NFC").replace(/\s+/g, " ");

const wellFormed = (q: string, chatId?: string) => {
  const a = engine.ask(q, { chatId });
  expect(typeof a.found).toBe("boolean");
  expect(typeof a.answer).toBe("string");
  expect(a.answer.length).toBeGreaterThan(0);
  expect(["vi", "en"]).toContain(a.lang);
  expect(Array.isArray(a.citations)).toBe(true);
  if (a.found) expect(a.citations.length).toBeGreaterThan(0);
  for (const c of a.citations) expect(source).toContain(c.text.replace(/\s+/g, " "));
  expect(() => JSON.stringify(a)).not.toThrow();
};

const words = ["grdp", "tăng", "bao nhiêu", "còn", "dịch vụ", "2022", "quý I/2023", "kiến nghị", "xnk", "😀", "\u0000", "chiếm", "ai", "đất lúa", " ", "\n", "năm", "4 tháng đầu năm 2023"];

describe("engine property tests", () => {
  it("any string up to 10,000 characters gives a well-formed answer", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10_000, unit: "binary" }), (q) => wellFormed(q)),
      { numRuns: 300 },
    );
  });
  it("any mix of real question words, in any chat order, gives a well-formed answer", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 30 }), fc.constantFrom("p:1", "p:2", undefined), (parts, chat) =>
        wellFormed(parts.join(" "), chat),
      ),
      { numRuns: 500 },
    );
  });
  it("NFD and NFC of any question give the same answer", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 8 }), (parts) => {
        const q = parts.join(" ");
        expect(engine.ask(q.normalize("NFD")).answer).toBe(engine.ask(q.normalize("NFC")).answer);
      }),
      { numRuns: 200 },
    );
  });
});
