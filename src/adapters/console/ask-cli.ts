// `npm run ask -- "câu hỏi"` prints the reply; `--json` the structured answer; `--jsonl` is the
// batch contract (stdin {"id","q","chat"?} lines → one answer line each, nothing else on stdout).
// `--data DIR` answers from the sessions in DIR only. The two machine-readable modes load only
// the engine: they start in a fraction of the time the full bot (store, platforms) needs.
import "dotenv/config";
import { createInterface } from "node:readline";
import { projectRoot } from "../../knowledge/loader.js";
import { openKnowledgeBase } from "../../knowledge/catalogue.js";
import { QueryEngine } from "../../engine/engine.js";
import { sanitizeInput } from "../../text/sanitize.js";

const HELP = `Hỏi trợ lý từ dòng lệnh.

Cách dùng:
  npm run ask -- "câu hỏi"                 câu trả lời như trong khung chat
  npm run ask -- --json "câu hỏi"          câu trả lời có cấu trúc (JSON)
  npm run --silent ask -- --jsonl < q.jsonl  hỏi hàng loạt: mỗi dòng {"id","q","chat"?}, mỗi dòng ra một câu trả lời
  --data THƯ_MỤC   chỉ trả lời từ các phiên trong THƯ_MỤC (mặc định: data/, hoặc DATA_DIR)
  --admin          chạy lệnh quản trị (/kiennghi capnhat …), ghi vào cơ sở dữ liệu DATABASE_PATH
                   (hoặc DATABASE_URL) phải được chỉ rõ; hoặc CONSOLE_ADMIN=1
  --yes            xác nhận luôn thay đổi mà lệnh quản trị hiển thị (không có --yes: chỉ hiển thị)
  --help           hướng dẫn này

Đọc cấu hình từ môi trường và tệp .env, như npm start.

Ask the assistant from the command line (--json, --jsonl batch, --data DIR; --admin for admin
commands, into the database DATABASE_PATH / DATABASE_URL names; --yes confirms the change an admin
command shows). Reads .env, as npm start does.`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function engineOnly(dataDir: string): QueryEngine {
  return new QueryEngine(openKnowledgeBase(dataDir, projectRoot));
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
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(HELP + "\n");
    return;
  }
  const dataDir = option(args, "--data") ?? process.env.DATA_DIR ?? "data";
  const rest = args.filter((a, i) => !["--json", "--jsonl", "--data", "--admin", "--yes"].includes(a) && args[i - 1] !== "--data");
  if (args.includes("--jsonl")) return batch(engineOnly(dataDir));
  const question = rest.join(" ");
  if (args.includes("--json")) {
    process.stdout.write(JSON.stringify(engineOnly(dataDir).ask(sanitizeInput(question), { chatId: "cli" }), null, 2) + "\n");
    return;
  }
  // A plain question or a /command goes through the same command layer as the chat front doors.
  const [{ createServices }, { createLogger }, { runText }, { consoleContext }, { renderPlain }, { consoleRole }] = await Promise.all([
    import("../../app.js"),
    import("../../log.js"),
    import("../../../commands/dispatch.js"),
    import("./repl.js"),
    import("./render.js"),
    import("./admin.js"),
  ]);
  const services = createServices({ log: createLogger(process.env.LOG_LEVEL ?? "warn"), config: { DATA_DIR: dataDir } });
  const role = consoleRole(args, services.config, process.env);
  if (!role.ok) {
    process.stderr.write(role.message + "\n");
    process.exitCode = 2;
    return;
  }
  const ctx = consoleContext(services, "cli", { admin: role.admin });
  let reply = await runText(question, ctx);
  // An admin change asks for confirmation: `--yes` gives it (one command, no prompt); without it
  // the change is shown and left unconfirmed (it expires), with how to confirm it.
  if (reply.confirmation && args.includes("--yes")) reply = await runText(reply.confirmation.confirm, ctx);
  process.stdout.write(renderPlain(reply) + "\n");
  await services.store.close();
}

main().catch((err) => {
  process.stderr.write(`Lỗi: ${(err as Error).message}\n`);
  process.exit(1);
});
