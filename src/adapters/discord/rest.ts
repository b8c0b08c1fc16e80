// The one way this bot builds a discord.js REST client: bounded in time, retrying what may be
// retried, and never waiting out a long rate limit in silence.
//   * timeout: each attempt is aborted after `timeoutMs` (discord.js's default is 15 s, four times).
//   * retries: discord.js repeats an attempt after a timeout, a reset or a 5xx. Interaction
//     answers are tied to their token (a second callback is refused with 40060, an edit is an
//     edit) and channel messages carry a nonce (sender.ts), so a repeat makes no duplicate.
//   * rejectOnRateLimit: a 429 asking for more than `maxRateLimitWaitMs` fails at once, so the
//     caller can apologise or record "not delivered" instead of holding the request.
//   * transport: undici with connect/header/body bounds and a record of what was written.
import { REST, type RESTOptions } from "discord.js";
import { createAgent, discordMakeRequest, type TransportTimeouts } from "../transport.js";

export interface DiscordRestOptions {
  api?: string;
  timeoutMs?: number;
  retries?: number;
  maxRateLimitWaitMs?: number;
  transport?: Partial<TransportTimeouts>;
}

export const DEFAULT_DISCORD_REST = { timeoutMs: 5_000, retries: 1, maxRateLimitWaitMs: 10_000 };

/** The options for `new Client({ rest })` or `new REST()`. */
export function discordRestOptions(o: DiscordRestOptions = {}): Partial<RESTOptions> {
  const timeoutMs = o.timeoutMs ?? DEFAULT_DISCORD_REST.timeoutMs;
  const maxWait = o.maxRateLimitWaitMs ?? DEFAULT_DISCORD_REST.maxRateLimitWaitMs;
  const agent = createAgent({ headersMs: timeoutMs, bodyMs: timeoutMs, ...o.transport });
  return {
    ...(o.api ? { api: o.api.replace(/\/+$/, "") } : {}),
    timeout: timeoutMs,
    retries: o.retries ?? DEFAULT_DISCORD_REST.retries,
    agent: agent as never,
    makeRequest: discordMakeRequest(agent) as never,
    rejectOnRateLimit: (info) => info.retryAfter > maxWait,
  };
}

export function createDiscordRest(token: string, o: DiscordRestOptions = {}): REST {
  return new REST(discordRestOptions(o)).setToken(token);
}
