// Webhook mode: a plain node:http server in front of grammY's webhookCallback(bot, "http", ...).
// grammY checks the X-Telegram-Bot-Api-Secret-Token header (401, nothing processed); this
// wrapper adds what it leaves out: one path and method, a body size limit (413), a malformed
// body (400), and an answer to every request even when the bot's handling throws (grammY's
// callback does not call bot.catch and would leave the request hanging).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Transform, type TransformCallback } from "node:stream";
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

/** Passes the body through, failing as soon as it exceeds the limit. */
class LimitedBody extends Transform {
  private seen = 0;
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.max) done(new BodyTooLarge(this.max));
    else done(null, chunk);
  }
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
    // grammY's "http" adapter reads `headers` and the body stream; give it a size-limited body.
    const body = Object.assign(new LimitedBody(max), { headers: req.headers });
    req.on("error", (err) => body.destroy(err));
    req.pipe(body);
    try {
      await callback(body as unknown as IncomingMessage, res);
      if (res.statusCode === 401) log.warn("webhook request without the right secret token: refused");
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        log.warn({ limit: max }, "webhook request body too large: refused");
        return reply(res, 413, { Connection: "close" });
      }
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
    } finally {
      if (!body.writableFinished) {
        req.unpipe(body);
        req.resume(); // discard an unread body (a refused request)
      }
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      log.error({ err: describeError(err) }, "webhook request failed");
      reply(res, 500);
    });
  });
  server.requestTimeout = 30_000;

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
