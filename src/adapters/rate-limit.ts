// The per-user rate limit of every front door (RATE_LIMIT_PER_MINUTE), counted in the store so
// that a user spread over several workers (or talking to Telegram and Discord through one bot
// process) is counted once: a fixed one-minute window per user (src/store/rate-limits.ts).
//
// Best effort: counting is one write that never waits for a busy store. If the store cannot
// count right now (SQLite locked by another process, PostgreSQL down), the message is let
// through: a flood guard that fails closed would stop everyone at once.
import type { Logger } from "../log.js";
import { isStoreUnavailable } from "../store/sql.js";
import type { RateLimitStore } from "../store/rate-limits.js";
import type { Lang, Reply } from "../core/types.js";
import { messages } from "../core/messages.js";

const WINDOW_MS = 60_000;

/** What every front door says to a user over the limit (Discord privately; Telegram once a window). */
export function slowDownReply(lang: Lang, perMinute: number): Reply {
  return { kind: "refused", lang, lines: [messages(lang).slowDown(perMinute)], ephemeral: true };
}

export interface RateVerdict {
  allowed: boolean;
  /** The first refused message of the window: the one that gets the "slow down" notice on platforms that may stay silent. */
  firstRefusal: boolean;
}

export class UserRateLimiter {
  constructor(
    private readonly store: { rateLimits: RateLimitStore },
    readonly perMinute: number,
    private readonly log?: Logger,
  ) {}

  /** Counts one message (or button press) of `userId` (platform-qualified) and says whether to answer it. */
  async check(userId: string): Promise<RateVerdict> {
    try {
      const { count } = await this.store.rateLimits.hit(userId, WINDOW_MS, undefined, { waitMs: 0 });
      return { allowed: count <= this.perMinute, firstRefusal: count === this.perMinute + 1 };
    } catch (err) {
      if (!isStoreUnavailable(err)) throw err;
      this.log?.warn({ userId }, "rate limit not counted (store busy): message let through");
      return { allowed: true, firstRefusal: false };
    }
  }
}
