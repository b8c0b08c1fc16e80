// Waiting, as the adapters' retry and pacing code does it. Injected so that tests can replace
// "wait 61 s for Telegram's retry_after" with a record of the wait, instead of sleeping.
export interface Timers {
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const done = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortReason(signal!));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

export function abortReason(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  return r instanceof Error ? r : Object.assign(new Error("aborted"), { name: "AbortError" });
}

/**
 * A Node AbortSignal that follows `signal`. grammY and its runner use the abort-controller
 * polyfill, whose signals Node's AbortSignal.any() accepts but never follows.
 */
export function nativeSignal(signal: unknown): AbortSignal | undefined {
  if (!signal) return undefined;
  if (signal instanceof AbortSignal) return signal;
  const s = signal as { aborted?: boolean; addEventListener?: (type: string, fn: () => void, opts?: unknown) => void };
  const c = new AbortController();
  if (s.aborted) c.abort();
  else s.addEventListener?.("abort", () => c.abort(), { once: true });
  return c.signal;
}
