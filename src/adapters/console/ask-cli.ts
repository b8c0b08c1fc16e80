// `npm run ask -- "câu hỏi"` prints the reply; `--json` the structured answer; `--jsonl` is the
// batch contract (stdin {"id","q","chat"?} lines → one answer line each, nothing else on stdout).
import { createInterface } from "node:readline";
import { createServices } from "../../app.js";
import { createLogger } from "../../log.js";
import { runText, sanitizeInput } from "../../../commands/dispatch.js";
import { consoleContext } from "./repl.js";
import { renderPlain } from "./render.js";
import type { Services } from "../../services.js";

async function batch(services: Services): Promise<void> {
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
      const a = services.engine.ask(q, { chatId });
      process.stdout.write(JSON.stringify({ id, ...a }) + "\n");
    } catch (err) {
      process.stdout.write(JSON.stringify({ id, found: false, answer: "", citations: [], error: (err as Error).message }) + "\n");
    }
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // Logs go to stderr and stay quiet unless asked: stdout belongs to the answers.
  const log = createLogger(process.env.LOG_LEVEL ?? "warn");
  const services = createServices({ log });
  if (args.includes("--jsonl")) return batch(services);
  const json = args.includes("--json");
  const question = args.filter((a) => a !== "--json").join(" ");
  if (json) {
    const q = sanitizeInput(question);
    process.stdout.write(JSON.stringify(services.engine.ask(q, { chatId: "cli" }), null, 2) + "\n");
    return;
  }
  const reply = await runText(question, consoleContext(services, "cli"));
  process.stdout.write(renderPlain(reply) + "\n");
}

main().catch((err) => {
  process.stderr.write(`Lỗi: ${(err as Error).message}\n`);
  process.exit(1);
});
