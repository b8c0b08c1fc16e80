// Discord over HTTP interactions: the endpoint any worker serves (Discord posts every interaction
// to the application's Interactions Endpoint URL, so whichever worker the load balancer picks
// answers it; no gateway connection, no two processes racing for one interaction).
//
// Every request is checked first: an Ed25519 signature (X-Signature-Ed25519) over the timestamp
// (X-Signature-Timestamp) followed by the raw body, against DISCORD_PUBLIC_KEY, with node:crypto's
// verify. A bad or missing signature gets 401 and nothing else happens (Discord itself sends such
// requests to check that the endpoint refuses them).
//
// PING is answered PONG. A slash command or a suggestion button is answered at once with a
// deferred response (type 5) in the HTTP response, then run through the same command layer as
// the gateway bot and delivered by editing the original response through the REST API (an
// ephemeral answer replaces it with an ephemeral follow-up). Autocomplete is answered inline.
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { MessageFlags, REST, Routes } from "discord.js";
import type { Choice, CommandContext, CommandDef, CommandInput, Reply } from "../../../commands/types.js";
import { allCommands } from "../../../commands/index.js";
import { runText, safeRun } from "../../../commands/dispatch.js";
import type { Services } from "../../services.js";
import { registerSecret, type Logger } from "../../log.js";
import { UpdateClaim } from "../../store/unit-of-work.js";
import { UserRateLimiter } from "../rate-limit.js";
import { buildSlashCommands, type SlashTarget } from "./commands.js";
import { renderReply, SuggestionStore } from "./render.js";
import { discordRenderOptions, expiredReply, langOf, resolve, slowDownReply, toDiscordChoices, unknownCommandReply } from "./bot.js";
import { safeError } from "./sender.js";
import { discordAttachments } from "./attachments.js";
import { discordPermissionsAllow } from "../chat-admin.js";

/** DER prefix of an Ed25519 SubjectPublicKeyInfo: the 32 raw key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

const enum InteractionType {
  Ping = 1,
  ApplicationCommand = 2,
  MessageComponent = 3,
  Autocomplete = 4,
}
const enum ResponseType {
  Pong = 1,
  ChannelMessage = 4,
  DeferredChannelMessage = 5,
  AutocompleteResult = 8,
}
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;

export interface HttpAnswer {
  status: number;
  body?: unknown;
}

export interface InteractionsEndpointOptions {
  /** The application's public key, 64 hex characters (DISCORD_PUBLIC_KEY). */
  publicKey: string;
  /** discord.js `rest.api` (DISCORD_API_ROOT), e.g. the fake Discord in tests. */
  apiRoot?: string;
  commands?: CommandDef[];
}

export interface InteractionsEndpoint {
  /** Checks the signature and answers one request (its raw body as received). Follow-ups go on in the background. */
  handle(headers: Record<string, string | string[] | undefined>, rawBody: Buffer): Promise<HttpAnswer>;
  /** Resolves when every follow-up in progress has been delivered (or has failed). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error("DISCORD_PUBLIC_KEY must be 64 hex characters");
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, "hex")]), format: "der", type: "spki" });
}

/** True when `signatureHex` is the Ed25519 signature of timestamp + body under `key`. */
export function verifySignature(key: KeyObject, signatureHex: string | undefined, timestamp: string | undefined, body: Buffer): boolean {
  if (!signatureHex || !timestamp || !/^[0-9a-fA-F]{128}$/.test(signatureHex)) return false;
  try {
    return verify(null, Buffer.concat([Buffer.from(timestamp, "utf8"), body]), key, Buffer.from(signatureHex, "hex"));
  } catch {
    return false;
  }
}

interface RawOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: RawOption[];
}

interface RawInteraction {
  id: string;
  application_id: string;
  type: number;
  token: string;
  data?: { name?: string; options?: RawOption[]; custom_id?: string; resolved?: { attachments?: Record<string, RawAttachment> } };
  channel_id?: string;
  member?: { user?: RawUser; permissions?: string };
  guild_id?: string;
  user?: RawUser;
  locale?: string;
}

interface RawAttachment {
  id: string;
  filename?: string;
  size?: number;
  content_type?: string;
  url?: string;
}

interface RawUser {
  id: string;
  username?: string;
  global_name?: string | null;
}

