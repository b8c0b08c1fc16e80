// "What is new" in the digest with the real pieces (issue 14): a session added in a chat (the live
// sessions, kept in the store with the moment it was added) and an admin's petition update show in
// the chat's next scheduled digest, with their dates, and in /bantin typed in any chat; the digest
// after that says there is nothing new since the previous one. Manual clock, a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runText } from "../commands/dispatch.js";
import { ManualClock } from "../src/clock.js";
import { DigestScheduler } from "../src/digest/scheduler.js";
import { projectRoot } from "../src/knowledge/loader.js";
import type { Services } from "../src/services.js";
import { chatContext, FakeSender, TestEnv, vn } from "./digest-helpers.js";
import { confirmed } from "./petitions-helpers.js";

let clock: ManualClock;
let env: TestEnv;
let services: Services;
let scheduler: DigestScheduler;
let sender: FakeSender;

beforeEach(async () => {
  clock = new ManualClock(vn("2026-11-26T10:00:00"));
  env = new TestEnv(clock);
  services = env.services({ ADMIN_TELEGRAM_IDS: "1" }, { storeOnClock: true });
  await services.sessions!.start();
  sender = new FakeSender(clock);
  scheduler = new DigestScheduler({ services, sender, sleep: async () => undefined });
  await services.store.subscriptions.upsertSubscription({ chatId: "telegram:100", time: "07:00", timezone: "Asia/Ho_Chi_Minh", lang: "vi", now: clock.now() });
});
afterEach(async () => {
  await scheduler.stop();
  services.sessions!.stop();
  await env.close();
});

async function digestAt(local: string): Promise<string[]> {
  clock.set(vn(local));
  await scheduler.tick();
  return sender.to("telegram:100").at(-1)!.reply.lines;
}

const QUANG_NAM = readFileSync(join(projectRoot, "test/fixtures/dev-reports/quang-nam-2024.vi.txt"), "utf8");

describe("the digest's news, end to end", () => {
  it("a session added and a status changed show once, dated, first in the next digest; then nothing new", async () => {
    const first = await digestAt("2026-11-27T07:00:00");
    expect(first[0]).toBe("Không có gì mới kể từ khi đăng ký nhận bản tin (26/11/2026 10:00).");
    expect(first[1]).toBe("Số liệu chính — Lạng Sơn, năm 2022 và 4 tháng đầu năm 2023:");

    clock.set(vn("2026-11-27T09:15:00"));
    const added = await services.sessions!.add(QUANG_NAM);
    expect(added).toMatchObject({ ok: true, summary: { id: "quang-nam-2024" } });
    clock.set(vn("2026-11-27T10:30:00"));
    const updated = await confirmed("/kiennghi capnhat KN-02 da_giai_quyet Công văn số 1234/BKHĐT-KTĐPLT", { ...chatContext(services, "telegram:1"), isAdmin: true });
    expect(updated.kind).toBe("info");

    // Typed now in a chat that never had a digest: the latest changes, through the same command every front door runs.
    const now = await runText("/bantin", chatContext(services, "telegram:555"));
    expect(now.lines.slice(0, 2)).toEqual(["Thay đổi gần đây:", "• Phiên mới: Thủ tướng Chính phủ làm việc với tỉnh Quảng Nam (năm 2024 và tháng 01/2025) — thêm lúc 27/11/2026 09:15"]);
    expect(now.lines.some((l) => l.startsWith("• KN-02 ") && l.endsWith("→ Đã giải quyết (27/11/2026 10:30)"))).toBe(true);

    const second = await digestAt("2026-11-28T07:00:00");
    expect(second.slice(0, 2)).toEqual(["Mới kể từ bản tin trước (27/11/2026 07:00):", "• Phiên mới: Thủ tướng Chính phủ làm việc với tỉnh Quảng Nam (năm 2024 và tháng 01/2025) — thêm lúc 27/11/2026 09:15"]);
    expect(second[2]).toMatch(/^• KN-02 .*: Chờ trả lời bằng văn bản → Đã giải quyết \(27\/11\/2026 10:30\)$/);
    // The key figures are now the most recent session's.
    expect(second[3]).toBe("Số liệu chính — Quảng Nam, năm 2024 và tháng 01/2025:");

    const third = await digestAt("2026-11-29T07:00:00");
    expect(third[0]).toBe("Không có gì mới kể từ bản tin trước (28/11/2026 07:00).");
    expect(third.some((l) => l.includes("Phiên mới") || l.includes("KN-02"))).toBe(false);
  });

  it("a session added before the previous digest is not news any more", async () => {
    clock.set(vn("2026-11-26T11:00:00"));
    expect((await services.sessions!.add(QUANG_NAM)).ok).toBe(true);
    const first = await digestAt("2026-11-27T07:00:00");
    expect(first[0]).toBe("Mới kể từ khi đăng ký nhận bản tin (26/11/2026 10:00):");
    expect(first[1]).toContain("Quảng Nam");
    const second = await digestAt("2026-11-28T07:00:00");
    expect(second[0]).toBe("Không có gì mới kể từ bản tin trước (27/11/2026 07:00).");
  });
});
