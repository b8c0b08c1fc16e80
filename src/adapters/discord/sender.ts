// Proactive delivery to a Discord channel (the digest, petition updates): POST /channels/:id/messages
// with the rendered embeds. Errors that mean "this channel is gone for us" are permanent.
//
// Every send carries a nonce with enforce_nonce, so Discord itself refuses to create a second
// message with the same nonce for a few minutes: discord.js may retry a request whose answer was
// lost (a reset, a timeout) without making a duplicate. Every attempt goes through a per-send
// tracker, so that a failure can still be told apart: nothing left (not delivered) or some attempt
// was written and never answered (unknown).
import { randomBytes } from "node:crypto";
import { DiscordAPIError, RateLimitError, REST, RESTJSONErrorCodes, Routes } from "discord.js";
import type { Agent, Dispatcher } from "undici";
import type { Reply } from "../../core/types.js";
import type { Logger } from "../../log.js";
import { delivered, notDelivered, unknownOutcome, type ChatSender, type DeliveryOutcome, type SendOptions } from "../sender.js";
import { TrackingDispatcher } from "../transport.js";
import { renderReply, type RenderOptions } from "./render.js";

/**
 * Codes after which retrying cannot help: the channel is unknown or the bot may no longer see or
 * post in it (50007: the user does not accept DMs from the bot, Discord's equivalent of a
 * blocked Telegram bot).
 */
export const PERMANENT_DISCORD_CODES: ReadonlySet<number> = new Set([
  RESTJSONErrorCodes.UnknownChannel, // 10003
  RESTJSONErrorCodes.MissingAccess, // 50001
  RESTJSONErrorCodes.MissingPermissions, // 50013
  RESTJSONErrorCodes.CannotSendMessagesToThisUser, // 50007
]);

export interface DiscordSenderOptions {
  /** An authenticated REST client (the bot client's `client.rest`, or a new one with the token set). */
  rest: REST;
  /** The REST client's connection pool (its `agent`); a per-send tracker wraps it. */
  agent?: Dispatcher;
  log?: Logger;
  render?: RenderOptions;
}

/** A nonce Discord accepts (≤ 25 characters), new for every logical send. */
export function newNonce(): string {
  return randomBytes(12).toString("hex").slice(0, 25);
}

export function createDiscordSender(options: DiscordSenderOptions): ChatSender {
  const { rest, log } = options;
  return {
    platform: "discord",
    async send(chatId: string, reply: Reply, opts: SendOptions = {}): Promise<DeliveryOutcome> {
      const m = /^discord:(\d{1,25})$/.exec(chatId);
      if (!m) return notDelivered(`not a Discord channel id: ${chatId.slice(0, 60)}`, true);
      const channelId = m[1]!;
      const { embeds, components } = renderReply({ ...reply, ephemeral: false }, options.render);
      const agent = options.agent ?? (rest as unknown as { agent: Dispatcher | null }).agent;
      const tracker = agent ? new TrackingDispatcher(agent) : undefined;
      try {
        await rest.post(Routes.channelMessages(channelId), {
          body: { embeds, components, allowed_mentions: { parse: [] }, nonce: newNonce(), enforce_nonce: true },
          ...(tracker ? { dispatcher: tracker as unknown as Agent } : {}),
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        return delivered;
      } catch (err) {
        const outcome = outcomeOf(err, tracker);
        log?.warn({ chatId, outcome, err: safeError(err) }, "discord delivery failed");
        return outcome;
      }
    },
  };
}

function outcomeOf(err: unknown, tracker: TrackingDispatcher | undefined): DeliveryOutcome {
  const message = (err as Error)?.message ?? String(err);
  // Without a tracker nothing proves the request did not leave.
  if (!tracker || tracker.uncertain) return unknownOutcome(message);
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === "number" ? err.code : undefined;
    return notDelivered(message, code !== undefined && PERMANENT_DISCORD_CODES.has(code));
  }
  if (err instanceof RateLimitError) return notDelivered(message, false, err.retryAfter);
  // 5xx after the retries (HTTPError), a refused connection, a stop before the request left.
  return notDelivered(message);
}

/**
 * An error as a log field without what must not be logged: REST errors carry the request URL
 * (interaction tokens live in webhook URLs) and the request body.
 */
export function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const out: Record<string, unknown> = { name: err.name, message: err.message };
  const e = err as Error & { code?: unknown; status?: unknown; method?: unknown };
  if (e.code !== undefined) out.code = e.code;
  if (e.status !== undefined) out.status = e.status;
  if (e.method !== undefined) out.method = e.method;
  if (err.stack) out.stack = err.stack;
  return out;
}
