// Petition history on both backends (a real SQLite file; a real PostgreSQL database when
// TEST_DATABASE_URL is set): seeded once from the source, intact after reopening, and two writers
// (two processes on the same database) both recorded, in order.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { runText } from "../commands/dispatch.js";
import { openStore, rawSqlOf } from "../src/store/store.js";
import { confirmed, ctxFor, makeWorld, registry, type TestWorld } from "./petitions-helpers.js";
import { backends, freshDatabase, type TestDatabase } from "./helpers/stores.js";

describe.each(backends())("petition history store on %s", (backend) => {
  let world: TestWorld;
  let db: TestDatabase;
  beforeEach(async () => {
    db = await freshDatabase(backend);
    world = makeWorld("petitions-store-", backend === "postgres" ? db.target : undefined);
  });
  afterEach(async () => {
    await world.cleanup();
    await db.drop();
  });

  async function allRows(services: ReturnType<TestWorld["open"]>) {
    const out = [];
    for (const e of registry(services).entries) out.push(...(await registry(services).history(e)));
    return out;
  }

  it("applies migration 2 and seeds the source's state as each group's first row, once", async () => {
    const s1 = world.open();
    await registry(s1).init();
    const versions = await (await rawSqlOf(s1.store)).all<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
    expect(versions.map((v) => Number(v.version))).toContain(2);
    expect(await allRows(s1)).toHaveLength(4);
    for (const e of registry(s1).entries) {
      const [first] = await registry(s1).history(e);
      expect(first).toMatchObject({
        sessionId: "lang-son-2023",
        petitionId: e.group.id,
        by: "nguồn: báo cáo buổi làm việc",
        fromStatus: null,
        toStatus: e.group.sourceStatus,
        note: e.group.sourceStatusNote,
        fromSource: true,
      });
    }
    // A restart (new services, same database) seeds nothing more; nor do two at once.
    const s2 = world.open();
    const s3 = world.open();
    await Promise.all([registry(s2).init(), registry(s3).init()]);
    expect(await allRows(s2)).toHaveLength(4);
  });

  it("keeps the whole history after the database is closed and reopened", async () => {
    const s1 = world.open();
    const admin = ctxFor(s1, { admin: true });
    expect((await confirmed("/kiennghi capnhat KN-01 da_bao_cao_cp Đã tổng hợp báo cáo", admin)).kind).toBe("info");
    world.clock.advance(24 * 3600_000);
    expect((await confirmed("/kiennghi capnhat KN-01 da_giai_quyet Văn bản số 88/VPCP-V.I", admin)).kind).toBe("info");
    const before = await registry(s1).history(registry(s1).byId("KN-01")!);
    await s1.store.close();

    const s2 = world.open();
    const after = await registry(s2).history(registry(s2).byId("KN-01")!);
    expect(after).toEqual(before);
    expect(after.map((r) => [r.fromStatus, r.toStatus])).toEqual([
      [null, "da_tiep_nhan"],
      ["da_tiep_nhan", "da_bao_cao_cp"],
      ["da_bao_cao_cp", "da_giai_quyet"],
    ]);
    expect(after[2]).toMatchObject({ at: "2026-11-28T02:00:00.000Z", reference: "88/VPCP-V.I", by: "telegram:1001" });
    const reply = await runText("/kiennghi KN-01", ctxFor(s2, { admin: false }));
    expect(reply.lines).toContain("Trạng thái hiện tại: Đã giải quyết — cập nhật lần cuối 28/11/2026 09:00");
    expect(reply.lines).toContain("Lịch sử (3):");
  });

  it("records updates made at once by two processes on the same database: every one, in order", async () => {
    const s = world.open();
    await registry(s).init();
    await s.store.close();
    // First, one change each to KN-03 (both allowed in either order); then 30 each to KN-02,
    // alternating, so that the two writers contend for the same petition over and over.
    const loop = (targets: string[]) => Array.from({ length: 30 }, (_, i) => `KN-02:${targets[i % 2]}`);
    const [a, b] = await runWorkers(world.path, [
      { name: "a", steps: ["KN-03:da_bao_cao_cp", ...loop(["da_bao_cao_cp", "con_ton_dong"])] },
      { name: "b", steps: ["KN-03:con_ton_dong", ...loop(["cho_tra_loi_van_ban", "con_ton_dong"])] },
    ]);

    // The two updates at once to KN-03: both recorded, each starting from what the other left.
    expect(a![0]).toMatchObject({ id: "KN-03", ok: true });
    expect(b![0]).toMatchObject({ id: "KN-03", ok: true });
    const kn3 = await historyOf(world.path, "KN-03");
    expect(kn3.map((r) => r.fromStatus)).toEqual([null, "da_tiep_nhan", kn3[1]!.toStatus]);
    expect(new Set(kn3.slice(1).map((r) => r.by))).toEqual(new Set(["test:a", "test:b"]));

    // KN-02 under contention: every accepted update is a row and nothing else was written; each
    // row starts where the previous one ended (no update lost or based on a stale read).
    const rows = await historyOf(world.path, "KN-02");
    const results = [...a!, ...b!].filter((r) => r.id === "KN-02");
    expect(rows.length - 1).toBe(results.filter((r) => r.ok).length);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.fromStatus).toBe(rows[i - 1]!.toStatus);
    // A refusal only ever came from the lifecycle (the status was already the one asked for).
    for (const r of results) if (!r.ok) expect(r.reason).toBe("refused");
    // Each worker's own updates appear in the order it made them.
    for (const mine of [a!, b!]) {
      const seqs = mine.filter((r) => r.ok).map((r) => r.seq!);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    }
  });
});

interface WorkerResult {
  i: number;
  id: string;
  to: string;
  ok: boolean;
  seq?: number;
  from?: string;
  reason?: string;
}

async function historyOf(target: string, id: string) {
  const store = openStore(target);
  try {
    return await store.petitions.history({ sessionId: "lang-son-2023", petitionId: id });
  } finally {
    await store.close();
  }
}

/** Starts the workers, waits until each has opened the store, then tells them all to go at once. */
async function runWorkers(target: string, specs: { name: string; steps: string[] }[]): Promise<WorkerResult[][]> {
  const script = join(process.cwd(), "test", "fixtures", "petition-update-worker.ts");
  const children = specs.map((spec) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, target, spec.name, spec.steps.join(",")], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    let readyResolve!: () => void;
    const ready = new Promise<void>((r) => (readyResolve = r));
    child.stdout.on("data", (d) => {
      out += d;
      if (out.startsWith("ready\n")) readyResolve();
    });
    child.stderr.on("data", (d) => (err += d));
    child.on("close", () => readyResolve()); // a worker that died early must not hang the test
    const done = new Promise<WorkerResult[]>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => {
        if (code !== 0) return reject(new Error(`worker ${spec.name} exited ${code}: ${err}`));
        resolve(
          out
            .split("\n")
            .slice(1)
            .filter(Boolean)
            .map((l) => JSON.parse(l) as WorkerResult),
        );
      });
    });
    return { child, ready, done };
  });
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.child.stdin.end("go\n");
  return Promise.all(children.map((c) => c.done));
}
