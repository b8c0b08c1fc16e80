// The shipped session and the loader's checks: a figure that cannot be traced to its source is
// refused, with the entry named.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { KnowledgeError, loadKnowledgeBase, loadSessionFile, projectRoot } from "../src/knowledge/loader.js";
import { ingestReport } from "../src/ingest/ingest.js";

const realPath = join(projectRoot, "data/sessions/lang-son-2023.json");
const real = JSON.parse(readFileSync(realPath, "utf8"));
const sourcePath = join(projectRoot, "data", real.session.sourceFile);

/** A throwaway data folder with the real source and a session file we may break. */
function fixture(mutate: (file: typeof real) => void): string {
  const dir = mkdtempSync(join(tmpdir(), "kb-"));
  mkdirSync(join(dir, "sources"), { recursive: true });
  mkdirSync(join(dir, "sessions"), { recursive: true });
  copyFileSync(sourcePath, join(dir, real.session.sourceFile));
  const copy = structuredClone(real);
  mutate(copy);
  writeFileSync(join(dir, "sessions/broken.json"), JSON.stringify(copy));
  return dir;
}

const byDisplay = (f: typeof real, display: string) => f.figures.find((x: { display: string }) => x.display === display);

describe("the shipped session", () => {
  it("loads and validates", () => {
    const kb = loadKnowledgeBase("data", projectRoot);
    const s = kb.byId.get("lang-son-2023")!;
    expect(s.file.figures.length).toBeGreaterThanOrEqual(25);
    expect(s.file.petitionGroups.map((g) => g.countDisplay)).toEqual(["4 nội dung", "9 nội dung", "10 kiến nghị mới", "48 vấn đề"]);
  });
  it("is what the ingester writes for the seed (so that it never drifts from the engine's reading)", () => {
    const fresh = ingestReport(readFileSync(sourcePath, "utf8"), { id: "lang-son-2023" }).file;
    fresh.session.sourceFile = real.session.sourceFile;
    expect(JSON.parse(JSON.stringify(fresh))).toEqual(real);
  });
  it("its source is the shared seed, unchanged", () => {
    let seed: string | null = null;
    try {
      seed = readFileSync(join(projectRoot, "..", "shared", "seed", "lang-son-working-session-2023.vi.txt"), "utf8");
    } catch {
      return; // shared/ is not beside every checkout; the citation check still holds
    }
    expect(readFileSync(sourcePath, "utf8")).toBe(seed);
  });
  it("keeps the source's slips verbatim in citations", () => {
    expect(byDisplay(real, "5,01%").cite).toContain("lĩnh vực vực");
  });
});

describe("a broken session file is refused, naming the entry and the fault", () => {
  it("a figure whose value is not in its citation", () => {
    const dir = fixture((f) => {
      byDisplay(f, "7,22%").display = "7,3%";
    });
    expect(() => loadKnowledgeBase(dir)).toThrow(KnowledgeError);
    expect(() => loadKnowledgeBase(dir)).toThrow(/figures\[f001\]: giá trị "7,3%" không có nguyên văn/);
  });
  it("a citation that is not word for word in the source", () => {
    const dir = fixture((f) => {
      f.statements[0].cite = "Lạng Sơn không còn khó khăn nào.";
    });
    expect(() => loadSessionFile(join(dir, "sessions/broken.json"), dir)).toThrow(/statements\[s001\]: trích dẫn không có nguyên văn/);
  });
  it("a schema violation names the entry by id", () => {
    const dir = fixture((f) => {
      byDisplay(f, "22 hợp tác xã").kind = "bogus";
    });
    expect(() => loadSessionFile(join(dir, "sessions/broken.json"), dir)).toThrow(/figures\[f011\]\.kind/);
  });
  it("a duplicated id", () => {
    const dir = fixture((f) => {
      f.figures.push({ ...f.figures[0] });
    });
    expect(() => loadSessionFile(join(dir, "sessions/broken.json"), dir)).toThrow(/mã "f001" bị trùng/);
  });
  it("reports every problem at once", () => {
    const dir = fixture((f) => {
      f.figures[0].cite = "không có";
      f.people[0].cite = "cũng không có";
    });
    try {
      loadSessionFile(join(dir, "sessions/broken.json"), dir);
      expect.unreachable();
    } catch (e) {
      expect((e as KnowledgeError).problems.length).toBeGreaterThanOrEqual(3);
    }
  });
});
