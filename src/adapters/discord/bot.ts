// The Discord front door: a discord.js v14 client that turns slash commands, autocomplete and
// suggestion buttons into calls of the shared command definitions, and renders their Replies as
// embeds. Every interaction runs inside an error boundary; the client keeps serving.
import {
  Client,
  DiscordAPIError,
  Events,
  GatewayDispatchEvents,
  GatewayIntentBits,
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type RepliableInteraction,
} from "discord.js";
import type { Choice, CommandContext, CommandDef, CommandInput, Lang, Reply } from "../../../commands/types.js";
import { allCommands } from "../../../commands/index.js";
import { apologyReply, runText, safeRun } from "../../../commands/dispatch.js";
import type { Services } from "../../services.js";
import { registerSecret, type Logger } from "../../log.js";
import type { ChatSender } from "../sender.js";
import { buildSlashCommands, clip, type SlashIndex, type SlashTarget } from "./commands.js";
import { renderReply, SuggestionStore, type RenderOptions } from "./render.js";
import { createDiscordSender, safeError } from "./sender.js";
import { slowDownReply, UserRateLimiter } from "../rate-limit.js";
import { byLang, messages } from "../../core/messages.js";
import { UpdateClaim } from "../../store/unit-of-work.js";
import { discordRestOptions, type DiscordRestOptions } from "./rest.js";
import { discordAttachments } from "./attachments.js";
import { discordPermissionsAllow } from "../chat-admin.js";

export interface DiscordBotOptions {
  token: string;
  /** discord.js `rest.api`, e.g. a REST proxy or a test server ("http://127.0.0.1:PORT/api"). */
  apiRoot?: string;
  /** The command list (default: allCommands). */
  commands?: CommandDef[];
  /** English names of the commands answered with deferReply first, as they may take more than a second (default: ask, sessions). */
  deferred?: string[];
  log?: Logger;
  /** REST bounds (rest.ts); tests shorten them. */
  rest?: Omit<DiscordRestOptions, "api">;
  /** How long login may take to reach READY before it counts as failed (default 30 s). */
  readyTimeoutMs?: number;
}

export interface DiscordBot {
  readonly client: Client;
  /** Proactive delivery through this bot's REST client (works once start() has resolved). */
  readonly sender: ChatSender;
  readonly suggestions: SuggestionStore;
  /** Logs in and resolves once the gateway session is ready; `signal` abandons a start in progress. */
  start(signal?: AbortSignal): Promise<void>;
  /** Lets running interactions finish (briefly), then closes the gateway and REST timers. */
  stop(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 3_000;
/** "Interaction has already been acknowledged": a repeated callback whose first try got through. */
const ALREADY_ACKNOWLEDGED = 40060;
const MAX_CHOICES = 25;

export function createDiscordBot(services: Services, options: DiscordBotOptions): DiscordBot {
  registerSecret(options.token);
  const log = (options.log ?? services.log).child({ adapter: "discord" });
  const commands = options.commands ?? allCommands;
  const { index } = buildSlashCommands(commands);
  const deferred = new Set(options.deferred ?? ["ask", "sessions"]);
  const attachments = discordAttachments({ apiRoot: options.apiRoot });
  const suggestions = new SuggestionStore(2000, { buttons: services.store.buttons, clock: services.clock, log });
  const render = discordRenderOptions(services, suggestions);
  // Counted in the store: one budget per user whichever process or worker answers.
  const limiter = new UserRateLimiter(services.store, services.config.RATE_LIMIT_PER_MINUTE, log);
  const admins = new Set(services.config.ADMIN_DISCORD_IDS);

  const client = new Client({
    // Interactions arrive without any intent; Guilds keeps channel and guild data coherent.
    intents: [GatewayIntentBits.Guilds],
    rest: discordRestOptions({ ...options.rest, ...(options.apiRoot ? { api: options.apiRoot } : {}) }),
    // Echoed user text must never ping anyone.
    allowedMentions: { parse: [] },
  });
  const sender = createDiscordSender({ rest: client.rest, log, render: { sessionTitle: render.sessionTitle } });

  // discord.js builds an Interaction from the raw packet before any listener of ours runs, and
  // throws (killing the process) when it has neither `member.user` nor `user`. Such a packet is
  // not from Discord as documented; it is logged and dropped before discord.js sees it.
  client.on(Events.Raw, (packet: { t?: string; d?: unknown }) => {
    if (packet?.t !== GatewayDispatchEvents.InteractionCreate) return;
    const problem = malformedInteraction(packet.d);
    if (!problem) return;
    log.warn({ problem, interaction: typeof (packet.d as { id?: unknown })?.id === "string" ? (packet.d as { id: string }).id : undefined }, "discord: malformed interaction ignored");
    packet.t = "MALFORMED_INTERACTION_CREATE"; // no handler by that name: discord.js skips it
  });

  client.on(Events.ClientReady, (c) => log.info({ user: c.user.tag, commands: index.size }, "discord bot ready"));
  client.on(Events.Error, (err) => log.error({ err: safeError(err) }, "discord client error"));
  client.on(Events.Warn, (message) => log.warn({ message }, "discord client warning"));
  client.on(Events.ShardError, (err, shardId) => log.error({ err: safeError(err), shardId }, "discord shard error"));
  client.on(Events.ShardDisconnect, (event, shardId) => log.warn({ code: event.code, shardId }, "discord shard disconnected for good"));
  client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, "discord shard reconnecting"));
  client.on(Events.ShardResume, (shardId, replayed) => log.info({ shardId, replayed }, "discord shard resumed"));
  // Gateway debug lines hold no secret (discord.js censors the token); REST debug lines hold
  // webhook URLs with interaction tokens, so they are not forwarded.
  client.on(Events.Debug, (message) => log.trace({ message }, "discord debug"));
  client.rest.on("rateLimited", (info) =>
    log.warn({ method: info.method, route: info.route, retryAfter: info.retryAfter, global: info.global, scope: info.scope }, "discord rate limited"),
  );

