// Starting a front door without letting it hold anything else up: each platform starts in the
// background, and a start that fails (the platform unreachable, a token it refuses) is logged with
// what to do and tried again with a capped backoff, while the other platform and the digest run.
import type { Logger } from "../log.js";
import { realTimers, type Timers } from "./timers.js";

export interface Started {
  stop(): Promise<void>;
}

export interface SuperviseOptions<T extends Started> {
  name: string;
  log: Logger;
  start: (signal: AbortSignal) => Promise<T>;
  /** What a failed start means for the operator (e.g. "the token was refused: …"). */
  explain?: (err: unknown) => string | undefined;
  timers?: Timers;
  /** Backoff between tries: doubles from `initialMs` up to `maxMs` (default 2 s → 60 s). */
  backoff?: { initialMs: number; maxMs: number };
}

export interface Supervised<T> {
  /** Resolves with the running front door once a start succeeded (never rejects; may never resolve). */
  readonly ready: Promise<T>;
  /** Abandons a start in progress, or stops what started. */
  stop(): Promise<void>;
}

export function superviseStart<T extends Started>(opts: SuperviseOptions<T>): Supervised<T> {
  const timers = opts.timers ?? realTimers;
  const initial = opts.backoff?.initialMs ?? 2_000;
  const max = opts.backoff?.maxMs ?? 60_000;
  const controller = new AbortController();
  let running: T | undefined;
  let resolveReady!: (t: T) => void;
  const ready = new Promise<T>((r) => (resolveReady = r));

  const loop = (async () => {
    for (let attempt = 1; !controller.signal.aborted; attempt++) {
      try {
        running = await opts.start(controller.signal);
        if (controller.signal.aborted) break; // stopped while starting: stop() stops it
        if (attempt > 1) opts.log.info({ platform: opts.name, attempt }, `${opts.name} started after ${attempt} tries`);
        resolveReady(running);
        return;
      } catch (err) {
        if (controller.signal.aborted) return;
        const waitMs = Math.min(max, initial * 2 ** (attempt - 1));
        const hint = opts.explain?.(err);
        opts.log.error(
          { platform: opts.name, attempt, retryInMs: waitMs, err: { name: (err as Error)?.name, message: (err as Error)?.message ?? String(err) } },
          hint ?? `${opts.name} could not start; the other front doors keep running, retrying`,
        );
        await timers.sleep(waitMs, controller.signal).catch(() => undefined);
      }
    }
  })();

  return {
    ready,
    async stop() {
      controller.abort();
      await loop;
      await running?.stop();
    },
  };
}
