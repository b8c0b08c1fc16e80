// The petition part of the daily digest, with the real registry: counts by live status, and the
// changes since that chat's previous digest (src/digest's scheduler, a manual clock, a real file).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runText } from "../commands/dispatch.js";
import { ManualClock } from "../src/clock.js";
import { DigestScheduler } from "../src/digest/scheduler.js";
import type { PetitionDigestSource } from "../src/digest/types.js";
import type { Services } from "../src/services.js";
import { chatContext, FakeSender, TestEnv, vn } from "./digest-helpers.js";
import { confirmed, registry } from "./petitions-helpers.js";

let clock: ManualClock;
let env: TestEnv;
let scheduler: DigestScheduler | undefined;

beforeEach(() => {
  clock = new ManualClock(vn("2026-11-26T10:00:00"));
  env = new TestEnv(clock);
});
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
  await env.close();
});

const CHANGE = "• KN-02 Kiến nghị tồn đọng với các bộ, ngành (9 nội dung): Chờ trả lời bằng văn bản → Đã giải quyết";

async function tickAt(s: DigestScheduler, local: string): Promise<void> {
  clock.set(vn(local));
  await s.tick();
}

describe("petitions in the digest", () => {
  it("the registry is the digest's petition source", async () => {
    const services = env.services();
    const source: PetitionDigestSource = registry(services);
    expect((await source.summary(null)).countsByStatus.reduce((n, c) => n + c.count, 0)).toBe(4);
  });

  it("an English digest gets English status labels", async () => {
    const services = env.services();
    const en = await runText("/digest", { ...chatContext(services, "telegram:300"), lang: "en" });
    const vi = await runText("/bantin", chatContext(services, "telegram:300"));
    expect(en.lines.join("\n")).toContain("Awaiting a written answer");
    expect(en.lines.join("\n")).not.toContain("Chờ trả lời bằng văn bản");
    expect(vi.lines.join("\n")).toContain("Chờ trả lời bằng văn bản");
  });

  it("shows an admin's update in that chat's next digest, and not in the one after", async () => {
    const services: Services = env.services({ ADMIN_TELEGRAM_IDS: "1" });
    (await services.store.subscriptions.upsertSubscription({ chatId: "telegram:100", time: "07:00", timezone: "Asia/Ho_Chi_Minh", lang: "vi", now: clock.now() }));
    const sender = new FakeSender(clock);
    scheduler = new DigestScheduler({ services, sender, sleep: async () => undefined });

    await tickAt(scheduler, "2026-11-27T07:00:00");
    const first = sender.to("telegram:100")[0]!.reply.lines;
    expect(first).toContain("• Đã tiếp nhận: 2");
    expect(first).toContain("• Chờ trả lời bằng văn bản: 2");
    expect(first.some((l) => l.includes("KN-02"))).toBe(false);

    clock.set(vn("2026-11-27T10:30:00"));
    const updated = await confirmed("/kiennghi capnhat KN-02 da_giai_quyet Công văn số 1234/BKHĐT-KTĐPLT", { ...chatContext(services, "telegram:1"), isAdmin: true });
    expect(updated.kind).toBe("info");

    // Asked for now, the digest already shows it (no previous digest in this other chat: latest changes).
    const now = await runText("/bantin", chatContext(services, "telegram:555"));
    expect(now.lines.some((l) => l.startsWith(CHANGE))).toBe(true);

    await tickAt(scheduler, "2026-11-28T07:00:00");
    const second = sender.to("telegram:100")[1]!.reply.lines;
    expect(second).toContain("• Đã giải quyết: 1");
    expect(second).toContain("• Chờ trả lời bằng văn bản: 1");
    expect(second.filter((l) => l.startsWith(CHANGE))).toEqual([`${CHANGE} (27/11/2026 10:30)`]);

    await tickAt(scheduler, "2026-11-29T07:00:00");
    const third = sender.to("telegram:100")[2]!.reply.lines;
    expect(third.some((l) => l.includes("KN-02"))).toBe(false);
    expect(third).toContain("• Đã giải quyết: 1");
  });
});
