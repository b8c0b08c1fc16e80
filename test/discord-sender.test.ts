// The Discord ChatSender (proactive delivery, e.g. the digest): POST /channels/:id/messages with
// the rendered embeds; gone-for-good channels are permanent failures, everything else retryable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { REST } from "discord.js";
import type { Reply } from "../commands/types.js";
import { SenderRegistry, type DeliveryOutcome } from "../src/adapters/sender.js";
import { createDiscordSender } from "../src/adapters/discord/sender.js";
import { createDiscordRest } from "../src/adapters/discord/rest.js";
import { renderReply } from "../src/adapters/discord/render.js";
import { FakeDiscord } from "./fakes/discord-api.js";

const ROUTE = "POST /channels/:id/messages";
const digest: Reply = {
  kind: "info",
  lang: "vi",
  title: "Bản tin chỉ số",
  lines: ["Tốc độ tăng GRDP: 7,22%"],
  figures: [{ label: "Tốc độ tăng GRDP", value: "7,22%", period: "năm 2022" }],
  suggestions: [{ label: "Chi tiết", input: "/chiso grdp-growth" }],
  footer: "Nguồn: Đoàn công tác",
  ephemeral: true,
};

let fake: FakeDiscord;
let rest: REST;
beforeAll(async () => {
  fake = await FakeDiscord.start();
  rest = createDiscordRest(fake.token, { api: fake.apiRoot, retries: 3 });
});
afterAll(async () => {
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
  await fake?.close();
});

async function failure(promise: Promise<DeliveryOutcome>): Promise<Extract<DeliveryOutcome, { status: "not_delivered" }>> {
  const outcome = await promise;
  if (outcome.status !== "not_delivered") throw new Error(`expected "not delivered", got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe("Discord ChatSender", () => {
  const sender = () => createDiscordSender({ rest });

  it("posts the rendered embeds and buttons to the channel (never ephemeral, nobody pinged)", async () => {
    const before = fake.requests.length;
    expect(await sender().send("discord:1500000000000000001", digest)).toEqual({ status: "delivered" });
    const [post] = fake.requests.slice(before);
    expect(post!.route).toBe(ROUTE);
    expect(post!.params.id).toBe("1500000000000000001");
    expect(post!.headers.authorization).toBe(`Bot ${fake.token}`);
    const { embeds, components } = renderReply({ ...digest, ephemeral: false });
    expect(post!.body).toEqual({ embeds, components, allowed_mentions: { parse: [] }, nonce: expect.stringMatching(/^[0-9a-f]{1,25}$/), enforce_nonce: true });
  });

  it.each([
    [404, 10003, "Unknown Channel"],
    [403, 50001, "Missing Access"],
    [403, 50013, "Missing Permissions"],
    [403, 50007, "Cannot send messages to this user"],
  ])("treats %i / %i (%s) as permanent", async (status, code, message) => {
    fake.failNext(`POST /channels/1500000000000000002/messages`, { status, code, message });
    const err = await failure(sender().send("discord:1500000000000000002", digest));
    expect(err.permanent).toBe(true);
    expect(err.reason).toContain(message);
  });

  it("treats other API errors and exhausted 5xx retries as temporary", async () => {
    fake.failNext(ROUTE, { status: 400, code: 50035, message: "Invalid Form Body" });
    expect((await failure(sender().send("discord:1500000000000000003", digest))).permanent).toBe(false);
    fake.failNext(ROUTE, { status: 500, times: 4 });
    expect((await failure(sender().send("discord:1500000000000000003", digest))).permanent).toBe(false);
  });

  it("rides out a 429 and a single 500", async () => {
    fake.failNext(ROUTE, { status: 429, retryAfter: 0.05 });
    fake.failNext(ROUTE, { status: 500 });
    const before = fake.requests.length;
    await sender().send("discord:1500000000000000004", digest);
    expect(fake.requests.slice(before).map((r) => r.status)).toEqual([429, 500, 200]);
  });

  it("refuses a chat id that is not a Discord channel, without calling Discord", async () => {
    const before = fake.requests.length;
    expect((await failure(sender().send("telegram:42", digest))).permanent).toBe(true);
    expect((await failure(sender().send("discord:general", digest))).permanent).toBe(true);
    expect(fake.requests.length).toBe(before);
  });

  it("is reached through the SenderRegistry by the discord: prefix", async () => {
    const registry = new SenderRegistry();
    registry.register(sender());
    expect(registry.has("discord")).toBe(true);
    const before = fake.requests.length;
    await registry.send("discord:1500000000000000005", digest);
    expect(fake.requests.slice(before).map((r) => r.path)).toEqual(["/channels/1500000000000000005/messages"]);
  });
});
