// Several machines, end to end: three real worker processes (RUN_MODE=worker) on one PostgreSQL
// database, the fake Telegram and Discord servers on 127.0.0.1. The test plays the platforms: it
// POSTs Telegram updates to the workers' webhook path and signed Discord interactions to their
// interactions endpoint, spread over the workers at random, and reads what reached the fakes.
// Needs TEST_DATABASE_URL (CI sets it); skipped otherwise.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Update, User } from "grammy/types";
import { readFileSync } from "node:fs";
import { documentMessage, FakeTelegramApi, textMessage, type ApiCall } from "./fakes/telegram-api.js";
import { FakeDiscord } from "./fakes/discord-api.js";
import { freshDatabase, TEST_DATABASE_URL, type TestDatabase } from "./helpers/stores.js";
import { rawSqlOf } from "../src/store/store.js";
import { DiscordSigner, startCluster, type Cluster } from "./helpers/workers.js";
import { localDateOf } from "../src/digest/calendar.js";

const ADMINS: User[] = [
  { id: 7001, is_bot: false, first_name: "Lan", language_code: "vi" },
  { id: 7002, is_bot: false, first_name: "Minh", language_code: "vi" },
];

let nextUpdateId = 1;
const update = (text: string, from: User): Update => ({ update_id: nextUpdateId++, ...textMessage(text, { from }) }) as Update;
const textOf = (c: ApiCall) => String(c.payload.text);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
let cluster: Cluster;
/** Whether worker i logs that it answered `u` within a few seconds. */
const answeredBy = (i: number, u: Update) =>
  Promise.race([
    cluster.workers[i]!.waitForLog((l) => l.msg === "answered" && l.update_id === u.update_id).then(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), 5_000)),
  ]);

