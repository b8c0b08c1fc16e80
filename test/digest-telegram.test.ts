// End to end through the real Telegram front door (grammY, long polling over real HTTP) against the
// fake Bot API: a chat subscribes by typing /bantin dangky 7h30, the ManualClock is moved to 07:30,
// the scheduler ticks, and the digest arrives in that chat once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { SenderRegistry } from "../src/adapters/sender.js";
import { startTelegramBot, type RunningTelegram } from "../src/adapters/telegram/index.js";
import { DigestScheduler } from "../src/digest/scheduler.js";
import type { Services } from "../src/services.js";
import { alice, bob, FakeTelegramApi, textMessage } from "./fakes/telegram-api.js";
import { TestEnv, vn } from "./digest-helpers.js";

let clock: ManualClock;
let env: TestEnv;
let fake: FakeTelegramApi;
let services: Services;
let running: RunningTelegram;
let scheduler: DigestScheduler;
let senders: SenderRegistry;

beforeEach(async () => {
  clock = new ManualClock(vn("2026-11-27T06:00:00"));
  env = new TestEnv(clock);
  fake = await FakeTelegramApi.start();
  senders = new SenderRegistry();
  services = env.services({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, RATE_LIMIT_PER_MINUTE: "1000" });
  // 5xx surface at once instead of after the retry policy's backoff: the scheduler's own retry is what is tested.
  running = await startTelegramBot(services, { webhookUrl: "", senders, retry: { maxAttempts: 1 }, deliveryRetry: { maxAttempts: 1 } });
  scheduler = new DigestScheduler({ services, sender: senders, sleep: async () => undefined });
});

afterEach(async () => {
  await scheduler.stop();
  await running.stop();
  await fake.close();
  await env.close();
});

const delivered = (chatId: number) => fake.delivered().filter((c) => c.payload.chat_id === chatId);

async function tickAt(localDateTime: string): Promise<void> {
  clock.set(vn(localDateTime));
  await scheduler.tick();
}

describe("digest through Telegram", () => {
  it("/bantin dangky 7h30 in a chat, clock to 07:30: the digest arrives in that chat, once", async () => {
    fake.pushUpdate(textMessage("/bantin dangky 7h30", { from: alice }));
    const [confirmation] = await fake.waitForDelivered(1);
    expect(confirmation!.payload.chat_id).toBe(alice.id);
    expect(String(confirmation!.payload.text)).toContain("Đã đăng ký: cuộc trò chuyện này sẽ nhận bản tin chỉ số mỗi ngày lúc 07:30 (giờ Việt Nam).");
    expect((await services.store.subscriptions.getSubscription(`telegram:${alice.id}`))?.time).toBe("07:30");

    expect((await scheduler.start()).sent).toEqual([]); // 06:00: the startup pass has nothing to do
    await tickAt("2026-11-27T07:29:00");
    expect(delivered(alice.id)).toHaveLength(1);

    await tickAt("2026-11-27T07:30:00");
    const messages = delivered(alice.id);
    expect(messages).toHaveLength(2);
    const digest = String(messages[1]!.payload.text);
    expect(digest).toContain("Bản tin chỉ số — Thứ Sáu, 27/11/2026");
    expect(digest).toContain("Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP): đạt 7,22% (năm 2022 và 4 tháng đầu năm 2023)");
    expect(digest).toContain("Ngừng nhận: /bantin huy");
    expect(messages[1]!.payload.parse_mode).toBe("HTML");

    for (const t of ["07:30:30", "07:31:00", "08:00:00", "23:59:00"]) await tickAt(`2026-11-27T${t}`);
    await Promise.all([scheduler.tick(), scheduler.tick()]);
    expect(delivered(alice.id)).toHaveLength(2);
    expect(await services.store.subscriptions.getDelivery(`telegram:${alice.id}`, "2026-11-27")).toMatchObject({ status: "sent", attempts: 1 });

    // Typed /bantin trangthai shows it.
    fake.pushUpdate(textMessage("/bantin trangthai", { from: alice }));
    await fake.waitForDelivered(3);
    expect(String(delivered(alice.id)[2]!.payload.text)).toContain("Bản tin gần nhất: 27/11/2026 07:30.");
  });

  it("a chat that blocked the bot (403 from Telegram) is unsubscribed; a 5xx is retried on the next tick", async () => {
    fake.pushUpdate(textMessage("/bantin dangky 7h", { from: alice }));
    fake.pushUpdate(textMessage("/bantin dangky 7h", { from: bob }));
    await fake.waitForDelivered(2);
    fake.blockedChats.add(bob.id);
    await tickAt("2026-11-27T07:00:00");
    expect(delivered(alice.id)).toHaveLength(2);
    expect(await services.store.subscriptions.getSubscription(`telegram:${bob.id}`)).toBeNull();
    expect(env.logged("unsubscribed").map((l) => l.chatId)).toEqual([`telegram:${bob.id}`]);

    // Next day Telegram has a bad moment (beyond the adapter's own retries): the digest comes a tick later, once.
    fake.failNext("sendMessage", 1, 500);
    await tickAt("2026-11-28T07:00:00");
    expect(delivered(alice.id)).toHaveLength(2);
    await tickAt("2026-11-28T07:01:00");
    await tickAt("2026-11-28T07:02:00");
    expect(delivered(alice.id).map((c) => String(c.payload.text).includes("Thứ Bảy, 28/11/2026"))).toEqual([false, false, true]);
  });
});
