// Load, bounded: 2,000 updates queued at once from 200 users in 200 chats, through the real bot
// and the fake Bot API (with the new transport, retry policy and polling supervisor in the path).
// Every update is answered exactly once, and each chat's answers keep the order of its questions.
import { afterEach, describe, expect, it } from "vitest";
import type { User } from "grammy/types";
import { textMessage } from "./fakes/telegram-api.js";
import { startHarness, type Harness } from "./fakes/telegram-harness.js";
import { eventually } from "./helpers/timers.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe("load", () => {
  it("2,000 updates at once: each answered once, in order per chat", async () => {
    h = await startHarness();
    const users: User[] = Array.from({ length: 200 }, (_, i) => ({ id: 90_000 + i, is_bot: false, first_name: `U${i}`, language_code: "vi" }));
    const commands = ["/help", "/ketluan", "/chiso", "/kiennghi", "/bantin trangthai", "/help", "/chiso grdp", "/kiennghi KN-01", "/help", "/ketluan"];
    for (const cmd of commands) for (const u of users) h.fake.pushUpdate(textMessage(cmd, { from: u }));
    await eventually(() => h!.logs.find("answered").length >= 2_000);
    await h.running.telegram.idle();
    // One answer (at least one message) per update: the answered count per chat is 10.
    const answered = h.logs.find("answered");
    expect(answered).toHaveLength(2_000);
    expect(new Set(answered.map((e) => e.update_id)).size).toBe(2_000);
    const perChat = new Map<string, number[]>();
    for (const e of answered) perChat.set(e.chat, [...(perChat.get(e.chat) ?? []), e.update_id as number]);
    for (const ids of perChat.values()) expect(ids).toEqual([...ids].sort((a, b) => a - b));
  }, 120_000);
});
