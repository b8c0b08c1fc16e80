import { generateReports } from "../bench/generate.ts";
import { generatorCases, seedSession } from "../bench/questions.ts";
import { openKnowledgeBase } from "../src/knowledge/catalogue.ts";
import { QueryEngine } from "../src/engine/engine.ts";
import { judge } from "../src/eval/judge.ts";
const dir = process.argv[2]!; const n = Number(process.argv[3]);
const reports = generateReports(n);
const kb = openKnowledgeBase(dir);
const engine = new QueryEngine(kb);
const seed = seedSession();
let bad = 0, tot = 0; const wrongSession = new Map<string, number>();
for (let i = 0; i < 40; i++) {
  const r = reports[Math.floor(i * n / 40)]!;
  for (const c of generatorCases(seed, r)) {
    tot++;
    const a = engine.ask(c.q);
    const v = judge(c, a, r.text.normalize("NFC"));
    if (!v.ok) { bad++; const k = a.sessionId === r.id ? "same:" + (v as any).why : "other session"; wrongSession.set(k, (wrongSession.get(k) ?? 0) + 1); if (bad < 6) console.log(r.id, a.sessionId, c.q, "=>", a.answer.slice(0, 100).replace(/\n/g, " | ")); }
  }
}
console.log(bad, tot, wrongSession);
const info = kb.byId.get(reports[9999 < n ? 9999 : n - 1]!.id)!.info; console.log(info);
