// `npm run bench [-- --json] [--sizes 1,100,1000] [--questions 300]`
// One process, one run: the engine against the naive approach (a plain Fuse.js index over every
// session's source sentences, top hit taken as the answer) on the generator's questions, at each
// size; index build time, heap and RSS after loading; cold start of a fresh process. Speed is
// reported as ratios against that baseline, measured in the same run, never as absolute claims.
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir, cpus } from "node:os";
import { spawn, spawnSync } from "node:child_process";
import Fuse from "fuse.js";
import { generateQuestions, generateSessions, writeSessions, type GeneratedQuestion } from "./generate.js";
import { buildKnowledgeBase, loadKnowledgeBase, loadSessionFile, projectRoot } from "../src/knowledge/loader.js";
import type { LoadedSession } from "../src/knowledge/types.js";
import { QueryEngine } from "../src/engine/engine.js";
import { fold } from "../src/text/fold.js";

const args = process.argv.slice(2);
const asJson = args.includes("--json");
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const sizes = opt("--sizes", "1,100,1000").split(",").map(Number);
const questionCount = Number(opt("--questions", "300"));
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const now = () => Number(process.hrtime.bigint()) / 1e6;

interface Stats {
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  accuracy: number;
}

function percentiles(samples: number[], accuracy: number): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { p50_ms: round(at(50)), p95_ms: round(at(95)), p99_ms: round(at(99)), accuracy: Math.round(accuracy * 1000) / 1000 };
}

const contains = (text: string, q: GeneratedQuestion) => {
  const t = fold(text);
  return q.expect.every((e) => t.includes(fold(e))) && !(q.must_not ?? []).some((m) => t.includes(fold(m)));
};

function benchEngine(engine: QueryEngine, questions: GeneratedQuestion[]): Stats {
  let right = 0;
  for (const q of questions) {
    const a = engine.ask(q.q);
    if (a.found && a.sessionId === q.sessionId && contains(a.answer, q)) right++;
  }
  // Each question's time is the median of 5 runs, so that a pause of the machine (this is a
  // shared VM) is not charged to whichever question it fell on; percentiles are across questions.
  const runs: number[][] = questions.map(() => []);
  for (let rep = 0; rep < 5; rep++) {
    questions.forEach((q, i) => {
      const t = now();
      engine.ask(q.q);
      runs[i]!.push(now() - t);
    });
  }
  return percentiles(runs.map(median), right / questions.length);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * The baseline: one Fuse.js index over all sentences of all loaded sessions. It is slow enough
 * (seconds a question at 1,000 sessions) that it gets a time budget: as many of the questions as
 * fit in about 30 s, at least 10, each run once.
 */
function benchNaive(sessions: LoadedSession[], questions: GeneratedQuestion[], budgetMs = 30_000): Stats & { build_ms: number; asked: number } {
  const t0 = now();
  const docs = sessions.flatMap((s) =>
    s.sourceText
      .split(/(?<=[.!?…])\s+|\n+/)
      .map((text) => text.trim())
      .filter(Boolean)
      .map((text) => ({ text, sessionId: s.file.session.id })),
  );
  const fuse = new Fuse(docs, { keys: ["text"], ignoreDiacritics: true, ignoreLocation: true, includeScore: true, threshold: 0.6 });
  const build_ms = now() - t0;
  const samples: number[] = [];
  let right = 0;
  const started = now();
  for (const q of questions) {
    if (samples.length >= 10 && now() - started > budgetMs) break;
    const t = now();
    const hit = fuse.search(q.q, { limit: 1 })[0];
    samples.push(now() - t);
    if (hit && hit.item.sessionId === q.sessionId && contains(hit.item.text, q)) right++;
  }
  return { ...percentiles(samples, right / samples.length), build_ms: Math.round(build_ms), asked: samples.length };
}

/** A fresh process from launch to its first answer on stdout (the built CLI, engine only). */
async function coldStart(runs = 7): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    times.push(
      await new Promise<number>((resolve, reject) => {
        const t = now();
        const child = spawn(process.execPath, ["dist/ask.mjs", "--json", "GRDP tăng bao nhiêu?"], { cwd: projectRoot, stdio: ["ignore", "pipe", "inherit"] });
        let first: number | undefined;
        child.stdout.on("data", () => (first ??= now() - t));
        child.on("error", reject);
        child.on("close", () => resolve(first ?? now() - t));
      }),
    );
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]!);
}