const header = (h: Record<string, string | string[] | undefined>, name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

export function createInteractionsEndpoint(services: Services, options: InteractionsEndpointOptions): InteractionsEndpoint {
  const log: Logger = services.log.child({ adapter: "discord", mode: "interactions" });
  const key = publicKeyFromHex(options.publicKey);
  const { index } = buildSlashCommands(options.commands ?? allCommands);
  const rest = new REST({ version: "10", ...(options.apiRoot ? { api: options.apiRoot.replace(/\/+$/, "") } : {}) });
  // The bot token is only needed for proactive messages (the digest sender); interaction
  // responses are authorised by the interaction's own token.
  if (services.config.DISCORD_TOKEN) {
    registerSecret(services.config.DISCORD_TOKEN);
    rest.setToken(services.config.DISCORD_TOKEN);
  }
  const suggestions = new SuggestionStore(2000, { buttons: services.store.buttons, clock: services.clock, log });
  const render = discordRenderOptions(services, suggestions);
  const limiter = new UserRateLimiter(services.store, services.config.RATE_LIMIT_PER_MINUTE, log);
  const admins = new Set(services.config.ADMIN_DISCORD_IDS);
  const inflight = new Set<Promise<void>>();
  const attachments = discordAttachments({ apiRoot: options.apiRoot });

  const contextFor = (i: RawInteraction, ilog: Logger): CommandContext => {
    const user = i.member?.user ?? i.user;
    const userId = user?.id ?? "unknown";
    return {
      platform: "discord",
      chatId: `discord:${i.channel_id ?? `dm-${userId}`}`,
      userId: `discord:${userId}`,
      ...(user ? { userName: user.global_name ?? user.username ?? userId } : {}),
      lang: langOf(i.locale),
      isAdmin: user ? admins.has(user.id) : false,
      // In a server, the member's permissions in this channel (Discord resolves them); a DM is its own admin.
      chatAdmin: async () => (!i.guild_id && !i.member ? "admin" : discordPermissionsAllow(i.member?.permissions) ? "admin" : "member"),
      services: { ...services, log: ilog },
      update: new UpdateClaim(services.store, "discord", i.id, ilog),
    };
  };

  /** Edits the deferred response into the answer (an ephemeral one becomes a private follow-up). */
  const deliver = async (i: RawInteraction, reply: Reply): Promise<void> => {
    await suggestions.prepare((reply.suggestions ?? []).map((s) => s.input));
    const msg = renderReply(reply, render);
    const body = { embeds: msg.embeds, components: msg.components, allowed_mentions: { parse: [] } };
    if (reply.ephemeral) {
      await rest.delete(Routes.webhookMessage(i.application_id, i.token, "@original"), { auth: false });
      await rest.post(Routes.webhook(i.application_id, i.token), { body: { ...body, flags: MessageFlags.Ephemeral }, auth: false });
    } else {
      await rest.patch(Routes.webhookMessage(i.application_id, i.token, "@original"), { body, auth: false });
    }
  };

  const later = (i: RawInteraction, ilog: Logger, work: () => Promise<Reply>): void => {
    const p = (async () => {
      try {
        await deliver(i, await work());
      } catch (err) {
        ilog.error({ err: safeError(err) }, "discord follow-up failed");
      }
    })();
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  };

  const inline = (reply: Reply): HttpAnswer => {
    const msg = renderReply(reply, render);
    return { status: 200, body: { type: ResponseType.ChannelMessage, data: { embeds: msg.embeds, components: msg.components, allowed_mentions: { parse: [] }, ...(msg.flags ? { flags: msg.flags } : {}) } } };
  };

  const targetOf = (i: RawInteraction): { target: SlashTarget | undefined; options: RawOption[] } => {
    const top = i.data?.options ?? [];
    const sub = top.find((o) => o.type === SUB_COMMAND || o.type === SUB_COMMAND_GROUP);
    return { target: resolve(index, i.data?.name ?? "", sub?.name ?? null), options: sub ? (sub.options ?? []) : top };
  };

  const onCommand = async (i: RawInteraction, ctx: CommandContext, ilog: Logger): Promise<HttpAnswer> => {
    const { target, options } = targetOf(i);
    if (!target) {
      ilog.warn("interaction for a command this bot does not publish (stale deployment?)");
      return inline(unknownCommandReply(ctx.lang));
    }
    if (!(await limiter.check(ctx.userId)).allowed) return inline(slowDownReply(ctx.lang, limiter.perMinute));
    const input: CommandInput = { options: {}, raw: "" };
    for (const o of target.options) {
      const v = options.find((x) => x.name === o.discordName)?.value;
      if (v === undefined || v === null) continue;
      if (o.def.type === "attachment") {
        // The option's value is the attachment's id; its name, size and URL are in data.resolved.
        const a = i.data?.resolved?.attachments?.[String(v)];
        if (a?.url) {
          input.options[o.def.name] = a.filename ?? "";
          input.attachment = attachments.of({ filename: a.filename ?? "", size: a.size ?? null, contentType: a.content_type ?? null, url: a.url });
        }
        continue;
      }
      input.options[o.def.name] = String(v);
    }
    later(i, ilog, () => safeRun(target.handler, input, ctx, target.what));
    return { status: 200, body: { type: ResponseType.DeferredChannelMessage } };
  };

  const onButton = async (i: RawInteraction, ctx: CommandContext): Promise<HttpAnswer> => {
    const input = await suggestions.resolve(i.data?.custom_id ?? "");
    if (input === null || input === undefined) return inline(expiredReply(ctx.lang));
    if (!(await limiter.check(ctx.userId)).allowed) return inline(slowDownReply(ctx.lang, limiter.perMinute));
    later(i, ctx.services.log, () => runText(input, ctx));
    return { status: 200, body: { type: ResponseType.DeferredChannelMessage } };
  };

  const onAutocomplete = (i: RawInteraction, ctx: CommandContext, ilog: Logger): HttpAnswer => {
    const { target, options } = targetOf(i);
    const focused = options.find((o) => o.focused);
    const option = target?.options.find((o) => o.discordName === focused?.name);
    let choices: Choice[] = [];
    if (option?.def.autocomplete) {
      try {
        choices = option.def.autocomplete(String(focused?.value ?? ""), ctx);
      } catch (err) {
        ilog.error({ err: safeError(err), option: focused?.name }, "autocomplete failed");
      }
    }
    return { status: 200, body: { type: ResponseType.AutocompleteResult, data: { choices: toDiscordChoices(choices, option?.def.type ?? "string") } } };
  };

  return {
    async handle(headers, rawBody) {
      if (!verifySignature(key, header(headers, "x-signature-ed25519"), header(headers, "x-signature-timestamp"), rawBody)) {
        log.warn("interaction with a bad or missing signature: refused");
        return { status: 401, body: { error: "invalid request signature" } };
      }
      let i: RawInteraction;
      try {
        i = JSON.parse(rawBody.toString("utf8")) as RawInteraction;
      } catch {
        return { status: 400, body: { error: "body is not JSON" } };
      }
      if (i === null || typeof i !== "object" || typeof i.type !== "number") return { status: 400, body: { error: "not an interaction" } };
      if (i.type === InteractionType.Ping) return { status: 200, body: { type: ResponseType.Pong } };
      if (typeof i.id !== "string" || typeof i.token !== "string" || typeof i.application_id !== "string") return { status: 400, body: { error: "not an interaction" } };
      const ilog = log.child({ interaction: i.id, kind: i.type, command: i.data?.name, chatId: `discord:${i.channel_id ?? "?"}` });
      const ctx = contextFor(i, ilog);
      try {
        if (i.type === InteractionType.Autocomplete) return onAutocomplete(i, ctx, ilog);
        if (i.type !== InteractionType.ApplicationCommand && i.type !== InteractionType.MessageComponent) {
          ilog.debug("ignored an interaction of an unhandled kind");
          return { status: 400, body: { error: "unsupported interaction type" } };
        }
        // Discord sends an interaction once; a second request with the same id is a replay.
        if (!(await ctx.update!.claimOnce())) return { status: 409, body: { error: "interaction already handled" } };
        return i.type === InteractionType.ApplicationCommand ? await onCommand(i, ctx, ilog) : await onButton(i, ctx);
      } catch (err) {
        ilog.error({ err: safeError(err) }, "discord interaction failed");
        return { status: 500, body: { error: "internal error" } };
      }
    },
    async idle() {
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
    async stop() {
      await Promise.allSettled([...inflight]);
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    },
  };
}

