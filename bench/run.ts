// `npm run bench` — the engine against fair baselines, on sessions ingested from generated report
// texts, at 1, 100, 1,000 and 10,000 sessions (`--sizes`), in one run; `--json` prints one object.
//
// For each size, in fresh child processes:
// - latency and accuracy (one child): the engine, BM25 (MiniSearch) and Fuse.js over the chosen
//   session's sentences, on the generator's questions (one per seed figure, naming the report's
//   province and period) and on reworded questions written apart from the generator (mapped onto
//   the most recent report of each province, naming the province). A first pass scores the
//   answers and is timed apart (cold, and the first question to each session); every method is
//   then warmed the same way (WARM_MS, below) and every question timed on its own; p50/p99/p99.9
//   are raw percentiles over all timed samples (≥ 1,000);
//   the cost of a 4,000-character message of unknown words.
// - start: the ask CLI (`node dist/ask.mjs --json --data DIR "…"`), from spawn to the answer on
//   stdout: once without the catalogue (cold: it is rebuilt from every session file) and three
//   times with it;
// - memory: a bot process (bench/probe.ts) that answers every question and one to each of up to
//   1,100 sessions (session pool and index cache full), then reports its RSS.
import { spawn } from "node:child_process";
import { cpus, loadavg, setPriority, totalmem } from "node:os";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { dirFor, ingestSample, ingestWorker, prepare } from "./data.js";
import { generateReports } from "./generate.js";
import { generatorCases, rewordedCases, seedQuestions, seedSession, type BenchCase } from "./questions.js";
import { bm25Baseline, fuseBaseline, type Baseline, type BaselineAnswer } from "./baselines.js";
import { median, percentiles, type Percentiles } from "./stats.js";
import { CATALOGUE_FILE, CATALOGUE_WORDS_FILE, openKnowledgeBase } from "../src/knowledge/catalogue.js";
import { projectRoot } from "../src/knowledge/loader.js";
import { sessionInfo } from "../src/knowledge/info.js";
import { QueryEngine } from "../src/engine/engine.js";
import { judge } from "../src/eval/judge.js";

const args = process.argv.slice(2);
const opt = (name: string, fallback?: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : fallback;
};
const flag = (name: string) => args.includes(name);

const GEN_TARGETS = 40; // reports asked the generator's questions, spread over the folder
const REWORDED_TARGETS = 12; // provinces whose most recent report is asked the reworded questions
const SAMPLES = Number(opt("--samples", "3000"));
const FUSE_SAMPLES = 1000;
// Every method is warmed the same way before it is timed: passes over all the questions until
// WARM_MS have gone by and at least WARM_PASSES passes are done. One pass is not enough: V8 keeps
// tiering the engine's code up for ~6 s of answering (p99 4.9 → 3.0 → 0.9 ms over successive
// rounds), and a bot that has run a minute is in that steady state. The first pass (cold) is
// reported apart, in details.
const WARM_MS = Number(opt("--warm-ms", "8000"));
const WARM_PASSES = 3;
const FILL = 1100;
const PRIORITY = -10;

// ---------------------------------------------------------------------------------------------
// child: latency and accuracy

interface Scored {
  accuracy: number;
  accuracy_reworded: number;
  wrong: number;
  wrong_reworded: number;
}

interface MethodResult extends Percentiles, Scored {
  build_ms?: number;
}

function junkMessage(seed = 7): string {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const letters = "bcdfghjklmnpqrstvwxzaeiouy";
  const words: string[] = [];
  let length = 0;
  while (length < 4000) {
    const n = 3 + Math.floor(rnd() * 7);
    let w = "";
    for (let i = 0; i < n; i++) w += letters[Math.floor(rnd() * letters.length)];
    words.push(w);
    length += w.length + 1;
  }
  return words.join(" ").slice(0, 4000);
}

