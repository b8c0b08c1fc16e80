// Build once (issue 14): `npm start` and the other CLIs run the bundle in dist/, rebuilding only
// when a source is newer than the build; a rebuild leaves no stale chunk; build tools are dev
// dependencies; every CLI answers --help and reads .env. Everything runs on a copy of the project
// in a temporary folder (sources copied, node_modules and data/ linked), so that building there
// never touches the checkout's own dist/. Whether a run rebuilt is read from the build stamp
// (dist/.build-stamp.json: its content and mtime), never from timings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../src/knowledge/loader.js";
import { FakeTelegramApi } from "./fakes/telegram-api.js";
import { FakeDiscord } from "./fakes/discord-api.js";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A child process, asynchronously (the fake platform servers of this process must keep answering). */
function run(cmd: string, args: string[], opts: { cwd: string; env?: Record<string, string>; input?: string }): Promise<Run> {
  return new Promise((resolve, reject) => {
    // A bare environment: no token, DATA_DIR or DATABASE_PATH of the machine's leaks in, so .env decides.
    const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? opts.cwd, LOG_LEVEL: "silent", ...opts.env };
    const child = spawn(cmd, args, { cwd: opts.cwd, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? "");
  });
}

let dir: string;
const stampPath = () => join(dir, "dist", ".build-stamp.json");
const stamp = () => ({ text: readFileSync(stampPath(), "utf8"), mtimeMs: statSync(stampPath()).mtimeMs });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "build-once-"));
  for (const d of ["src", "commands", "scripts"]) cpSync(join(projectRoot, d), join(dir, d), { recursive: true });
  cpSync(join(projectRoot, "package.json"), join(dir, "package.json"));
  symlinkSync(join(projectRoot, "node_modules"), join(dir, "node_modules"));
  symlinkSync(join(projectRoot, "data"), join(dir, "data"));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("build once", { timeout: 120_000 }, () => {
  it("npm start builds on the first run only; the second run starts from the same build", async () => {
    expect(existsSync(join(dir, "dist"))).toBe(false);
    const first = await run("npm", ["start", "--silent", "--", "--help"], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("--console");
    expect(first.stderr).toContain("(built dist/: no build yet");
    const built = stamp();
    const mainBuilt = statSync(join(dir, "dist", "main.mjs")).mtimeMs;

    const second = await run("npm", ["start", "--silent", "--", "--help"], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).not.toContain("built dist/");
    expect(stamp()).toEqual(built);
    expect(statSync(join(dir, "dist", "main.mjs")).mtimeMs).toBe(mainBuilt);

    // The other entry points share that build.
    const ask = await run("npm", ["run", "--silent", "ask", "--", "--help"], { cwd: dir });
    expect(ask.code).toBe(0);
    expect(ask.stdout).toContain("--jsonl");
    expect(stamp()).toEqual(built);
  });

  it("a source newer than the build rebuilds, and the rebuild leaves no stale chunk", async () => {
    const before = stamp();
    const chunks = readdirSync(join(dir, "dist", "chunks"));
    writeFileSync(join(dir, "dist", "chunks", "left-over-XXXXXXXX.mjs"), "export {};\n");
    const now = new Date();
    utimesSync(join(dir, "src", "log.ts"), now, now);

    const r = await run("npm", ["run", "--silent", "ask", "--", "--help"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("(built dist/: src/log.ts is newer than the build");
    const after = stamp();
    expect(after.text).not.toBe(before.text);
    expect(existsSync(join(dir, "dist", "chunks", "left-over-XXXXXXXX.mjs"))).toBe(false);
    expect(readdirSync(join(dir, "dist", "chunks")).sort()).toEqual(chunks.sort());
    // The new build started after that edit: the next run builds nothing.
    const again = await run("node", ["scripts/run.mjs", "ask", "--help"], { cwd: dir });
    expect(again.stderr).not.toContain("built dist/");
    expect(stamp()).toEqual(after);
  });

  it("a failed build keeps the previous one", async () => {
    const before = stamp();
    const file = join(dir, "src", "clock.ts");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, `${text}\nexport const broken = ;\n`);
    try {
      const r = await run("node", ["scripts/run.mjs", "ask", "--help"], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("build failed");
      expect(stamp()).toEqual(before);
      expect(existsSync(join(dir, "dist", "ask.mjs"))).toBe(true);
      expect(readdirSync(join(dir, "dist")).filter((n) => n.startsWith(".staging"))).toEqual([]);
    } finally {
      writeFileSync(file, text);
      const past = new Date(before.mtimeMs - 60_000);
      utimesSync(file, past, past);
    }
  });

  it("build tools are dev dependencies; npm install and npm ci build (prepare)", () => {
    const pkg = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; scripts: Record<string, string> };
    for (const tool of ["esbuild", "tsx", "typescript", "vitest", "madge", "fast-check"]) {
      expect(pkg.dependencies[tool], tool).toBeUndefined();
      expect(pkg.devDependencies[tool], tool).toBeDefined();
    }
    expect(pkg.scripts.prepare).toMatch(/scripts\/build\.mjs/);
    for (const s of ["start", "ask", "ingest", "eval", "discord:deploy", "telegram:webhook"]) expect(pkg.scripts[s], s).toMatch(/^node scripts\/run\.mjs /);
  });
});

describe("every CLI answers --help", { timeout: 60_000 }, () => {
  for (const [entry, says] of [
    ["main", "--console"],
    ["ask", "--jsonl"],
    ["ingest", "--data"],
    ["eval", "--verbose"],
    ["discord-deploy", "DISCORD_APPLICATION_ID"],
    ["telegram-webhook", "--delete"],
  ] as const) {
    it(`${entry} --help`, async () => {
      const r = await run("node", [`dist/${entry}.mjs`, "--help"], { cwd: dir, env: { TELEGRAM_BOT_TOKEN: "1:x", DISCORD_TOKEN: "y" } });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(says);
      expect(r.stdout).toContain("--help");
      expect(r.stderr).toBe("");
    });
  }
});

describe("every entry point reads .env", { timeout: 60_000 }, () => {
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "dotenv-"));
    // The ingest CLI reads DATA_DIR from .env: the report lands there.
    writeFileSync(join(dir, ".env"), `DATA_DIR=${join(work, "data")}\nDATABASE_PATH=${join(work, "bot.sqlite")}\n`);
    const r = await run("node", ["dist/ingest.mjs", join(projectRoot, "test/fixtures/dev-reports/quang-nam-2024.vi.txt")], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(existsSync(join(work, "data", "sessions", "quang-nam-2024.json"))).toBe(true);
  });
  afterAll(() => {
    rmSync(join(dir, ".env"), { force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it("ask and eval answer from the DATA_DIR of .env", async () => {
    const ask = await run("node", ["dist/ask.mjs", "--json", "Năm 2024 GRDP Quảng Nam tăng bao nhiêu?"], { cwd: dir });
    expect(JSON.parse(ask.stdout)).toMatchObject({ found: true, sessionId: "quang-nam-2024" });
    const plain = await run("node", ["dist/ask.mjs", "Năm 2024 GRDP Quảng Nam tăng bao nhiêu?"], { cwd: dir });
    expect(plain.stdout).toContain("7,1%");
    const ev = await run("node", ["dist/eval.mjs", join(projectRoot, "test/fixtures/dev-reports/quang-nam-2024.questions.jsonl")], { cwd: dir });
    expect(ev.stdout).toContain(`sessions: quang-nam-2024 from ${join(work, "data")}`);
  });

  it("npm start (the console) uses the DATABASE_PATH of .env", async () => {
    const r = await run("node", ["dist/main.mjs", "--console", "--admin"], { cwd: dir, input: "/thoat\n" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`ghi vào ${join(work, "bot.sqlite")}`);
  });

  it("telegram:webhook registers once with the settings of .env", async () => {
    const fake = await FakeTelegramApi.start();
    try {
      writeFileSync(
        join(dir, ".env"),
        `TELEGRAM_BOT_TOKEN=${fake.token}\nTELEGRAM_API_ROOT=${fake.apiRoot}\nTELEGRAM_WEBHOOK_URL=https://bot.example.gov.vn/telegram/hook\nTELEGRAM_WEBHOOK_SECRET=s3cret_token-1\n`,
      );
      const r = await run("node", ["dist/telegram-webhook.mjs"], { cwd: dir });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("Webhook registered: https://bot.example.gov.vn/telegram/hook");
      expect(fake.calls.filter((c) => c.method === "setWebhook")).toHaveLength(1);
      expect(fake.webhook).toMatchObject({ url: "https://bot.example.gov.vn/telegram/hook", secret_token: "s3cret_token-1" });
    } finally {
      await fake.close();
    }
  });

  it("discord:deploy deploys once with the settings of .env", async () => {
    const fake = await FakeDiscord.start();
    try {
      writeFileSync(join(dir, ".env"), `DISCORD_TOKEN=${fake.token}\nDISCORD_APPLICATION_ID=${fake.applicationId}\nDISCORD_API_ROOT=${fake.apiRoot}\n`);
      const r = await run("node", ["dist/discord-deploy.mjs"], { cwd: dir });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("globally");
      expect(fake.requests.filter((q) => q.route === "PUT /applications/:app/commands")).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });
});
