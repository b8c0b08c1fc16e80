// Fault suite, issue 13 items 6 and 3 (shutdown), on the real bot process (`src/main.ts` under
// tsx): Telegram's API accepts connections and never answers. Before: main.ts awaited Telegram's
// start before starting the digest, so Discord's chats got no digest at all (0 in 60 s), and the
// hung call kept SIGTERM waiting. Now each platform starts on its own: Discord's digest goes out
// while Telegram is still trying, and SIGTERM ends the process within its deadline.
import { afterEach, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server, type Socket } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openStore } from "../src/store/store.js";
import { FakeDiscord } from "./fakes/discord-api.js";
import { eventually } from "./helpers/timers.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const CHANNEL = "1500000000000000777";

let fake: FakeDiscord | undefined;
let blackhole: Server | undefined;
const sockets = new Set<Socket>();
let child: ChildProcess | undefined;
let dir: string | undefined;
afterEach(async () => {
  child?.kill("SIGKILL");
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => (blackhole ? blackhole.close(() => r()) : r()));
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  fake = blackhole = child = dir = undefined;
});

describe("each platform starts on its own (real process)", () => {
  it("Telegram unreachable (connections accepted, never answered): Discord's digest is still sent, and SIGTERM exits promptly", async () => {
    fake = await FakeDiscord.start();
    blackhole = createServer((s) => {
      sockets.add(s);
      s.on("error", () => undefined);
    });
    await new Promise<void>((r) => blackhole!.listen(0, "127.0.0.1", r));
    const telegramPort = (blackhole.address() as { port: number }).port;

    dir = mkdtempSync(join(tmpdir(), "faults-startup-"));
    const db = join(dir, "bot.sqlite");
    const store = openStore(db);
    // Due since 00:00 today (Vietnam time), subscribed two days ago: the startup catch-up sends it.
    await store.subscriptions.upsertSubscription({ chatId: `discord:${CHANNEL}`, time: "00:00", timezone: "Asia/Ho_Chi_Minh", lang: "vi", now: new Date(Date.now() - 2 * 86_400_000) });
    await store.close();

    let out = "";
    child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        TELEGRAM_BOT_TOKEN: "123456:TEST-token_abcdefghijklmnopqrstuvwxyz",
        TELEGRAM_API_ROOT: `http://127.0.0.1:${telegramPort}`,
        DISCORD_TOKEN: fake.token,
        DISCORD_API_ROOT: fake.apiRoot,
        DATABASE_PATH: db,
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((r) => child!.on("exit", (code) => r(code)));

    // Generous: starting a TypeScript process on a busy 2-core machine takes seconds.
    await Promise.race([eventually(() => fake!.channelMessages.some((m) => m.channelId === CHANNEL)), exited.then(() => undefined)]);
    expect(fake.channelMessages.filter((m) => m.channelId === CHANNEL)).toHaveLength(1);
    expect(sockets.size).toBeGreaterThan(0); // Telegram was being tried all along
    // …and the supervisor says so, then tries again (getMe is bounded: 3 tries within 10 s).
    await eventually(() => out.includes("telegram could not start"));
    expect(out).toMatch(/"platform":"telegram","attempt":1,"retryInMs":2000/);
    expect(out).not.toContain("TEST-token");

    child.kill("SIGTERM");
    const code = await Promise.race([exited, new Promise<"hung">((r) => setTimeout(() => r("hung"), 15_000))]);
    expect(code).toBe(0);
    expect(out).toContain('"msg":"stopped"');
  }, 90_000);
});