function latencyChild(dir: string, size: number, casesOut: string): void {
  const reports = generateReports(size);
  const byId = new Map(reports.map((r) => [r.id, r]));
  const kb = openKnowledgeBase(dir, projectRoot);
  const engine = new QueryEngine(kb);
  const seed = seedSession();
  const seedQs = seedQuestions();
  // the generator's questions: reports spread over the folder
  const genIds = [...new Set(Array.from({ length: Math.min(GEN_TARGETS, size) }, (_, i) => reports[Math.floor((i * size) / Math.min(GEN_TARGETS, size))]!.id))];
  // reworded questions name only the province: they are about its most recent report
  const latest: string[] = [];
  const seen = new Set<string>();
  for (const s of kb.sessions) {
    const info = sessionInfo(s);
    if (!seen.has(info.province)) (seen.add(info.province), latest.push(info.id));
  }
  const rewIds = Array.from({ length: Math.min(REWORDED_TARGETS, latest.length) }, (_, i) => latest[Math.floor((i * latest.length) / Math.min(REWORDED_TARGETS, latest.length))]!);
  const cases: BenchCase[] = [...genIds.flatMap((id) => generatorCases(seed, byId.get(id)!)), ...rewIds.flatMap((id) => rewordedCases(seedQs.cases, byId.get(id)!))];
  const sources = new Map([...new Set([...genIds, ...rewIds])].map((id) => [id, byId.get(id)!.text.normalize("NFC")]));
  reports.length = 0;
  byId.clear();
  writeFileSync(casesOut, JSON.stringify(cases.map((c) => ({ q: c.q, ...(c.chat ? { chat: `probe:${c.chat}` } : {}) }))));

  const score = (answers: Pick<BaselineAnswer, "found" | "answer" | "citations">[]): Scored => {
    const tally = { generated: [0, 0, 0], reworded: [0, 0, 0] };
    cases.forEach((c, i) => {
      const v = judge(c, answers[i]!, sources.get(c.report)!);
      const t = tally[c.set];
      t[0]!++;
      if (v.ok) t[1]!++;
      else if (v.wrong) t[2]!++;
    });
    const r = (x: number, n: number) => Math.round((x / (n || 1)) * 10000) / 10000;
    return { accuracy: r(tally.generated[1]!, tally.generated[0]!), accuracy_reworded: r(tally.reworded[1]!, tally.reworded[0]!), wrong: r(tally.generated[2]!, tally.generated[0]!), wrong_reworded: r(tally.reworded[2]!, tally.reworded[0]!) };
  };

  // engine: first pass (scored; cold latencies and the first question to each session kept apart),
  // warm-up, then timed passes; each pass its own chats, so that follow-ups start afresh
  const firstTouch: number[] = [];
  const coldTimes: number[] = [];
  const touched = new Set<string>();
  const answers = cases.map((c) => {
    const t = performance.now();
    const a = engine.ask(c.q, c.chat ? { chatId: `cold:${c.chat}` } : {});
    const dt = performance.now() - t;
    coldTimes.push(dt);
    if (!touched.has(c.report)) (touched.add(c.report), firstTouch.push(dt));
    return a;
  });
  const engineScore = score(answers);
  let pass = 0;
  const enginePass = (out?: number[]) => {
    pass++;
    for (const c of cases) {
      const opts = c.chat ? { chatId: `p${pass}:${c.chat}` } : {};
      const t = performance.now();
      engine.ask(c.q, opts);
      out?.push(performance.now() - t);
    }
  };
  const warmUp = (onePass: () => void) => {
    const t = performance.now();
    for (let i = 0; i < WARM_PASSES || performance.now() - t < WARM_MS; i++) onePass();
  };
  warmUp(() => enginePass());
  const engineTimes: number[] = [];
  while (engineTimes.length < Math.max(SAMPLES, cases.length)) enginePass(engineTimes);

  const runBaseline = (make: (id: string, source: string) => Baseline, samples: number): MethodResult & { cold: Percentiles } => {
    const tb = performance.now();
    const indexes = new Map([...sources].map(([id, text]) => [id, make(id, text)]));
    const build = (performance.now() - tb) / sources.size;
    const cold: number[] = [];
    const scored = score(cases.map((c) => {
      const t = performance.now();
      const a = indexes.get(c.report)!.answer(c.q);
      cold.push(performance.now() - t);
      return a;
    }));
    warmUp(() => {
      for (const c of cases) indexes.get(c.report)!.answer(c.q);
    });
    const times: number[] = [];
    while (times.length < samples)
      for (const c of cases) {
        const b = indexes.get(c.report)!;
        const t = performance.now();
        b.answer(c.q);
        times.push(performance.now() - t);
        if (times.length >= samples && times.length >= Math.min(cases.length, samples)) break;
      }
    return { ...percentiles(times), ...scored, build_ms: Math.round(build * 1000) / 1000, cold: percentiles(cold) };
  };
  const bm25 = runBaseline(bm25Baseline, Math.max(SAMPLES, cases.length));
  const fuse = runBaseline(fuseBaseline, FUSE_SAMPLES);

  // a 4,000-character message of unknown words: the first one, then 100 more (each new words)
  const junk = junkMessage();
  const tj = performance.now();
  const ja = engine.ask(junk);
  const junkFirst = performance.now() - tj;
  const junkTimes: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t = performance.now();
    engine.ask(junkMessage(100 + i));
    junkTimes.push(performance.now() - t);
  }

  const result = {
    sessions: kb.sessions.length,
    cases: { generated: cases.filter((c) => c.set === "generated").length, reworded: cases.filter((c) => c.set === "reworded").length, generated_reports: genIds.length, reworded_reports: rewIds.length, seed_files: seedQs.files, seed_dropped: seedQs.dropped },
    engine: { ...percentiles(engineTimes), ...engineScore, cold: percentiles(coldTimes) },
    first_question_to_a_session: percentiles(firstTouch),
    baseline: bm25,
    fuse,
    junk: { first_ms: round(junkFirst), ...percentiles(junkTimes), found: ja.found, answer: ja.answer.split("\n")[0] },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

// ---------------------------------------------------------------------------------------------
// parent

function spawnTimed(argv: string[], until: (out: string) => boolean): Promise<{ ms: number; out: string }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, argv, { stdio: ["ignore", "pipe", "pipe"], cwd: projectRoot });
    // this machine is shared: measured processes go before other work where the system allows it
    try {
      if (child.pid) setPriority(child.pid, PRIORITY);
    } catch {
      // not allowed (not root): measured as it comes
    }
    let out = "";
    let err = "";
    let ms: number | undefined;
    child.stdout.on("data", (d) => {
      out += d;
      if (ms === undefined && until(out)) ms = performance.now() - t;
    });
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => (code === 0 ? resolve({ ms: ms ?? performance.now() - t, out }) : reject(new Error(`${argv.join(" ")} exited ${code}: ${err.slice(-2000)}`))));
  });
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const bundle = (name: string) => join(projectRoot, "dist", `${name}.mjs`);

