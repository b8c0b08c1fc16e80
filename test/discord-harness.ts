// Shared set-up for the Discord end-to-end tests: a fake Discord, the real bot pointed at it, a
// log capture, and a second, independent set of services that computes the Replies the bot
// should have sent (same engine, same clock, same conversation order) so bodies compare exactly.
import { ManualClock } from "../src/clock.js";
import { createServices } from "../src/app.js";
import { createLogger } from "../src/log.js";
import type { Config } from "../src/config.js";
import type { Services } from "../src/services.js";
import type { CommandContext, CommandDef, CommandInput, Handler, Reply } from "../commands/types.js";
import { safeRun } from "../commands/dispatch.js";
import { createDiscordBot, discordRenderOptions, type DiscordBot } from "../src/adapters/discord/bot.js";
import { renderReply, SuggestionStore } from "../src/adapters/discord/render.js";
import { FakeDiscord } from "./fakes/discord-api.js";

export const START = "2023-06-01T08:00:00+07:00";

export class LogCapture {
  readonly lines: string[] = [];
  readonly stream = { write: (s: string) => void this.lines.push(s) };
  get text(): string {
    return this.lines.join("");
  }
  records(): Array<Record<string, unknown>> {
    return this.lines.flatMap((l) => l.split("\n").filter(Boolean)).map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

export interface HarnessOptions {
  commands?: CommandDef[];
  config?: Partial<Config>;
}

export interface Harness {
  fake: FakeDiscord;
  bot: DiscordBot;
  services: Services;
  logs: LogCapture;
  clock: ManualClock;
  /** Computes expected Replies with its own engine (so the bot's conversation state is untouched). */
  expected: Expected;
  close(): Promise<void>;
}

export function testServices(config: Partial<Config>, clock: ManualClock, logs?: LogCapture): Services {
  return createServices({
    env: { DATABASE_PATH: ":memory:" },
    clock,
    config: { DATABASE_PATH: ":memory:", RATE_LIMIT_PER_MINUTE: 1000, ...config },
    log: createLogger(logs ? "trace" : "silent", logs?.stream ?? { write: () => undefined }),
  });
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await FakeDiscord.start();
  const logs = new LogCapture();
  const clock = new ManualClock(START);
  const config: Partial<Config> = { DISCORD_TOKEN: fake.token, ...options.config };
  const services = testServices(config, clock, logs);
  const bot = createDiscordBot(services, { token: fake.token, apiRoot: fake.apiRoot, commands: options.commands });
  await bot.start();
  // The bot's own suggestion map: long suggestions get random stored ids, which only it knows.
  const expected = new Expected(testServices(config, new ManualClock(START)), bot.suggestions);
  return {
    fake,
    bot,
    services,
    logs,
    clock,
    expected,
    async close() {
      await bot.stop();
      await fake.close();
      await services.store.close();
      await expected.services.store.close();
    },
  };
}

export interface CtxInit {
  channelId?: string;
  userId?: string;
  lang?: "vi" | "en";
  isAdmin?: boolean;
}

/** Replays what the bot should do, on separate services. */
export class Expected {
  constructor(
    readonly services: Services,
    readonly suggestions = new SuggestionStore(),
  ) {}

  ctx(init: CtxInit = {}): CommandContext {
    return {
      platform: "discord",
      chatId: `discord:${init.channelId ?? "1200000000000000001"}`,
      userId: `discord:${init.userId ?? "1300000000000000001"}`,
      lang: init.lang ?? "vi",
      isAdmin: init.isAdmin ?? false,
      services: this.services,
    };
  }

  async run(handler: Handler, options: CommandInput["options"], init: CtxInit = {}, what = "test"): Promise<Reply> {
    return safeRun(handler, { options, raw: "" }, this.ctx(init), what);
  }

  render(reply: Reply) {
    return renderReply(reply, discordRenderOptions(this.services, this.suggestions));
  }
}

/** The body discord.js sends for `interaction.reply(rendered)` (callback type 4). */
export function replyBody(rendered: ReturnType<Expected["render"]>): unknown {
  const data: Record<string, unknown> = {
    tts: false,
    enforce_nonce: false,
    embeds: rendered.embeds,
    components: rendered.components,
    allowed_mentions: { parse: [] },
  };
  if (rendered.flags !== undefined) data.flags = rendered.flags;
  return { type: 4, data };
}

/** The body of `editReply({ embeds, components })` after a deferReply. */
export function editBody(rendered: ReturnType<Expected["render"]>): unknown {
  return { tts: false, enforce_nonce: false, embeds: rendered.embeds, components: rendered.components, allowed_mentions: { parse: [] } };
}

/** The body of an ephemeral follow-up. */
export function followUpBody(rendered: ReturnType<Expected["render"]>): unknown {
  return { tts: false, enforce_nonce: false, embeds: rendered.embeds, components: rendered.components, allowed_mentions: { parse: [] }, flags: 64 };
}

export const DEFER_BODY = { type: 5, data: { flags: 0 } };

/** Slash option payload for a string option. */
export function str(name: string, value: string, focused?: boolean) {
  return focused ? { name, type: 3, value, focused: true } : { name, type: 3, value };
}
