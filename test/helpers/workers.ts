// Real worker processes for the multi-worker end-to-end tests: the bot bundled once (esbuild, as
// `npm start` runs it), then N child processes of `node main.mjs` in RUN_MODE=worker on one
// store, each on a free port. The test plays Telegram (it POSTs updates to a worker's webhook
// path, like Telegram does) and Discord (it POSTs signed interactions); the fake Telegram and
// Discord servers of test/fakes/ receive what the workers send back.
//
// Reuse: `startCluster({ n, env })`, then `cluster.postUpdate(i, update)`,
// `cluster.postInteraction(i, body, signer)`, `cluster.health(i)`, `cluster.kill(i)` /
// `cluster.restart(i)`, and `worker.waitForLog(...)` to wait for something a worker says.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { build } from "esbuild";
import type { Update } from "grammy/types";

const ROOT = process.cwd();
let built: Promise<string> | undefined;

/** Bundles src/main.ts once per test process (about a quarter of a second); returns the entry file. */
export function buildBot(): Promise<string> {
  built ??= (async () => {
    // Inside the project, so that packages resolve from its node_modules and the data folder is found.
    const outdir = join(ROOT, "dist", `.test-workers-${process.pid}`);
    await build({
      entryPoints: { main: "src/main.ts" },
      outdir,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      splitting: true,
      packages: "external",
      platform: "node",
      format: "esm",
      target: "node20",
      sourcemap: true,
      logLevel: "warning",
    });
    process.once("exit", () => rmSync(outdir, { recursive: true, force: true }));
    return join(outdir, "main.mjs");
  })();
  return built;
}

export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

export class WorkerProcess {
  readonly logs: LogLine[] = [];
  port = 0;
  exited: Promise<number | null>;
  private readonly waiters = new Set<() => void>();
  private stderr = "";

  constructor(
    readonly index: number,
    readonly child: ChildProcess,
  ) {
    let buf = "";
    child.stderr!.on("data", (d: Buffer) => {
      buf += d.toString("utf8");
      for (let nl = buf.indexOf("\n"); nl >= 0; nl = buf.indexOf("\n")) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        try {
          this.logs.push(JSON.parse(line) as LogLine);
        } catch {
          this.stderr += line + "\n";
        }
        for (const w of [...this.waiters]) w();
      }
    });
    this.exited = new Promise((resolve) =>
      child.on("exit", (code) => {
        resolve(code);
        for (const w of [...this.waiters]) w();
      }),
    );
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What the process wrote that was not a log line (a crash, a startup error). */
  get otherOutput(): string {
    return this.stderr;
  }

  /** Resolves with the first log line that matches; rejects if the process exits first. */
  waitForLog(predicate: (l: LogLine) => boolean, what = "a log line"): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = this.logs.find(predicate);
        if (hit) {
          this.waiters.delete(check);
          resolve(hit);
        } else if (!this.alive) {
          this.waiters.delete(check);
          reject(new Error(`worker ${this.index} exited while waiting for ${what}:\n${this.stderr}${this.logs.slice(-5).map((l) => JSON.stringify(l)).join("\n")}`));
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  logged(msg: string): LogLine[] {
    return this.logs.filter((l) => l.msg === msg);
  }
}

export interface ClusterOptions {
  n: number;
  /** The workers' environment (DATABASE_URL, tokens, API roots…), on top of RUN_MODE=worker and a free port. */
  env: Record<string, string>;
}

export interface Cluster {
  workers: WorkerProcess[];
  /** POSTs a Telegram update to worker i's webhook path with the right (or a given) secret; resolves with the HTTP status. */
  postUpdate(i: number, update: Update, secret?: string): Promise<number>;
  /** POSTs a Discord interaction to worker i, signed by `signer` (or with `headers` as given); resolves with status and JSON body. */
  postInteraction(i: number, body: unknown, signer: DiscordSigner | undefined, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  health(i: number): Promise<{ status: number; body: any }>;
  /** SIGKILL: the process dies at once, mid-work, as on a machine failure. */
  kill(i: number): Promise<void>;
  /** Starts worker i again with the same environment. */
  restart(i: number): Promise<WorkerProcess>;
  stop(): Promise<void>;
}

export const WEBHOOK_PATH = "/telegram/hook";
export const INTERACTIONS_PATH = "/discord/interactions";
export const WEBHOOK_SECRET = "test-webhook-secret_0123456789";

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const entry = await buildBot();
  const env = {
    PATH: process.env.PATH ?? "",
    // Never the developer's .env (it may hold real tokens): dotenv reads this path, which does not exist.
    DOTENV_CONFIG_PATH: join(ROOT, "test", "no-such.env"),
    RUN_MODE: "worker",
    WORKER_HOST: "127.0.0.1",
    WORKER_PORT: "0",
    TELEGRAM_WEBHOOK_URL: `https://bot.example.gov.vn${WEBHOOK_PATH}`,
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    DISCORD_INTERACTIONS_PATH: INTERACTIONS_PATH,
    LOG_LEVEL: "info",
    RATE_LIMIT_PER_MINUTE: "100000",
    ...opts.env,
  };
  const spawnOne = async (index: number): Promise<WorkerProcess> => {
    // No .env file is read: the child's environment is exactly this one.
    const child = spawn(process.execPath, ["--enable-source-maps", entry], { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
    const w = new WorkerProcess(index, child);
    const listening = await w.waitForLog((l) => l.msg === "worker listening", "worker listening");
    w.port = Number(listening.port);
    return w;
  };
  const workers = await Promise.all(Array.from({ length: opts.n }, (_, i) => spawnOne(i)));
  const base = (i: number) => `http://127.0.0.1:${workers[i]!.port}`;

  return {
    workers,
    async postUpdate(i, update, secret = WEBHOOK_SECRET) {
      const res = await fetch(base(i) + WEBHOOK_PATH, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
        body: JSON.stringify(update),
      });
      await res.arrayBuffer();
      return res.status;
    },
    async postInteraction(i, body, signer, headers = {}) {
      const raw = JSON.stringify(body);
      const res = await fetch(base(i) + INTERACTIONS_PATH, {
        method: "POST",
        headers: { "content-type": "application/json", ...(signer ? signer.headers(raw) : {}), ...headers },
        body: raw,
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async health(i) {
      const res = await fetch(base(i) + "/healthz");
      return { status: res.status, body: await res.json() };
    },
    async kill(i) {
      const w = workers[i]!;
      w.child.kill("SIGKILL");
      await w.exited;
    },
    async restart(i) {
      const w = await spawnOne(i);
      workers[i] = w;
      return w;
    },
    async stop() {
      await Promise.all(
        workers.map(async (w) => {
          if (!w.alive) return;
          w.child.kill("SIGTERM");
          await w.exited;
        }),
      );
    },
  };
}

/** An Ed25519 key pair like a Discord application's: the public key as DISCORD_PUBLIC_KEY, and signed request headers. */
export class DiscordSigner {
  readonly publicKeyHex: string;
  private readonly privateKey: KeyObject;

  constructor() {
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    this.privateKey = privateKey;
    // The raw key is the last 32 bytes of its SubjectPublicKeyInfo.
    this.publicKeyHex = (publicKey.export({ format: "der", type: "spki" }) as Buffer).subarray(-32).toString("hex");
  }

  headers(rawBody: string, timestamp = String(Math.floor(Date.now() / 1000))): Record<string, string> {
    const signature = sign(null, Buffer.from(timestamp + rawBody, "utf8"), this.privateKey).toString("hex");
    return { "x-signature-ed25519": signature, "x-signature-timestamp": timestamp };
  }
}
