// Issue 13, item 7: a SQLite lock held by another process must not freeze the bot. With the old
// 5 s busy_timeout, better-sqlite3 waited inside the call, blocking the event loop: every chat
// waited behind one locked write. Now a locked write waits off the event loop, so answers that
// need no write come back while it waits; when the lock goes, the write lands; and a write that
// cannot land in time gets a polite "thử lại sau" with nothing written.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import { runText } from "../commands/dispatch.js";
import { renderPlain } from "../src/adapters/console/render.js";
import { createServices } from "../src/app.js";
import { createLogger } from "../src/log.js";
import type { Services } from "../src/services.js";
import { ctxFor, makeWorld, registry, type TestWorld } from "./petitions-helpers.js";

let world: TestWorld;
let holder: ChildProcessWithoutNullStreams | undefined;

beforeEach(() => {
  world = makeWorld("sqlite-lock-");
});
afterEach(async () => {
  holder?.kill();
  holder = undefined;
  await world.cleanup();
});

/** Another process takes the file's write lock; resolves once it holds it, with a way to let go. */
async function holdLock(path: string): Promise<{ release(): Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(process.cwd(), "test", "fixtures", "sqlite-lock-holder.ts"), path], { stdio: ["pipe", "pipe", "pipe"] });
  holder = child;
  let out = "";
  const seen = (word: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => (out.includes(word) ? resolve() : undefined);
      child.stdout.on("data", (d) => {
        out += d;
        check();
      });
      child.on("close", (code) => (out.includes(word) ? resolve() : reject(new Error(`lock holder exited ${code} before "${word}"`))));
      check();
    });
  await seen("locked");
  return {
    release: async () => {
      child.stdin.end("release\n");
      await seen("released");
    },
  };
}

function services(writeWaitMs: number): Services {
  return createServices({ env: {}, config: { DATABASE_PATH: world.path, STORE_WRITE_WAIT_MS: writeWaitMs }, clock: world.clock, log: createLogger("silent") });
}

describe("a SQLite write lock held by another process", () => {
  it("delays only the write that needs it: other chats' answers and reads come back meanwhile, then the write lands", async () => {
    const s = services(60_000);
    await registry(s).init(); // the file exists and is seeded before the other process locks it
    await s.store.subscriptions.upsertSubscription({ chatId: "telegram:7", time: "07:00", timezone: "Asia/Ho_Chi_Minh", lang: "vi", now: world.clock.now() });
    const lock = await holdLock(world.path);

    let settled = false;
    const update = runText("/kiennghi capnhat KN-01 da_bao_cao_cp Đã tổng hợp báo cáo --yes", ctxFor(s, { admin: true })).finally(() => (settled = true));

    // Unrelated chats, while the admin's write waits for the lock:
    const other = (text: string) => runText(text, { ...ctxFor(s, { admin: false }), chatId: "telegram:7" });
    expect(renderPlain(await other("grdp tang bao nhieu"))).toContain("7,22%");
    expect((await other("/kiennghi KN-01")).lines).toContain("Lịch sử (1):");
    expect((await other("/bantin trangthai")).lines[0]).toContain("Đang đăng ký");
    expect(renderPlain(await other("Kim ngạch xuất nhập khẩu năm 2022?"))).toContain("3,1 tỷ USD");
    // Every one of them was answered before the locked write finished: nothing waited behind it.
    expect(settled).toBe(false);

    await lock.release();
    const reply = await update;
    expect(reply.title).toBe("Đã cập nhật KN-01");
    const history = await registry(s).history(registry(s).byId("KN-01")!);
    expect(history.map((r) => r.toStatus)).toEqual(["da_tiep_nhan", "da_bao_cao_cp"]);
  });

  it("a write that cannot be done in time is refused politely, writes nothing, and works when tried again", async () => {
    const s = services(300);
    await registry(s).init();
    const lock = await holdLock(world.path);
    const admin = ctxFor(s, { admin: true });

    const refused = await runText("/kiennghi capnhat KN-02 da_giai_quyet Công văn số 1234/BKHĐT-KTĐPLT --yes", admin);
    expect(refused).toMatchObject({ kind: "error", ephemeral: true });
    expect(refused.lines[0]).toContain("thử lại sau");
    expect(refused.lines[0]).toContain("chưa có gì thay đổi");
    const subscribe = await runText("/bantin dangky 7h30", { ...admin, chatId: "telegram:8" });
    expect(subscribe.lines[0]).toContain("thử lại sau");

    await lock.release();
    const source = registry(s).byId("KN-02")!.group.sourceStatus;
    expect((await registry(s).history(registry(s).byId("KN-02")!)).map((r) => r.toStatus)).toEqual([source]); // nothing half-written
    expect(await s.store.subscriptions.getSubscription("telegram:8")).toBeNull();
    const again = await runText("/kiennghi capnhat KN-02 da_giai_quyet Công văn số 1234/BKHĐT-KTĐPLT --yes", admin);
    expect(again.title).toBe("Đã cập nhật KN-02");
    expect((await registry(s).history(registry(s).byId("KN-02")!)).map((r) => r.toStatus)).toEqual([source, "da_giai_quyet"]);
  });
});

describe("a SQLite write lock held by another process, through the real Telegram bot", () => {
  it("other chats get their answers (rate limit and update claims never wait) while an admin's write waits", async () => {
    const { FakeTelegramApi, alice, bob, carol, textMessage } = await import("./fakes/telegram-api.js");
    const { startHarness } = await import("./fakes/telegram-harness.js");
    const fake = await FakeTelegramApi.start();
    const h = await startHarness({ fake, config: { DATABASE_PATH: world.path, ADMIN_TELEGRAM_IDS: [String(alice.id)], STORE_WRITE_WAIT_MS: 60_000 } });
    try {
      await registry(h.services).init();
      const lock = await holdLock(world.path);
      fake.pushUpdate(textMessage("/kiennghi capnhat KN-01 da_bao_cao_cp Đã tổng hợp", { from: alice }));
      fake.pushUpdate(textMessage("GRDP tăng bao nhiêu?", { from: bob }));
      fake.pushUpdate(textMessage("/kiennghi KN-01", { from: carol }));
      const answered = await fake.waitForDelivered(2);
      // Bob and Carol were answered; Alice's update is still waiting for the lock.
      expect(answered.map((c) => c.payload.chat_id).sort()).toEqual([bob.id, carol.id].sort());
      expect(fake.delivered().some((c) => c.payload.chat_id === alice.id)).toBe(false);
      await lock.release();
      const [, , confirmation] = await fake.waitForDelivered(3);
      expect(confirmation!.payload.chat_id).toBe(alice.id);
      // The change shown, waiting for its button (the proposal is a write too: it waited for the lock).
      expect(String(confirmation!.payload.text)).toContain("Xác nhận cập nhật KN-01?");
    } finally {
      await h.stop();
      await h.services.store.close();
    }
  });
});
