// The console front door: `npm start` with no platform token. A plain line is a question, a line
// starting with "/" is a command, exactly as in a private Telegram chat.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Services } from "../../services.js";
import type { CommandContext } from "../../../commands/types.js";
import { runText } from "../../../commands/dispatch.js";
import { renderPlain } from "./render.js";

export interface ConsoleOptions {
  /** Admin commands allowed (`--admin` or CONSOLE_ADMIN=1; see ./admin.ts). A normal user otherwise. */
  admin?: boolean;
  /** The database an admin console writes to, named in the banner. */
  database?: string;
}

export function consoleContext(services: Services, chatId = "console:local", options: ConsoleOptions = {}): CommandContext {
  return { platform: "console", chatId, userId: "console:local", isPrivate: true, lang: "vi", isAdmin: options.admin === true, services };
}

export async function runRepl(services: Services, input: Readable = process.stdin, output: Writable = process.stdout, options: ConsoleOptions = {}): Promise<void> {
  const ctx = consoleContext(services, "console:local", options);
  const interactive = (input as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, prompt: "hỏi> " });
  output.write(
    "Trợ lý buổi làm việc — chế độ dòng lệnh.\n" +
      (options.admin
        ? `Quản trị: các lệnh cập nhật (/kiennghi capnhat …) ghi vào ${options.database ?? services.config.DATABASE_PATH}.\n`
        : "Người dùng thường (không cập nhật được kiến nghị; quản trị: --admin).\n") +
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
