// Reads config (the environment, after .env), builds the shared services and starts whichever
// front doors are configured: Telegram and/or Discord when their tokens are set; the console when
// no token is set and stdin is a terminal, or with --console. With no token and no terminal (a
// service manager), it stops with exit code 78 (EX_CONFIG) and names the settings to set, so that
// a misconfigured service fails instead of looking like a clean stop.
import "dotenv/config";
import { createServices } from "./app.js";
import { loadConfig } from "./config.js";
import { runRepl } from "./adapters/console/repl.js";
import { consoleRole } from "./adapters/console/admin.js";
import { SenderRegistry } from "./adapters/sender.js";
import { digestSettings } from "./digest/settings.js";
import { superviseStart } from "./adapters/supervise.js";

const HELP = `Trợ lý buổi làm việc: bot Telegram/Discord, hoặc khung chat dòng lệnh.

Cách dùng:
  npm start                       chạy Telegram và/hoặc Discord (khi có TELEGRAM_BOT_TOKEN / DISCORD_TOKEN);
                                  không có token: mở khung chat dòng lệnh nếu đang ở terminal
  npm start -- --console          luôn mở khung chat dòng lệnh (kể cả khi có token, hoặc không có terminal)
  npm start -- --console --admin  khung chat với quyền quản trị (cập nhật kiến nghị), ghi vào cơ sở dữ liệu
                                  DATABASE_PATH (hoặc DATABASE_URL) phải được chỉ rõ; hoặc CONSOLE_ADMIN=1
  --help                          hướng dẫn này

Cấu hình: biến môi trường hoặc tệp .env (xem .env.example). RUN_MODE=worker: một worker HTTP.
Không có token và không có terminal (chạy dưới trình quản lý dịch vụ): dừng với mã thoát 78.

Runs the Telegram and/or Discord bot (TELEGRAM_BOT_TOKEN, DISCORD_TOKEN), or the console chat:
--console forces it, --admin (or CONSOLE_ADMIN=1) lets it run admin commands against the database
DATABASE_PATH / DATABASE_URL names. With no token and no terminal it exits 78 naming the settings.`;

/** Exit code of a start with nothing to run (sysexits.h EX_CONFIG). */
export const EXIT_NOTHING_CONFIGURED = 78;

const NOTHING_CONFIGURED = `Không có gì để chạy: chưa đặt TELEGRAM_BOT_TOKEN hay DISCORD_TOKEN, và không có terminal để mở khung chat dòng lệnh.
Hãy đặt TELEGRAM_BOT_TOKEN và/hoặc DISCORD_TOKEN (trong môi trường của dịch vụ hoặc tệp .env; xem .env.example),
hoặc RUN_MODE=worker (với TELEGRAM_WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET, DISCORD_PUBLIC_KEY) cho chế độ nhiều worker;
hoặc chạy \`npm start -- --console\` để mở khung chat dòng lệnh.
Nothing to run: neither TELEGRAM_BOT_TOKEN nor DISCORD_TOKEN is set, and stdin is not a terminal. Set TELEGRAM_BOT_TOKEN
and/or DISCORD_TOKEN (in the service's environment or .env; see .env.example), or RUN_MODE=worker, or pass --console.
`;

const KNOWN_ARGS = new Set(["--console", "--admin", "--help", "-h"]);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(HELP + "\n");
    return;
  }
  const unknown = args.filter((a) => !KNOWN_ARGS.has(a));
  if (unknown.length) {
    process.stderr.write(`Không hiểu tham số ${unknown.join(" ")} (unknown argument). Xem: npm start -- --help\n`);
    process.exitCode = 2;
    return;
  }
  // Decided before anything is loaded: a service with nothing to run fails at once, saying why.
  const settings = loadConfig(process.env);
  const noPlatform = !settings.TELEGRAM_BOT_TOKEN && !settings.DISCORD_TOKEN;
  const consoleMode = args.includes("--console") || (settings.RUN_MODE !== "worker" && noPlatform);
  if (consoleMode && !args.includes("--console") && process.stdin.isTTY !== true) {
    process.stderr.write(NOTHING_CONFIGURED);
    process.exitCode = EXIT_NOTHING_CONFIGURED;
    return;
  }
  const role = consoleMode ? consoleRole(args, settings, process.env) : undefined;
  if (role && !role.ok) {
    process.stderr.write(role.message + "\n");
    process.exitCode = EXIT_NOTHING_CONFIGURED;
    return;
  }

  const services = createServices();
  const { config, log } = services;
  digestSettings(config); // a bad DIGEST_TIMEZONE / DIGEST_DEFAULT_TIME stops here, with its name
  // The sessions added in chats (from the store); a store that cannot be read yet leaves the shipped ones
  await services.sessions?.start().catch((err: unknown) => log.error({ err }, "sessions: the sessions added in chats could not be loaded; answering from the shipped ones"));

  if (role?.ok) {
    // The terminal is the user's screen here: log lines would only get in the way.
    log.debug({ admin: role.admin }, "starting the console adapter");
    await runRepl(services, process.stdin, process.stdout, role.admin ? { admin: true, database: role.database } : {});
    services.sessions?.stop();
    await services.store.close();
    return;
  }
  if (config.RUN_MODE === "worker") return runWorker(services);
  // Every running front door registers its ChatSender here; proactive delivery (the digest) uses it.
  const senders = new SenderRegistry();

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
