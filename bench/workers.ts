// `npm run bench:workers [-- --json] [--updates 1000] [--chats 200] [--latency 0] [--repeat 2]`
// Answers per second, in one run on this machine, of:
//   - the single-process bot long-polling (the default deployment; SQLite), the baseline;
//   - the same single process on PostgreSQL (to tell the store's cost from the mode's);
//   - one worker (RUN_MODE=worker, webhook, PostgreSQL);
//   - three workers on the same PostgreSQL, updates spread over them.
// Each is the real bot bundle (dist/main.mjs) in child processes, against the fake Telegram Bot
// API of the tests on 127.0.0.1. Every configuration answers the same updates: `--chats` chats,
// each asking real questions from the project's own set, in order. Webhook updates are posted as
// Telegram does: up to 40 connections at once, a chat's next update after its previous one was
// acknowledged. The figures are ratios against the polling bot of the same run; --latency adds
// milliseconds to every sendMessage (the real API takes tens of them), --repeat takes the best.
// Besides answers per second (wall clock, which other load on the machine disturbs), each run
// counts the CPU time the bot processes and their PostgreSQL backends used (/proc, user + system):
// CPU per answer is what a machine of its own would spend, whatever else runs here.
// PostgreSQL: DATABASE_URL or TEST_DATABASE_URL, else a throwaway cluster (.ci/pg-cluster.sh).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Update, User } from "grammy/types";
import { FakeTelegramApi, textMessage } from "../test/fakes/telegram-api.js";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const asJson = args.includes("--json");
const UPDATES = Number(opt("--updates", "1000"));
const CHATS = Number(opt("--chats", "200"));
const LATENCY = Number(opt("--latency", "0"));
const REPEAT = Number(opt("--repeat", "2"));
const CONNECTIONS = 40; // Telegram's default max_connections for a webhook
const ROOT = process.cwd();
const ENTRY = join(ROOT, "dist", "main.mjs");
const SECRET = "bench-secret_0123456789";
const PATH = "/telegram/hook";
const log = (msg: string) => process.stderr.write(msg + "\n");
const now = () => performance.now();

const questions = readFileSync(join(ROOT, "test/fixtures/engine-questions.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { q: string }).q);

/** The workload: chat c asks questions c, c+CHATS, … in order; `UPDATES` in all. */
function workload(): Array<{ user: User; texts: string[] }> {
  const chats = Array.from({ length: CHATS }, (_, c) => ({ user: { id: 800_000 + c, is_bot: false, first_name: `B${c}`, language_code: "vi" } as User, texts: [] as string[] }));
  for (let k = 0; k < UPDATES; k++) chats[k % CHATS]!.texts.push(questions[k % questions.length]!);
  return chats;
}

interface Proc {
  child: ChildProcess;
  port: number;
  exited: Promise<void>;
}

function startBot(env: Record<string, string>): Promise<Proc> {
  const child = spawn(process.execPath, [ENTRY], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", DOTENV_CONFIG_PATH: join(ROOT, "no-such.env"), LOG_LEVEL: "info", RATE_LIMIT_PER_MINUTE: "1000000", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const exited = new Promise<void>((r) => child.on("exit", () => r()));
  return new Promise((resolve, reject) => {
    let buf = "";
    const onData = (d: Buffer) => {
      buf += d.toString();
      for (const line of buf.split("\n")) {
        if (line.includes('"worker listening"')) return done(Number((JSON.parse(line) as { port: number }).port));
        if (line.includes('"telegram long polling started"')) return done(0);
      }
    };
    const done = (port: number) => {
      child.stderr!.off("data", onData);
      child.stderr!.resume();
      resolve({ child, port, exited });
    };
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`bot exited ${code} before it was ready:\n${buf.slice(-2000)}`)));
  });
}

async function stopAll(procs: Proc[]): Promise<void> {
  for (const p of procs) p.child.kill("SIGTERM");
  await Promise.all(procs.map((p) => p.exited));
}

/** Polling: all updates queued at the fake at once; the bot takes them as Telegram hands them out. */
interface Measure {
  /** Answers per second, wall clock. */
  rate: number;
  /** CPU milliseconds per answer: bot processes, and their PostgreSQL backends. */
  botCpuMs: number;
  pgCpuMs: number;
}

