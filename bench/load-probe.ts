// Run by the benchmark in a fresh process: loads the real session plus every generated session in
// the folder given, builds the engine, answers one question, and reports memory as JSON. A clean
// process, so that the numbers are the bot's own and not the benchmark's.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { buildKnowledgeBase, loadKnowledgeBase, loadSessionFile, projectRoot } from "../src/knowledge/loader.js";
import { QueryEngine } from "../src/engine/engine.js";

const dir = process.argv[2]!;
const limit = Number(process.argv[3] ?? Infinity);
const baseline = Math.round(process.memoryUsage().rss / 1e6);
const t0 = performance.now();
const files = readdirSync(join(dir, "data/sessions")).sort().slice(0, limit);
const kb = buildKnowledgeBase([...loadKnowledgeBase("data/sessions", projectRoot).sessions, ...files.map((f) => loadSessionFile(join(dir, "data/sessions", f), dir))]);
const t1 = performance.now();
const engine = new QueryEngine(kb);
const t2 = performance.now();
const found = engine.ask("GRDP tăng bao nhiêu?").found;
// Steady state, as a running bot would be a moment after start: garbage of the load collected.
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
await new Promise((r) => setTimeout(r, 200));
gc?.();
const m = process.memoryUsage();
process.stdout.write(
  JSON.stringify({ baseline_rss_mb: baseline, sessions: kb.sessions.length, load_ms: Math.round(t1 - t0), build_ms: Math.round(t2 - t1), rss_mb: Math.round(m.rss / 1e6), heap_mb: Math.round(m.heapUsed / 1e6), found }) + "\n",
);
