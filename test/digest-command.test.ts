// /bantin through the shared text front door (what Telegram and the console call).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { runText } from "../commands/dispatch.js";
import { allCommands } from "../commands/index.js";
import { digestCommand } from "../commands/bantin.js";
import type { Services } from "../src/services.js";
import { DigestScheduler } from "../src/digest/scheduler.js";
import { chatContext, FakeSender, TestEnv, vn } from "./digest-helpers.js";

let clock: ManualClock;
let env: TestEnv;
let services: Services;

beforeEach(() => {
  clock = new ManualClock(vn("2026-11-27T06:59:00"));
  env = new TestEnv(clock);
  services = env.services();
});

afterEach(() => env.close());

const say = (text: string, chatId = "telegram:100", lang: "vi" | "en" = "vi") => runText(text, chatContext(services, chatId, lang));

describe("/bantin", () => {
  it("is registered as digest / bantin with the four subcommands", () => {
    expect(allCommands).toContain(digestCommand);
    expect(digestCommand.name).toBe("digest");
    expect(digestCommand.nameVi).toBe("bantin");
    expect(digestCommand.subcommands!.map((s) => [s.name, s.nameVi])).toEqual([
      ["subscribe", "dangky"],
      ["unsubscribe", "huy"],
      ["status", "trangthai"],
    ]);
  });

  it("with no argument shows today's digest", async () => {
    const reply = await say("/bantin");
    expect(reply.kind).toBe("info");
    expect(reply.title).toBe("Bản tin chỉ số — Thứ Sáu, 27/11/2026");
    expect(reply.lines.slice(0, 2)).toEqual(["Chưa có thay đổi nào gần đây.", "Số liệu chính — Lạng Sơn, năm 2022 và 4 tháng đầu năm 2023:"]);
    expect(reply.lines.at(-2)).toBe("Nổi bật hôm nay:");
    expect(reply.footer).toMatch(/Nhận mỗi ngày: \/bantin dangky 7h$/);
    const en = await say("/digest", "telegram:100", "en");
    expect(en.title).toBe("Indicator digest — Friday, 27/11/2026");
  });

  it("dangky with a time subscribes; twice updates the time; the same time says so", async () => {
    const first = await say("/bantin dangky 7h30");
    expect(first.lines).toEqual([
      "Đã đăng ký: cuộc trò chuyện này sẽ nhận bản tin chỉ số mỗi ngày lúc 07:30 (giờ Việt Nam).",
      "Bản tin tiếp theo: hôm nay lúc 07:30.",
      "Đổi giờ: /bantin dangky <giờ> · hủy: /bantin huy",
    ]);
    expect(await services.store.subscriptions.getSubscription("telegram:100")).toMatchObject({ time: "07:30", timezone: "Asia/Ho_Chi_Minh", lang: "vi" });

    const again = await say("/bantin dangky 19:05");
    expect(again.lines[0]).toBe("Đã đổi giờ nhận bản tin từ 07:30 sang 19:05 (giờ Việt Nam).");
    expect(await services.store.subscriptions.listSubscriptions()).toHaveLength(1);
    expect((await services.store.subscriptions.getSubscription("telegram:100"))?.time).toBe("19:05");

    const same = await say("/bantin dangky 19h05");
    expect(same.lines[0]).toBe("Cuộc trò chuyện này đã đăng ký nhận bản tin lúc 19:05 (giờ Việt Nam) rồi.");
  });

  it("dangky without a time uses DIGEST_DEFAULT_TIME", async () => {
    const reply = await say("/bantin dangky");
    expect(reply.lines[0]).toBe("Đã đăng ký: cuộc trò chuyện này sẽ nhận bản tin chỉ số mỗi ngày lúc 07:00 (giờ Việt Nam).");
    const other = env.services({ DIGEST_DEFAULT_TIME: "6h15" });
    await runText("/bantin dangky", chatContext(other, "telegram:200"));
    expect((await other.store.subscriptions.getSubscription("telegram:200"))?.time).toBe("06:15");
  });

  it.each(["7 giờ 30", "07:30", "7h30", "7:30"])("dangky accepts %j", async (typed) => {
    await say(`/bantin dangky ${typed}`);
    expect((await services.store.subscriptions.getSubscription("telegram:100"))?.time).toBe("07:30");
  });

  it.each(["25:00", "abc", "7h75"])("dangky refuses %j with a usage message and examples, subscribing nothing", async (typed) => {
    const reply = await say(`/bantin dangky ${typed}`);
    expect(reply.kind).toBe("usage");
    expect(reply.lines).toEqual([
      `Không đọc được giờ "${typed}". Hãy viết giờ theo kiểu 7h, 7h30, 07:30, 19:05, 7 giờ 30 (giờ Việt Nam, từ 0:00 đến 23:59).`,
      "Ví dụ: /bantin dangky 7h30",
    ]);
    expect(await services.store.subscriptions.getSubscription("telegram:100")).toBeNull();
  });

  it("in English", async () => {
    const bad = await say("/digest subscribe 25:00", "discord:5", "en");
    expect(bad.lines[0]).toBe('"25:00" is not a time I can read. Write it like 7h, 7h30, 07:30, 19:05, 7 giờ 30 (Vietnam time, from 0:00 to 23:59).');
    const ok = await say("/digest subscribe 07:30", "discord:5", "en");
    expect(ok.lines[0]).toBe("Subscribed: this chat will get the indicator digest every day at 07:30 (Vietnam time).");
    expect((await services.store.subscriptions.getSubscription("discord:5"))?.lang).toBe("en");
    const off = await say("/digest unsubscribe", "discord:5", "en");
    expect(off.lines[0]).toMatch(/^Unsubscribed/);
    const none = await say("/digest unsubscribe", "discord:5", "en");
    expect(none.lines[0]).toMatch(/^This chat is not subscribed to the daily digest, so there is nothing to cancel/);
  });

  it("huy unsubscribes; huy again says the chat is not subscribed", async () => {
    await say("/bantin dangky 7h");
    const off = await say("/bantin huy");
    expect(off.lines).toEqual(["Đã hủy đăng ký: cuộc trò chuyện này sẽ không nhận bản tin hằng ngày nữa. Bạn vẫn xem được bản tin hôm nay bằng /bantin."]);
    expect(await services.store.subscriptions.getSubscription("telegram:100")).toBeNull();
    const again = await say("/bantin huy");
    expect(again.lines).toEqual(["Cuộc trò chuyện này chưa đăng ký nhận bản tin hằng ngày, nên không có gì để hủy. Muốn đăng ký: /bantin dangky 7h"]);
  });

  it("trangthai shows the subscription, the last and the next digest", async () => {
    expect((await say("/bantin trangthai")).lines).toEqual([
      "Cuộc trò chuyện này chưa đăng ký nhận bản tin hằng ngày. Đăng ký: /bantin dangky [giờ] (mặc định 07:00).",
    ]);
    await say("/bantin dangky 7h");
    expect((await say("/bantin trangthai")).lines).toEqual([
      "Đang đăng ký: nhận bản tin chỉ số mỗi ngày lúc 07:00 (giờ Việt Nam), từ ngày 27/11/2026.",
      "Chưa nhận bản tin nào.",
      "Bản tin tiếp theo: hôm nay lúc 07:00.",
    ]);
    const sender = new FakeSender(clock);
    const scheduler = new DigestScheduler({ services, sender, sleep: async () => undefined });
    clock.set(vn("2026-11-27T07:00:00"));
    await scheduler.tick();
    clock.set(vn("2026-11-27T08:00:00"));
    expect((await say("/bantin trangthai")).lines).toEqual([
      "Đang đăng ký: nhận bản tin chỉ số mỗi ngày lúc 07:00 (giờ Việt Nam), từ ngày 27/11/2026.",
      "Bản tin gần nhất: 27/11/2026 07:00.",
      "Bản tin tiếp theo: ngày mai (28/11/2026) lúc 07:00.",
    ]);
  });

  it("a subscription made after today's time says the first digest is tomorrow", async () => {
    clock.set(vn("2026-11-27T09:00:00"));
    expect((await say("/bantin dangky 7h")).lines[1]).toBe("Bản tin tiếp theo: ngày mai (28/11/2026) lúc 07:00.");
  });

  it("a time without dangky points to dangky; anything else gets the list of subcommands", async () => {
    const hint = await say("/bantin 7h30");
    expect(hint.kind).toBe("usage");
    expect(hint.lines).toEqual(["Để nhận bản tin mỗi ngày lúc 07:30, gõ: /bantin dangky 7h30"]);
    expect(hint.suggestions).toEqual([{ label: "Đăng ký lúc 07:30", input: "/bantin dangky 07:30" }]);
    const other = await say("/bantin xyz");
    expect(other.kind).toBe("usage");
    expect(other.lines[0]).toBe('Không hiểu "xyz". Các lệnh bản tin:');
    expect(await services.store.subscriptions.listSubscriptions()).toHaveLength(0);
  });

  it("offers times while typing (Discord autocomplete)", () => {
    const opt = digestCommand.subcommands![0]!.options[0]!;
    const ctx = chatContext(services, "discord:1");
    expect(opt.autocomplete!("7", ctx).map((c) => c.value)).toEqual(["07:00", "07:30"]);
    expect(opt.autocomplete!("7h45", ctx).map((c) => c.value)).toEqual(["07:45"]);
    expect(opt.autocomplete!("", ctx).length).toBeGreaterThan(5);
  });

  it("each chat has its own subscription", async () => {
    await say("/bantin dangky 7h", "telegram:1");
    await say("/bantin dangky 8h", "discord:2");
    expect((await services.store.subscriptions.listSubscriptions()).map((s) => [s.chatId, s.time])).toEqual([
      ["telegram:1", "07:00"],
      ["discord:2", "08:00"],
    ]);
  });
});
