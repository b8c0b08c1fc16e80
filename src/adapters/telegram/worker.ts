// Telegram in worker mode: one of N identical processes behind a load balancer, each serving the
// webhook path. None calls setWebhook or getUpdates (registering the webhook is a deploy step:
// `npm run telegram:webhook`), so workers never lock each other out.
//
// An update is written to the store's inbox and the webhook answered 200 at once; then the
// worker takes the chat's lock and handles the chat's waiting updates in update_id order, each
// one through the bot's usual middleware (which claims its update_id before answering). So:
//   - updates of one chat are answered one at a time and in order, whichever workers got them;
//   - an update Telegram sends twice is answered once (the inbox knows handled ids, the claim
//     settles races);
//   - an update acknowledged by a worker that died before handling it is still in the inbox: any
//     worker's sweeper picks it up once it has waited INBOX_RETRY_MS.
import { timingSafeEqual } from "node:crypto";
import type { Update } from "grammy/types";
import type { Services } from "../../services.js";
import type { Logger } from "../../log.js";
import type { JsonObject } from "../../store/json.js";
import { isStoreUnavailable } from "../../store/sql.js";
import { createTelegramBot, type TelegramBot, type TelegramBotOptions } from "./bot.js";
import { describeError } from "./commands.js";

export const WEBHOOK_SECRET = /^[A-Za-z0-9_-]{1,256}$/;
const PLATFORM = "telegram";
/** An inbox update older than this with its chat unlocked is handled by whichever worker sweeps first. */
export const INBOX_RETRY_MS = 10_000;
const SWEEP_EVERY_MS = 5_000;

export interface TelegramWorkerOptions extends TelegramBotOptions {
  /** X-Telegram-Bot-Api-Secret-Token that every webhook call must carry (TELEGRAM_WEBHOOK_SECRET). */
  secretToken: string;
  /** Overrides INBOX_RETRY_MS / the sweep interval (tests). */
  retryAfterMs?: number;
  sweepEveryMs?: number;
}

export interface WebhookOutcome {
  status: number;
  /** Why, for the log (never the body of the update). */
  reason: string;
}

