// Starts the real bot (grammY over real HTTP) against the fake Bot API, with logs captured, and
// computes the payloads the bot should send from the same Reply the command layer produces.
import { createServices } from "../../src/app.js";
import { createLogger } from "../../src/log.js";
import type { Config } from "../../src/config.js";
import type { Services } from "../../src/services.js";
import type { CommandContext, Lang, Reply } from "../../commands/types.js";
import { runText } from "../../commands/dispatch.js";
import { renderReply } from "../../src/adapters/telegram/render.js";
import { startTelegramBot, type RunningTelegram, type StartTelegramOptions } from "../../src/adapters/telegram/index.js";
import { FakeTelegramApi } from "./telegram-api.js";

export class LogCapture {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
  get text(): string {
    return this.lines.join("");
  }
  entries(): Array<Record<string, any>> {
    return this.lines.map((l) => JSON.parse(l) as Record<string, any>);
  }
  find(msg: string): Array<Record<string, any>> {
    return this.entries().filter((e) => e.msg === msg);
  }
}

export interface Harness {
  fake: FakeTelegramApi;
  services: Services;
  running: RunningTelegram;
  logs: LogCapture;
  stop(): Promise<void>;
}

export function testServices(fake: FakeTelegramApi, logs: LogCapture, config: Partial<Config> = {}): Services {
  return createServices({
    env: { DATABASE_PATH: ":memory:" },
    log: createLogger("debug", logs),
    config: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, RATE_LIMIT_PER_MINUTE: 1000, ...config },
  });
}

export async function startHarness(opts: { config?: Partial<Config>; bot?: StartTelegramOptions; fake?: FakeTelegramApi } = {}): Promise<Harness> {
  const fake = opts.fake ?? (await FakeTelegramApi.start());
  const logs = new LogCapture();
  const services = testServices(fake, logs, opts.config);
  const running = await startTelegramBot(services, { webhookUrl: "", ...opts.bot });
  return {
    fake,
    services,
    running,
    logs,
    stop: async () => {
      await running.stop();
      await fake.close();
    },
  };
}

/**
 * What the command layer answers to a sequence of texts typed in one chat, computed on fresh
 * services (so that follow-up context matches the bot's, without sharing its state).
 */
export async function expectedReplies(texts: string[], ctx: { chatId: string; userId: string; lang?: Lang }): Promise<Reply[]> {
  const logs = new LogCapture();
  const services = createServices({ env: { DATABASE_PATH: ":memory:" }, log: createLogger("silent", logs) });
  const cctx: CommandContext = { platform: "telegram", chatId: ctx.chatId, userId: ctx.userId, lang: ctx.lang ?? "vi", isAdmin: false, services };
  const out: Reply[] = [];
  for (const t of texts) out.push(await runText(t, cctx));
  return out;
}

/** The sendMessage payloads the bot should send for a reply. */
export function expectedPayloads(reply: Reply, chatId: number, running: RunningTelegram, extra: { replyTo?: number } = {}): Array<Record<string, unknown>> {
  return renderReply(reply, { encodeSuggestion: (i) => running.telegram.suggestions.encode(i) }).map((m, i) => ({
    chat_id: chatId,
    text: m.text,
    parse_mode: "HTML",
    link_preview_options: { is_disabled: true },
    ...(m.reply_markup ? { reply_markup: m.reply_markup } : {}),
    ...(i === 0 && extra.replyTo !== undefined ? { reply_parameters: { message_id: extra.replyTo, allow_sending_without_reply: true } } : {}),
  }));
}
