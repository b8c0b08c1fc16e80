// Fault suite, issue 13 item 8: bounded output. Before: `/kiennghi đất lúa` with ~600 history
// rows sent 37 messages (146,719 characters) into a chat. Now a group's history comes one page at
// a time, newest first, with buttons for older pages; any reply is at most MAX_MESSAGES messages.
import { afterEach, describe, expect, it } from "vitest";
import type { Message } from "grammy/types";
import type { Services } from "../src/services.js";
import { MAX_MESSAGES } from "../src/adapters/telegram/render.js";
import { alice, callbackQuery, textMessage } from "./fakes/telegram-api.js";
import { startHarness, type Harness } from "./fakes/telegram-harness.js";
import { startHarness as startDiscord, str, type Harness as DiscordHarness } from "./discord-harness.js";

const ROWS = 600;
const STATUSES = ["cho_tra_loi_van_ban", "da_bao_cao_cp", "con_ton_dong"] as const;

/** 600 admin updates of KN-01, each with a long note (the history of a busy group). */
async function longHistory(services: Services): Promise<void> {
  for (let i = 1; i <= ROWS; i++) {
    const r = await services.petitions!.update({
      id: "KN-01",
      status: STATUSES[i % 3]!,
      by: "telegram:4201",
      byName: "Lan",
      note: `Cập nhật số ${i}: theo Công văn số ${1000 + i}/BKHĐT-KTĐPLT. ${"Nội dung trao đổi giữa các bộ, ngành về đất lúa. ".repeat(12)}`,
    });
    if (!r.ok) throw new Error(`update ${i} refused`);
  }
}

let h: Harness | undefined;
let d: DiscordHarness | undefined;
afterEach(async () => {
  await h?.stop();
  await d?.close();
  h = d = undefined;
});

const totalChars = (calls: Array<{ payload: Record<string, unknown> }>) => calls.reduce((n, c) => n + String(c.payload.text).length, 0);

describe("bounded output (Telegram)", () => {
  it("/kiennghi KN-01 with 600 history rows: one page (the latest 10), at most a few messages, and a button to older pages", async () => {
    h = await startHarness();
    await longHistory(h.services);
    h.fake.pushUpdate(textMessage("/kiennghi KN-01"));
    await h.fake.until(() => h!.fake.delivered().length >= 1 && !!h!.fake.delivered().at(-1)!.payload.reply_markup);
    const first = h.fake.delivered();
    expect(first.length).toBeLessThanOrEqual(2);
    expect(totalChars(first)).toBeLessThan(10_000);
    const text = first.map((c) => String(c.payload.text)).join("\n");
    expect(text).toContain("Lịch sử (601 mục, mới nhất trước; trang 1/61):");
    expect(text).toContain("601. ");
    expect(text).toContain("592. ");
    expect(text).not.toContain("591. ");

    const buttons = (first.at(-1)!.payload.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard.flat();
    const older = buttons.find((b) => b.text.startsWith("Cũ hơn"))!;
    expect(older.text).toBe("Cũ hơn (trang 2/61)");
    h.fake.pushUpdate(callbackQuery(older.callback_data, first.at(-1)!.result as Message, alice));
    await h.fake.until(() => h!.fake.delivered().length > first.length && !!h!.fake.delivered().at(-1)!.payload.reply_markup);
    const second = h.fake.delivered().slice(first.length);
    const page2 = second.map((c) => String(c.payload.text)).join("\n");
    expect(page2).toContain("trang 2/61");
    expect(page2).toContain("591. ");
    expect(page2).toContain("582. ");
    expect(page2).not.toContain("592. ");
    expect(second.length).toBeLessThanOrEqual(2);
  });

  it("a topic matching several groups, the list, and a typed page stay within MAX_MESSAGES each", async () => {
    h = await startHarness();
    await longHistory(h.services);
    let seen = 0;
    for (const q of ["/kiennghi đất lúa", "/kiennghi", "/kiennghi KN-01 trang 61", "/kiennghi KN-01 trang 999", "/kiennghi chinh phu"]) {
      h.fake.pushUpdate(textMessage(q));
      await h.fake.until(() => h!.fake.delivered().length > seen && !!h!.fake.delivered().at(-1)!.payload.reply_markup);
      const mine = h.fake.delivered().slice(seen);
      seen += mine.length;
      expect(mine.length, q).toBeLessThanOrEqual(MAX_MESSAGES);
      expect(totalChars(mine), q).toBeLessThan(3 * 4096);
    }
  });
});

describe("bounded output (Discord)", () => {
  it("/petition show KN-01 with 600 rows: one page and an 'older' button that opens page 2", async () => {
    d = await startDiscord();
    await longHistory(d.services);
    const i = d.fake.chatInput("petition", [{ name: "show", type: 1, options: [str("query", "KN-01")] }]);
    const [answer] = await d.fake.waitForResponses(i, 1);
    const body = JSON.stringify(answer!.body);
    expect(body).toContain("trang 1/61");
    expect(body).toContain("q:/kiennghi KN-01 trang 2");
    const press = d.fake.button("q:/kiennghi KN-01 trang 2");
    const responses = await d.fake.waitForResponses(press, 2); // deferred, then the edit
    expect(JSON.stringify(responses.at(-1)!.body)).toContain("trang 2/61");
  });
});
