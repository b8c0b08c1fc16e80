// `npm run ask -- "câu hỏi"` prints the reply; `--json` the structured answer; `--jsonl` is the
// batch contract (stdin {"id","q","chat"?} lines → one answer line each, nothing else on stdout).
// The two machine-readable modes load only the engine: they start in a fraction of the time the
// full bot (store, petitions, platform libraries) needs.
import { createInterface } from "node:readline";
import { loadKnowledgeBase, projectRoot } from "../../knowledge/loader.js";
import { QueryEngine } from "../../engine/engine.js";
import { sanitizeInput } from "../../text/sanitize.js";

function engineOnly(): QueryEngine {
  return new QueryEngine(loadKnowledgeBase(process.env.SESSIONS_DIR || "data/sessions", projectRoot));
}

async function batch(engine: QueryEngine): Promise<void> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  let n = 0;
  for await (const line of rl) {
    if (!line.trim()) continue;
    n++;
    let id: unknown = `line-${n}`;
    try {
      const req = JSON.parse(line) as { id?: unknown; q?: unknown; chat?: unknown };
      id = req.id ?? id;
      const q = sanitizeInput(typeof req.q === "string" ? req.q : "");
      const chatId = req.chat != null ? `batch:${String(req.chat)}` : `batch:single:${String(id)}`;
      process.stdout.write(JSON.stringify({ id, ...engine.ask(q, { chatId }) }) + "\n");
    } catch (err) {
      process.stdout.write(JSON.stringify({ id, found: false, answer: "", citations: [], error: (err as Error).message }) + "\n");
    }
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--jsonl")) return batch(engineOnly());
  const question = args.filter((a) => a !== "--json").join(" ");
  if (args.includes("--json")) {
    process.stdout.write(JSON.stringify(engineOnly().ask(sanitizeInput(question), { chatId: "cli" }), null, 2) + "\n");
    return;
  }
  // A plain question or a /command goes through the same command layer as the chat front doors.
  const [{ createServices }, { createLogger }, { runText }, { consoleContext }, { renderPlain }] = await Promise.all([
    import("../../app.js"),
    import("../../log.js"),
    import("../../../commands/dispatch.js"),
    import("./repl.js"),
    import("./render.js"),
  ]);
  const services = createServices({ log: createLogger(process.env.LOG_LEVEL ?? "warn") });
  const reply = await runText(question, consoleContext(services, "cli"));
  process.stdout.write(renderPlain(reply) + "\n");
}

main().catch((err) => {
  process.stderr.write(`Lỗi: ${(err as Error).message}\n`);
  process.exit(1);
});
