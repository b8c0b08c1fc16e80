// Fault suite, issue 13 item 9: malformed input from the platforms. Before: a Discord interaction
// with neither `member` nor `user` threw inside discord.js and killed the process; a webhook body
// of `null` got a 500; a client trickling its headers, or idle, kept its connection for minutes.
import { afterEach, describe, expect, it } from "vitest";
import { connect, type Socket } from "node:net";
import { request } from "node:http";
import fc from "fast-check";
import type { Update } from "grammy/types";
import { alice, textMessage } from "./fakes/telegram-api.js";
import { startHarness as startTelegram, type Harness as TelegramHarness } from "./fakes/telegram-harness.js";
import { startHarness as startDiscord, type Harness as DiscordHarness } from "./discord-harness.js";
import { eventually } from "./helpers/timers.js";

const SECRET = "s3cret-Token_for-tests";

let tg: TelegramHarness | undefined;
let dc: DiscordHarness | undefined;
afterEach(async () => {
  await tg?.stop();
  await dc?.close();
  tg = dc = undefined;
});

async function webhook(bounds = { headersMs: 400, requestMs: 800, keepAliveMs: 300 }) {
  tg = await startTelegram({
    config: { TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_WEBHOOK_HOST: "127.0.0.1" },
    bot: { webhookUrl: "https://bot.example.org/hook", webhookPort: 0, webhookTimeouts: bounds },
  });
  return { h: tg, port: tg.running.webhook!.port };
}

function post(port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path: "/hook", method: "POST", headers: { "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Opens a raw connection and resolves with how it ended: closed by the server, or still open at `boundMs`. */
function rawConnection(port: number, behave: (s: Socket) => void, boundMs: number): Promise<"closed by server" | "still open"> {
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1", () => behave(s));
    const guard = setTimeout(() => {
      s.destroy();
      resolve("still open");
    }, boundMs);
    s.on("data", () => undefined);
    s.on("close", () => {
      clearTimeout(guard);
      resolve("closed by server");
    });
    s.on("error", () => undefined);
  });
}

describe("telegram webhook: malformed bodies and slow clients", () => {
  it("null, arrays, numbers, strings and objects without update_id get 400 (not 500); the server keeps answering", async () => {
    const { h, port } = await webhook();
    for (const body of ["null", "[]", "42", '"update"', "true", "{}", '{"update_id":"7"}', '{"update_id":1.5}']) expect(await post(port, body)).toBe(400);
    const update = { update_id: 77001, ...textMessage("/help", { from: alice }) } as Update;
    expect(await post(port, JSON.stringify(update))).toBe(200);
    await h.fake.waitForDelivered(1);
    expect(h.logs.find("webhook request failed")).toHaveLength(0);
  });

  it("fuzz: 300 arbitrary JSON bodies are each answered 200 or 400, never 500, within the run", async () => {
    const { port } = await webhook();
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.record({ update_id: fc.integer({ min: 1, max: 2 ** 31 }), message: fc.jsonValue() })), async (value) => {
        const status = await post(port, JSON.stringify(value) ?? "null");
        statuses.add(status);
        return status === 200 || status === 400;
      }),
      { numRuns: 300, seed: 13 },
    );
    expect([...statuses].every((s) => s === 200 || s === 400)).toBe(true);
  }, 60_000);

  it("a client trickling its headers is cut off by the header timeout", async () => {
    const { port } = await webhook();
    const outcome = await rawConnection(
      port,
      (s) => {
        s.write("POST /hook HTTP/1.1\r\nHost: x\r\n");
        const t = setInterval(() => s.writable && s.write("X-Slow: 1\r\n"), 100);
        s.on("close", () => clearInterval(t));
      },
      10_000, // generous: the bound under test is 0.4 s
    );
    expect(outcome).toBe("closed by server");
  });

  it("a connection that sends nothing, and an idle keep-alive connection, are closed", async () => {
    const { port } = await webhook();
    expect(await rawConnection(port, () => undefined, 10_000)).toBe("closed by server");
    const keptAlive = await rawConnection(
      port,
      (s) => s.write("GET /hook HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n"), // answered 405, then idle
      10_000,
    );
    expect(keptAlive).toBe("closed by server");
  });
});

describe("discord: an interaction with neither member nor user", () => {
  it("is logged and ignored; the process lives and the next interaction is answered", async () => {
    dc = await startDiscord();
    dc.fake.chatInput("help", [], { noUser: true });
    await eventually(() => dc!.logs.records().some((r) => r.msg === "discord: malformed interaction ignored"));
    expect(dc.logs.records().find((r) => r.msg === "discord: malformed interaction ignored")).toMatchObject({ problem: "neither member.user nor user" });
    const next = dc.fake.chatInput("help", []);
    const [ok] = await dc.fake.waitForResponses(next, 1);
    expect(ok!.status).toBe(204);
  });
});
