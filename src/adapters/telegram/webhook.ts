// Webhook mode: a plain node:http server in front of grammY's webhookCallback(bot, "http", ...).
// grammY checks the X-Telegram-Bot-Api-Secret-Token header (401, nothing processed); this
// wrapper adds what it leaves out: one path and method, a body size limit (413), a body that is
// not a JSON update object — not JSON, `null`, an array, a number, no update_id — (400, where grammY
// would throw a 500), an answer to every request even when the bot's handling throws (grammY's
// callback does not call bot.catch and would leave the request hanging), and bounds on slow or
// idle clients: headers within `headersMs`, the whole request within `requestMs`, an idle
// keep-alive connection closed after `keepAliveMs`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { BotError, webhookCallback, type Bot, type Context } from "grammy";
import type { Logger } from "../../log.js";
import { describeError } from "./commands.js";

/** Telegram updates are a few kilobytes; anything near this is not from Telegram. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookServerOptions {
  /** The path of the public webhook URL; other paths get 404. */
  path: string;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  secretToken: string;
  maxBodyBytes?: number;
  /** After this, the request is answered 200 and the update keeps being handled (Telegram would otherwise resend it). */
  timeoutMs?: number;
  /** A client must send its headers within this (default 10 s). */
  headersMs?: number;
  /** … and its whole request within this (default 15 s). */
  requestMs?: number;
  /** An idle keep-alive connection is closed after this (default 5 s). */
  keepAliveMs?: number;
  log: Logger;
}

export interface WebhookServer {
  server: Server;
  port: number;
  /** Stops accepting requests and waits for the open ones to be answered. */
  close(): Promise<void>;
}

class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
    this.name = "BodyTooLarge";
  }
}

/** Reads the body, failing as soon as it exceeds the limit. */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let seen = 0;
  for await (const chunk of req) {
    seen += (chunk as Buffer).length;
    if (seen > max) throw new BodyTooLarge(max);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Why a body is not a Telegram update, or undefined when it is one. */
export function notAnUpdate(body: Buffer): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    return "not JSON";
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return `JSON ${value === null ? "null" : Array.isArray(value) ? "array" : typeof value}, not an update object`;
  const id = (value as { update_id?: unknown }).update_id;
  if (typeof id !== "number" || !Number.isSafeInteger(id)) return "no numeric update_id";
  return undefined;
}

export function startWebhookServer<C extends Context>(bot: Bot<C>, opts: WebhookServerOptions): Promise<WebhookServer> {
  const max = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const { log } = opts;
  const callback = webhookCallback(bot, "http", {
    secretToken: opts.secretToken,
    onTimeout: "return",
    timeoutMilliseconds: opts.timeoutMs ?? 10_000,
  });

  const reply = (res: ServerResponse, status: number, headers: Record<string, string> = {}): void => {
    if (res.headersSent) {
      if (!res.writableEnded) res.end();
      return;
    }
    res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...headers }).end(status === 200 ? "" : `${status}\n`);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? "/").split("?", 1)[0];
    if (path !== opts.path) return reply(res, 404);
    if (req.method !== "POST") return reply(res, 405, { Allow: "POST" });
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > max) {
      log.warn({ bytes: declared }, "webhook request body too large: refused");
      return reply(res, 413, { Connection: "close" });
    }
    let raw: Buffer;
    try {
      raw = await readBody(req, max);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        log.warn({ limit: max }, "webhook request body too large: refused");
        return reply(res, 413, { Connection: "close" });
      }
      throw err;
    }
    // The secret is checked by grammY first, so that an unauthenticated caller learns nothing
    // about the body; a body that is no update is refused here rather than failing inside grammY.
    const secret = req.headers["x-telegram-bot-api-secret-token"];
    const problem = secret === opts.secretToken ? notAnUpdate(raw) : undefined;
    if (problem) {
      log.warn({ problem }, "webhook request body is not a Telegram update: refused");
      return reply(res, 400);
    }
    // grammY's "http" adapter reads `headers` and the body stream: give it the bytes already read.
    const body = Object.assign(Readable.from([raw]), { headers: req.headers });
    try {
      await callback(body as unknown as IncomingMessage, res);
      if (res.statusCode === 401) log.warn("webhook request without the right secret token: refused");
    } catch (err) {
      if (err instanceof SyntaxError) {
        log.warn("webhook request body is not JSON: refused");
        return reply(res, 400);
      }
      if (err instanceof BotError) {
        // The update was handled and failed: let bot.catch apologise and log, and tell Telegram it
        // was received (a 5xx would make Telegram send the same failing update again and again).
        try {
          await bot.errorHandler(err as BotError<C>);
        } catch (handlerErr) {
          log.error({ err: describeError(handlerErr) }, "telegram error handler failed");
        }
        return reply(res, 200);
      }
      log.error({ err: describeError(err) }, "webhook request failed");
      return reply(res, 500);
    }
  };

  const headersMs = opts.headersMs ?? 10_000;
  const server = createServer(
    {
      headersTimeout: headersMs,
      requestTimeout: Math.max(opts.requestMs ?? 15_000, headersMs),
      keepAliveTimeout: opts.keepAliveMs ?? 5_000,
      // Node checks the two bounds above only this often (30 s by default).
      connectionsCheckingInterval: Math.min(1_000, headersMs),
    },
    (req, res) => {
      handle(req, res).catch((err) => {
        log.error({ err: describeError(err) }, "webhook request failed");
        reply(res, 500);
      });
    },
  );
  // A connection that never sends a byte is not a request yet; this bounds it too.
  server.setTimeout(Math.max(opts.requestMs ?? 15_000, headersMs) + 5_000, (socket) => socket.destroy());

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      const port = (server.address() as AddressInfo).port;
      resolve({
        server,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}