const TICKS_PER_SECOND = 100; // Linux USER_HZ
/** User + system CPU of processes, in ms, from /proc (0 for a process that has gone). */
function cpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // gone
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** The server processes serving database `url` right now (the bots' pools). */
async function backendsOf(url: string | undefined): Promise<number[]> {
  if (!url) return [];
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
    return r.rows.map((x) => x.pid);
  } finally {
    await c.end();
  }
}

async function measured(pids: number[], databaseUrl: string | undefined, run: () => Promise<void>): Promise<Measure> {
  const backends = await backendsOf(databaseUrl);
  const bot0 = cpuMs(pids);
  const pg0 = cpuMs(backends);
  const t0 = now();
  await run();
  const seconds = (now() - t0) / 1000;
  return { rate: UPDATES / seconds, botCpuMs: (cpuMs(pids) - bot0) / UPDATES, pgCpuMs: (cpuMs(backends) - pg0) / UPDATES };
}

async function runPolling(fake: FakeTelegramApi, storeEnv: Record<string, string>): Promise<Measure> {
  const bot = await startBot({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ...storeEnv });
  try {
    await warmUp(fake, async (u) => void fake.pushUpdate(u));
    const before = fake.delivered().length;
    return await measured([bot.child.pid!], storeEnv.DATABASE_URL, async () => {
      for (const chat of workload()) for (const text of chat.texts) fake.pushUpdate(textMessage(text, { from: chat.user }));
      await fake.until(() => fake.delivered().length >= before + UPDATES);
    });
  } finally {
    await stopAll([bot]);
  }
}

let updateId = 1;

class Semaphore {
  private waiting: Array<() => void> = [];
  constructor(private free: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((r) => this.waiting.push(r));
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}
async function post(port: number, update: Update): Promise<void> {
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${port}${PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify(update),
    });
    await res.arrayBuffer();
    if (res.status === 200) return;
    if (res.status !== 503) throw new Error(`webhook answered ${res.status}`);
  }
}

/** Webhook workers: updates posted over CONNECTIONS connections, round-robin over the workers. */
async function runWorkers(fake: FakeTelegramApi, n: number, databaseUrl: string): Promise<Measure> {
  const env = {
    RUN_MODE: "worker",
    WORKER_HOST: "127.0.0.1",
    WORKER_PORT: "0",
    DATABASE_URL: databaseUrl,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_WEBHOOK_URL: `https://bench.example${PATH}`,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
  };
  const workers = await Promise.all(Array.from({ length: n }, () => startBot(env)));
  try {
    let rr = 0;
    const send = (u: Update) => post(workers[rr++ % n]!.port, u);
    await warmUp(fake, send);
    const before = fake.delivered().length;
    return await measured(
      workers.map((w) => w.child.pid!),
      databaseUrl,
      async () => {
        // Each chat sends its updates in order, the next once the previous was acknowledged; at
        // most CONNECTIONS requests are open at once.
        const slots = new Semaphore(CONNECTIONS);
        await Promise.all(
          workload().map(async (chat) => {
            for (const text of chat.texts) await slots.run(() => send({ update_id: updateId++, ...textMessage(text, { from: chat.user }) } as Update));
          }),
        );
        await fake.until(() => fake.delivered().length >= before + UPDATES);
      },
    );
  } finally {
    await stopAll(workers);
  }
}

/** A few answers first, so that every process has its engine warm before the clock starts. */
async function warmUp(fake: FakeTelegramApi, send: (u: Update) => Promise<void>): Promise<void> {
  const before = fake.delivered().length;
  const user: User = { id: 799_999, is_bot: false, first_name: "Warm", language_code: "vi" };
  for (let i = 0; i < 30; i++) await send({ update_id: updateId++, ...textMessage(questions[i]!, { from: { ...user, id: user.id - i } }) } as Update);
  await fake.until(() => fake.delivered().length >= before + 30);
}

async function withPostgres<T>(fn: (adminUrl: string) => Promise<T>): Promise<T> {
  const given = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (given) return fn(given);
  const dir = mkdtempSync(join(tmpdir(), "bench-pg-"));
  const started = spawnSync("bash", [join(ROOT, ".ci/pg-cluster.sh"), "start", dir], { encoding: "utf8" });
  if (started.status !== 0) throw new Error(`could not start PostgreSQL (set DATABASE_URL): ${started.stderr}`);
  try {
    return await fn(started.stdout.trim());
  } finally {
    spawnSync("bash", [join(ROOT, ".ci/pg-cluster.sh"), "stop", dir]);
  }
}

