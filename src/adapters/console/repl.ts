// The console front door: `npm start` with no platform token. A plain line is a question, a line
// starting with "/" is a command, exactly as in a private Telegram chat.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Services } from "../../services.js";
import type { CommandContext } from "../../../commands/types.js";
import { runText } from "../../../commands/dispatch.js";
import { renderPlain } from "./render.js";

export function consoleContext(services: Services, chatId = "console:local"): CommandContext {
  return { platform: "console", chatId, userId: "console:local", isPrivate: true, lang: "vi", isAdmin: true, services };
}

export async function runRepl(services: Services, input: Readable = process.stdin, output: Writable = process.stdout): Promise<void> {
  const ctx = consoleContext(services);
  const interactive = (input as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, prompt: "hỏi> " });
  output.write(
    "Trợ lý buổi làm việc — chế độ dòng lệnh (chưa cấu hình Telegram/Discord).\n" +
      "Gõ câu hỏi (có dấu hoặc không dấu), /help để xem lệnh, /thoat hoặc Ctrl+D để thoát.\n",
  );
  if (interactive) rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (/^\/(thoat|thoát|exit|quit)$/i.test(text)) break;
    const reply = await runText(line, ctx);
    output.write(renderPlain(reply) + "\n\n");
    if (interactive) rl.prompt();
  }
  rl.close();
}
