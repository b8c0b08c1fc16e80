import { openKnowledgeBase } from "../src/knowledge/catalogue.ts";
import { QueryEngine } from "../src/engine/engine.ts";
import { performance } from "node:perf_hooks";
const kb = openKnowledgeBase(process.argv[2]!);
const engine = new QueryEngine(kb);
function junk(seed: number) { let s = seed; const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32); const L = "bcdfghjklmnpqrstvwxzaeiouy"; const w: string[] = []; let n = 0; while (n < 4000) { let x = ""; const k = 3 + Math.floor(rnd() * 7); for (let i = 0; i < k; i++) x += L[Math.floor(rnd() * L.length)]; w.push(x); n += x.length + 1; } return w.join(" ").slice(0, 4000); }
const viJunk = ("bóng đá hôm qua đội tuyển thắng trận chung kết với tỉ số cách biệt khán giả reo hò cổ vũ nhiệt tình ").repeat(40).slice(0, 4000);
const pasted = kb.sessions[0]!.sourceText.slice(0, 4000);
for (const [name, make] of [["random", (i: number) => junk(i)], ["vi-news", () => viJunk], ["pasted-report", () => pasted]] as const) {
  const t0 = performance.now(); const a = engine.ask(make(0)); const first = performance.now() - t0;
  const ts: number[] = []; for (let i = 1; i < 40; i++) { const t = performance.now(); engine.ask(make(i)); ts.push(performance.now() - t); }
  ts.sort((x, y) => x - y);
  console.log(name, "first", first.toFixed(2), "p50", ts[20]!.toFixed(3), "max", ts.at(-1)!.toFixed(3), a.found, a.understood.reason, JSON.stringify(a.answer.slice(0, 80)));
}
