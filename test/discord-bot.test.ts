// The Discord bot end to end: real discord.js over real HTTP and WebSocket against the fake Discord
// in test/fakes/discord-api.ts. Bodies are compared exactly with what the renderer makes of the
// Reply an independent set of services computes for the same input.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CommandContext, CommandDef, CommandInput, Reply } from "../commands/types.js";
import { allCommands } from "../commands/index.js";
import { askCommand } from "../commands/hoi.js";
import { indicatorCommand } from "../commands/chiso.js";
import { helpCommand } from "../commands/index.js";
import { conclusionsCommand } from "../commands/ketluan.js";
import { apologyReply, runText } from "../commands/dispatch.js";
import { toDiscordChoices } from "../src/adapters/discord/bot.js";
import { DEFER_BODY, editBody, followUpBody, replyBody, startHarness, str, type Harness } from "./discord-harness.js";

const CALLBACK = "POST /interactions/:id/:token/callback";
const ADMIN = "1300000000000000099";

interface ProbeCall {
  what: string;
  input: CommandInput;
  ctx: Omit<CommandContext, "services" | "chatAdmin"> & { chatAdmin?: string };
}
const probeCalls: ProbeCall[] = [];
const record =
  (what: string) =>
  async (input: CommandInput, ctx: CommandContext): Promise<Reply> => {
    // The update claim is the store's business (test/store-shared.test.ts); the rest is compared here,
    // the chat admin check by its verdict.
    const { services: _s, update: _u, chatAdmin, ...rest } = ctx;
    probeCalls.push({ what, input, ctx: { ...rest, ...(chatAdmin ? { chatAdmin: await chatAdmin() } : {}) } });
    return { kind: "info", lang: ctx.lang, lines: [`ok ${what}`] };
  };

/** A command shaped like the coming `digest`: subcommands, typed options, a default handler. */
const probeCommand: CommandDef = {
  name: "probe",
  nameVi: "thu",
  description: { vi: "Lệnh thử", en: "Test command" },
  options: [{ name: "topic", nameVi: "chude", type: "string", description: { vi: "Chủ đề", en: "Topic" } }],
  subcommands: [
    {
      name: "subscribe",
      nameVi: "dangky",
      description: { vi: "Đăng ký", en: "Subscribe" },
      options: [
        { name: "time", nameVi: "gio", type: "string", required: true, description: { vi: "Giờ", en: "Time" } },
        { name: "count", nameVi: "soluong", type: "integer", description: { vi: "Số lượng", en: "Count" } },
      ],
      handler: record("probe subscribe"),
    },
  ],
  handler: record("probe"),
};

const boomCommand: CommandDef = {
  name: "boom",
  nameVi: "no",
  description: { vi: "Luôn lỗi", en: "Always fails" },
  options: [],
  handler: () => {
    throw new Error("kaboom: handler failure for the test");
  },
};

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ commands: [...allCommands, probeCommand, boomCommand], config: { ADMIN_DISCORD_IDS: [ADMIN] } });
});

afterAll(async () => {
  await h?.close();
});

async function ask(question: string, channelId: string, locale = "vi") {
  const i = h.fake.chatInput("ask", [str("question", question)], { channelId, locale });
  const [callback, edit] = await h.fake.waitForResponses(i, 2);
  const expectedReply = await h.expected.run(askCommand.handler, { question }, { channelId, lang: locale.startsWith("en") ? "en" : "vi" }, "ask");
  return { callback: callback!, edit: edit!, expectedReply };
}

