// The session catalogue (src/knowledge/catalogue.ts): sessions opened from it answer exactly as
// sessions loaded and validated at start, are read only when first used, and the catalogue is
// rebuilt when a session file changes, is added or removed, or the ingester version changes.
// And a message mostly of unknown words is refused before it is parsed.
import { beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { generateReports, ingestReports, mapCase, type GeneratedReport } from "../bench/generate.js";
import { CATALOGUE_FILE, LazySession, openKnowledgeBase } from "../src/knowledge/catalogue.js";
import { KnowledgeError, loadKnowledgeBase, projectRoot } from "../src/knowledge/loader.js";
import { QueryEngine } from "../src/engine/engine.js";
import { loadCases } from "./helpers/engine.js";

let base: string;
let reports: GeneratedReport[];

/** A data folder of its own: the shipped session and a few generated ones. */
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "catalogue-"));
  cpSync(base, dir, { recursive: true });
  return dir;
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), "catalogue-base-"));
  cpSync(join(projectRoot, "data"), base, { recursive: true, filter: (src) => !src.includes(".catalogue") });
  // two meetings of one province (the second, older, has other years) and a few others
  reports = generateReports(64).filter((_, i) => i < 4 || i === 60 || i === 63);
  ingestReports(base, reports);
});

describe("the catalogue", () => {
  it("is built once, then used as it is", () => {
    const dir = dataDir();
    const first = openKnowledgeBase(dir);
    expect(first.stats).toMatchObject({ sessions: reports.length + 1, rebuilt: reports.length + 1, fresh: false, written: true });
    const again = openKnowledgeBase(dir);
    expect(again.stats).toMatchObject({ sessions: reports.length + 1, rebuilt: 0, fresh: true });
    expect(again.sessions.map((s) => s.info!.id)).toEqual(loadKnowledgeBase(dir).sessions.map((s) => s.file.session.id));
  });

  it("reads again only a session file that changed, and sees what changed", () => {
    const dir = dataDir();
    openKnowledgeBase(dir);
    const path = join(dir, "sessions", `${reports[1]!.id}.json`);
    const file = JSON.parse(readFileSync(path, "utf8"));
    file.session.title = `${file.session.title} (sửa)`;
    writeFileSync(path, JSON.stringify(file));
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    const kb = openKnowledgeBase(dir);
    expect(kb.stats).toMatchObject({ rebuilt: 1, fresh: false, written: true });
    expect(kb.byId.get(reports[1]!.id)!.info!.title).toMatch(/\(sửa\)$/);
    expect(openKnowledgeBase(dir).stats.fresh).toBe(true);
  });

  it("follows a session added or removed", () => {
    const dir = dataDir();
    openKnowledgeBase(dir);
    rmSync(join(dir, "sessions", `${reports[2]!.id}.json`));
    expect(openKnowledgeBase(dir).byId.has(reports[2]!.id)).toBe(false);
    const extra = generateReports(70).slice(69);
    ingestReports(dir, extra);
    const kb = openKnowledgeBase(dir);
    expect(kb.stats.rebuilt).toBe(1);
    expect(kb.byId.has(extra[0]!.id)).toBe(true);
  });

  it("refuses a session file that changed into a broken one, as a full load does", () => {
    const dir = dataDir();
    openKnowledgeBase(dir);
    const path = join(dir, "sessions", `${reports[0]!.id}.json`);
    const file = JSON.parse(readFileSync(path, "utf8"));
    file.figures[0].display = "99,99%";
    writeFileSync(path, JSON.stringify(file));
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect(() => openKnowledgeBase(dir)).toThrow(KnowledgeError);
  });

  it("is rebuilt whole when it was written by another ingester version", () => {
    const dir = dataDir();
    openKnowledgeBase(dir);
    const path = join(dir, CATALOGUE_FILE);
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, "utf8")), ingester: -1 }));
    expect(openKnowledgeBase(dir).stats).toMatchObject({ rebuilt: reports.length + 1, fresh: false });
  });
});

describe("sessions opened from the catalogue", () => {
  it("are not read until a question needs one", () => {
    const dir = dataDir();
    openKnowledgeBase(dir);
    const kb = openKnowledgeBase(dir);
    const engine = new QueryEngine(kb);
    expect(kb.pool.size).toBe(0);
    const r = reports[3]!;
    expect(engine.ask(`GRDP của ${r.province} tăng bao nhiêu?`).sessionId).toBe(r.id);
    expect(kb.sessions.filter((s) => (s as LazySession).loaded).map((s) => s.info!.id)).toEqual([r.id]);
  });

  it("answer as sessions loaded at start do, also when few stay in memory", () => {
    const dir = dataDir();
    const eager = new QueryEngine(loadKnowledgeBase(dir));
    const lazyKb = openKnowledgeBase(dir, projectRoot, { cacheSize: 2 });
    const lazy = new QueryEngine(lazyKb, { indexCacheSize: 2 });
    const own = loadCases("test/fixtures/engine-questions.jsonl");
    const questions: { q: string; chat?: string }[] = [
      ...own.map((c) => ({ q: c.q, chat: c.chat })),
      ...reports.flatMap((r) => own.filter((c) => !c.chat).slice(0, 40).map((c) => ({ q: `${mapCase(c, r).q} (${r.province})` }))),
      { q: `GRDP của ${reports[4]!.province} năm ${reports[4]!.years[0]} tăng bao nhiêu?` },
      { q: "tăg trưởg kih tế bao nhiu" },
    ];
    for (const { q, chat } of questions) {
      const opts = chat ? { chatId: chat } : {};
      expect({ q, a: lazy.ask(q, opts) }).toEqual({ q, a: eager.ask(q, opts) });
    }
    expect(lazyKb.pool.size).toBeLessThanOrEqual(2);
    expect(lazyKb.pool.loads).toBeGreaterThan(reports.length);
  });
});

describe("a message mostly of unknown words", () => {
  const engine = new QueryEngine(loadKnowledgeBase("data", projectRoot));
  const junk = (seed: number) => {
    let s = seed;
    const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const words: string[] = [];
    while (words.join(" ").length < 4000) words.push(Array.from({ length: 3 + Math.floor(rnd() * 6) }, () => "bcdfghjklmnpqrstvwxz"[Math.floor(rnd() * 20)]).join(""));
    return words.join(" ").slice(0, 4000);
  };
  it("is refused politely, with questions to ask instead", () => {
    const a = engine.ask(junk(1));
    expect(a.found).toBe(false);
    expect(a.answer).toMatch(/^Xin lỗi, tôi không hiểu tin nhắn này/);
    expect(a.suggestions.length).toBeGreaterThan(0);
    expect(a.understood.reason).toMatch(/mostly unknown words/);
  });
  it("in English when it reads as English", () => {
    const a = engine.ask(`what is the ${junk(2).slice(0, 600)}`);
    expect(a.found).toBe(false);
  });
  it("is not what a short question of unknown words or a real question gets", () => {
    expect(engine.ask("asdfgh qwerty").understood.reason).not.toMatch(/mostly unknown/);
    const long = "Cho tôi hỏi về tình hình kinh tế của tỉnh trong năm 2022 và 4 tháng đầu năm 2023: tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) đạt bao nhiêu phần trăm?";
    expect(engine.ask(long).found).toBe(true);
  });
});