  const inflight = new Set<Promise<void>>();
  let stopping = false;

  client.on(Events.InteractionCreate, (interaction) => {
    if (stopping) return;
    const p = handleInteraction(interaction);
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  });

  function contextFor(i: Interaction, scopedLog: Logger): CommandContext {
    const channelId = i.channelId ?? `dm-${i.user.id}`;
    return {
      platform: "discord",
      chatId: `discord:${channelId}`,
      userId: `discord:${i.user.id}`,
      userName: i.user.globalName ?? i.user.username,
      lang: langOf(i.locale),
      isAdmin: admins.has(i.user.id),
      // In a server, the member's permissions in this channel; a DM is its own admin.
      chatAdmin: async () => (!i.inGuild() ? "admin" : discordPermissionsAllow(i.memberPermissions?.bitfield) ? "admin" : "member"),
      services: { ...services, log: scopedLog },
      update: new UpdateClaim(services.store, "discord", i.id, scopedLog),
    };
  }

  async function handleInteraction(i: Interaction): Promise<void> {
    const command = i.isChatInputCommand() || i.isAutocomplete() ? i.commandName : i.isButton() ? "button" : undefined;
    const ilog = log.child({ interaction: i.id, kind: i.type, command, chatId: `discord:${i.channelId ?? "?"}`, userId: `discord:${i.user.id}` });
    const ctx = contextFor(i, ilog);
    try {
      // Two gateway processes both receive every interaction: the one that claims its id answers
      // (the other would fail with 40060 "already acknowledged", or write twice).
      if ((i.isChatInputCommand() || i.isButton()) && !(await ctx.update!.claimOnce())) {
        ilog.info("interaction claimed by another process: not answered here");
        return;
      }
      if (i.isAutocomplete()) await onAutocomplete(i, ctx, ilog);
      else if (i.isChatInputCommand()) await onCommand(i, ctx, ilog);
      else if (i.isButton()) await onButton(i, ctx, ilog);
      else ilog.debug("ignored an interaction of an unhandled kind");
    } catch (err) {
      if (err instanceof DiscordAPIError && err.code === ALREADY_ACKNOWLEDGED) {
        // A repeated callback (its first try's answer was lost) found the first one delivered.
        ilog.info("discord: the answer had already been delivered");
        return;
      }
      ilog.error({ err: safeError(err) }, "discord interaction failed");
      await apologize(i, ctx).catch((e) => ilog.warn({ err: safeError(e) }, "could not send the apology"));
    }
  }

