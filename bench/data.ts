// The benchmark's sessions, made the way a user makes them: generated report texts, ingested.
// Ingesting 10,000 reports takes minutes, so they are kept in bench/.cache/<key>/, where the key
// is a hash of every source file the generator and the ingester are built from (found by
// esbuild) and of the base report: any change to either makes a new set. Each size gets a folder
// of its own (hard links to the first N), so that the bot can open exactly N sessions.
import { createHash } from "node:crypto";
import { spawn } from "node:child_process";
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { build } from "esbuild";
import { projectRoot } from "../src/knowledge/loader.js";
import { ingestReport } from "../src/ingest/ingest.js";
import { generateReports, type GeneratedReport } from "./generate.js";

export interface Prepared {
  key: string;
  root: string;
  count: number;
  /** Reports ingested by this run (0 when the cache had them). */
  ingestedNow: number;
  ingestedNowMs: number;
}

async function cacheKey(): Promise<string> {
  const result = await build({ entryPoints: [join(projectRoot, "bench/generate.ts")], absWorkingDir: projectRoot, bundle: true, write: false, metafile: true, packages: "external", platform: "node", format: "esm", logLevel: "silent" });
  const hash = createHash("sha256");
  for (const file of Object.keys(result.metafile.inputs).sort()) hash.update(file).update(readFileSync(join(projectRoot, file)));
  hash.update(readFileSync(join(projectRoot, "data/sources/lang-son-2023.txt")));
  return hash.digest("hex").slice(0, 16);
}

/** Writes one generated report and its ingested session into `dir`, as `npm run ingest` would; returns the ingest time. */
export function ingestOne(dir: string, r: GeneratedReport): number {
  const t = performance.now();
  const result = ingestReport(r.text, { id: r.id });
  const ms = performance.now() - t;
  result.file.session.sourceFile = `sources/${r.id}.txt`;
  writeFileSync(join(dir, "sources", `${r.id}.txt`), r.text);
  writeFileSync(join(dir, "sessions", `${r.id}.json`), JSON.stringify(result.file));
  return ms;
}

/** Child: ingests reports [from, to) into dir; prints {n, ms}. */
export function ingestWorker(dir: string, from: number, to: number): void {
  const reports = generateReports(to).slice(from);
  let ms = 0;
  for (const r of reports) ms += ingestOne(dir, r);
  process.stdout.write(`${JSON.stringify({ n: reports.length, ms })}\n`);
}

function runChild(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [process.argv[1]!, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`child ${args.join(" ")} exited ${code}`))));
  });
}

export async function prepare(max: number, sizes: number[], log: (s: string) => void): Promise<Prepared> {
  const key = await cacheKey();
  const root = join(projectRoot, "bench/.cache", key);
  const all = join(root, "all");
  mkdirSync(join(all, "sessions"), { recursive: true });
  mkdirSync(join(all, "sources"), { recursive: true });
  const statePath = join(root, "state.json");
  const state = existsSync(statePath) ? (JSON.parse(readFileSync(statePath, "utf8")) as { count: number }) : { count: 0 };
  let ingestedNow = 0;
  let ingestedNowMs = 0;
  if (state.count < max) {
    log(`ingesting reports ${state.count}–${max - 1} into ${root} (2 processes)…`);
    const mid = state.count + Math.ceil((max - state.count) / 2);
    const t = performance.now();
    const parts = await Promise.all([
      runChild(["--child", "ingest", "--dir", all, "--from", String(state.count), "--to", String(mid)]),
      runChild(["--child", "ingest", "--dir", all, "--from", String(mid), "--to", String(max)]),
    ]);
    ingestedNowMs = performance.now() - t;
    ingestedNow = parts.map((p) => JSON.parse(p) as { n: number }).reduce((n, p) => n + p.n, 0);
    // the reports are the same prefix whatever the count: the per-size folders made before still hold
    writeFileSync(statePath, JSON.stringify({ count: max }));
  }
  const ids = generateReports(max).map((r) => r.id);
  for (const n of sizes) {
    const dir = join(root, `n${n}`);
    if (existsSync(join(dir, "sessions")) && readdirSync(join(dir, "sessions")).length === n) continue;
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, "sessions"), { recursive: true });
    mkdirSync(join(dir, "sources"), { recursive: true });
    for (const id of ids.slice(0, n)) {
      linkSync(join(all, "sessions", `${id}.json`), join(dir, "sessions", `${id}.json`));
      linkSync(join(all, "sources", `${id}.txt`), join(dir, "sources", `${id}.txt`));
    }
  }
  return { key, root, count: max, ingestedNow, ingestedNowMs };
}

export const dirFor = (p: Prepared, n: number) => join(p.root, `n${n}`);

/** Ingest time per report, measured on a sample in this process (after a warm-up), whatever the cache held. */
export function ingestSample(n = 60): { reports: number; p50_ms: number; mean_ms: number; words: number } {
  const reports = generateReports(Math.max(n + 10, 200));
  const tmp = join(projectRoot, "bench/.cache/tmp-ingest");
  rmSync(tmp, { recursive: true, force: true });
  for (const sub of ["sessions", "sources"]) mkdirSync(join(tmp, sub), { recursive: true });
  for (const r of reports.slice(0, 10)) ingestReport(r.text, { id: r.id });
  const times: number[] = [];
  const step = Math.floor(reports.length / n);
  for (let i = 0; i < n; i++) times.push(ingestOne(tmp, reports[i * step]!));
  rmSync(tmp, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  return { reports: n, p50_ms: round(times[Math.floor(n / 2)]!), mean_ms: round(times.reduce((a, b) => a + b, 0) / n), words: reports[0]!.text.split(/\s+/).length };
}

const round = (x: number) => Math.round(x * 100) / 100;
