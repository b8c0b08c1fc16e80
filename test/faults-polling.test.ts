// Fault suite, issue 13 item 1: getUpdates answering 409 (another instance polls the same bot, as
// during a deploy overlap) or 401 (the token was revoked). Before: grammY's runner gave up for
// good on either, silently, while the process kept running. Now: an error line says what it
// means and what to do, polling retries with backoff, and resumes once the cause is gone.
import { afterEach, describe, expect, it } from "vitest";
import { alice, bob, textMessage } from "./fakes/telegram-api.js";
import { runText } from "../commands/dispatch.js";
import { startHarness, type Harness } from "./fakes/telegram-harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const fast = { pollingBackoff: { initialMs: 20, maxMs: 200 }, unauthorizedDelayMs: 50 };

describe("telegram polling supervision", () => {
  it("409 (another poller): logged as an error with what to do, retried with backoff, and polling resumes when the other instance is gone", async () => {
    h = await startHarness({ bot: fast });
    h.fake.conflict = true; // from the first poll on, another instance "holds" the bot
    await h.fake.until(() => h!.fake.callsOf("getUpdates").filter((c) => c.status === 409).length >= 4);
    const conflict = h.logs.entries().filter((e) => e.level === 50 && /polling conflict \(409\)/.test(e.msg));
    expect(conflict.length).toBeGreaterThanOrEqual(3);
    expect(conflict[0]!.msg).toContain("Stop the other instance");
    expect(conflict.map((e) => e.failures)).toEqual(conflict.map((_, i) => i + 1));
    expect(h.running.polling!.failures).toBeGreaterThanOrEqual(3);

    h.fake.conflict = false; // the old instance stopped
    h.fake.pushUpdate(textMessage("/ketluan", { from: alice }));
    await h.fake.waitForDelivered(1);
    expect(h.logs.find("telegram polling recovered")).toHaveLength(1);
    expect(h.running.polling!.failures).toBe(0);
  });

  it("401 (revoked token): logged as an error saying to get a new token, retried, and polling resumes when Telegram accepts the token again", async () => {
    h = await startHarness({ bot: fast });
    h.fake.revoked = true;
    h.fake.pushUpdate(textMessage("/help"));
    await h.fake.until(() => h!.fake.callsOf("getUpdates").filter((c) => c.status === 401).length >= 3);
    const lines = h.logs.entries().filter((e) => e.level === 50 && /rejected the bot token \(401\)/.test(e.msg));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]!.msg).toContain("@BotFather");
    expect(lines[0]!.retryInMs).toBeGreaterThanOrEqual(50);
    expect(h.logs.text).not.toContain(h.fake.token);

    h.fake.revoked = false;
    await h.fake.waitForDelivered(1);
    expect(h.logs.find("telegram polling recovered")).toHaveLength(1);
  });

  it("a run of 5xx and a dropped long poll are ridden out, said so in the log, without losing the offset: every update answered once", async () => {
    h = await startHarness({ bot: fast });
    h.fake.failNext("getUpdates", 3, 502);
    h.fake.pushUpdate(textMessage("/help"));
    await h.fake.waitForDelivered(1);
    h.fake.inject("getUpdates", "reset-before", 1);
    h.fake.pushUpdate(textMessage("/ketluan"));
    await h.fake.waitForDelivered(2);
    h.fake.pushUpdate(textMessage("/chiso"));
    await h.fake.waitForDelivered(3);
    // Each update was handed to the bot once: three answers, no repeats.
    expect(h.fake.delivered()).toHaveLength(3);
    // …and the log says what happened: each failed poll with its retry delay, then the recovery.
    const retries = h.logs.entries().filter((e) => /telegram getUpdates failed/.test(e.msg));
    expect(retries.map((e) => e.retryInMs)).toEqual([20, 40, 80, 20]);
    expect(h.logs.find("telegram polling recovered")).toHaveLength(2);
    expect(new Set(h.fake.delivered().map((c) => String(c.payload.text).slice(0, 40))).size).toBe(3);
  });

  it("an update still being handled is not confirmed to Telegram: after a crash it would come again", async () => {
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    h = await startHarness({
      bot: {
        ...fast,
        handleText: async (text, ctx) => {
          if (text === "/ketluan") await slow; // e.g. a write waiting on a lock, or a long answer
          return runText(text, ctx);
        },
      },
    });
    const stuck = h.fake.pushUpdate(textMessage("/ketluan", { from: alice }));
    const later = h.fake.pushUpdate(textMessage("/help", { from: bob }));
    await h.fake.until(() => h!.fake.delivered().some((c) => c.payload.chat_id === bob.id));
    // Telegram has been told nothing past the update in progress, though a later one is done.
    const polls = h.fake.callsOf("getUpdates").filter((c) => c.status !== 0 || c.payload.offset !== undefined);
    expect(polls.at(-1)!.payload.offset).toBeLessThanOrEqual(stuck.update_id);
    expect(later.update_id).toBeGreaterThan(stuck.update_id);
    release();
    await h.fake.until(() => h!.fake.delivered().some((c) => c.payload.chat_id === alice.id));
    await h.fake.until(() => h!.fake.callsOf("getUpdates").some((c) => Number(c.payload.offset) > later.update_id));
  });
});