async function measureSize(dir: string, n: number, log: (s: string) => void) {
  const loadBefore = loadavg()[0]!;
  const firstQuestion = "Tốc độ tăng GRDP là bao nhiêu?";
  const ask = [bundle("ask"), "--json", "--data", dir, firstQuestion];
  const answered = (out: string) => out.trimEnd().endsWith("}");
  // cold: no catalogue, rebuilt from every session file
  rmSync(join(dir, CATALOGUE_FILE), { force: true });
  rmSync(join(dir, CATALOGUE_WORDS_FILE), { force: true });
  const cold = await spawnTimed(ask, answered);
  if (!existsSync(join(dir, CATALOGUE_FILE))) throw new Error("the catalogue was not written");
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) warm.push((await spawnTimed(ask, answered)).ms);
  log(`  ${n}: cold start ${Math.round(cold.ms)} ms, start to first answer ${warm.map((x) => Math.round(x)).join("/")} ms`);
  const casesFile = join(dir, "..", `cases-${n}.json`);
  const lat = JSON.parse((await spawnTimed(["--expose-gc", process.argv[1]!, "--child", "latency", "--dir", dir, "--size", String(n), "--cases-out", casesFile], () => false)).out);
  log(`  ${n}: engine p99 ${lat.engine.p99_ms} ms, BM25 p99 ${lat.baseline.p99_ms} ms`);
  const probe = await spawnTimed(["--expose-gc", bundle("bench-probe"), "--dir", dir, "--cases", casesFile, "--fill", String(FILL), "--first", firstQuestion], () => false);
  const line = (tag: string) => JSON.parse(probe.out.split("\n").find((l) => l.startsWith(`${tag} `))!.slice(tag.length + 1));
  const first = line("FIRST");
  const done = line("DONE");
  rmSync(casesFile, { force: true });
  const pick = (m: MethodResult) => ({ p50_ms: m.p50_ms, p99_ms: m.p99_ms, p999_ms: m.p999_ms, accuracy: m.accuracy, accuracy_reworded: m.accuracy_reworded });
  return {
    sessions: n,
    engine: pick(lat.engine),
    baseline: pick(lat.baseline),
    speedup_p99: round(lat.baseline.p99_ms / lat.engine.p99_ms, 2),
    accuracy_ratio_reworded: round(lat.engine.accuracy_reworded / lat.baseline.accuracy_reworded, 2),
    cold_start_ms: Math.round(cold.ms),
    start_to_first_answer_ms: Math.round(median(warm)),
    junk_message_ms: lat.junk.p50_ms,
    rss_mb: done.rss_mb,
    details: {
      samples: { engine: lat.engine.n, baseline: lat.baseline.n, fuse: lat.fuse.n },
      questions: lat.cases,
      engine: lat.engine,
      baseline_bm25: lat.baseline,
      baseline_fuse: lat.fuse,
      fuse: { ...pick(lat.fuse), speedup_p99: round(lat.fuse.p99_ms / lat.engine.p99_ms, 2) },
      first_question_to_a_session: lat.first_question_to_a_session,
      junk: lat.junk,
      start_to_first_answer_runs_ms: warm.map((x) => Math.round(x)),
      load_average: { before: round(loadBefore, 2), after: round(loadavg()[0]!, 2) },
      bot_process: { ...first, ...done },
    },
  };
}

