// Long polling that never stops by itself. @grammyjs/runner's `run()` gives up for good on a 409
// (another instance polls the same bot) or a 401 (the token was revoked), leaving a process that
// looks alive and answers nobody; its other retries double without a cap (hours apart after a
// long outage). Here the runner's source and sink are kept, with our own update supplier:
//   * every failure of getUpdates is logged with what it means and what to do, and retried with a
//     capped backoff, so a 409 during a deploy overlap clears by itself once the old instance is
//     gone, and a network outage is ridden out;
//   * the offset survives failures, so a retry never asks for updates already handled.
import { createConcurrentSink, createRunner, createSource, type RunnerHandle, type UpdateSupplier } from "@grammyjs/runner";
import { BotError, GrammyError, type Bot, type Context } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../../log.js";
import { nativeSignal, realTimers, type Timers } from "../timers.js";
import { describeError } from "./commands.js";

export interface PollingOptions {
  allowedUpdates: readonly string[];
  timeoutSeconds: number;
  log: Logger;
  timers?: Timers;
  /** Backoff after a failed getUpdates: doubles from `initialMs` up to `maxMs` (default 1 s → 30 s). */
  backoff?: { initialMs: number; maxMs: number };
  /** A revoked token cannot heal soon: wait at least this long between tries (default 60 s). */
  unauthorizedDelayMs?: number;
  /** Updates handled at once (the runner's sink). */
  concurrency?: number;
}

export interface PollingState {
  /** Consecutive failed getUpdates calls; 0 while polling works. */
  failures: number;
  lastError?: { code?: number; message: string };
}

export interface Poller {
  handle: RunnerHandle;
  state: PollingState;
}

/** What a getUpdates failure means, for the log line. */
export function explainPollingFailure(err: unknown): { level: "error" | "warn"; msg: string; code?: number } {
  if (err instanceof GrammyError) {
    if (err.error_code === 409)
      return {
        level: "error",
        code: 409,
        msg: "telegram polling conflict (409): another process is polling this bot, or a webhook is set. Stop the other instance (or run `deleteWebhook`); polling resumes by itself once it is gone",
      };
    if (err.error_code === 401)
      return {
        level: "error",
        code: 401,
        msg: "telegram rejected the bot token (401): it was revoked or is wrong. Get the current token from @BotFather, set TELEGRAM_BOT_TOKEN and restart; retrying meanwhile",
      };
    if (err.error_code === 429) return { level: "warn", code: 429, msg: "telegram asked to slow down polling (429); waiting as asked" };
    return { level: "warn", code: err.error_code, msg: `telegram getUpdates failed (${err.error_code}); retrying` };
  }
  return { level: "warn", msg: "telegram getUpdates failed (network); retrying" };
}

export function startPolling<C extends Context>(bot: Bot<C>, opts: PollingOptions): Poller {
  const timers = opts.timers ?? realTimers;
  const initial = opts.backoff?.initialMs ?? 1_000;
  const max = opts.backoff?.maxMs ?? 30_000;
  const unauthorizedDelay = opts.unauthorizedDelayMs ?? 60_000;
  const state: PollingState = { failures: 0 };
  let offset = 0;

  const supplier: UpdateSupplier<Update> = {
    async supply(batchSize, signal) {
      for (;;) {
        try {
          const updates = await bot.api.getUpdates(
            { offset, limit: Math.max(1, Math.min(batchSize, 100)), timeout: opts.timeoutSeconds, allowed_updates: [...opts.allowedUpdates] as never },
            signal as never,
          );
          if (state.failures) opts.log.info({ after: state.failures, lastError: state.lastError }, "telegram polling recovered");
          state.failures = 0;
          delete state.lastError;
          const last = updates.at(-1)?.update_id;
          if (last !== undefined) offset = last + 1;
          return updates;
        } catch (err) {
          if (signal.aborted) throw err;
          state.failures++;
          const why = explainPollingFailure(err);
          state.lastError = { ...(why.code !== undefined ? { code: why.code } : {}), message: (err as Error)?.message ?? String(err) };
          let waitMs = Math.min(max, initial * 2 ** (state.failures - 1));
          if (why.code === 401) waitMs = Math.max(waitMs, unauthorizedDelay);
          if (err instanceof GrammyError && err.error_code === 429 && typeof err.parameters.retry_after === "number") waitMs = err.parameters.retry_after * 1000;
          opts.log[why.level]({ failures: state.failures, retryInMs: waitMs, err: describeError(err) }, why.msg);
          await timers.sleep(waitMs, nativeSignal(signal));
        }
      }
    },
  };

  const source = createSource(supplier);
  const sink = createConcurrentSink<Update>(
    { consume: (update) => bot.handleUpdate(update) },
    async (error: unknown) => {
      try {
        await bot.errorHandler(error as BotError<C>);
      } catch (handlerErr) {
        opts.log.error({ err: describeError(handlerErr) }, "telegram error handler failed");
      }
    },
    { concurrency: opts.concurrency ?? 500 },
  );
  const handle = createRunner(source, sink);
  handle.start();
  return { handle, state };
}
