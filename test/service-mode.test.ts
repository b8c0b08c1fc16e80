// Service mode and the console's role (issue 14), on real child processes of the bot (src/main.ts):
// with no token and no terminal, `npm start` fails (exit 78) naming the settings to set, instead of
// a console that reads an empty stdin and stops with 0; `--console` forces the console. The console
// is a normal user unless `--admin` (or CONSOLE_ADMIN=1) is given, and an admin console writes to
// the database DATABASE_PATH names, which it must be told.
import { afterAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../src/knowledge/loader.js";
import { openStore } from "../src/store/store.js";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The folder the child ran in. */
  cwd: string;
}

/** tsx's loader by URL: the children run in a folder of their own, where "tsx" would not resolve. */
const TSX = import.meta.resolve("tsx");
const work = mkdtempSync(join(tmpdir(), "service-mode-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `node --import tsx src/main.ts ARGS` with a bare environment (no token, no database of the machine), stdin a pipe. */
function start(args: string[], env: Record<string, string> = {}, input = ""): Promise<Run> {
  // Each run in a folder of its own: the default database (var/bot.sqlite) and .env would be there.
  const cwd = mkdtempSync(join(work, "run-"));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX, join(projectRoot, "src/main.ts"), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? "", HOME: cwd, LOG_LEVEL: "silent", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, cwd }));
    child.stdin.end(input);
  });
}

async function petitionRows(dbPath: string): Promise<string[]> {
  const store = openStore(dbPath);
  try {
    return (await store.petitions.changesSince(null)).filter((r) => !r.fromSource).map((r) => `${r.petitionId} ${r.fromStatus} → ${r.toStatus} (${r.by}): ${r.note}`);
  } finally {
    await store.close();
  }
}

// An admin's change is shown first and confirmed at the console's y/N prompt (the next line).
const UPDATE = "/kiennghi capnhat KN-01 da_bao_cao_cp thử nghiệm từ console\ny\n";

describe("npm start as a service", { timeout: 60_000 }, () => {
  it("with no token and no terminal, exits non-zero naming the settings to set", async () => {
    const r = await start([]);
    expect(r.code).toBe(78);
    expect(r.stdout).toBe("");
    for (const name of ["TELEGRAM_BOT_TOKEN", "DISCORD_TOKEN", "--console", ".env"]) expect(r.stderr).toContain(name);
    expect(existsSync(join(r.cwd, "var"))).toBe(false); // nothing was opened
  });

  it("--console forces the console (stdin a pipe), answers and exits 0", async () => {
    const r = await start(["--console"], {}, "grdp tang bao nhieu\n/thoat\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("chế độ dòng lệnh");
    expect(r.stdout).toContain("7,22%");
  });

  it("--console wins over configured tokens: no platform is contacted", async () => {
    const r = await start(["--console"], { TELEGRAM_BOT_TOKEN: "123:abc", TELEGRAM_API_ROOT: "http://127.0.0.1:9" }, "/thoat\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("chế độ dòng lệnh");
  });

  it("an unknown argument is refused with the usage", async () => {
    const r = await start(["--consol"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--help");
  });

  // `script` (util-linux) gives the child a pseudo-terminal as stdin.
  const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;
  it.skipIf(!hasScript)("in a terminal with no token, opens the console as before", async () => {
    const r = await new Promise<Run>((resolve, reject) => {
      const cmd = `${process.execPath} --import ${TSX} ${join(projectRoot, "src/main.ts")}`;
      const child = spawn("script", ["-qec", cmd, "/dev/null"], { cwd: work, env: { PATH: process.env.PATH ?? "", HOME: work, LOG_LEVEL: "silent", TERM: "dumb" }, stdio: ["pipe", "pipe", "pipe"] });
      let stdout = "";
      let quitSent = false;
      // The console may close before the pipe drains; a late write must not fail the run (EPIPE).
      child.stdin.on("error", () => undefined);
      child.stdout.setEncoding("utf8").on("data", (d: string) => {
        stdout += d;
        if (!quitSent && stdout.includes("hỏi>")) {
          quitSent = true;
          child.stdin.write("/thoat\r");
        }
      });
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr: "", cwd: work }));
    });
    expect(r.stdout).toContain("chế độ dòng lệnh");
    expect(r.code).toBe(0);
  });
});

describe("the console's role", { timeout: 60_000 }, () => {
  it("without --admin the console is a normal user: an update is refused and nothing is written", async () => {
    const db = join(work, "user.sqlite");
    const r = await start(["--console"], { DATABASE_PATH: db }, UPDATE);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Người dùng thường");
    expect(r.stdout).toContain("chỉ quản trị viên");
    expect(await petitionRows(db)).toEqual([]);
  });

  it("--admin needs the database named: without DATABASE_PATH it stops and says so", async () => {
    const r = await start(["--console", "--admin"], {}, UPDATE);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain("DATABASE_PATH");
    expect(existsSync(join(r.cwd, "var"))).toBe(false);
  });

  it("--admin writes to the database DATABASE_PATH names, and says which", async () => {
    const db = join(work, "admin.sqlite");
    const r = await start(["--console", "--admin"], { DATABASE_PATH: db }, UPDATE);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`ghi vào ${db}`);
    expect(r.stdout).toContain("Đã cập nhật KN-01");
    expect(await petitionRows(db)).toEqual(["KN-01 da_tiep_nhan → da_bao_cao_cp (console:local): thử nghiệm từ console"]);
    expect(existsSync(join(r.cwd, "var"))).toBe(false);
  });

  it("CONSOLE_ADMIN=1 is the same as --admin", async () => {
    const db = join(work, "setting.sqlite");
    const r = await start(["--console"], { DATABASE_PATH: db, CONSOLE_ADMIN: "1" }, UPDATE);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Đã cập nhật KN-01");
    expect(await petitionRows(db)).toHaveLength(1);
  });
});
