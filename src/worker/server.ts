// The HTTP server of a worker: the Telegram webhook path, the Discord interactions path and
// GET /healthz, with bounded bodies and timeouts so that a slow or idle client cannot hold a
// connection for minutes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../log.js";
import type { TelegramWorker } from "../adapters/telegram/worker.js";
import type { InteractionsEndpoint } from "../adapters/discord/interactions.js";
import type { WorkerHealth } from "./health.js";

/** Updates and interactions are a few kilobytes; anything near this is not from a platform. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface WorkerServerOptions {
  host: string;
  port: number;
  log: Logger;
  telegram?: { path: string; worker: TelegramWorker };
  discord?: { path: string; endpoint: InteractionsEndpoint };
  health: () => Promise<WorkerHealth>;
}

export interface WorkerServer {
  server: Server;
  port: number;
  /** Stops accepting requests, and waits for the open ones to be answered. */
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return void res.end();
  if (body === undefined) res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" }).end(status === 200 ? "" : `${status}\n`);
  else res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}

export function startWorkerServer(opts: WorkerServerOptions): Promise<WorkerServer> {
  const { log } = opts;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? "/").split("?", 1)[0];
    if (path === "/healthz") {
      if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405);
      const health = await opts.health();
      return send(res, health.ok ? 200 : 503, health);
    }
    const route = opts.telegram && path === opts.telegram.path ? "telegram" : opts.discord && path === opts.discord.path ? "discord" : undefined;
    if (!route) return send(res, 404);
    if (req.method !== "POST") {
      res.setHeader("Allow", "POST");
      return send(res, 405);
    }
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        log.warn({ route }, "request body too large: refused");
        res.setHeader("Connection", "close");
        return send(res, 413);
      }
      throw err;
    }
    if (route === "discord") {
      const answer = await opts.discord!.endpoint.handle(req.headers, raw);
      return send(res, answer.status, answer.body);
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      body = undefined;
    }
    const outcome = await opts.telegram!.worker.receive(req.headers, body);
    if (outcome.status !== 200) log.warn({ status: outcome.status, reason: outcome.reason }, "telegram webhook call refused");
    send(res, outcome.status);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error({ err: { message: (err as Error)?.message } }, "worker request failed");
      send(res, 500);
    });
  });
  // A client that sends its headers or body slowly, or keeps an idle connection, is cut off.
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.keepAliveTimeout = 5_000;

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}
