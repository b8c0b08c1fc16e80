// The SIGKILL run (issue 13): a real bot process (dist/main.mjs) against the fake Bot API, killed
// with SIGKILL 25 times in the middle of admin petition updates and digest rounds, then started
// once more to finish. An admin change is written only once its admin presses "Xác nhận" (issue
// 14): the run presses every confirmation it is shown, as an admin would, killed or not in between.
// It reports, from what the fake saw and what the SQLite file holds:
//   acknowledged writes lost   an update the bot confirmed ("Đã cập nhật") with no history row
//   written twice              an update (its unique note) stored in two or more rows
//   digests sent twice         a chat that received two digests on one day (Telegram acted on
//                              both sends, whatever the bot heard back)
//   digests neither            a chat with no digest whose delivery row is neither `sending` nor `unknown` (an
//                              unknown outcome, logged by the next process) — should be 0
// Run: npm run faults:sigkill [-- --kills 25 --seed 13]. Exits 1 when a count is not 0.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { openStore } from "../src/store/store.js";
import type { Message } from "grammy/types";
import { FakeTelegramApi, alice, callbackQuery, textMessage } from "../test/fakes/telegram-api.js";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const KILLS = arg("kills", 25);
let seed = arg("seed", 13);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "sigkill-"));
const dbPath = join(dir, "bot.sqlite");
const CYCLE = ["cho_tra_loi_van_ban", "da_bao_cao_cp", "con_ton_dong"];
const GROUPS = ["KN-01", "KN-02", "KN-03", "KN-04"];
const CHATS_PER_RUN = 30;
const logs: string[] = [];

