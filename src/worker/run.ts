// RUN_MODE=worker: one of N identical processes on a shared PostgreSQL store, behind a load
// balancer. Each serves the Telegram webhook path, the Discord interactions endpoint and
// GET /healthz on WORKER_HOST:WORKER_PORT; none polls, opens a gateway connection or registers a
// webhook (those are deploy steps: `npm run telegram:webhook`, `npm run discord:deploy`). Each
// runs the digest scheduler, and the one holding the store's "digest" leadership sends the round.
import { REST } from "discord.js";
import type { Services } from "../services.js";
import { SenderRegistry } from "../adapters/sender.js";
import { digestSettings } from "../digest/settings.js";
import { DigestScheduler } from "../digest/scheduler.js";
import { startTelegramWorker, type TelegramWorker } from "../adapters/telegram/worker.js";
import { createInteractionsEndpoint, type InteractionsEndpoint } from "../adapters/discord/interactions.js";
import { createDiscordSender } from "../adapters/discord/sender.js";
import { discordRenderOptions } from "../adapters/discord/bot.js";
import { SuggestionStore } from "../adapters/discord/render.js";
import { startWorkerServer } from "./server.js";
import { workerHealth } from "./health.js";

const PURGE_EVERY_MS = 10 * 60_000;

export interface RunningWorker {
  port: number;
  stop(): Promise<void>;
}

/** What worker mode needs, checked before anything starts: a clear message names what is missing. */
export function workerProblems(config: Services["config"]): string[] {
  const problems: string[] = [];
  if (!config.TELEGRAM_BOT_TOKEN && !config.DISCORD_PUBLIC_KEY) problems.push("set TELEGRAM_BOT_TOKEN and/or DISCORD_PUBLIC_KEY: a worker with no platform serves nothing");
  if (config.TELEGRAM_BOT_TOKEN) {
    if (!config.TELEGRAM_WEBHOOK_URL) problems.push("TELEGRAM_WEBHOOK_URL is required in worker mode (its path is the one served)");
    if (!config.TELEGRAM_WEBHOOK_SECRET) problems.push("TELEGRAM_WEBHOOK_SECRET is required in worker mode (every worker checks the same secret)");
  }
  return problems;
}

export async function startWorker(services: Services): Promise<RunningWorker> {
  const { config, log, store } = services;
  digestSettings(config);
  const problems = workerProblems(config);
  if (problems.length) throw new Error(`RUN_MODE=worker: ${problems.join("; ")}`);
  if (store.backend === "sqlite") log.warn("worker mode on a SQLite store: run a single worker (set DATABASE_URL=postgres://… for several)");

  await store.ready(); // migrations, under the advisory lock: workers started together wait for one another
  await services.petitions?.init();

  const senders = new SenderRegistry();
  let telegram: TelegramWorker | undefined;
  if (config.TELEGRAM_BOT_TOKEN) {
    telegram = await startTelegramWorker(services, { secretToken: config.TELEGRAM_WEBHOOK_SECRET! });
    senders.register(telegram.telegram.sender);
  }
  let discord: InteractionsEndpoint | undefined;
  let discordRest: REST | undefined;
  if (config.DISCORD_PUBLIC_KEY) discord = createInteractionsEndpoint(services, { publicKey: config.DISCORD_PUBLIC_KEY, ...(config.DISCORD_API_ROOT ? { apiRoot: config.DISCORD_API_ROOT } : {}) });
  if (config.DISCORD_TOKEN) {
    // Digests to Discord channels go through REST with the bot token; no gateway connection.
    discordRest = new REST({ version: "10", ...(config.DISCORD_API_ROOT ? { api: config.DISCORD_API_ROOT.replace(/\/+$/, "") } : {}) }).setToken(config.DISCORD_TOKEN);
    const render = discordRenderOptions(services, new SuggestionStore());
    senders.register(createDiscordSender({ rest: discordRest, log, render: { sessionTitle: render.sessionTitle } }));
  }

  const platforms = { telegram: telegram ? ("webhook" as const) : ("off" as const), discord: discord ? ("interactions" as const) : ("off" as const) };
  const server = await startWorkerServer({
    host: config.WORKER_HOST,
    port: config.WORKER_PORT,
    log,
    ...(telegram ? { telegram: { path: new URL(config.TELEGRAM_WEBHOOK_URL!).pathname || "/", worker: telegram } } : {}),
    ...(discord ? { discord: { path: config.DISCORD_INTERACTIONS_PATH, endpoint: discord } } : {}),
    health: () => workerHealth(store, platforms),
  });
  log.info({ host: config.WORKER_HOST, port: server.port, store: store.backend, ...platforms }, "worker listening");

  const digest = new DigestScheduler({
    services,
    sender: senders,
    cron: config.DIGEST_TICK_CRON,
    staleClaimMs: config.DIGEST_STALE_CLAIM_SECONDS * 1000,
    sendGapMs: config.DIGEST_SEND_GAP_MS,
  });
  digest.start().catch((err: unknown) => log.error({ err }, "digest scheduler: catch-up failed"));

  const purge = setInterval(() => {
    store.purgeExpired().catch((err: unknown) => log.warn({ err: { message: (err as Error).message } }, "purging expired state failed"));
  }, PURGE_EVERY_MS);
  purge.unref();

  let stopping: Promise<void> | undefined;
  return {
    port: server.port,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(purge);
        await server.close();
        await Promise.allSettled([telegram?.stop(), discord?.stop(), digest.stop()]);
        discordRest?.clearHashSweeper();
        discordRest?.clearHandlerSweeper();
        await store.close();
        log.info("worker stopped");
      })()),
  };
}
