// Proactive delivery to a Discord channel (the digest, petition updates): POST /channels/:id/messages
// with the rendered embeds. Errors that mean "this channel is gone for us" are permanent.
import { DiscordAPIError, REST, RESTJSONErrorCodes, Routes } from "discord.js";
import type { Reply } from "../../core/types.js";
import type { Logger } from "../../log.js";
import { DeliveryError, type ChatSender } from "../sender.js";
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
  log?: Logger;
  render?: RenderOptions;
}

export function createDiscordSender(options: DiscordSenderOptions): ChatSender {
  const { rest, log } = options;
  return {
    platform: "discord",
    async send(chatId: string, reply: Reply): Promise<void> {
      const m = /^discord:(\d{1,25})$/.exec(chatId);
      if (!m) throw new DeliveryError(`not a Discord channel id: ${chatId}`, true);
      const channelId = m[1]!;
      const { embeds, components } = renderReply({ ...reply, ephemeral: false }, options.render);
      try {
        await rest.post(Routes.channelMessages(channelId), {
          body: { embeds, components, allowed_mentions: { parse: [] } },
        });
      } catch (err) {
        const code = err instanceof DiscordAPIError && typeof err.code === "number" ? err.code : undefined;
        const permanent = code !== undefined && PERMANENT_DISCORD_CODES.has(code);
        log?.warn({ chatId, permanent, err: safeError(err) }, "discord delivery failed");
        throw new DeliveryError(`discord delivery to ${chatId} failed: ${(err as Error)?.message ?? String(err)}`, permanent, err);
      }
    },
  };
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
