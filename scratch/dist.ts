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
const per = new Map<string, number[]>();
for (let pass = 0; pass < 12; pass++) {
  for (const c of cases) { const t = performance.now(); engine.ask(c.q, c.chat ? { chatId: `${pass}:${c.chat}` } : {}); const dt = performance.now() - t; if (pass >= 2) { const l = per.get(c.id) ?? []; l.push(dt); per.set(c.id, l); } }
}
const med = [...per].map(([id, l]) => { l.sort((a, b) => a - b); return [l[Math.floor(l.length / 2)]!, id, cases.find(c => c.id === id)!.q] as const; }).sort((a, b) => b[0] - a[0]);
const all = [...per.values()].flat().sort((a, b) => a - b);
console.log("n", all.length, "p50", all[Math.floor(all.length * .5)]!.toFixed(3), "p90", all[Math.floor(all.length * .9)]!.toFixed(3), "p99", all[Math.floor(all.length * .99)]!.toFixed(3), ">1ms", (all.filter(x => x > 1).length / all.length).toFixed(3));
console.log("median per question: >1ms", med.filter(m => m[0] > 1).length, "of", med.length);
for (const m of med.slice(0, 25)) console.log(m[0].toFixed(2), m[1], m[2].slice(0, 90));
