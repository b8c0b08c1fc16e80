// downloadBounded (src/adapters/transport.ts), which fetches a document or an attachment for a
// command: against a real HTTP server on 127.0.0.1, a file streamed without a length is cut off
// past the bound, an announced length over it is refused unread, a hung server is given up on in
// time, an HTTP error is one; and an error never carries the URL (a Telegram file URL holds the token).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAgent, DownloadError, downloadBounded } from "../src/adapters/transport.js";

let server: Server;
let base = "";
let servedBytes = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? "";
    if (url.startsWith("/stream")) {
      // chunked, no Content-Length: 64 KiB at a time until the client stops reading
      res.writeHead(200, { "content-type": "text/plain" });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const push = () => {
        while (sent < 40 && res.write(chunk)) (sent++, (servedBytes += chunk.length));
        if (sent < 40) res.once("drain", push);
        else res.end();
      };
      res.on("close", () => undefined);
      push();
    } else if (url.startsWith("/announced")) {
      res.writeHead(200, { "content-length": String(5 * 1024 * 1024) });
      res.write(Buffer.alloc(1024));
    } else if (url.startsWith("/hang")) {
      // headers, then nothing
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("Báo cáo");
    } else if (url.startsWith("/ok")) {
      res.writeHead(200, { "content-type": "text/plain" }).end("Báo cáo tăng 8,3%");
    } else {
      res.writeHead(404).end("no");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const agent = createAgent({ bodyMs: 5_000 });
const get = (path: string, maxBytes = 1024 * 1024, totalMs = 5_000) => downloadBounded(`${base}${path}?token=SECRET-123`, { dispatcher: agent, maxBytes, totalMs });
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err as DownloadError;
  }
  throw new Error("expected a failure");
};

describe("downloadBounded", () => {
  it("returns the bytes of a file within the bound", async () => {
    expect(Buffer.from(await get("/ok")).toString("utf8")).toBe("Báo cáo tăng 8,3%");
  });

  it("cuts off a file streamed without a length once it passes the bound", async () => {
    const err = await failure(get("/stream", 256 * 1024));
    expect(err).toBeInstanceOf(DownloadError);
    expect(err.reason).toBe("too_large");
    expect(servedBytes).toBeLessThan(40 * 64 * 1024); // the rest was never sent
  });

  it("refuses an announced length over the bound without reading the body", async () => {
    const err = await failure(get("/announced"));
    expect(err.reason).toBe("too_large");
    expect(err.message).toContain(String(5 * 1024 * 1024));
  });

  it("gives up on a server that stops sending, within the total bound", async () => {
    const started = performance.now();
    const err = await failure(get("/hang", 1024 * 1024, 300));
    expect(err.reason).toBe("failed");
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it("an HTTP error is a failure of its own, and no error carries the URL", async () => {
    const err = await failure(get("/missing"));
    expect(err.reason).toBe("http");
    expect(err.message).toBe("HTTP 404");
    const refused = await failure(downloadBounded("http://127.0.0.1:9/file/botSECRET-123/x.txt", { dispatcher: agent, maxBytes: 10, totalMs: 2_000 }));
    expect(refused.reason).toBe("failed");
    for (const e of [err, refused]) expect(e.message).not.toContain("SECRET-123");
  });
});
