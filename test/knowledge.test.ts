import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { KnowledgeError, loadKnowledgeBase, loadSessionFile, projectRoot } from "../src/knowledge/loader.js";

const real = JSON.parse(readFileSync(join(projectRoot, "data/sessions/lang-son-2023.json"), "utf8"));

/** A throwaway project folder with the real source and a session file we may break. */
function fixture(mutate: (file: typeof real) => void): string {
  const dir = mkdtempSync(join(tmpdir(), "kb-"));
  mkdirSync(join(dir, "data/sources"), { recursive: true });
  mkdirSync(join(dir, "data/sessions"), { recursive: true });
  copyFileSync(join(projectRoot, real.session.sourceFile), join(dir, real.session.sourceFile));
  const copy = structuredClone(real);
  mutate(copy);
  writeFileSync(join(dir, "data/sessions/broken.json"), JSON.stringify(copy));
  return dir;
}

describe("the curated session", () => {
  it("loads and validates", () => {
    const kb = loadKnowledgeBase("data/sessions", projectRoot);
    const s = kb.sessions[0]!;
    expect(s.file.session.id).toBe("lang-son-2023");
    expect(s.file.figures.length).toBeGreaterThanOrEqual(25);
    expect(s.file.petitionGroups.map((g) => g.countDisplay)).toEqual(["4 nội dung", "9 nội dung", "10 kiến nghị mới", "48 vấn đề"]);
  });
  it("the source file is the shared seed, unchanged", () => {
    const shared = join(projectRoot, "..", "shared", "seed", "lang-son-working-session-2023.vi.txt");
    let seed: string | null = null;
    try {
      seed = readFileSync(shared, "utf8");
    } catch {
      return; // shared/ is not beside every checkout; the citation check below still holds
    }
    expect(readFileSync(join(projectRoot, real.session.sourceFile), "utf8")).toBe(seed);
  });
  it("keeps the source's slips verbatim in citations", () => {
    expect(real.figures.find((f: { id: string }) => f.id === "growth-agriculture").cite).toContain("lĩnh vực vực");
  });
});

describe("a broken session file is refused, naming the entry and the fault", () => {
  it("a figure whose value is not in its citation", () => {
    const dir = fixture((f) => {
      f.figures.find((x: { id: string }) => x.id === "grdp-growth").display = "7,3%";
    });
    expect(() => loadKnowledgeBase("data/sessions", dir)).toThrow(KnowledgeError);
    expect(() => loadKnowledgeBase("data/sessions", dir)).toThrow(/figures\[grdp-growth\]: giá trị "7,3%" không có nguyên văn/);
  });
  it("a citation that is not word for word in the source", () => {
    const dir = fixture((f) => {
      f.statements.find((x: { id: string }) => x.id === "difficulties").cite = "Lạng Sơn không còn khó khăn nào.";
    });
    expect(() => loadSessionFile(join(dir, "data/sessions/broken.json"), dir)).toThrow(/statements\[difficulties\]: trích dẫn không có nguyên văn/);
  });
  it("a schema violation names the entry by id", () => {
    const dir = fixture((f) => {
      f.figures.find((x: { id: string }) => x.id === "ocop-products").kind = "bogus";
    });
    expect(() => loadSessionFile(join(dir, "data/sessions/broken.json"), dir)).toThrow(/figures\[ocop-products\]\.kind/);
  });
  it("a duplicated id", () => {
    const dir = fixture((f) => {
      f.figures.push({ ...f.figures[0] });
    });
    expect(() => loadSessionFile(join(dir, "data/sessions/broken.json"), dir)).toThrow(/mã "grdp-growth" bị trùng/);
  });
  it("reports every problem at once", () => {
    const dir = fixture((f) => {
      f.figures[0].cite = "không có";
      f.people[0].cite = "cũng không có";
    });
    try {
      loadSessionFile(join(dir, "data/sessions/broken.json"), dir);
      expect.unreachable();
    } catch (e) {
      expect((e as KnowledgeError).problems.length).toBeGreaterThanOrEqual(3);
    }
  });
});
