// Follow-up context lives in the store: /hoi loads the conversation's frame, answers with it and
// saves the new one with an expiry of CONTEXT_TTL_MINUTES. So a follow-up continues its question
// whichever process answers it (two services on one SQLite file stand for two workers), the
// frame expires, and a store that cannot read or take a frame never costs the answer.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { runText } from "../commands/dispatch.js";
import { conversationKey } from "../commands/conversation.js";
import type { CommandContext } from "../commands/types.js";
import { renderPlain } from "../src/adapters/console/render.js";
import { createServices } from "../src/app.js";
import { createLogger } from "../src/log.js";
import type { Services } from "../src/services.js";
import { makeWorld, type TestWorld } from "./petitions-helpers.js";

let world: TestWorld;
const logs: string[] = [];
beforeEach(() => {
  world = makeWorld("frames-");
  logs.length = 0;
});
afterEach(async () => {
  await world.cleanup();
});

function worker(): Services {
  const s = createServices({ env: {}, config: { DATABASE_PATH: world.path, CONTEXT_TTL_MINUTES: 30 }, clock: world.clock, log: createLogger("debug", { write: (l: string) => void logs.push(l) }) });
  opened.push(s);
  return s;
}
const opened: Services[] = [];
afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((s) => s.store.close()));
});

const chat = (services: Services, over: Partial<CommandContext> = {}): CommandContext => ({
  platform: "telegram",
  chatId: "telegram:-100777",
  userId: "telegram:42",
  isPrivate: false,
  lang: "vi",
  isAdmin: false,
  services,
  ...over,
});
const ask = async (ctx: CommandContext, text: string) => renderPlain(await runText(text, ctx));

describe("conversation frames in the store", () => {
  it("a follow-up asked through another worker continues the question asked through the first", async () => {
    const a = worker();
    const b = worker();
    expect(await ask(chat(a), "GRDP tăng bao nhiêu?")).toContain("7,22%");
    const saved = await b.store.frames.load(conversationKey(chat(b)));
    expect(saved).toMatchObject({ v: 1, sessionId: "lang-son-2023", mode: "figure" });
    // With the frame: the service sector's growth only; without it "dịch vụ" would also bring its share (49,98%).
    const follow = await ask(chat(b), "còn dịch vụ?");
    expect(follow).toContain("6,6%");
    expect(follow).not.toContain("49,98%");
  });

  it("is kept per person in a group: another member's follow-up does not lean on it", async () => {
    const a = worker();
    await ask(chat(a), "GRDP tăng bao nhiêu?");
    const other = await ask(chat(a, { userId: "telegram:43" }), "còn dịch vụ?");
    expect(other).toContain("49,98%");
  });

  it("expires after CONTEXT_TTL_MINUTES", async () => {
    const a = worker();
    await ask(chat(a), "GRDP tăng bao nhiêu?");
    world.clock.advance(31 * 60_000);
    expect(await a.store.frames.load(conversationKey(chat(a)))).toBeUndefined();
    expect(await ask(chat(a), "còn dịch vụ?")).toContain("49,98%");
  });

  it("a frame the store holds in another shape is ignored, not trusted", async () => {
    const a = worker();
    await a.store.frames.save(conversationKey(chat(a)), { v: 2, sessionId: "lang-son-2023" }, new Date(world.clock.now().getTime() + 60_000));
    expect(await ask(chat(a), "còn dịch vụ?")).toContain("49,98%");
  });

  it("a store that cannot take the frame (another process holds the SQLite write lock) still answers, and says so in the log", async () => {
    const a = worker();
    await a.store.ready();
    const holder = new Database(world.path);
    holder.exec("BEGIN IMMEDIATE");
    try {
      const started = performance.now();
      expect(await ask(chat(a), "GRDP tăng bao nhiêu?")).toContain("7,22%");
      expect(performance.now() - started).toBeLessThan(2_000); // one attempt, no wait for the lock
    } finally {
      holder.exec("COMMIT");
      holder.close();
    }
    expect(logs.join("")).toContain("conversation frame could not be saved");
    expect(await a.store.frames.load(conversationKey(chat(a)))).toBeUndefined();
  });

  it("a store that cannot be read at all still answers, without a frame", async () => {
    const a = worker();
    await a.store.close();
    expect(await ask(chat(a), "GRDP tăng bao nhiêu?")).toContain("7,22%");
    expect(logs.join("")).toContain("conversation frame could not be loaded");
  });
});
