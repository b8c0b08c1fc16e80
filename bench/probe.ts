// A fresh bot process, as the product starts (only the product's modules: catalogue and engine):
// opens a data folder, builds the engine, answers one question, then — to measure the memory of a
// bot at work — the benchmark's questions and one question to each of up to `--fill` sessions
// spread over the folder (so that the session pool and the index cache are full), and reports RSS.
// Prints two JSON lines: FIRST (as soon as the first answer is there) and DONE.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { openKnowledgeBase } from "../src/knowledge/catalogue.js";
import { projectRoot } from "../src/knowledge/loader.js";
import { sessionInfo } from "../src/knowledge/info.js";
import { QueryEngine } from "../src/engine/engine.js";

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dir = opt("--dir")!;
const boot = performance.now();
const t0 = performance.now();
const kb = openKnowledgeBase(dir, projectRoot);
const load = performance.now() - t0;
const t1 = performance.now();
const engine = new QueryEngine(kb);
const build = performance.now() - t1;
const first = opt("--first") ?? "Tốc độ tăng GRDP là bao nhiêu?";
const t2 = performance.now();
const a = engine.ask(first);
const firstAnswer = performance.now() - t2;
const mb = (x: number) => Math.round((x / 2 ** 20) * 10) / 10;
process.stdout.write(`FIRST ${JSON.stringify({ boot_ms: boot, load_ms: load, build_ms: build, first_answer_ms: firstAnswer, since_start_ms: performance.now(), found: a.found, rebuilt: kb.stats.rebuilt, rss_mb: mb(process.memoryUsage().rss) })}\n`);

const casesFile = opt("--cases");
let asked = 0;
if (casesFile) {
  const cases = JSON.parse(readFileSync(casesFile, "utf8")) as { q: string; chat?: string }[];
  for (const c of cases) engine.ask(c.q, c.chat ? { chatId: c.chat } : {}), asked++;
}
const fill = Math.min(Number(opt("--fill") ?? 0), kb.sessions.length);
const tf = performance.now();
for (let i = 0; i < fill; i++) {
  const s = sessionInfo(kb.sessions[Math.floor((i * kb.sessions.length) / fill)]!);
  engine.ask(`Tốc độ tăng GRDP của tỉnh ${s.province} ${s.reportPeriod} là bao nhiêu?`);
  asked++;
}
const fillMs = performance.now() - tf;
(globalThis as { gc?: () => void }).gc?.();
const m = process.memoryUsage();
process.stdout.write(
  `DONE ${JSON.stringify({ asked, fill, fill_ms: fillMs, rss_mb: mb(m.rss), heap_mb: mb(m.heapUsed), heap_total_mb: mb(m.heapTotal), external_mb: mb(m.external), max_rss_mb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10, sessions_in_memory: kb.pool.size, sessions_read: kb.pool.loads })}\n`,
);