  async function onCommand(i: ChatInputCommandInteraction, ctx: CommandContext, ilog: Logger): Promise<void> {
    const target = resolve(index, i.commandName, i.options.getSubcommand(false));
    if (!target) {
      ilog.warn("interaction for a command this bot does not publish (stale deployment?)");
      await i.reply(renderReply(unknownCommandReply(ctx.lang), render));
      return;
    }
    if (!(await limiter.check(ctx.userId)).allowed) {
      await i.reply(renderReply(slowDownReply(ctx.lang, limiter.perMinute), render));
      return;
    }
    const input: CommandInput = { options: {}, raw: "" };
    for (const o of target.options) {
      if (o.def.type === "attachment") {
        // Resolved by discord.js from the interaction's data; read (downloaded) only if the command asks.
        const a = i.options.getAttachment(o.discordName);
        if (a) {
          input.options[o.def.name] = a.name;
          input.attachment = attachments.of({ filename: a.name, size: a.size, contentType: a.contentType, url: a.url });
        }
        continue;
      }
      const v = i.options.get(o.discordName)?.value;
      if (v !== undefined && v !== null) input.options[o.def.name] = String(v);
    }
    const defer = deferred.has(target.command.name);
    if (defer) await i.deferReply();
    ilog.debug({ what: target.what, deferred: defer }, "running command");
    const reply = await safeRun(target.handler, input, ctx, target.what);
    await deliver(i, reply, defer);
  }

  async function onButton(i: ButtonInteraction, ctx: CommandContext, ilog: Logger): Promise<void> {
    const input = await suggestions.resolve(i.customId);
    if (input === null || input === undefined) {
      // An expired key, or a button of some older version of the bot.
      ilog.debug({ customId: clip(i.customId, 40) }, "button with no suggestion behind it");
      await i.reply(renderReply(expiredReply(ctx.lang), render));
      return;
    }
    if (!(await limiter.check(ctx.userId)).allowed) {
      await i.reply(renderReply(slowDownReply(ctx.lang, limiter.perMinute), render));
      return;
    }
    // A suggestion is asked as if typed: "/command args" runs that command, anything else is a question.
    await i.deferReply();
    ilog.debug({ command: input.startsWith("/") ? input.split(/\s/, 1)[0] : "question" }, "running suggestion");
    const reply = await runText(input, ctx);
    await deliver(i, reply, true);
  }

  async function onAutocomplete(i: AutocompleteInteraction, ctx: CommandContext, ilog: Logger): Promise<void> {
    const target = resolve(index, i.commandName, i.options.getSubcommand(false));
    const focused = i.options.getFocused(true);
    const option = target?.options.find((o) => o.discordName === focused.name);
    let choices: Choice[] = [];
    if (option?.def.autocomplete) {
      try {
        choices = option.def.autocomplete(String(focused.value ?? ""), ctx);
      } catch (err) {
        ilog.error({ err: safeError(err), option: focused.name }, "autocomplete failed");
      }
    }
    await i.respond(toDiscordChoices(choices, option?.def.type ?? "string"));
  }

  async function deliver(i: RepliableInteraction, reply: Reply, wasDeferred: boolean): Promise<void> {
    await suggestions.prepare((reply.suggestions ?? []).map((s) => s.input));
    const msg = renderReply(reply, render);
    if (!wasDeferred) {
      await i.reply(msg);
    } else if (reply.ephemeral) {
      // A deferred reply is public; an ephemeral answer replaces it with a private follow-up.
      await i.deleteReply();
      await i.followUp({ ...msg, flags: MessageFlags.Ephemeral });
    } else {
      await i.editReply({ embeds: msg.embeds, components: msg.components });
    }
  }

  async function apologize(i: Interaction, ctx: CommandContext): Promise<void> {
    if (i.isAutocomplete()) {
      if (!i.responded) await i.respond([]);
      return;
    }
    if (!i.isRepliable()) return;
    const apology = apologyReply(ctx);
    if (!i.deferred && !i.replied) await i.reply(renderReply(apology, render));
    else if (i.deferred && !i.replied) await deliver(i, apology, true);
    else await i.followUp({ ...renderReply(apology, render), flags: MessageFlags.Ephemeral });
  }

