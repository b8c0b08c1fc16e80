// Per-user message counts in fixed windows, shared by every worker and every front door: one
// upsert per message counts it and returns the count so far, so two workers serving one user
// add up. Fixed windows (aligned on multiples of the window) keep it to one row per user per
// window; a burst across a boundary may get up to twice the limit, which is fine for a flood guard.
import type { Clock } from "../clock.js";
import { ms, type QueryOptions, type Sql } from "./sql.js";

export interface RateWindow {
  /** Hits of this key in the current window, this one included. */
  count: number;
  /** Epoch ms when the current window started, and when the next one starts. */
  windowStart: number;
  resetAt: number;
}

export interface RateLimitStore {
  /** Counts one hit of `key` in the window of `windowMs` containing `now` (default: the store's clock). */
  hit(key: string, windowMs: number, now?: Date, opts?: QueryOptions): Promise<RateWindow>;
  /** Deletes the windows that started before `before` (give a time at least one window ago); returns how many. */
  purgeBefore(before: Date): Promise<number>;
}

export class SqlRateLimits implements RateLimitStore {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
  ) {}

  async hit(key: string, windowMs: number, now: Date = this.clock.now(), opts?: QueryOptions): Promise<RateWindow> {
    const windowStart = Math.floor(ms(now) / windowMs) * windowMs;
    const row = await this.sql.get<{ hits: number }>(
      `INSERT INTO rate_limit_windows (key, window_start, hits) VALUES ($1, $2, 1)
       ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1 RETURNING hits`,
      [key, windowStart],
      opts,
    );
    return { count: Number(row!.hits), windowStart, resetAt: windowStart + windowMs };
  }

  async purgeBefore(before: Date): Promise<number> {
    return (await this.sql.run("DELETE FROM rate_limit_windows WHERE window_start < $1", [ms(before)])).changes;
  }
}
