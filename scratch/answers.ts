// Prints every answer (JSON lines) for questions read from a file, with the code base this file is run against.
import { readFileSync } from "node:fs";
const [root, dir, qfile, mode] = process.argv.slice(2) as [string, string, string, string];
const { QueryEngine } = await import(`${root}/src/engine/engine.ts`);
const kb = mode === "lazy" ? (await import(`${root}/src/knowledge/catalogue.ts`)).openKnowledgeBase(dir) : (await import(`${root}/src/knowledge/loader.ts`)).loadKnowledgeBase(dir);
const engine = new QueryEngine(kb);
const cases = JSON.parse(readFileSync(qfile, "utf8")) as { q: string; chat?: string }[];
for (const c of cases) {
  const a = engine.ask(c.q, c.chat ? { chatId: c.chat } : {});
  process.stdout.write(JSON.stringify(a) + "\n");
}
