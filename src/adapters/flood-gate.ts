// Pacing for bulk sends under a platform's flood limits: at most `perSecond` messages overall and
// one message per `perKeyIntervalMs` to the same chat. Callers reserve a slot and wait for it, so
// any number of concurrent senders together stay under the limits.
import { realTimers, type Timers } from "./timers.js";

export interface FloodGateOptions {
  perSecond: number;
  perKeyIntervalMs: number;
  timers?: Timers;
}

export class FloodGate {
  private readonly timers: Timers;
  private readonly gapMs: number;
  private nextGlobal = 0;
  private readonly nextByKey = new Map<string, number>();

  constructor(private readonly opts: FloodGateOptions) {
    this.timers = opts.timers ?? realTimers;
    this.gapMs = 1000 / opts.perSecond;
  }

  /** Waits for this key's next slot (rejects if `signal` aborts while waiting). */
  async wait(key: string, signal?: AbortSignal): Promise<void> {
    const now = this.timers.now();
    const slot = Math.max(now, this.nextGlobal, this.nextByKey.get(key) ?? 0);
    this.nextGlobal = slot + this.gapMs;
    this.nextByKey.set(key, slot + this.opts.perKeyIntervalMs);
    if (this.nextByKey.size > 10_000) this.forgetPast(now);
    if (slot > now) await this.timers.sleep(slot - now, signal);
  }

  private forgetPast(now: number): void {
    for (const [k, at] of this.nextByKey) if (at <= now) this.nextByKey.delete(k);
  }
}
