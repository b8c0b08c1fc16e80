// Graceful shutdown: running interactions finish, client.destroy() closes the gateway, and nothing
// the bot opened keeps the process (or vitest) alive.
import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { CommandDef, Reply } from "../commands/types.js";
import { allCommands } from "../commands/index.js";
import { startHarness } from "./discord-harness.js";

const WATCHED = ["TCPSocketWrap", "TCPServerWrap", "Timeout", "Immediate"];

function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) if (WATCHED.includes(r)) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

describe("Discord bot shutdown", () => {
  it("lets an interaction in flight finish, then destroys the client and leaves no open handles", async () => {
    const baseline = handles();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const slow: CommandDef = {
      name: "slow",
      nameVi: "cham",
      description: { vi: "Chậm", en: "Slow" },
      options: [],
      handler: async (_input, ctx): Promise<Reply> => {
        started();
        await gate;
        return { kind: "info", lang: ctx.lang, lines: ["xong"] };
      },
    };
    const h = await startHarness({ commands: [...allCommands, slow] });
    const i = h.fake.chatInput("slow", []);
    await running;
    const stopped = h.bot.stop();
    release();
    await stopped;
    // The reply went out before the gateway closed, and the close was a clean 1000.
    expect(h.fake.requestsFor(i).map((r) => r.status)).toEqual([204]);
    expect(h.bot.client.isReady()).toBe(false);
    expect(h.logs.records().some((r) => r.msg === "discord bot stopped")).toBe(true);
    await h.close();

    // Sockets close asynchronously once the fake server has dropped them: wait for that, boundedly.
    let now = handles();
    for (let n = 0; n < 200 && WATCHED.some((k) => (now[k] ?? 0) > (baseline[k] ?? 0)); n++) {
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 10));
      now = handles();
    }
    for (const k of WATCHED) expect(now[k] ?? 0, k).toBeLessThanOrEqual(baseline[k] ?? 0);
  });

  it("logs a shard error and an unrecoverable disconnect, and still stops cleanly", async () => {
    const h = await startHarness();
    try {
      const disconnected = new Promise<void>((r) => h.bot.client.once("shardDisconnect", () => r()));
      h.fake.closeGateway(4004, "Authentication failed.");
      await disconnected;
      const records = h.logs.records();
      expect(records.find((r) => r.msg === "discord shard error")).toMatchObject({ shardId: 0, err: { message: "Authentication failed" } });
      expect(records.find((r) => r.msg === "discord shard disconnected for good")).toMatchObject({ code: 4004 });
    } finally {
      await h.close();
    }
    expect(h.logs.records().some((r) => r.msg === "discord bot stopped")).toBe(true);
  });

  it("exits a process on its own after stop (nothing keeps the event loop alive)", async () => {
    const script = fileURLToPath(new URL("./discord-exit.script.ts", import.meta.url));
    const result = await new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let err = "";
      // A hang detector, not a timing assertion: a process still alive long after "closed" has leaked a handle.
      let guard: NodeJS.Timeout | undefined;
      child.stdout.on("data", (d) => {
        out += d;
        if (out.includes("closed") && !guard) guard = setTimeout(() => child.kill("SIGKILL"), 10_000);
      });
      child.stderr.on("data", (d) => (err += d));
      child.on("error", reject);
      child.on("close", (code) => {
        clearTimeout(guard);
        resolve({ code, out, err });
      });
    });
    expect(result.err).toBe("");
    expect(result.out).toBe("closed\n");
    expect(result.code).toBe(0);
  }, 60_000); // starting a TypeScript process is slow on a busy machine
});