export interface TelegramWorker {
  telegram: TelegramBot;
  /** Checks and queues one webhook call; resolves with the HTTP status to answer. Handling goes on in the background. */
  receive(headers: Record<string, string | string[] | undefined>, body: unknown): Promise<WebhookOutcome>;
  /** Handles the waiting updates of one chat, under its lock. */
  drain(chatKey: string): Promise<void>;
  /** Resolves when no drain is running or waiting in this worker. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** The chat an update belongs to (its lock and its order); a user, or the update itself, when it has no chat. */
export function chatKeyOf(update: Update): string {
  const u = update as unknown as Record<string, { chat?: { id?: unknown }; message?: { chat?: { id?: unknown } }; from?: { id?: unknown } } | undefined>;
  for (const value of Object.values(u)) {
    if (!value || typeof value !== "object") continue;
    const chatId = value.chat?.id ?? value.message?.chat?.id;
    if (typeof chatId === "number" || typeof chatId === "string") return `telegram:chat:${chatId}`;
    const userId = value.from?.id;
    if (typeof userId === "number" || typeof userId === "string") return `telegram:user:${userId}`;
  }
  return `telegram:update:${update.update_id}`;
}

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startTelegramWorker(services: Services, opts: TelegramWorkerOptions): Promise<TelegramWorker> {
  if (!WEBHOOK_SECRET.test(opts.secretToken)) throw new Error("TELEGRAM_WEBHOOK_SECRET: 1-256 characters of A-Z a-z 0-9 _ - only");
  const log: Logger = services.log.child({ platform: "telegram", mode: "worker" });
  const telegram = createTelegramBot(services, opts);
  const { bot } = telegram;
  await bot.init(); // getMe: fails fast on a wrong token; no setWebhook, no command menu (deploy steps)
  log.info({ username: bot.botInfo.username }, "telegram worker ready");
  const { store, clock } = services;
  const retryAfterMs = opts.retryAfterMs ?? INBOX_RETRY_MS;

  const waiting = new Set<string>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  const handleWaiting = async (chatKey: string): Promise<void> => {
    const BATCH = 50;
    for (;;) {
      // An update received after this read has queued a drain of its own (see `drain`), so one
      // read is enough unless the batch was full.
      const items = await store.inbox.pending(PLATFORM, chatKey, BATCH);
      for (const item of items) {
        if (stopped) return;
        try {
          await bot.handleUpdate(item.payload as unknown as Update);
        } catch (err) {
          // The bot's error boundary has apologised already where it could; the update is done.
          log.error({ err: describeError(err), update_id: item.updateId }, "telegram update failed in the worker");
        }
        await store.inbox.done(PLATFORM, item.updateId);
      }
      if (items.length < BATCH) return;
    }
  };

  const track = (p: Promise<void>): Promise<void> => {
    running.add(p);
    void p.finally(() => running.delete(p));
    return p;
  };

  const drain = (chatKey: string): Promise<void> => {
    // One waiting drain per chat is enough: it starts after every update already received.
    if (waiting.has(chatKey) || stopped) return Promise.resolve();
    waiting.add(chatKey);
    return track(
      store.chatLocks
        .withLock(chatKey, async () => {
          waiting.delete(chatKey);
          await handleWaiting(chatKey);
        })
        .catch((err: unknown) => {
          waiting.delete(chatKey);
          // Left in the inbox: the sweeper tries again.
          log.warn({ err: describeError(err), chatKey }, "could not handle a chat's updates now; they stay queued");
        }),
    );
  };

  const sweep = async (): Promise<void> => {
    let chats: string[];
    try {
      chats = await store.inbox.staleChats(PLATFORM, new Date(clock.now().getTime() - retryAfterMs));
    } catch (err) {
      log.warn({ err: describeError(err) }, "inbox sweep failed");
      return;
    }
    for (const chatKey of chats) {
      if (stopped || waiting.has(chatKey)) continue;
      // A chat another worker is handling right now is its business.
      await track(
        store.chatLocks
          .tryWithLock(chatKey, () => handleWaiting(chatKey))
          .then((r) => {
            if (r.acquired) log.info({ chatKey }, "handled updates left waiting (a worker stopped before handling them?)");
          })
          .catch((err: unknown) => log.warn({ err: describeError(err), chatKey }, "inbox sweep of a chat failed")),
      );
    }
  };
  const sweeper = setInterval(() => void sweep(), opts.sweepEveryMs ?? SWEEP_EVERY_MS);
  sweeper.unref();

  return {
    telegram,
    async receive(headers, body) {
      if (!sameSecret(headers["x-telegram-bot-api-secret-token"], opts.secretToken)) return { status: 401, reason: "wrong or missing secret token" };
      if (body === null || typeof body !== "object" || Array.isArray(body)) return { status: 400, reason: "body is not a JSON object" };
      const update = body as Update;
      if (!Number.isSafeInteger(update.update_id) || update.update_id < 0) return { status: 400, reason: "no update_id" };
      const chatKey = chatKeyOf(update);
      let verdict: "queued" | "duplicate";
      try {
        verdict = await store.inbox.receive(PLATFORM, update.update_id, chatKey, body as JsonObject);
      } catch (err) {
        // Not stored, so not acknowledged: Telegram sends it again later. Nothing is lost.
        if (isStoreUnavailable(err)) return { status: 503, reason: "store unavailable" };
        throw err;
      }
      if (verdict === "duplicate") return { status: 200, reason: "handled before (redelivered)" };
      void drain(chatKey);
      return { status: 200, reason: "queued" };
    },
    drain,
    async idle() {
      while (running.size) await Promise.allSettled([...running]);
      await telegram.idle();
    },
    async stop() {
      stopped = true;
      clearInterval(sweeper);
      // What is being handled finishes; what is still queued stays in the inbox for another worker.
      await Promise.allSettled([...running]);
      await telegram.idle();
      log.info("telegram worker stopped");
    },
  };
}
