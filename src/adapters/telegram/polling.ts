// Long polling that never stops by itself. @grammyjs/runner's `run()` gives up for good on a 409
// (another instance polls the same bot) or a 401 (the token was revoked), leaving a process that
// looks alive and answers nobody; its other retries double without a cap (hours apart after a
// long outage). Here the runner's source and sink are kept, with our own update supplier:
//   * every failure of getUpdates is logged with what it means and what to do, and retried with a
//     capped backoff, so a 409 during a deploy overlap clears by itself once the old instance is
//     gone, and a network outage is ridden out;
//   * the offset survives failures, so a retry never asks for updates already handled;
//   * an update is confirmed to Telegram only once it has been handled: the offset sent is the
//     lowest update still in progress. The runner's own fetcher confirms a batch as soon as it is
//     handed out, so a crash lost every update still queued in memory (a busy chat's backlog:
//     about 1,000 of 3,524 admin updates across 25 SIGKILLs, unanswered and unwritten). Updates
//     Telegram sends again while they are still in progress are not handed out twice; while some
//     are in progress the poll is short (Telegram would answer at once with them anyway) and
//     waits for one of them to finish, or 1 s, before asking again.
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
  /** The next update never handed out. */
  let next = 0;
  /** Handed out and not finished yet. */
  const inProgress = new Set<number>();
  let onFinish: (() => void) | undefined;
  const finished = (id: number) => {
    inProgress.delete(id);
    onFinish?.();
  };
  /** Resolves when an update in progress finishes, after `ms`, or on abort. */
  const someFinish = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        onFinish = undefined;
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      onFinish = done;
      signal.addEventListener("abort", done, { once: true });
    });

  const supplier: UpdateSupplier<Update> = {
    async supply(batchSize, grammySignal) {
      const signal = nativeSignal(grammySignal)!;
      for (;;) {
        try {
          const busy = inProgress.size > 0;
          const offset = busy ? Math.min(...inProgress) : next;
          const updates = await bot.api.getUpdates(
            { offset, limit: Math.max(1, Math.min(batchSize, 100)), timeout: busy ? 0 : opts.timeoutSeconds, allowed_updates: [...opts.allowedUpdates] as never },
            grammySignal as never,
          );
          if (state.failures) opts.log.info({ after: state.failures, lastError: state.lastError }, "telegram polling recovered");
          state.failures = 0;
          delete state.lastError;
          const fresh = updates.filter((u) => u.update_id >= next);
          if (fresh.length) {
            next = fresh.at(-1)!.update_id + 1;
            for (const u of fresh) inProgress.add(u.update_id);
            return fresh;
          }
          if (busy) await someFinish(1_000, signal);
          if (signal.aborted) throw new Error("polling stopped");
        } catch (err) {
          if (signal.aborted) throw err;
          state.failures++;
          const why = explainPollingFailure(err);
          state.lastError = { ...(why.code !== undefined ? { code: why.code } : {}), message: (err as Error)?.message ?? String(err) };
          let waitMs = Math.min(max, initial * 2 ** (state.failures - 1));
          if (why.code === 401) waitMs = Math.max(waitMs, unauthorizedDelay);
          if (err instanceof GrammyError && err.error_code === 429 && typeof err.parameters.retry_after === "number") waitMs = err.parameters.retry_after * 1000;
          opts.log[why.level]({ failures: state.failures, retryInMs: waitMs, err: describeError(err) }, why.msg);
          await timers.sleep(waitMs, signal);
        }
      }
    },
  };

  const source = createSource(supplier);
  const sink = createConcurrentSink<Update>(
    {
      consume: async (update) => {
        try {
          await bot.handleUpdate(update);
        } finally {
          finished(update.update_id);
        }
      },
    },
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
