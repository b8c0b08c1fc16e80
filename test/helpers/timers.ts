// Timers for the adapters' retry code that record each wait and move their own clock instead of
// sleeping: a test sees "waited 61 s, as Telegram asked" at once, without a timed assertion.
import type { Timers } from "../../src/adapters/timers.js";

export class RecordingTimers implements Timers {
  readonly waits: number[] = [];
  private t = Date.parse("2026-11-27T00:00:00Z");
  now(): number {
    return this.t;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.waits.push(ms);
    this.t += ms;
    // Let the event loop turn, as a real wait would.
    await new Promise((r) => setImmediate(r));
  }
  get total(): number {
    return this.waits.reduce((a, b) => a + b, 0);
  }
}

/** Resolves once `check()` holds, looking every 20 ms (the test's own timeout bounds it). */
export async function eventually(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}