function startBot(fake: FakeTelegramApi): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ["--enable-source-maps", "dist/main.mjs"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      DATABASE_PATH: dbPath,
      ADMIN_TELEGRAM_IDS: String(alice.id),
      RATE_LIMIT_PER_MINUTE: "100000",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr!.on("data", (d: Buffer) => logs.push(...d.toString("utf8").split("\n").filter(Boolean)));
  return { child, exited: new Promise((r) => child.on("exit", (code) => r(code))) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const b = spawn(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "inherit" });
    b.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`build failed (${code})`))));
  });
  const fake = await FakeTelegramApi.start();
  const step = new Map(GROUPS.map((g) => [g, 0]));
  const sentNotes: string[] = [];
  const digestChats: number[] = [];
  const started = Date.now();

  // Alice presses "Xác nhận" under every confirmation the bot shows her, a few ms after it arrives.
  let seenCalls = 0;
  let pressed = 0;
  const presser = setInterval(() => {
    for (; seenCalls < fake.applied.length; seenCalls++) {
      const call = fake.applied[seenCalls]!;
      if (Number(call.payload.chat_id) !== alice.id) continue;
      const buttons = (call.payload.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> } | undefined)?.inline_keyboard?.flat() ?? [];
      const confirm = buttons.find((b) => /Xác nhận/.test(b.text) && b.callback_data);
      if (!confirm || !call.result) continue;
      fake.pushUpdate(callbackQuery(confirm.callback_data!, call.result as Message, alice));
      pressed++;
    }
  }, 15);

  for (let run = 1; run <= KILLS + 1; run++) {
    const last = run === KILLS + 1;
    // New subscribers due now: each start's catch-up round has work to be killed in the middle of.
    if (!last) {
      const store = openStore(dbPath);
      for (let i = 0; i < CHATS_PER_RUN; i++) {
        const chat = 700_000 + run * 1000 + i;
        digestChats.push(chat);
        await store.subscriptions.upsertSubscription({ chatId: `telegram:${chat}`, time: "00:00", timezone: "Asia/Ho_Chi_Minh", lang: "vi", now: new Date(Date.now() - 2 * 86_400_000) });
      }
      await store.close();
    }
    const bot = startBot(fake);
    if (!last) {
      // Admin updates keep coming (one per group every 40 ms) until the kill, so that it lands
      // while some are being handled and others wait unconfirmed.
      const push = () => {
        for (const g of GROUPS) {
          const n = step.get(g)!;
          step.set(g, n + 1);
          const note = `#r${run}-${g}-${n}`;
          sentNotes.push(note);
          fake.pushUpdate(textMessage(`/kiennghi capnhat ${g} ${CYCLE[n % 3]} ${note}`, { from: alice }));
        }
      };
      push();
      const feeder = setInterval(push, 40);
      await sleep(300 + Math.floor(random() * 2200));
      bot.child.kill("SIGKILL");
      clearInterval(feeder);
      await bot.exited;
    } else {
      // The last start finishes: until Telegram has nothing pending and the bot is quiet, then SIGTERM.
      let quiet = 0;
      let seen = fake.calls.length;
      while (quiet < 3) {
        await sleep(1000);
        quiet = fake.calls.length === seen ? quiet + 1 : 0;
        seen = fake.calls.length;
      }
      bot.child.kill("SIGTERM");
      await bot.exited;
    }
  }

  clearInterval(presser);

  // ---- the books ----
  const texts = fake.applied.map((c) => ({ chat: Number(c.payload.chat_id), text: String(c.payload.text) }));
  const acked = new Set<string>();
  for (const t of texts) if (t.chat === alice.id && t.text.includes("Đã cập nhật")) for (const m of t.text.matchAll(/#r\d+-KN-\d+-\d+/g)) acked.add(m[0]);
  const db = new Database(dbPath, { readonly: true });
  const rows = new Map<string, number>();
  for (const r of db.prepare("SELECT note, COUNT(*) AS n FROM petition_history WHERE note LIKE '#r%' GROUP BY note").all() as Array<{ note: string; n: number }>) rows.set(r.note, r.n);
  const lost = [...acked].filter((n) => !rows.has(n));
  const twice = [...rows].filter(([, n]) => n > 1);
  const digestsPerChat = new Map<number, number>();
  for (const t of texts) if (t.text.includes("Bản tin chỉ số")) digestsPerChat.set(t.chat, (digestsPerChat.get(t.chat) ?? 0) + 1);
  const digestTwice = [...digestsPerChat].filter(([, n]) => n > 1);
  const statusOf = db.prepare("SELECT status FROM digest_deliveries WHERE chat_id = ?");
  const missing = digestChats.filter((c) => !digestsPerChat.has(c));
  const uncertainLogged = new Set(logs.filter((l) => /never confirmed|delivery outcome unknown/.test(l)).map((l) => (JSON.parse(l) as { chatId?: string }).chatId));
  const uncertain = (c: number) => ["sending", "unknown"].includes((statusOf.get(`telegram:${c}`) as { status?: string } | undefined)?.status ?? "");
  const neither = missing.filter((c) => !uncertain(c) || !uncertainLogged.has(`telegram:${c}`));
  // A kill between the claim and the send leaves the row `claimed`: taken over (and sent) once the
  // claim is 10 minutes old. Reported apart: sent later, never twice, but not within this run.
  const neitherStatus = Object.fromEntries(neither.map((c) => [c, (statusOf.get(`telegram:${c}`) as { status?: string } | undefined)?.status ?? "none"]));
  const notStored = sentNotes.filter((n) => !rows.has(n));
  const refusals = texts.filter((t) => t.chat === alice.id && /Không thể chuyển/.test(t.text)).length;
  db.close();

  const report = {
    kills: KILLS,
    seconds: Math.round((Date.now() - started) / 1000),
    adminUpdatesSent: sentNotes.length,
    confirmationsPressed: pressed,
    acknowledged: acked.size,
    stored: rows.size,
    notStored: notStored.length,
    refusedAsInvalidTransition: refusals,
    acknowledgedLost: lost.length,
    writtenTwice: twice.length,
    digestChats: digestChats.length,
    digestsDelivered: digestsPerChat.size,
    digestsSentTwice: digestTwice.length,
    digestsUnknown: missing.length - neither.length,
    digestsNeitherSentNorLoggedUnknown: neither.length,
    examples: { lost: lost.slice(0, 5), twice: twice.slice(0, 5), notStored: notStored.slice(0, 5), digestTwice: digestTwice.slice(0, 5), neither: neitherStatus },
  };
  process.stdout.write(JSON.stringify(report, null, 2) + "\n");
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(lost.length || twice.length || digestTwice.length || neither.length ? 1 : 0);
}

void main();
