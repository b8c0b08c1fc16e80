// The console front door: `npm start` with no platform token. A plain line is a question, a line
// starting with "/" is a command, exactly as in a private Telegram chat.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Services } from "../../services.js";
import type { CommandContext } from "../../../commands/types.js";
import { runText } from "../../../commands/dispatch.js";
import { renderPlain } from "./render.js";
import { messages } from "../../core/messages.js";
import { slowDownReply, UserRateLimiter } from "../rate-limit.js";
import type { Reply } from "../../core/types.js";

const PROMPT = messages("vi").consolePrompt;
/** What confirms at the y/N prompt: y, yes, có (with or without its tone), ok. */
const YES = /^(?:y|yes|c[oó]|ok|đồng ý|dong y)$/i;

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
  const limiter = interactive ? new UserRateLimiter(services.store, services.config.RATE_LIMIT_PER_MINUTE, services.log) : undefined;
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, prompt: PROMPT });
  const m = messages(ctx.lang);
  output.write([m.consoleBanner, options.admin ? m.consoleAdminRole(options.database ?? services.config.DATABASE_PATH) : m.consoleUserRole, m.consoleHowTo].join("\n") + "\n");
  if (interactive) rl.prompt();
  // A reply that asks for a confirmation (an admin's status change) is answered by the next line:
  // y/yes/có confirms, anything else cancels (the console's y/N prompt; `--yes` typed at the end of
  // the command skips it).
  let pending: Reply["confirmation"];
  for await (const line of rl) {
    const text = line.trim();
    if (pending) {
      const answer = pending;
      pending = undefined;
      const yes = YES.test(text);
      const reply = await runText(yes ? answer.confirm : answer.cancel, ctx);
      output.write((yes ? renderPlain(reply) : messages(ctx.lang).consoleConfirmCancelled) + "\n\n");
      if (interactive) rl.setPrompt(PROMPT), rl.prompt();
      continue;
    }
    if (/^\/(thoat|thoát|exit|quit)$/i.test(text)) break;
    // The same per-user limit as Telegram and Discord (src/adapters/rate-limit.ts), for a person
    // typing; a script piping lines in (not a terminal) is not limited.
    if (limiter && text && !(await limiter.check(ctx.userId)).allowed) {
      output.write(renderPlain(slowDownReply(ctx.lang, limiter.perMinute)) + "\n\n");
      if (interactive) rl.prompt();
      continue;
    }
    const reply = await runText(line, ctx);
    output.write(renderPlain(reply) + "\n\n");
    if (reply.confirmation) {
      pending = reply.confirmation;
      output.write(messages(ctx.lang).consoleConfirmPrompt + (interactive ? "" : "\n"));
      if (interactive) rl.setPrompt(""), rl.prompt();
      continue;
    }
    if (interactive) rl.prompt();
  }
  rl.close();
}