  return {
    client,
    sender,
    suggestions,
    async start(signal?: AbortSignal) {
      // Bounded: a gateway that accepts the connection and never sends READY must not hold the start.
      const readyMs = options.readyTimeoutMs ?? 30_000;
      let onAbort: (() => void) | undefined;
      let timer: NodeJS.Timeout | undefined;
      const ready = new Promise<void>((resolveReady, rejectReady) => {
        client.once(Events.ClientReady, () => resolveReady());
        timer = setTimeout(() => rejectReady(new Error(`no READY from the gateway within ${readyMs} ms`)), readyMs);
        onAbort = () => rejectReady(new Error("start abandoned (shutting down)"));
        signal?.addEventListener("abort", onAbort, { once: true });
      });
      ready.catch(() => undefined);
      try {
        if (signal?.aborted) throw new Error("start abandoned (shutting down)");
        await Promise.race([client.login(options.token), ready.then(() => "")]);
        await ready;
      } catch (err) {
        await client.destroy().catch(() => undefined);
        throw new Error(`Discord login failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
      } finally {
        clearTimeout(timer);
        if (onAbort) signal?.removeEventListener("abort", onAbort);
      }
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      if (inflight.size) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.allSettled([...inflight]),
          new Promise<void>((r) => {
            timer = setTimeout(r, SHUTDOWN_GRACE_MS);
          }),
        ]);
        clearTimeout(timer);
      }
      await client.destroy();
      log.info("discord bot stopped");
    },
  };
}

/** Starts the bot from config (DISCORD_TOKEN, DISCORD_API_ROOT). */
export async function startDiscord(services: Services, opts: { signal?: AbortSignal } = {}): Promise<{ stop: () => Promise<void>; sender: ChatSender; bot: DiscordBot }> {
  const token = services.config.DISCORD_TOKEN;
  if (!token) throw new Error("DISCORD_TOKEN is not set");
  const bot = createDiscordBot(services, { token, apiRoot: services.config.DISCORD_API_ROOT });
  await bot.start(opts.signal);
  return { stop: () => bot.stop(), sender: bot.sender, bot };
}

/** Why an INTERACTION_CREATE payload cannot be handled, or undefined when it can. */
export function malformedInteraction(d: unknown): string | undefined {
  if (d === null || typeof d !== "object") return "payload is not an object";
  const i = d as { id?: unknown; token?: unknown; type?: unknown; user?: unknown; member?: unknown };
  if (typeof i.id !== "string" || typeof i.token !== "string" || typeof i.type !== "number") return "missing id, token or type";
  const hasId = (u: unknown) => !!u && typeof u === "object" && typeof (u as { id?: unknown }).id === "string";
  const memberUser = i.member && typeof i.member === "object" ? (i.member as { user?: unknown }).user : undefined;
  if (!hasId(i.user) && !hasId(memberUser)) return "neither member.user nor user";
  return undefined;
}

/** How this bot renders: its suggestion store, and session titles for footers. */
export function discordRenderOptions(services: Pick<Services, "knowledge">, suggestions: SuggestionStore): RenderOptions {
  return {
    suggestions,
    sessionTitle: (id, lang) => {
      const s = services.knowledge.byId.get(id)?.file.session;
      return s ? byLang(lang, { vi: s.title, en: s.titleEn }) : undefined;
    },
  };
}

export function langOf(locale: string | undefined | null): Lang {
  return locale?.toLowerCase().startsWith("en") ? "en" : "vi";
}

export function resolve(index: SlashIndex, commandName: string, subcommand: string | null): SlashTarget | undefined {
  return index.get(commandName)?.get(subcommand ?? "");
}

/** At most 25 choices with 1-100 character names and values Discord accepts for the option type. */
export function toDiscordChoices(choices: Choice[], type: "string" | "integer" | "attachment"): Array<{ name: string; value: string | number }> {
  const out: Array<{ name: string; value: string | number }> = [];
  for (const c of choices) {
    if (out.length === MAX_CHOICES) break;
    const name = clip(String(c.name ?? "").replace(/\s+/g, " ").trim() || String(c.value), 100);
    if (!name) continue;
    if (type === "integer") {
      const n = Number(c.value);
      if (Number.isSafeInteger(n)) out.push({ name, value: n });
    } else if (c.value.length >= 1 && c.value.length <= 100) {
      out.push({ name, value: c.value });
    }
  }
  return out;
}

export function unknownCommandReply(lang: Lang): Reply {
  return {
    kind: "usage",
    lang,
    ephemeral: true,
    lines: [messages(lang).commandGone],
  };
}

export function expiredReply(lang: Lang): Reply {
  return {
    kind: "usage",
    lang,
    ephemeral: true,
    lines: [messages(lang).buttonExpired],
  };
}

export { slowDownReply };