async function main(): Promise<void> {
  if (opt("--child") === "ingest") return ingestWorker(opt("--dir")!, Number(opt("--from")), Number(opt("--to")));
  if (opt("--child") === "latency") return latencyChild(opt("--dir")!, Number(opt("--size")), opt("--cases-out")!);
  const json = flag("--json");
  const sizes = (opt("--sizes", "1,100,1000,10000") ?? "").split(",").map(Number).filter((n) => n > 0);
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const t0 = performance.now();
  const prepared = await prepare(Math.max(...sizes), sizes, log);
  const ingest = ingestSample();
  log(`ingest: ${ingest.p50_ms} ms per report (p50 of ${ingest.reports}, ${ingest.words}-word reports)`);
  const results = [];
  for (const n of sizes) results.push(await measureSize(dirFor(prepared, n), n, log));
  const machine = { cpu: cpus()[0]?.model ?? "?", cores: cpus().length, memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version };
  const out = {
    sizes: results,
    machine,
    ingest: { ms_per_report_p50: ingest.p50_ms, ms_per_report_mean: ingest.mean_ms, words_per_report: ingest.words, cache: prepared.key, ingested_this_run: prepared.ingestedNow, ingested_this_run_ms: Math.round(prepared.ingestedNowMs) },
    run_s: Math.round((performance.now() - t0) / 1000),
  };
  if (json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  else process.stdout.write(table(out));
}

function table(out: { sizes: Awaited<ReturnType<typeof measureSize>>[]; machine: Record<string, unknown>; ingest: Record<string, unknown>; run_s: number }): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const ms = (x: number) => x.toFixed(3).padStart(7);
  const lines = [
    `machine: ${out.machine.cpu}, ${out.machine.cores} cores, ${out.machine.memory_gb} GiB, Node ${out.machine.node}`,
    `ingest: ${out.ingest.ms_per_report_p50} ms per ${out.ingest.words_per_report}-word report (p50)`,
    "",
    "sessions | engine p50     p99   p99.9   acc  reworded | BM25 p50     p99   p99.9   acc  reworded | p99 speedup  reworded acc ×",
  ];
  for (const s of out.sizes)
    lines.push(
      `${String(s.sessions).padStart(8)} | ${ms(s.engine.p50_ms)} ${ms(s.engine.p99_ms)} ${ms(s.engine.p999_ms)} ${pct(s.engine.accuracy).padStart(6)} ${pct(s.engine.accuracy_reworded).padStart(8)} | ${ms(s.baseline.p50_ms)} ${ms(s.baseline.p99_ms)} ${ms(s.baseline.p999_ms)} ${pct(s.baseline.accuracy).padStart(6)} ${pct(s.baseline.accuracy_reworded).padStart(8)} | ${`${s.speedup_p99.toFixed(2)}×`.padStart(11)}  ${`${s.accuracy_ratio_reworded.toFixed(2)}×`.padStart(12)}`,
    );
  lines.push("", "sessions | Fuse p50     p99   acc  reworded | cold start  start→answer  junk p50 (max)      RSS | first question to a session p50/p99");
  for (const s of out.sizes) {
    const f = s.details.fuse;
    const ft = s.details.first_question_to_a_session;
    lines.push(
      `${String(s.sessions).padStart(8)} | ${ms(f.p50_ms)} ${ms(f.p99_ms)} ${pct(f.accuracy).padStart(6)} ${pct(f.accuracy_reworded).padStart(8)} | ${`${s.cold_start_ms} ms`.padStart(10)}  ${`${s.start_to_first_answer_ms} ms`.padStart(12)}  ${`${s.junk_message_ms.toFixed(2)} (${s.details.junk.max_ms.toFixed(1)}) ms`.padStart(16)}  ${`${s.rss_mb} MB`.padStart(7)} | ${ft.p50_ms.toFixed(2)} / ${ft.p99_ms.toFixed(2)} ms`,
    );
  }
  const q = out.sizes[out.sizes.length - 1]!.details.questions;
  lines.push("", `questions per size (largest): ${q.generated} generated (${q.generated_reports} reports), ${q.reworded} reworded (${q.reworded_reports} reports; from ${q.seed_files.join(", ")}, ${q.seed_dropped} left out); run ${out.run_s} s`, "");
  return lines.join("\n");
}

await main();
