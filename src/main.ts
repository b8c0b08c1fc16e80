// Reads config, builds the shared services and starts whichever front doors are configured:
// Telegram and/or Discord when their tokens are set, the console otherwise.
import "dotenv/config";
import { createServices } from "./app.js";
import { runRepl } from "./adapters/console/repl.js";
import { SenderRegistry } from "./adapters/sender.js";
import { digestSettings } from "./digest/settings.js";
import { superviseStart } from "./adapters/supervise.js";

async function main(): Promise<void> {
  const services = createServices();
  const { config, log } = services;
  digestSettings(config); // a bad DIGEST_TIMEZONE / DIGEST_DEFAULT_TIME stops here, with its name
  // The sessions added in chats (from the store); a store that cannot be read yet leaves the shipped ones
  await services.sessions?.start().catch((err: unknown) => log.error({ err }, "sessions: the sessions added in chats could not be loaded; answering from the shipped ones"));
  if (config.RUN_MODE === "worker") return runWorker(services);
  // Every running front door registers its ChatSender here; proactive delivery (the digest) uses it.
  const senders = new SenderRegistry();

  if (!config.TELEGRAM_BOT_TOKEN && !config.DISCORD_TOKEN) {
    // The terminal is the user's screen here: log lines would only get in the way.
    log.debug("no platform token configured: starting the console adapter");
    await runRepl(services);
    return;
  }

  // Each platform starts on its own, in the background, and retries on its own: Telegram
  // unreachable must not keep Discord (or Discord's digests) waiting, nor the other way round.
  // Loaded only when used: the console never pays for discord.js or grammY.
  const doors: Array<{ ready: Promise<unknown>; stop(): Promise<void> }> = [];
  if (config.DISCORD_TOKEN) {
    doors.push(
      superviseStart({
        name: "discord",
        log,
        explain: explainDiscordStart,
        start: async (signal) => {
          const { startDiscord } = await import("./adapters/discord/bot.js");
          const discord = await startDiscord(services, { signal });
          senders.register(discord.sender);
          return discord;
        },
      }),
    );
  }
  if (config.TELEGRAM_BOT_TOKEN) {
    // Long polling, or a webhook server when TELEGRAM_WEBHOOK_URL is set; registers its ChatSender.
    doors.push(
      superviseStart({
        name: "telegram",
        log,
        explain: explainTelegramStart,
        start: async (signal) => {
          const { startTelegramBot } = await import("./adapters/telegram/index.js");
          return startTelegramBot(services, { senders, signal });
        },
      }),
    );
  }

  // The daily digest through whichever front doors are up: a catch-up pass now, then every
  // minute; a platform's chats wait (unclaimed) until its front door has started.
  const { DigestScheduler } = await import("./digest/scheduler.js");
  const digest = new DigestScheduler({
    services,
    sender: senders,
    cron: config.DIGEST_TICK_CRON,
    staleClaimMs: config.DIGEST_STALE_CLAIM_SECONDS * 1000,
    sendGapMs: config.DIGEST_SEND_GAP_MS,
  });
  digest.start().catch((err: unknown) => log.error({ err }, "digest scheduler: catch-up failed"));
  // A front door that comes up later gets its chats' catch-up at once, not at the next minute.
  for (const door of doors) void door.ready.then(() => digest.tick()).catch((err: unknown) => log.error({ err }, "digest: catch-up failed"));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    // Whatever is in flight, the process is gone within SHUTDOWN_DEADLINE_MS (a supervisor's
    // SIGKILL usually follows SIGTERM after 10 s): sends are aborted, not waited out.
    setTimeout(() => {
      log.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, "shutdown did not finish in time: exiting anyway");
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    services.sessions?.stop();
    await Promise.allSettled([digest.stop(), ...doors.map((d) => d.stop())]);
    await services.store.close();
    log.info("stopped");
    log.flush();
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
    services.sessions?.stop();
    stopping = true;
    services.log.info({ signal }, "shutting down");
    setTimeout(() => {
      services.log.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, "shutdown did not finish in time: exiting anyway");
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    await worker.stop();
    services.log.flush();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

/** Past this, shutdown exits whatever is still running. */
const SHUTDOWN_DEADLINE_MS = 8_000;

function explainTelegramStart(err: unknown): string | undefined {
  const code = (err as { error_code?: unknown })?.error_code;
  if (code === 401) return "telegram rejected TELEGRAM_BOT_TOKEN (401): it was revoked or is wrong. Get the current token from @BotFather and restart; retrying meanwhile";
  if (code === 404) return "telegram answered 404 to getMe: TELEGRAM_BOT_TOKEN or TELEGRAM_API_ROOT is wrong; retrying meanwhile";
  return "telegram could not start (unreachable?); Discord and the digest keep running, retrying";
}

function explainDiscordStart(err: unknown): string | undefined {
  const text = `${(err as Error)?.message ?? ""} ${((err as Error)?.cause as Error)?.message ?? ""}`;
  if (/invalid token|401|4004|authentication failed/i.test(text))
    return "discord refused DISCORD_TOKEN: reset it in the developer portal (Bot → Reset Token), set it and restart; retrying meanwhile";
  return "discord could not start (unreachable?); Telegram and the digest keep running, retrying";
}

main().catch((err) => {
  process.stderr.write(`Không khởi động được: ${(err as Error).message}\n`);
  process.exit(1);
});
