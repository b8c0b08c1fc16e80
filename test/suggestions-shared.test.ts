// Suggestion buttons made by one worker and pressed on another (both backends): a long input is
// stored behind a random nonce, so any worker resolves it, it expires, and an old or foreign key
// never resolves to another question. Telegram (64-byte callback_data) and Discord (100-character
// custom_id) alike.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { SuggestionStore as TelegramSuggestions, CALLBACK_DATA_MAX_BYTES } from "../src/adapters/telegram/suggestions.js";
import { SuggestionStore as DiscordSuggestions } from "../src/adapters/discord/render.js";
import { SUGGESTION_TTL_MS } from "../src/store/buttons.js";
import { backends, freshDatabase, type TestDatabase } from "./helpers/stores.js";

const LONG = "Tình hình giải ngân vốn đầu tư công của tỉnh Lạng Sơn trong quý I năm 2023 như thế nào, so với kế hoạch được giao?";

describe.each(backends())("suggestion buttons across workers on %s", (backend) => {
  let db: TestDatabase;
  let clock: ManualClock;
  beforeEach(async () => {
    db = await freshDatabase(backend);
    clock = new ManualClock("2026-11-27T02:00:00Z");
  });
  afterEach(() => db.drop());
  const worker = () => ({ buttons: db.open({ clock }).buttons, clock });

  it("telegram: a button made by one worker asks the same question on another, until it expires", async () => {
    const a = new TelegramSuggestions(100, worker());
    const b = new TelegramSuggestions(100, worker());
    await a.prepare(["/chiso grdp", LONG]);
    expect(a.encode("/chiso grdp")).toBe("t:/chiso grdp");
    const key = a.encode(LONG);
    expect(key).toMatch(/^k:[A-Za-z0-9_-]{22}$/);
    expect(Buffer.byteLength(key)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    expect(await b.decode(key)).toBe(LONG);
    // The same input again reuses its key; a worker restarted from scratch makes a different one.
    await a.prepare([LONG]);
    expect(a.encode(LONG)).toBe(key);
    const c = new TelegramSuggestions(100, worker());
    await c.prepare([LONG]);
    expect(c.encode(LONG)).not.toBe(key);
    // Foreign and forged keys resolve to nothing.
    expect(await b.decode("k:AAAAAAAAAAAAAAAAAAAAAA")).toBeUndefined();
    expect(await b.decode("k:abc:0")).toBeUndefined();
    clock.advance(SUGGESTION_TTL_MS);
    expect(await b.decode(key)).toBeUndefined();
  });

  it("discord: likewise, within the 100-character custom_id", async () => {
    const a = new DiscordSuggestions(100, worker());
    const b = new DiscordSuggestions(100, worker());
    await a.prepare([LONG]);
    const id = a.idFor(LONG);
    expect(id).toMatch(/^k:[A-Za-z0-9_-]{22}$/);
    expect(await b.resolve(id)).toBe(LONG);
    expect(await b.resolve("q:GRDP?")).toBe("GRDP?");
    expect(await b.resolve("something-else")).toBeNull();
    clock.advance(SUGGESTION_TTL_MS);
    expect(await b.resolve(id)).toBeUndefined();
  });
});
