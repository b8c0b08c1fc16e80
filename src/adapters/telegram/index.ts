// Starts the Telegram front door: long polling with @grammyjs/runner by default, a webhook
// server when TELEGRAM_WEBHOOK_URL is set. Returns a stop function for a graceful shutdown.
import { randomBytes } from "node:crypto";
import type { Services } from "../../services.js";
import type { ChatSender } from "../sender.js";
import { ALLOWED_UPDATES, POLL_TIMEOUT_SECONDS, createTelegramBot, type TelegramBot, type TelegramBotOptions } from "./bot.js";
import { startPolling, type PollingOptions, type PollingState } from "./polling.js";
import { describeError } from "./commands.js";
import { startWebhookServer, type WebhookServer } from "./webhook.js";

export { createTelegramBot, type TelegramBot, type TelegramBotOptions } from "./bot.js";
export { TelegramSender } from "./sender.js";

const WEBHOOK_SECRET = /^[A-Za-z0-9_-]{1,256}$/;
/** At shutdown, answers in progress get this long to finish before their calls are aborted. */
const STOP_GRACE_MS = 2_500;

/** Resolves when `p` settles or after `ms`, whichever is first. */
function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p.then(() => undefined, () => undefined), new Promise<void>((r) => (timer = setTimeout(r, ms)))]).finally(() => clearTimeout(timer));
}

/** Lets in-flight updates finish for a moment, then aborts what is left and waits for it to unwind. */
async function drain(telegram: TelegramBot): Promise<void> {
  await within(telegram.idle(), STOP_GRACE_MS);
  telegram.abortInFlight();
  await within(telegram.idle(), 1_000);
}

export interface StartTelegramOptions extends TelegramBotOptions {
  /** Where to register the Telegram ChatSender (main.ts's SenderRegistry). */
  senders?: { register(sender: ChatSender): void };
  /** Overrides config.TELEGRAM_WEBHOOK_URL; set to "" to force long polling. */
  webhookUrl?: string;
  /** Overrides config.TELEGRAM_WEBHOOK_PORT (0 picks a free port). */
  webhookPort?: number;
  /** Aborts a start still in progress (getMe, menus, webhook registration): shutdown. */
  signal?: AbortSignal;
  /** The polling supervisor's backoff (tests shorten it). */
  pollingBackoff?: PollingOptions["backoff"];
  unauthorizedDelayMs?: number;
  /** Webhook server bounds (webhook.ts). */
  webhookTimeouts?: { headersMs?: number; requestMs?: number; keepAliveMs?: number };
}

export interface RunningTelegram {
  mode: "polling" | "webhook";
  telegram: TelegramBot;
  /** Webhook mode: where the HTTP server listens. */
  webhook?: { host: string; port: number; path: string };
  /** Polling mode: how polling is doing (consecutive failures, the last error). */
  polling?: PollingState;
  stop(): Promise<void>;
}

export async function startTelegramBot(services: Services, opts: StartTelegramOptions = {}): Promise<RunningTelegram> {
  const { config } = services;
  const log = services.log.child({ platform: "telegram" });
  const telegram = createTelegramBot(services, opts);
  const { bot } = telegram;

  const signal = opts.signal;
  // getMe, once: a failure goes up to the supervisor (src/adapters/supervise.ts), which logs what
  // it means and tries again with a capped backoff (grammY's own init retries for up to 20 minutes
  // between tries, silently).
  if (!bot.isInited()) bot.botInfo = await bot.api.getMe(signal as never);
  log.info({ username: bot.botInfo.username }, "telegram bot identified");
  await telegram.publishCommands(signal);
  opts.senders?.register(telegram.sender);

  const webhookUrl = opts.webhookUrl ?? config.TELEGRAM_WEBHOOK_URL;
  if (webhookUrl) {
    let secret = config.TELEGRAM_WEBHOOK_SECRET;
    if (secret && !WEBHOOK_SECRET.test(secret)) throw new Error("TELEGRAM_WEBHOOK_SECRET: 1-256 characters of A-Z a-z 0-9 _ - only");
    if (!secret) {
      // Telegram learns the secret from setWebhook, so a fresh one per start works as well.
      secret = randomBytes(32).toString("base64url");
      log.info("TELEGRAM_WEBHOOK_SECRET not set: using a random secret for this run");
    }
    const path = new URL(webhookUrl).pathname || "/";
    const host = config.TELEGRAM_WEBHOOK_HOST;
    const server: WebhookServer = await startWebhookServer(bot, {
      path,
      host,
      port: opts.webhookPort ?? config.TELEGRAM_WEBHOOK_PORT,
      secretToken: secret,
      log,
      ...(opts.webhookTimeouts ?? {}),
    });
    try {
      await bot.api.setWebhook(webhookUrl, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] }, signal as never);
    } catch (err) {
      await server.close();
      throw err;
    }
    log.info({ host, port: server.port, path }, "telegram webhook mode: listening");
    let stopping: Promise<void> | undefined;
    return {
      mode: "webhook",
      telegram,
      webhook: { host, port: server.port, path },
      // The webhook stays registered: Telegram keeps the updates until the bot is back.
      stop: () =>
        (stopping ??= (async () => {
          const closed = server.close();
          await drain(telegram);
          server.server.closeAllConnections();
          await within(closed, 1_000);
          log.info("telegram webhook stopped");
        })()),
    };
  }

  // Long polling: a webhook left over from an earlier run would make getUpdates fail with 409.
  await bot.api.deleteWebhook({ drop_pending_updates: false }, signal as never);
  const { handle, state } = startPolling(bot, {
    allowedUpdates: ALLOWED_UPDATES,
    timeoutSeconds: opts.pollTimeoutSeconds ?? POLL_TIMEOUT_SECONDS,
    log,
    ...(opts.timers ? { timers: opts.timers } : {}),
    ...(opts.pollingBackoff ? { backoff: opts.pollingBackoff } : {}),
    ...(opts.unauthorizedDelayMs !== undefined ? { unauthorizedDelayMs: opts.unauthorizedDelayMs } : {}),
  });
  // The supplier never gives up; this only fires on a bug in the runner itself.
  void handle.task()?.catch((err: unknown) => log.error({ err: describeError(err) }, "telegram polling stopped on an error"));
  log.info("telegram long polling started");

  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    try {
      if (handle.isRunning()) await handle.stop(); // aborts the pending long poll
    } catch (err) {
      log.warn({ err: describeError(err) }, "telegram runner stopped with an error");
    }
    await drain(telegram);
    // Confirm what was handled, so that the next start does not receive it again.
    const last = telegram.lastUpdateId();
    if (last !== undefined) {
      try {
        await bot.api.getUpdates({ offset: last + 1, limit: 1, timeout: 0 }, AbortSignal.timeout(3_000) as never);
      } catch (err) {
        log.warn({ err: describeError(err) }, "could not confirm the last handled update");
      }
    }
    log.info("telegram long polling stopped");
  };
  return { mode: "polling", telegram, polling: state, stop: () => (stopping ??= stop()) };
}

/** Starts the bot as configured and resolves to its stop function. */
export async function startTelegram(services: Services, opts: StartTelegramOptions = {}): Promise<() => Promise<void>> {
  const running = await startTelegramBot(services, opts);
  return running.stop;
}
