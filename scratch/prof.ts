import { generateReports } from "../bench/generate.ts";
import { generatorCases, rewordedCases, seedQuestions, seedSession } from "../bench/questions.ts";
import { openKnowledgeBase } from "../src/knowledge/catalogue.ts";
import { QueryEngine } from "../src/engine/engine.ts";
import { performance } from "node:perf_hooks";
const dir = process.argv[2]!; const n = Number(process.argv[3]);
const reports = generateReports(n);
const kb = openKnowledgeBase(dir);
const engine = new QueryEngine(kb);
const r = reports[0]!;
const cases = [...generatorCases(seedSession(), r), ...rewordedCases(seedQuestions().cases, r)];
for (let pass = 0; pass < 5; pass++) {
  const times: [number, string][] = [];
  for (const c of cases) { const t = performance.now(); engine.ask(c.q, c.chat ? { chatId: `${pass}:${c.chat}` } : {}); times.push([performance.now() - t, c.q]); }
  times.sort((a, b) => b[0] - a[0]);
  const tot = times.reduce((a, b) => a + b[0], 0);
  console.log(pass, "mean", (tot / times.length).toFixed(3), "p50", times[Math.floor(times.length / 2)]![0].toFixed(3), "top", times.slice(0, 5).map(x => x[0].toFixed(1) + " " + x[1].slice(0, 60)));
}
