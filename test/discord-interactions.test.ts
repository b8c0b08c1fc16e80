// The Discord HTTP interactions endpoint in-process, against the fake Discord's REST API: the
// Ed25519 check (401 for a bad, missing or stale-body signature), PING, a slash command deferred
// then answered by editing the original response, an ephemeral answer as a private follow-up,
// autocomplete, a suggestion button made by another worker, a replayed interaction, the rate limit.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createServices } from "../src/app.js";
import { createLogger } from "../src/log.js";
import { ManualClock } from "../src/clock.js";
import { createInteractionsEndpoint, publicKeyFromHex, verifySignature, type InteractionsEndpoint } from "../src/adapters/discord/interactions.js";
import { SuggestionStore } from "../src/adapters/discord/render.js";
import type { Services } from "../src/services.js";
import { FakeDiscord } from "./fakes/discord-api.js";
import { DiscordSigner } from "./helpers/workers.js";
import { makeWorld, type TestWorld } from "./petitions-helpers.js";

const ADMIN = "1300000000000000077";
const USER = "1300000000000000001";
let world: TestWorld;
let fake: FakeDiscord;
let signer: DiscordSigner;
let clock: ManualClock;
const endpoints: InteractionsEndpoint[] = [];
const opened: Services[] = [];

beforeEach(async () => {
  world = makeWorld("interactions-");
  fake = await FakeDiscord.start();
  signer = new DiscordSigner();
  clock = new ManualClock("2026-11-27T02:00:00Z");
});
afterEach(async () => {
  for (const e of endpoints.splice(0)) await e.stop();
  for (const s of opened.splice(0)) await s.store.close();
  await fake.close();
  await world.cleanup();
});

function endpoint(config: Record<string, unknown> = {}): { e: InteractionsEndpoint; services: Services } {
  const services = createServices({ env: {}, clock, log: createLogger("silent"), config: { DATABASE_PATH: world.path, ADMIN_DISCORD_IDS: [ADMIN], RATE_LIMIT_PER_MINUTE: 1000, ...config } });
  opened.push(services);
  const e = createInteractionsEndpoint(services, { publicKey: signer.publicKeyHex, apiRoot: fake.apiRoot });
  endpoints.push(e);
  return { e, services };
}

let n = 0;
function interaction(type: number, data: Record<string, unknown>, user = USER) {
  const id = `16000000000000${String(n++).padStart(5, "0")}`;
  return { id, application_id: fake.applicationId, type, token: `tok-${id}`, version: 1, data, channel_id: "1200000000000000901", user: { id: user, username: "u", global_name: "Người dùng" }, locale: "vi" };
}
const command = (name: string, options: unknown[] = [], user = USER) => interaction(2, { id: "1", name, type: 1, options }, user);
const str = (name: string, value: string, focused = false) => ({ name, type: 3, value, ...(focused ? { focused } : {}) });

async function call(e: InteractionsEndpoint, body: unknown, headers?: Record<string, string>) {
  const raw = Buffer.from(JSON.stringify(body));
  return e.handle(headers ?? signer.headers(raw.toString()), raw);
}

describe("the interactions endpoint", () => {
  it("refuses a bad, missing or mismatched signature with 401, and answers PING with PONG", async () => {
    const { e } = endpoint();
    expect(await call(e, { type: 1 })).toEqual({ status: 200, body: { type: 1 } });
    const raw = JSON.stringify({ type: 1 });
    expect((await call(e, { type: 1 }, {})).status).toBe(401);
    expect((await call(e, { type: 1 }, new DiscordSigner().headers(raw))).status).toBe(401);
    expect((await call(e, { type: 1 }, { ...signer.headers(raw), "x-signature-timestamp": "1" })).status).toBe(401);
    expect((await call(e, { type: 1 }, { "x-signature-ed25519": "zz", "x-signature-timestamp": "1" })).status).toBe(401);
    const key = publicKeyFromHex(signer.publicKeyHex);
    const h = signer.headers(raw);
    expect(verifySignature(key, h["x-signature-ed25519"], h["x-signature-timestamp"], Buffer.from(raw))).toBe(true);
    expect(verifySignature(key, h["x-signature-ed25519"], h["x-signature-timestamp"], Buffer.from(raw + " "))).toBe(false);
  });

  it("defers a slash command, then edits the original response into the answer", async () => {
    const { e } = endpoint();
    const i = command("ask", [str("question", "Tỷ trọng dịch vụ trong cơ cấu kinh tế?")]);
    expect(await call(e, i)).toEqual({ status: 200, body: { type: 5 } });
    const edit = await fake.waitForRequest((r) => r.params.token === i.token);
    expect(edit.route).toBe("PATCH /webhooks/:app/:token/messages/:message");
    expect(edit.params.message).toBe("@original");
    expect(JSON.stringify(edit.body)).toContain("49,98%");
    // Discord sends an interaction once: the same id again is a replay, and writes nothing.
    expect((await call(e, i)).status).toBe(409);
  });

  it("an ephemeral answer replaces the deferred response with a private follow-up", async () => {
    const { e } = endpoint();
    const i = command("petition", [{ name: "update", type: 1, options: [str("id", "KN-01"), str("status", "da_giai_quyet")] }]); // not an admin
    expect((await call(e, i)).body).toEqual({ type: 5 });
    const [del, follow] = await fake.waitForRequests((r) => r.params.token === i.token, 2);
    expect(del!.route).toBe("DELETE /webhooks/:app/:token/messages/:message");
    expect(follow!.route).toBe("POST /webhooks/:app/:token");
    expect((follow!.body as { flags: number }).flags).toBe(64);
    expect(JSON.stringify(follow!.body)).toContain("chỉ quản trị viên");
  });

  it("answers autocomplete inline", async () => {
    const { e } = endpoint();
    const res = await call(e, interaction(4, { id: "1", name: "petition", type: 1, options: [{ name: "show", type: 1, options: [str("query", "dat lua", true)] }] }));
    expect(res.status).toBe(200);
    const body = res.body as { type: number; data: { choices: Array<{ value: string }> } };
    expect(body.type).toBe(8);
    expect(body.data.choices.slice(0, 2).map((c) => c.value).sort()).toEqual(["KN-01", "KN-02"]);
  });

  it("a button whose long suggestion another worker stored runs that question; an unknown one is told it expired", async () => {
    const a = endpoint();
    const b = endpoint();
    // A long input whose answer does not depend on the engine: a petition lookup that finds nothing echoes it.
    const long = `/kiennghi ${"zzqq ".repeat(24)}tận cùng`;
    const made = new SuggestionStore(10, { buttons: a.services.store.buttons, clock });
    await made.prepare([long]);
    const press = interaction(3, { custom_id: made.idFor(long), component_type: 2 });
    expect((await call(b.e, press)).body).toEqual({ type: 5 });
    const edit = await fake.waitForRequest((r) => r.params.token === press.token);
    expect(JSON.stringify(edit.body)).toContain("Không tìm thấy kiến nghị nào khớp với “zzqq zzqq");
    const old = await call(b.e, interaction(3, { custom_id: "k:AAAAAAAAAAAAAAAAAAAAAA", component_type: 2 }));
    expect(old.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(old.body)).toContain("hết hạn");
  });

  it("asks a user who goes too fast to slow down, inline and privately", async () => {
    const { e } = endpoint({ RATE_LIMIT_PER_MINUTE: 1 });
    expect((await call(e, command("help"))).body).toEqual({ type: 5 });
    const second = await call(e, command("help"));
    expect(second.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(second.body)).toContain("nhanh");
    await e.idle();
  });
});