describe.skipIf(!TEST_DATABASE_URL)("three workers on one PostgreSQL", () => {
  let db: TestDatabase;
  let telegram: FakeTelegramApi;
  let discord: FakeDiscord;
  let signer: DiscordSigner;

  beforeAll(async () => {
    db = await freshDatabase("postgres");
    telegram = await FakeTelegramApi.start();
    discord = await FakeDiscord.start();
    signer = new DiscordSigner();
    cluster = await startCluster({
      n: 3,
      env: {
        DATABASE_URL: db.target,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        DISCORD_PUBLIC_KEY: signer.publicKeyHex,
        DISCORD_API_ROOT: discord.apiRoot,
        ADMIN_TELEGRAM_IDS: ADMINS.map((a) => a.id).join(","),
        // The digest test below: ticks every second, and a claim abandoned by a killed worker is
        // taken over after 2 s. Sends are paced by the leader's sender alone (≤ 20 a second).
        DIGEST_TICK_CRON: "* * * * * *",
        DIGEST_STALE_CLAIM_SECONDS: "2",
      },
    });
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
    await telegram?.close();
    await discord?.close();
    await db?.drop();
  });

  it("every worker is healthy: store reachable and migrated, platforms configured; none registered a webhook", async () => {
    for (let i = 0; i < 3; i++) {
      const h = await cluster.health(i);
      expect(h.status).toBe(200);
      expect(h.body).toMatchObject({ ok: true, store: { ok: true, backend: "postgres", reachable: true }, platforms: { telegram: "webhook", discord: "interactions" } });
    }
    expect(telegram.callsOf("setWebhook")).toEqual([]);
    expect(telegram.callsOf("deleteWebhook")).toEqual([]);
    expect(telegram.callsOf("getUpdates")).toEqual([]);
    // The secret is checked: a call without it is refused and nothing is answered.
    expect(await cluster.postUpdate(0, update("/help", ADMINS[0]!), "wrong-secret")).toBe(401);
  });

  it("50 chats, their updates spread over the workers at random (some sent twice): each answered once, in order per chat", async () => {
    const CHATS = 50;
    const PER_CHAT = 4;
    const users: User[] = Array.from({ length: CHATS }, (_, c) => ({ id: 900_000 + c, is_bot: false, first_name: `U${c}`, language_code: "vi" }));
    const before = telegram.delivered().length;
    // Sends take a varying while, as on the real API: an answer sent late can be overtaken.
    telegram.latencyMs = (method) => (method === "sendMessage" ? Math.floor(Math.random() * 25) : 0);
    // Like Telegram: a chat's next update goes out once the previous one was acknowledged (200),
    // to whichever worker, while the previous one may still be being handled; chats in parallel.
    await Promise.all(
      users.map(async (user, c) => {
        for (let k = 1; k <= PER_CHAT; k++) {
          const u = update(`/kiennghi thu-${k}-chat-${c}`, user);
          expect(await cluster.postUpdate(pick([0, 1, 2]), u)).toBe(200);
          if (Math.random() < 0.15) expect(await cluster.postUpdate(pick([0, 1, 2]), u)).toBe(200); // a redelivery
        }
      }),
    );
    await telegram.until(() => telegram.delivered().length >= before + CHATS * PER_CHAT);
    // One last update per chat, sent after every redelivery was acknowledged: a chat's updates are
    // handled in order, so a redelivery answered twice would show up before this one's answer.
    await Promise.all(users.map(async (user, c) => expect(await cluster.postUpdate(pick([0, 1, 2]), update(`/kiennghi thu-9-chat-${c}`, user))).toBe(200)));
    await telegram.until(() => telegram.delivered().length >= before + CHATS * (PER_CHAT + 1));
    const answers = telegram.delivered().slice(before);
    for (const [c, user] of users.entries()) {
      const mine = answers.filter((a) => a.payload.chat_id === user.id).map(textOf);
      expect(mine.map((t) => /thu-(\d)-chat-(\d+)/.exec(t)?.slice(1).join("/"))).toEqual([...Array.from({ length: PER_CHAT }, (_, k) => `${k + 1}/${c}`), `9/${c}`]);
    }
    expect(answers).toHaveLength(CHATS * (PER_CHAT + 1));
    telegram.latencyMs = () => 0;
    // The work really was spread: every worker answered some of it.
    for (const w of cluster.workers) expect(w.logs.filter((l) => l.msg === "answered").length).toBeGreaterThan(0);
  });

  it("a follow-up asked through another worker continues the question asked through the first", async () => {
    const user: User = { id: 950_001, is_bot: false, first_name: "Hà", language_code: "vi" };
    const answersTo = () => telegram.delivered().filter((c) => c.payload.chat_id === user.id).map(textOf);
    const question = update("GRDP tăng bao nhiêu?", user);
    expect(await cluster.postUpdate(0, question)).toBe(200);
    await telegram.until(() => answersTo().length === 1);
    expect(answersTo()[0]).toContain("7,22%");
    const followUp = update("còn dịch vụ?", user);
    expect(await cluster.postUpdate(1, followUp)).toBe(200);
    await telegram.until(() => answersTo().length === 2);
    // With the first question's frame (kept in PostgreSQL): the service sector's growth only.
    // Without it, "dịch vụ" alone would also bring the sector's share of the economy (49,98%).
    expect(answersTo()[1]).toContain("6,6%");
    expect(answersTo()[1]).not.toContain("49,98%");
    // Each by the worker it was posted to (the log line comes just after the send).
    expect(await answeredBy(0, question)).toBe(true);
    expect(await answeredBy(1, followUp)).toBe(true);
  });

  it("two admins updating one petition through two workers: both updates in the history, in order", async () => {
    const steps = 8;
    const targets = [
      ["da_bao_cao_cp", "con_ton_dong"],
      ["cho_tra_loi_van_ban", "con_ton_dong"],
    ];
    const before = telegram.delivered().length;
    const toAdmin = (admin: User) => telegram.delivered().slice(before).filter((c) => c.payload.chat_id === admin.id);
    // Each change is two steps (issue 14): the update shows what will change with a Confirm
    // button, then the admin presses it (a callback query, posted to the same worker).
    await Promise.all(
      ADMINS.map(async (admin, a) => {
        for (let k = 0; k < steps; k++) {
          // A confirmation the other admin's change made stale is asked again, as an admin would
          // (otherwise one admin may, by timing alone, never get a change in).
          for (let attempt = 0; attempt < 3; attempt++) {
            const seen = toAdmin(admin).length;
            const u = update(`/kiennghi capnhat KN-03 ${targets[a]![k % 2]} admin${a} buoc ${k}`, admin);
            expect(await cluster.postUpdate(a, u)).toBe(200); // admin 0 through worker 0, admin 1 through worker 1
            await telegram.until(() => toAdmin(admin).length > seen);
            const asked = toAdmin(admin)[seen]!;
            const buttons = ((asked.payload.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data: string }>> } | undefined)?.inline_keyboard ?? []).flat();
            const confirm = buttons.find((b) => b.text === "✅ Xác nhận");
            if (!confirm) break; // refused at once (the lifecycle): nothing to confirm
            const press = { update_id: nextUpdateId++, callback_query: { id: `cb-${a}-${k}-${attempt}`, from: admin, chat_instance: "ci", data: confirm.callback_data, message: asked.result } } as unknown as Update;
            expect(await cluster.postUpdate(a, press)).toBe(200);
            await telegram.until(() => toAdmin(admin).length > seen + 1);
            if (!/đã thay đổi kể từ lúc hiển thị/.test(textOf(toAdmin(admin)[seen + 1]!))) break;
          }
        }
      }),
    );
    const replies = telegram.delivered().slice(before);
    const accepted = replies.filter((r) => textOf(r).includes("Đã cập nhật KN-03"));
    // Read the history as a third party would.
    const store = db.open();
    const history = await store.petitions.history({ sessionId: "lang-son-2023", petitionId: "KN-03" });
    const changes = history.slice(1);
    expect(changes).toHaveLength(accepted.length);
    for (let i = 1; i < history.length; i++) expect(history[i]!.fromStatus).toBe(history[i - 1]!.toStatus);
    for (const [a, admin] of ADMINS.entries()) {
      const mine = changes.filter((r) => r.by === `telegram:${admin.id}`);
      expect(mine.length).toBeGreaterThan(0);
      // Each admin's own changes in the order sent (their notes carry the step).
      const order = mine.map((r) => Number(/buoc (\d+)/.exec(r.note ?? "")![1]));
      expect(order).toEqual([...order].sort((x, y) => x - y));
      expect(mine.every((r) => r.note?.startsWith(`admin${a}`))).toBe(true);
    }
    // Every refusal was the lifecycle's (the status was already the one asked for) or a confirmation
    // made stale by the other admin's change in between, never a lost update.
    for (const r of replies.filter((x) => !textOf(x).includes("Đã cập nhật") && !textOf(x).includes("Xác nhận cập nhật")))
      expect(textOf(r)).toMatch(/Không thể chuyển KN-03|Trạng thái của KN-03 đã thay đổi kể từ lúc hiển thị yêu cầu/);
  });

  it("a Discord interaction with a valid signature is answered by whichever worker gets it; a bad or missing one gets 401", async () => {
    const interaction = (id: string, name: string, options: unknown[] = []) => ({
      id,
      application_id: discord.applicationId,
      type: 2,
      token: `itok-${id}`,
      version: 1,
      data: { id: "1", name, type: 1, options },
      channel_id: "1200000000000000801",
      user: { id: "1300000000000000801", username: "dan", global_name: "Dân" },
      locale: "vi",
    });
    expect((await cluster.postInteraction(pick([0, 1, 2]), { type: 1 }, signer)).body).toEqual({ type: 1 }); // PING → PONG
    for (let i = 0; i < 3; i++) {
      const id = `15000000000000000${i}`;
      const res = await cluster.postInteraction(i, interaction(id, "ask", [{ name: "question", type: 3, value: "GRDP tăng bao nhiêu?" }]), signer);
      expect(res).toEqual({ status: 200, body: { type: 5 } });
      const edit = await discord.waitForRequest((r) => r.method === "PATCH" && r.params.token === `itok-${id}`, `the answer to ${id}`);
      expect(edit.path).toBe(`/webhooks/${discord.applicationId}/itok-${id}/messages/@original`);
      expect(JSON.stringify(edit.body)).toContain("7,22%");
    }
    const body = interaction("1500000000000000099", "help");
    const raw = JSON.stringify(body);
    const forged = { ...signer.headers(raw), "x-signature-ed25519": new DiscordSigner().headers(raw)["x-signature-ed25519"]! };
    expect((await cluster.postInteraction(0, body, undefined, forged)).status).toBe(401);
    expect((await cluster.postInteraction(1, body, undefined)).status).toBe(401);
    // A body changed after signing is refused too.
    const signed = signer.headers(raw);
    expect((await cluster.postInteraction(2, { ...body, id: "1500000000000000098" }, undefined, signed)).status).toBe(401);
    expect(discord.requests.filter((r) => r.params.token === "itok-1500000000000000099")).toEqual([]);
  });

  it("1,000 chats subscribed at one time get one digest each, with the sending worker SIGKILLed mid-round and restarted", async () => {
    const store = db.open();
    const today = localDateOf(new Date(), "Asia/Ho_Chi_Minh");
    const chats = Array.from({ length: 1000 }, (_, i) => 5_000_000 + i);
    // Subscribed yesterday for 00:00: due now, whatever the time of day.
    const yesterday = new Date(Date.now() - 36 * 3600_000);
    await Promise.all(chats.map((id) => store.subscriptions.upsertSubscription({ chatId: `telegram:${id}`, time: "00:00", timezone: "Asia/Ho_Chi_Minh", lang: "vi", now: yesterday })));
    const isDigest = (c: ApiCall) => textOf(c).includes("Bản tin chỉ số") && chats.includes(Number(c.payload.chat_id));
    const digestsTo = () => {
      const n = new Map<number, number>();
      for (const c of telegram.delivered()) if (isDigest(c)) n.set(Number(c.payload.chat_id), (n.get(Number(c.payload.chat_id)) ?? 0) + 1);
      return n;
    };
    // Wait for the round to be under way, then kill whichever worker leads it.
    await telegram.until(() => telegram.delivered().filter(isDigest).length >= 250);
    const leaders = cluster.workers.filter((w) => w.logs.some((l) => l.msg === "this worker now leads" && l.leadership === "digest"));
    expect(leaders).toHaveLength(1); // one sender at a time
    const leader = leaders[0]!;
    await cluster.kill(leader.index);
    const killedAt = new Date().toISOString();
    const sentAtKill = telegram.delivered().filter(isDigest).length;
    expect(sentAtKill).toBeLessThan(1000); // killed in the middle of the round
    await cluster.restart(leader.index);

    // Another worker takes over; wait until every chat's delivery is settled: sent, or left
    // "sending" by the killed worker (a send of the new leader still under way does not count).
    const sql = await rawSqlOf(store);
    const rows = () => sql.all<{ chat_id: string; status: string; send_started_at: string | null }>("SELECT chat_id, status, send_started_at FROM digest_deliveries WHERE local_date = $1", [today]);
    const orphaned = (r: { status: string; send_started_at: string | null }) => r.status === "sending" && (r.send_started_at ?? "") < killedAt;
    for (;;) {
      const all = await rows();
      if (all.length === 1000 && all.every((r) => r.status === "sent" || orphaned(r))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const got = digestsTo();
    expect([...got.values()].filter((n) => n > 1)).toEqual([]); // never two
    // A chat without a digest can only be one whose send was in flight when the worker died: left
    // "sending", never sent again since it may have arrived. At most the scheduler's concurrency
    // (8 sends at once) were in flight; the others are sent.
    const missing = chats.filter((id) => !got.has(id));
    const left = (await rows()).filter(orphaned).map((r) => Number(r.chat_id.split(":")[1]));
    expect(missing.length).toBeLessThanOrEqual(8);
    for (const id of missing) expect(left).toContain(id);
    expect(got.size + missing.length).toBe(1000);
    // After the kill, another process led the rest of the round: one of the others, or the killed
    // worker's restarted process when it took the lock first (a new process, with its own logs).
    const newLeaders = cluster.workers.filter((w) => w !== leader && w.logs.some((l) => l.msg === "this worker now leads"));
    expect(newLeaders.length).toBeGreaterThanOrEqual(1);
  }, 120_000);

  // Last: once Nghệ An 2024 is loaded it is the most recent session, which questions that name no
  // province (and petition commands) would go to.
  it("a report uploaded as a document through one worker is answered by another, without a restart", async () => {
    const admin = ADMINS[0]!;
    const asker: User = { id: 950_002, is_bot: false, first_name: "Tú", language_code: "vi" };
    const file = telegram.addFile(readFileSync("test/fixtures/reports/nghe-an-2024.vi.txt"));
    const doc = { update_id: nextUpdateId++, ...documentMessage(file, { from: admin, fileName: "nghe-an-2024.txt" }) } as Update;
    expect(await cluster.postUpdate(0, doc)).toBe(200);
    await telegram.until(() => telegram.delivered().some((c) => c.payload.chat_id === admin.id && textOf(c).includes("Đã thêm phiên nghe-an-2024")));
    expect(telegram.downloads.filter((d) => d.path === file.file_path)).toEqual([{ path: file.file_path, status: 200 }]);
    // Worker 2 hears of it from the store (NOTIFY, or its poll) and swaps in the new sessions.
    await cluster.workers[2]!.waitForLog((l) => l.msg === "sessions: answering from a new set of sessions" && Array.isArray(l.added) && l.added.includes("nghe-an-2024"), "worker 2 loading the new session");
    const question = update("GRDP Nghệ An 9 tháng năm 2024 tăng bao nhiêu?", asker);
    expect(await cluster.postUpdate(2, question)).toBe(200);
    await telegram.until(() => telegram.delivered().some((c) => c.payload.chat_id === asker.id));
    const answer = telegram.delivered().find((c) => c.payload.chat_id === asker.id)!;
    expect(textOf(answer)).toContain("8,3%");
    expect(await answeredBy(2, question)).toBe(true);
    for (const w of cluster.workers) expect(JSON.stringify(w.logs) + w.otherOutput).not.toContain(telegram.token);
  });
});