async function main(): Promise<void> {
  const maxSize = Math.max(...sizes);
  const dir = mkdtempSync(join(tmpdir(), "bench-sessions-"));
  try {
    log(`generating ${maxSize - 1} synthetic sessions in ${dir} …`);
    const ids = (() => {
      const made = generateSessions(maxSize - 1);
      writeSessions(dir, made);
      return made.map((g) => g.file.session.id);
    })();
    const real = loadKnowledgeBase("data/sessions", projectRoot).sessions;
    // Loaded back from disk, through the same validation as the bot's own files.
    const generated = ids.map((id) => loadSessionFile(join(dir, "data/sessions", `${id}.json`), dir));
    const rows: { sessions: number; engine: Stats; naive: Stats; naive_questions: number; speedup_p99: number }[] = [];
    let build_ms = 0;
    let rss_mb = 0;
    let heap_mb = 0;
    for (const size of sizes) {
      const sessions = [...real, ...generated.slice(0, size - 1)];
      const kb = buildKnowledgeBase(sessions);
      gc();
      const t0 = now();
      const engine = new QueryEngine(kb);
      const built = now() - t0;
      if (size === maxSize) build_ms = Math.round(built);
      const questions = generateQuestions(kb.sessions.map((s) => s.file), questionCount);
      log(`${size} session(s): index built in ${built.toFixed(0)} ms; engine …`);
      const e = benchEngine(engine, questions);
      log(`${size} session(s): naive Fuse.js …`);
      const n = benchNaive(kb.sessions, questions);
      const { build_ms: _naiveBuild, asked, ...naive } = n;
      rows.push({ sessions: size, engine: e, naive, naive_questions: asked, speedup_p99: Math.round((naive.p99_ms / e.p99_ms) * 10) / 10 });
    }
    log(`memory with ${maxSize} sessions, in a fresh process …`);
    const probe = spawnSync(process.execPath, ["--expose-gc", "dist/bench-probe.mjs", dir, String(maxSize - 1)], { cwd: projectRoot, encoding: "utf8" });
    if (probe.status !== 0) throw new Error(`memory probe failed: ${probe.stderr}`);
    const mem = JSON.parse(probe.stdout) as { rss_mb: number; heap_mb: number };
    rss_mb = mem.rss_mb;
    heap_mb = mem.heap_mb;
    log("cold start …");
    const cold_start_ms = await coldStart();
    const machine = { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, node: process.version };
    const result = { sizes: rows, build_ms, rss_mb, heap_mb, cold_start_ms, questions: questionCount, machine };
    if (asJson) {
      process.stdout.write(JSON.stringify(result) + "\n");
      return;
    }
    const pad = (s: string | number, n: number) => String(s).padStart(n);
    const fmt = (s: Stats) => `${pad(s.p50_ms.toFixed(3), 8)} ${pad(s.p95_ms.toFixed(3), 8)} ${pad(s.p99_ms.toFixed(3), 8)} ${pad((s.accuracy * 100).toFixed(1) + "%", 7)}`;
    const lines = [
      `machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; ${questionCount} generated questions per size`,
      "",
      "engine: each question's time is the median of 5 runs; naive: each question run once, within a 30 s budget per size",
      "",
      `${pad("sessions", 8)} | ${pad("engine p50", 10)} ${pad("p95", 8)} ${pad("p99 ms", 8)} ${pad("acc", 7)} | ${pad("naive p50", 9)} ${pad("p95", 8)} ${pad("p99 ms", 8)} ${pad("acc", 7)} | ${pad("p99 speedup", 11)}`,
      ...rows.map((r) => `${pad(r.sessions, 8)} | ${pad("", 2)}${fmt(r.engine)} | ${pad("", 1)}${fmt(r.naive)} | ${pad(r.speedup_p99 + "×", 11)}  (naive: ${r.naive_questions} questions)`),
      "",
      `index build at ${maxSize} sessions: ${build_ms} ms; after loading them (fresh process): RSS ${rss_mb} MB, heap ${heap_mb} MB; cold start (fresh process to first answer, median of 7): ${cold_start_ms} ms`,
    ];
    process.stdout.write(lines.join("\n") + "\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