async function freshDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_${randomBytes(4).toString("hex")}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** The run with the best rate, and the least CPU per answer seen (the least disturbed). */
async function best(label: string, run: () => Promise<Measure>): Promise<Measure> {
  let top: Measure | undefined;
  for (let r = 0; r < REPEAT; r++) {
    const m = await run();
    log(`  ${label}: run ${r + 1}: ${m.rate.toFixed(1)} answers/s, CPU per answer ${m.botCpuMs.toFixed(2)} ms bot + ${m.pgCpuMs.toFixed(2)} ms PostgreSQL`);
    top = !top ? m : { rate: Math.max(top.rate, m.rate), botCpuMs: Math.min(top.botCpuMs, m.botCpuMs), pgCpuMs: Math.min(top.pgCpuMs, m.pgCpuMs) };
  }
  return top!;
}

async function main(): Promise<void> {
  const fake = await FakeTelegramApi.start();
  fake.latencyMs = (method) => (method === "sendMessage" ? LATENCY : 0);
  const sqliteDir = mkdtempSync(join(tmpdir(), "bench-sqlite-"));
  try {
    const results = await withPostgres(async (adminUrl) => {
      const out: Record<string, Measure> = {};
      log(`${UPDATES} updates from ${CHATS} chats; sendMessage latency ${LATENCY} ms; best of ${REPEAT}`);
      out.polling_sqlite = await best("polling, SQLite", () => runPolling(fake, { DATABASE_PATH: join(sqliteDir, `bot-${updateId}.sqlite`) }));
      for (const [key, label, run] of [
        ["polling_postgres", "polling, PostgreSQL", (url: string) => runPolling(fake, { DATABASE_URL: url })],
        ["workers_1", "1 worker, PostgreSQL", (url: string) => runWorkers(fake, 1, url)],
        ["workers_3", "3 workers, PostgreSQL", (url: string) => runWorkers(fake, 3, url)],
      ] as const) {
        out[key] = await best(label, async () => {
          const db = await freshDatabase(adminUrl);
          try {
            return await run(db.url);
          } finally {
            await db.drop();
          }
        });
      }
      return out;
    });
    const base = results.polling_sqlite!;
    const cpu = (m: Measure) => m.botCpuMs + m.pgCpuMs;
    const machine = `${cpus()[0]?.model ?? "?"}, ${cpus().length} cores, Node ${process.version}`;
    if (asJson) {
      const ratio = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { rate: v.rate / base.rate, answers_per_cpu_second: cpu(base) / cpu(v) }]));
      process.stdout.write(JSON.stringify({ machine, updates: UPDATES, chats: CHATS, latency_ms: LATENCY, results, ratio_to_polling: ratio }) + "\n");
      return;
    }
    const lines = [
      `machine: ${machine}; ${UPDATES} updates from ${CHATS} chats, sendMessage latency ${LATENCY} ms, best of ${REPEAT}`,
      "",
      "configuration                     answers/s  vs polling | CPU ms/answer: bot +  PG = total  answers/CPU-s vs polling",
      ...Object.entries({
        polling_sqlite: "single process, polling, SQLite",
        polling_postgres: "single process, polling, PG",
        workers_1: "1 webhook worker, PG",
        workers_3: "3 webhook workers, PG",
      }).map(([k, label]) => {
        const m = results[k]!;
        return `${label.padEnd(33)} ${m.rate.toFixed(1).padStart(8)}   ${(m.rate / base.rate).toFixed(2)}× | ${m.botCpuMs.toFixed(2).padStart(17)} + ${m.pgCpuMs.toFixed(2).padStart(4)} = ${cpu(m).toFixed(2).padStart(5)}  ${(1000 / cpu(m)).toFixed(0).padStart(8)}   ${(cpu(base) / cpu(m)).toFixed(2)}×`;
      }),
    ];
    process.stdout.write(lines.join("\n") + "\n");
  } finally {
    await fake.close();
    rmSync(sqliteDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`bench:workers failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
