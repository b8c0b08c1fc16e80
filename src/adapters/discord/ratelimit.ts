// A per-user sliding window (RATE_LIMIT_PER_MINUTE): enough to stop one user flooding the bot,
// without any timer of its own. Time comes from the shared Clock, so tests drive it exactly.
import type { Clock } from "../../clock.js";

const WINDOW_MS = 60_000;
const MAX_TRACKED_USERS = 10_000;

export class UserRateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly perMinute: number,
    private readonly clock: Clock,
  ) {}

  /** Records one request by `userId`; false when the user already made `perMinute` in the last minute. */
  allow(userId: string): boolean {
    const now = this.clock.now().getTime();
    const recent = (this.hits.get(userId) ?? []).filter((t) => now - t < WINDOW_MS);
    if (recent.length >= this.perMinute) {
      this.hits.set(userId, recent);
      return false;
    }
    recent.push(now);
    this.hits.delete(userId);
    this.hits.set(userId, recent);
    if (this.hits.size > MAX_TRACKED_USERS) this.prune(now);
    return true;
  }

  private prune(now: number): void {
    for (const [user, times] of this.hits) {
      if (this.hits.size <= MAX_TRACKED_USERS / 2) break;
      if (times.every((t) => now - t >= WINDOW_MS) || this.hits.size > MAX_TRACKED_USERS) this.hits.delete(user);
    }
  }
}
