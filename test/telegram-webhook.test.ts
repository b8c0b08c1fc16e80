// End to end in webhook mode: Telegram POSTs updates to our node:http server (here the test does),
// grammY's webhookCallback checks the secret, the bot answers through the fake Bot API.
import { afterEach, describe, expect, it } from "vitest";
import { request } from "node:http";
import { Bot } from "grammy";
import type { Update } from "grammy/types";
import { runText, apologyReply } from "../commands/dispatch.js";
import { startWebhookServer } from "../src/adapters/telegram/webhook.js";
import type { StartTelegramOptions } from "../src/adapters/telegram/index.js";
import { createLogger } from "../src/log.js";
import { FakeTelegramApi, alice, textMessage } from "./fakes/telegram-api.js";
import { LogCapture, expectedPayloads, expectedReplies, startHarness, type Harness } from "./fakes/telegram-harness.js";

const SECRET = "s3cret-Token_for-tests";
const URL_ = "https://bot.example.org/telegram/hook";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

let nextUpdateId = 9000;
function update(text: string, from = alice): Update {
  return { update_id: nextUpdateId++, ...textMessage(text, { from }) } as Update;
}

function post(port: number, path: string, body: string | Buffer, headers: Record<string, string> = {}, method = "POST"): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method, headers: { "Content-Type": "application/json", ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function startWebhookHarness(bot: StartTelegramOptions = {}): Promise<Harness & { port: number; path: string }> {
  const harness = await startHarness({
    config: { TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_WEBHOOK_HOST: "127.0.0.1" },
    bot: { webhookUrl: URL_, webhookPort: 0, ...bot },
  });
  h = harness;
  return { ...harness, port: harness.running.webhook!.port, path: harness.running.webhook!.path };
}

describe("telegram webhook mode", () => {
  it("registers the webhook with its secret and does not poll", async () => {
    const w = await startWebhookHarness();
    expect(w.running.mode).toBe("webhook");
    expect(w.path).toBe("/telegram/hook");
    expect(w.fake.callsOf("setWebhook").map((c) => c.payload)).toEqual([{ url: URL_, secret_token: SECRET, allowed_updates: ["message", "callback_query"] }]);
    expect(w.fake.callsOf("setMyCommands")).toHaveLength(3);
    expect(w.fake.callsOf("getUpdates")).toHaveLength(0);
    expect(w.fake.callsOf("deleteWebhook")).toHaveLength(0);
  });

  it("refuses a request without the right secret (401) and processes nothing", async () => {
    const w = await startWebhookHarness();
    let asked = 0;
    const answer = w.services.engine.answer.bind(w.services.engine);
    w.services.engine.answer = (...args) => (asked++, answer(...args));
    const body = JSON.stringify(update("GRDP tăng bao nhiêu?"));
    expect((await post(w.port, w.path, body, { "X-Telegram-Bot-Api-Secret-Token": "wrong" })).status).toBe(401);
    expect((await post(w.port, w.path, body)).status).toBe(401);
    expect(w.fake.callsOf("sendMessage")).toHaveLength(0);
    expect(asked).toBe(0);
    expect(w.logs.find("webhook request without the right secret token: refused")).toHaveLength(2);
  });

  it("answers an update that carries the right secret before answering the HTTP request", async () => {
    const w = await startWebhookHarness();
    const u = update("GRDP tăng bao nhiêu?");
    const res = await post(w.port, w.path, JSON.stringify(u), { "X-Telegram-Bot-Api-Secret-Token": SECRET });
    expect(res.status).toBe(200);
    const sent = w.fake.callsOf("sendMessage");
    const [reply] = await expectedReplies(["GRDP tăng bao nhiêu?"], { chatId: `telegram:${alice.id}`, userId: `telegram:${alice.id}` });
    expect(sent.map((c) => c.payload)).toEqual(expectedPayloads(reply!, alice.id, w.running));
    expect(String(sent[0]!.payload.text)).toContain("7,22%");
  });

  it("refuses other paths (404), other methods (405), oversized bodies (413) and bodies that are not JSON (400)", async () => {
    const w = await startWebhookHarness();
    const auth = { "X-Telegram-Bot-Api-Secret-Token": SECRET };
    const body = JSON.stringify(update("/help"));
    expect((await post(w.port, "/other", body, auth)).status).toBe(404);
    expect((await post(w.port, w.path, "", auth, "GET")).status).toBe(405);
    expect((await post(w.port, w.path, Buffer.alloc(2 * 1024 * 1024, 0x20), auth)).status).toBe(413);
    // Without a Content-Length (chunked), the limit is enforced while reading.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port: w.port, path: w.path, method: "POST", headers: { ...auth, "Content-Type": "application/json", "Transfer-Encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      const piece = Buffer.alloc(64 * 1024, 0x20);
      for (let i = 0; i < 20; i++) req.write(piece);
      req.end();
    });
    expect(chunked).toBe(413);
    expect((await post(w.port, w.path, "{not json", auth)).status).toBe(400);
    expect(w.fake.callsOf("sendMessage")).toHaveLength(0);
    // Still serving.
    expect((await post(w.port, w.path, body, auth)).status).toBe(200);
    expect(w.fake.delivered()).toHaveLength(1);
  });

  it("a handler that throws: the user gets an apology and Telegram gets its 200", async () => {
    let calls = 0;
    const w = await startWebhookHarness({
      handleText: async (text, ctx) => {
        if (calls++ === 0) throw new Error("handler exploded");
        return runText(text, ctx);
      },
    });
    const auth = { "X-Telegram-Bot-Api-Secret-Token": SECRET };
    expect((await post(w.port, w.path, JSON.stringify(update("GRDP tăng bao nhiêu?")), auth)).status).toBe(200);
    expect(w.fake.delivered().map((c) => c.payload)).toEqual(expectedPayloads(apologyReply({ lang: "vi" }), alice.id, w.running));
    expect(w.logs.find("telegram update failed")).toHaveLength(1);
    expect((await post(w.port, w.path, JSON.stringify(update("/help")), auth)).status).toBe(200);
    expect(w.fake.delivered()).toHaveLength(2);
  });

  it("stops: the server closes, the webhook stays registered for the next start", async () => {
    const w = await startWebhookHarness();
    await w.running.stop();
    await expect(post(w.port, w.path, "{}", { "X-Telegram-Bot-Api-Secret-Token": SECRET })).rejects.toThrow();
    expect(w.fake.callsOf("deleteWebhook")).toHaveLength(0);
  });
});

describe("telegram webhook server", () => {
  it("still answers the HTTP request when an error escapes the bot's middleware, and hands it to bot.catch", async () => {
    const fake = await FakeTelegramApi.start();
    const logs = new LogCapture();
    const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot }, botInfo: fake.botInfo });
    const caught: unknown[] = [];
    bot.catch((err) => {
      caught.push(err.error);
    });
    bot.use(() => {
      throw new Error("no boundary here");
    });
    const server = await startWebhookServer(bot, { path: "/hook", host: "127.0.0.1", port: 0, secretToken: SECRET, log: createLogger("debug", logs) });
    try {
      const res = await post(server.port, "/hook", JSON.stringify(update("/help")), { "X-Telegram-Bot-Api-Secret-Token": SECRET });
      expect(res.status).toBe(200);
      expect(caught).toHaveLength(1);
      expect((caught[0] as Error).message).toBe("no boundary here");
    } finally {
      await server.close();
      await fake.close();
    }
  });
});
