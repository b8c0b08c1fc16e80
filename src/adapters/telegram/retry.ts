// The Bot API retry policy, as a grammY transformer. It replaces @grammyjs/auto-retry, whose
// network-error retries have no bound (doubling from 3 s to an hour, forever) and which cannot
// tell a request that never left from one that may have been delivered.
//
// Per call: at most `maxAttempts` attempts, and none runs past `budgetMs` after the first began.
//   * 429: Telegram did not act on it. Wait `retry_after` when it fits in the budget; an answer
//     may also wait longer, up to `maxRateLimitWaitMs` (the chat is flood-limited, so nothing
//     could reach it sooner: the answer is queued, not dropped). Beyond that the 429 is returned.
//   * 5xx: Telegram answered that it failed; retried with backoff.
//   * A network failure before the request left ("not sent"): retried with backoff.
//   * A network failure after it left ("unknown": reset, timeout): retried only for calls that
//     may be repeated — everything but sends, and sends too when the caller prefers a rare
//     duplicate to a lost message (`repeatUnknownSends`: the bot's answers, not the digest).
// getUpdates is left alone: the polling supervisor (polling.ts) owns its retries.
import { GrammyError, type Transformer } from "grammy";
import type { Logger } from "../../log.js";
import { failureKind } from "../transport.js";
import { nativeSignal, realTimers, type Timers } from "../timers.js";

export interface RetryPolicy {
  maxAttempts: number;
  budgetMs: number;
  /** First backoff delay; doubled for each retry. */
  baseDelayMs: number;
  /** A retry_after longer than the budget is still waited for, up to this (0: never). */
  maxRateLimitWaitMs: number;
  /** Repeat a send whose outcome is unknown (at least once) instead of giving up (at most once). */
  repeatUnknownSends: boolean;
}

/** The bot's own answers: a duplicate answer is better than a lost one; a flood wait is queued. */
export const ANSWER_POLICY: RetryPolicy = { maxAttempts: 3, budgetMs: 10_000, baseDelayMs: 500, maxRateLimitWaitMs: 5 * 60_000, repeatUnknownSends: true };

/** Proactive sends (the digest): never a second copy; the scheduler retries what was not delivered. */
export const DELIVERY_POLICY: RetryPolicy = { maxAttempts: 3, budgetMs: 10_000, baseDelayMs: 500, maxRateLimitWaitMs: 0, repeatUnknownSends: false };

/** Sends cannot be repeated safely: Telegram has no idempotency key. */
const SENDS = /^(send|forward|copy)/;

/**
 * Thrown when a call gave up after an attempt whose outcome is unknown: the message may have
 * arrived. The bot's error boundary words its apology accordingly.
 */
export class UncertainDeliveryError extends Error {
  constructor(
    readonly method: string,
    cause: unknown,
  ) {
    super(`${method}: gave up; an earlier attempt may have been delivered`, { cause });
    this.name = "UncertainDeliveryError";
  }
}

/** True when `err` says a send may have been delivered after all. */
export function mayHaveArrived(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 6 && e && typeof e === "object"; i++) {
    if (e instanceof UncertainDeliveryError) return true;
    if (e instanceof GrammyError) return false;
    if ((e as { name?: unknown }).name === "HttpError") return failureKind(e) === "unknown";
    e = (e as { error?: unknown; cause?: unknown }).error ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/** grammY's HttpError says only "Network request failed"; its cause says how. */
function causeText(err: unknown): string {
  const own = (err as Error)?.message ?? String(err);
  const inner = (err as { error?: { message?: unknown } })?.error?.message;
  return typeof inner === "string" && inner !== own ? `${own}: ${inner}` : own;
}

export interface RetryOptions {
  policy: RetryPolicy;
  timers?: Timers;
  log?: Logger;
  /** Aborts every call and wait in progress (shutdown). */
  stopSignal?: AbortSignal;
}

export function retryTransformer(opts: RetryOptions): Transformer {
  const { policy } = opts;
  const timers = opts.timers ?? realTimers;
  return async (prev, method, payload, grammySignal) => {
    if (method === "getUpdates") return prev(method, payload, grammySignal);
    // grammY types its signals with the abort-controller shim; at run time they are Node's.
    const given = nativeSignal(grammySignal);
    const signal = opts.stopSignal ? (given ? AbortSignal.any([given, opts.stopSignal]) : opts.stopSignal) : given;
    const repeatUnknown = policy.repeatUnknownSends || !SENDS.test(method);
    let started = timers.now();
    let uncertain = false;
    for (let attempt = 1; ; attempt++) {
      const left = policy.budgetMs - (timers.now() - started);
      // Each attempt ends by the budget: an attempt that hangs cannot hold the chat past it.
      const attemptSignal = AbortSignal.any([...(signal ? [signal] : []), AbortSignal.timeout(Math.max(1, left))]);
      let failure: unknown;
      try {
        const res = await prev(method, payload, attemptSignal as never);
        if (res.ok) return res;
        const delay = retryDelay(res.error_code, res.parameters?.retry_after, attempt);
        const elapsed = timers.now() - started;
        if (delay !== undefined && attempt < policy.maxAttempts + (res.error_code === 429 ? 2 : 0)) {
          const fits = elapsed + delay <= policy.budgetMs;
          const queued = res.error_code === 429 && delay <= policy.maxRateLimitWaitMs;
          if (fits || queued) {
            opts.log?.warn({ method, attempt, error_code: res.error_code, waitMs: delay }, queued && !fits ? "telegram flood limit: answer queued until Telegram allows it" : "telegram api call failed; retrying");
            await timers.sleep(delay, signal);
            // After a flood wait Telegram asked for, the budget for network trouble starts again.
            if (!fits) started = timers.now();
            continue;
          }
        }
        if (uncertain && SENDS.test(method)) throw new UncertainDeliveryError(method, new GrammyError(`Call to '${method}' failed!`, res, method, payload));
        return res;
      } catch (err) {
        if (signal?.aborted || err instanceof UncertainDeliveryError) throw err;
        failure = err;
      }
      const kind = failureKind(failure);
      if (kind === "unknown") {
        uncertain = true;
        if (!repeatUnknown) throw failure;
      }
      const delay = policy.baseDelayMs * 2 ** (attempt - 1);
      if (attempt >= policy.maxAttempts || timers.now() - started + delay >= policy.budgetMs) throw uncertain && SENDS.test(method) ? new UncertainDeliveryError(method, failure) : failure;
      opts.log?.warn({ method, attempt, outcome: kind, waitMs: delay, err: causeText(failure) }, "telegram api request failed; retrying");
      await timers.sleep(delay, signal);
    }
  };

  function retryDelay(code: number, retryAfter: number | undefined, attempt: number): number | undefined {
    if (code === 429) return Math.max(0, retryAfter ?? 1) * 1000;
    if (code >= 500) return policy.baseDelayMs * 2 ** (attempt - 1);
    return undefined; // a 4xx: retrying cannot help
  }
}