describe("Discord bot against a fake gateway and REST server", () => {
  it("logs in through GET /gateway/bot, identifies with the Guilds intent only, and heartbeats", async () => {
    const gatewayBot = h.fake.requests.find((r) => r.route === "GET /gateway/bot")!;
    expect(gatewayBot.headers.authorization).toBe(`Bot ${h.fake.token}`);
    const identify = await h.fake.waitForGateway((f) => f.op === 2, "IDENTIFY");
    expect(identify.d).toMatchObject({ intents: 1, shard: [0, 1] });
    await h.fake.waitForGateway((f) => f.op === 1, "a heartbeat");
    expect(h.bot.client.isReady()).toBe(true);
  });

  it("answers a question with diacritics: deferReply, then the answer as an embed", async () => {
    const { callback, edit, expectedReply } = await ask("GRDP tăng bao nhiêu?", "1200000000000000010");
    expect(callback.route).toBe(CALLBACK);
    expect(callback.body).toEqual(DEFER_BODY);
    expect(edit.route).toBe("PATCH /webhooks/:app/:token/messages/:message");
    expect(edit.params.message).toBe("@original");
    expect(edit.body).toEqual(editBody(h.expected.render(expectedReply)));
  });

  it("answers the same question typed without diacritics", async () => {
    const { edit, expectedReply } = await ask("grdp tang bao nhieu", "1200000000000000011");
    expect(edit.body).toEqual(editBody(h.expected.render(expectedReply)));
  });

  it("keeps follow-up context per channel", async () => {
    const a = "1200000000000000012";
    const b = "1200000000000000013";
    const first = await ask("Giải ngân vốn đầu tư năm 2022?", a);
    expect(first.edit.body).toEqual(editBody(h.expected.render(first.expectedReply)));
    const followUp = await ask("thế còn quý I/2023?", a);
    expect(followUp.edit.body).toEqual(editBody(h.expected.render(followUp.expectedReply)));
    // The same words in another channel have no conversation to follow.
    const elsewhere = await ask("thế còn quý I/2023?", b);
    expect(elsewhere.edit.body).toEqual(editBody(h.expected.render(elsewhere.expectedReply)));
  });

  it("autocompletes a partial, diacritic-free indicator name", async () => {
    const i = h.fake.autocomplete("indicator", [str("name", "trong r", true)]);
    const [callback] = await h.fake.waitForResponses(i, 1);
    const expected = toDiscordChoices(indicatorCommand.options[0]!.autocomplete!("trong r", h.expected.ctx()), "string");
    expect(callback!.body).toEqual({ type: 8, data: { choices: expected } });
    const choices = (callback!.body as { data: { choices: Array<{ name: string; value: string }> } }).data.choices;
    expect(choices[0]).toEqual({ name: "Trồng rừng mới", value: "trong-rung-moi" });
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  it("autocompletes in English for an English Discord client", async () => {
    const i = h.fake.autocomplete("indicator", [str("name", "kim ngach", true)], { locale: "en-GB" });
    const [callback] = await h.fake.waitForResponses(i, 1);
    // ingested sessions name their series as the report does, in Vietnamese, for every client
    expect(callback!.body).toEqual({ type: 8, data: { choices: [{ name: "Tổng kim ngạch xuất, nhập khẩu hàng hoá qua địa bàn", value: "tong-kim-ngach-xuat-nhap-khau" }] } });
  });

  it("shows one indicator without deferring, figures as fields and the source quoted", async () => {
    const i = h.fake.chatInput("indicator", [str("name", "trong-rung-moi")], { channelId: "1200000000000000014" });
    const [callback] = await h.fake.waitForResponses(i, 1);
    const reply = await h.expected.run(indicatorCommand.handler, { name: "trong-rung-moi" }, { channelId: "1200000000000000014" });
    expect(callback!.body).toEqual(replyBody(h.expected.render(reply)));
    const embed = (callback!.body as { data: { embeds: Array<{ title: string; description: string; fields: Array<{ name: string; value: string }>; footer: { text: string } }> } }).data.embeds[0]!;
    expect(embed.title).toBe("Trồng rừng mới");
    expect(embed.fields.map((f) => f.value).join("|")).toContain("13.330 ha");
    expect(embed.description).toMatch(/^> /m);
    expect(embed.footer.text).toContain("Lạng Sơn");
  });

  it("answers a handler that throws with an ephemeral apology, logs it, and keeps serving", async () => {
    const i = h.fake.chatInput("boom", [], { channelId: "1200000000000000015" });
    const [callback] = await h.fake.waitForResponses(i, 1);
    expect(callback!.body).toEqual(replyBody(h.expected.render(apologyReply({ lang: "vi" }))));
    expect((callback!.body as { data: { flags: number } }).data.flags).toBe(64);
    const failure = h.logs.records().find((r) => r.msg === "command handler failed" && r.interaction === i.id);
    expect(failure).toMatchObject({ command: "boom", chatId: "discord:1200000000000000015" });
    expect(JSON.stringify(failure)).toContain("kaboom");
    // Still serving.
    const next = h.fake.chatInput("conclusions", [], { channelId: "1200000000000000015" });
    const [ok] = await h.fake.waitForResponses(next, 1);
    expect(ok!.body).toEqual(replyBody(h.expected.render(await h.expected.run(conclusionsCommand.handler, {}, { channelId: "1200000000000000015" }))));
  });

  it("turns a failure after deferReply into a private apology (delete the placeholder, ephemeral follow-up)", async () => {
    const spy = vi.spyOn(h.services.engine, "answer").mockImplementationOnce(() => {
      throw new Error("engine exploded for the test");
    });
    try {
      const i = h.fake.chatInput("ask", [str("question", "GRDP?")], { channelId: "1200000000000000016", locale: "en-US" });
      const [callback, del, follow] = await h.fake.waitForResponses(i, 3);
      expect(callback!.body).toEqual(DEFER_BODY);
      expect(del!.route).toBe("DELETE /webhooks/:app/:token/messages/:message");
      expect(follow!.route).toBe("POST /webhooks/:app/:token");
      expect(follow!.body).toEqual(followUpBody(h.expected.render(apologyReply({ lang: "en" }))));
    } finally {
      spy.mockRestore();
    }
  });

  it("waits out a 429 on the interaction callback, then succeeds", async () => {
    h.fake.failNext(CALLBACK, { status: 429, retryAfter: 0.05 });
    const i = h.fake.chatInput("conclusions", [], { channelId: "1200000000000000017" });
    await h.fake.waitForResponses(i, 1);
    const calls = h.fake.requestsFor(i);
    expect(calls.map((r) => r.status)).toEqual([429, 204]);
    const expected = replyBody(h.expected.render(await h.expected.run(conclusionsCommand.handler, {}, { channelId: "1200000000000000017" })));
    expect(calls[0]!.body).toEqual(expected);
    expect(calls[1]!.body).toEqual(expected);
  });

  it("logs a callback that keeps failing with 500, apologises once it can, and keeps serving", async () => {
    // @discordjs/rest retries a 5xx once (src/adapters/discord/rest.ts); the second failure reaches the error boundary.
    h.fake.failNext(CALLBACK, { status: 500, times: 2 });
    const i = h.fake.chatInput("help", [], { channelId: "1200000000000000018" });
    await h.fake.waitForResponses(i, 1);
    const calls = h.fake.requestsFor(i);
    expect(calls.map((r) => r.status)).toEqual([500, 500, 204]);
    expect(calls[2]!.body).toEqual(replyBody(h.expected.render(apologyReply({ lang: "vi" }))));
    expect(h.logs.records().some((r) => r.msg === "discord interaction failed" && r.interaction === i.id)).toBe(true);
    const next = h.fake.chatInput("help", [], { channelId: "1200000000000000018" });
    const [ok] = await h.fake.waitForResponses(next, 1);
    expect(ok!.body).toEqual(replyBody(h.expected.render(await h.expected.run(helpCommand.handler, {}, { channelId: "1200000000000000018" }))));
  });

  it("routes subcommands and the default 'show' subcommand, with options by English name and the Discord context", async () => {
    probeCalls.length = 0;
    const sub = h.fake.chatInput(
      "probe",
      [{ name: "subscribe", type: 1, options: [str("time", "07:30"), { name: "count", type: 4, value: 3 }] }],
      { channelId: "1200000000000000019", guildId: "1400000000000000001", user: { id: ADMIN, globalName: "Quản trị" }, locale: "en-US" },
    );
    await h.fake.waitForResponses(sub, 1);
    const show = h.fake.chatInput("probe", [{ name: "show", type: 1, options: [str("topic", "đất lúa")] }], { channelId: "1200000000000000020" });
    await h.fake.waitForResponses(show, 1);
    expect(probeCalls).toEqual([
      {
        what: "probe subscribe",
        input: { options: { time: "07:30", count: "3" }, raw: "" },
        ctx: { platform: "discord", chatId: "discord:1200000000000000019", userId: `discord:${ADMIN}`, userName: "Quản trị", lang: "en", isAdmin: true, chatAdmin: "member" },
      },
      {
        what: "probe",
        input: { options: { topic: "đất lúa" }, raw: "" },
        ctx: { platform: "discord", chatId: "discord:1200000000000000020", userId: "discord:1300000000000000001", userName: "user0001", lang: "vi", isAdmin: false, chatAdmin: "admin" },
      },
    ]);
  });

  it("shows suggestions as buttons; pressing one runs it (a command, or a question)", async () => {
    const channelId = "1200000000000000021";
    const i = h.fake.chatInput("help", [], { channelId });
    const [callback] = await h.fake.waitForResponses(i, 1);
    const helpReply = await h.expected.run(helpCommand.handler, {}, { channelId });
    expect(callback!.body).toEqual(replyBody(h.expected.render(helpReply)));
    const buttons = (callback!.body as { data: { components: Array<{ type: number; components: Array<{ type: number; custom_id: string; label: string }> }> } }).data
      .components[0]!.components;
    expect(buttons.map((b) => b.label)).toEqual(helpReply.suggestions!.map((s) => s.label));

    const command = buttons.find((b) => b.custom_id === "q:/ketluan")!;
    const press = h.fake.button(command.custom_id, { channelId });
    const [deferred, edit] = await h.fake.waitForResponses(press, 2);
    expect(deferred!.body).toEqual(DEFER_BODY);
    expect(edit!.body).toEqual(editBody(h.expected.render(await runText("/ketluan", h.expected.ctx({ channelId })))));

    const question = buttons.find((b) => b.custom_id === "q:GRDP tăng bao nhiêu?")!;
    const press2 = h.fake.button(question.custom_id, { channelId });
    const [, edit2] = await h.fake.waitForResponses(press2, 2);
    expect(edit2!.body).toEqual(editBody(h.expected.render(await runText("GRDP tăng bao nhiêu?", h.expected.ctx({ channelId })))));
  });

  it("answers an expired suggestion button privately", async () => {
    const press = h.fake.button("k:does-not-exist", { locale: "en-US" });
    const [callback] = await h.fake.waitForResponses(press, 1);
    const data = (callback!.body as { type: number; data: { flags: number; embeds: Array<{ description: string }> } }).data;
    expect((callback!.body as { type: number }).type).toBe(4);
    expect(data.flags).toBe(64);
    expect(data.embeds[0]!.description).toContain("expired");
  });

  it("answers a command it no longer publishes (stale deployment) privately", async () => {
    const i = h.fake.chatInput("retired", [], { locale: "en-US" });
    const [callback] = await h.fake.waitForResponses(i, 1);
    const data = (callback!.body as { data: { flags: number; embeds: Array<{ description: string }> } }).data;
    expect(data.flags).toBe(64);
    expect(data.embeds[0]!.description).toContain("/help");
  });

  it("reconnects and resumes when the gateway asks (op 7), then keeps answering", async () => {
    const before = h.fake.connections;
    h.fake.requestReconnect();
    const resume = await h.fake.waitForGateway((f) => f.op === 6 && f.connection > before, "RESUME on a new connection");
    expect(resume.d).toMatchObject({ token: h.fake.token });
    await new Promise<void>((r) => h.bot.client.once("shardResume", () => r()));
    const i = h.fake.chatInput("conclusions", [], { channelId: "1200000000000000022" });
    const [ok] = await h.fake.waitForResponses(i, 1);
    expect(ok!.status).toBe(204);
  });

  it("delivers proactively through the bot's own REST client (the registered ChatSender)", async () => {
    const before = h.fake.requests.length;
    await h.bot.sender.send("discord:1200000000000000023", { kind: "info", lang: "vi", lines: ["Bản tin"] });
    const [post] = h.fake.requests.slice(before);
    expect(post).toMatchObject({ route: "POST /channels/:id/messages", status: 200, params: { id: "1200000000000000023" } });
    expect(post!.headers.authorization).toBe(`Bot ${h.fake.token}`);
  });

  it("never writes the bot token or an interaction token to the log", () => {
    const text = h.logs.text;
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain(h.fake.token);
    for (const r of h.fake.requests) if (r.params.token) expect(text).not.toContain(r.params.token);
  });
});

describe("answers that depend on the query engine", () => {
  it("finds the GRDP growth with and without diacritics", async () => {
    const withMarks = await ask("GRDP tăng bao nhiêu?", "1200000000000000030");
    expect(JSON.stringify(withMarks.edit.body)).toContain("7,22%");
    const without = await ask("grdp tang bao nhieu", "1200000000000000031");
    expect(JSON.stringify(without.edit.body)).toContain("7,22%");
  });

  it("follows up in the same channel", async () => {
    const channel = "1200000000000000032";
    expect(JSON.stringify((await ask("Giải ngân vốn đầu tư năm 2022?", channel)).edit.body)).toContain("92,8%");
    const followUp = JSON.stringify((await ask("thế còn quý I/2023?", channel)).edit.body);
    expect(followUp).toContain("589 tỷ");
    expect(followUp).not.toContain("92,8%");
  });
});

describe("per-user rate limit", () => {
  let limited: Harness;
  beforeAll(async () => {
    limited = await startHarness({ config: { RATE_LIMIT_PER_MINUTE: 2 } });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it("asks a user who goes too fast to slow down, privately, until the minute has passed", async () => {
    const send = async () => {
      const i = limited.fake.chatInput("help", [], { user: { id: "1300000000000000555" } });
      const [cb] = await limited.fake.waitForResponses(i, 1);
      return cb!.body as { data: { flags?: number; embeds: Array<{ description?: string }> } };
    };
    expect((await send()).data.flags).toBeUndefined();
    expect((await send()).data.flags).toBeUndefined();
    const third = await send();
    expect(third.data.flags).toBe(64);
    expect(third.data.embeds[0]!.description).toContain("nhanh");
    limited.clock.advance(60_000);
    expect((await send()).data.flags).toBeUndefined();
  });
});
