import { openKnowledgeBase } from "../src/knowledge/catalogue.ts";
import { QueryEngine } from "../src/engine/engine.ts";
const kb = openKnowledgeBase(process.argv[2]!);
const engine = new QueryEngine(kb);
for (const q of process.argv.slice(3)) { const a = engine.ask(q); console.log(q, "\n  =>", a.sessionId, a.answer.split("\n").slice(0, 2).join(" | ").slice(0, 200)); }
