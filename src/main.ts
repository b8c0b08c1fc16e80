// Reads config, builds the shared services and starts whichever front doors are configured:
// Telegram and/or Discord when their tokens are set, the console otherwise.
import "dotenv/config";
import { createServices } from "./app.js";
import { runRepl } from "./adapters/console/repl.js";
import { SenderRegistry } from "./adapters/sender.js";
import { digestSettings } from "./digest/settings.js";

async function main(): Promise<void> {
  const services = createServices();
  const { config, log } = services;
  digestSettings(config); // a bad DIGEST_TIMEZONE / DIGEST_DEFAULT_TIME stops here, with its name
  if (config.RUN_MODE === "worker") return runWorker(services);
  const stops: Array<() => Promise<void>> = [];
  // Every running front door registers its ChatSender here; proactive delivery (the digest) uses it.
  const senders = new SenderRegistry();

  if (!config.TELEGRAM_BOT_TOKEN && !config.DISCORD_TOKEN) {
    // The terminal is the user's screen here: log lines would only get in the way.
    log.debug("no platform token configured: starting the console adapter");
    await runRepl(services);
    return;
  }

  // Loaded only when used: the console never pays for discord.js or grammY.
  if (config.DISCORD_TOKEN) {
    const { startDiscord } = await import("./adapters/discord/bot.js");
    const discord = await startDiscord(services);
    stops.push(discord.stop);
    senders.register(discord.sender);
  }

  if (config.TELEGRAM_BOT_TOKEN) {
    // Long polling, or a webhook server when TELEGRAM_WEBHOOK_URL is set; registers its ChatSender.
    const { startTelegram } = await import("./adapters/telegram/index.js");
    stops.push(await startTelegram(services, { senders }));
  }

  // The daily digest through the running front doors: a catch-up pass now, then every minute.
  const { DigestScheduler } = await import("./digest/scheduler.js");
  const digest = new DigestScheduler({
    services,
    sender: senders,
    cron: config.DIGEST_TICK_CRON,
    staleClaimMs: config.DIGEST_STALE_CLAIM_SECONDS * 1000,
    sendGapMs: config.DIGEST_SEND_GAP_MS,
  });
  digest.start().catch((err: unknown) => log.error({ err }, "digest scheduler: catch-up failed"));
  stops.push(() => digest.stop());

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await Promise.allSettled(stops.map((s) => s()));
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

/** One of N identical HTTP workers on a shared store (src/worker/run.ts). */
async function runWorker(services: ReturnType<typeof createServices>): Promise<void> {
  const { startWorker } = await import("./worker/run.js");
  const worker = await startWorker(services);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    services.log.info({ signal }, "shutting down");
    await worker.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  process.stderr.write(`Không khởi động được: ${(err as Error).message}\n`);
  process.exit(1);
});
