// Bundles the project's own TypeScript into dist/ with esbuild (packages stay external, loaded
// from node_modules as usual). A bundle starts in about a third of the time tsx needs, which is
// what keeps `npm run ask` and the bot's cold start under half a second. Takes ~0.3 s.
//
// Run by `npm install` / `npm ci` (the `prepare` script), by `npm run build`, and by
// scripts/run.mjs when a source file is newer than the build (see scripts/freshness.mjs).
//
// No stale chunks: the bundle is written to a staging folder first; only when that succeeded are
// the previous build's files (entries, maps, chunks/) removed and the new ones moved in, so a
// failed build leaves the previous one intact. Other folders in dist/ (a test's own bundle,
// dist/.test-workers-*) are left alone. The stamp (dist/.build-stamp.json) records when the
// build started; its mtime is set to that moment, so a source saved during the build is newer.
//
// `--bench` also bundles the benchmark (bench/), so that it runs on plain node like the product;
// `--bench-workers` the workers benchmark (bench/workers.ts). `--if-possible` (the `prepare`
// script) leaves an existing build alone when esbuild is not installed (`npm ci --omit=dev`).
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BUILD_ENTRIES, STAMP, withBuildLock } from "./freshness.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const args = process.argv.slice(2);

/** Builds dist/ now. Returns the stamp written. */
export async function buildDist(options = {}) {
  const { bench = false, benchWorkers = false } = options;
  let build;
  try {
    ({ build } = await import("esbuild"));
  } catch {
    const err = new Error(
      "esbuild is not installed (a production install, `npm ci --omit=dev`?): dist/ cannot be rebuilt here. " +
        "Build where the dev dependencies are installed (`npm ci`, which builds), then install for production.",
    );
    err.code = "NO_ESBUILD";
    throw err;
  }
  const startedAt = Date.now();
  const entryPoints = {
    ...BUILD_ENTRIES,
    ...(bench ? { bench: "bench/run.ts", "bench-probe": "bench/probe.ts" } : {}),
    ...(benchWorkers ? { "bench-workers": "bench/workers.ts" } : {}),
  };
  mkdirSync(dist, { recursive: true });
  const staging = join(dist, `.staging-${process.pid}-${startedAt}`);
  try {
    await build({
      absWorkingDir: root,
      entryPoints,
      outdir: staging,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      // Dynamic imports become chunks of their own: the engine-only paths never load the bot.
      splitting: true,
      chunkNames: "chunks/[name]-[hash]",
      packages: "external",
      platform: "node",
      format: "esm",
      target: "node20",
      sourcemap: true,
      logLevel: "warning",
    });
    // The previous build goes (entries, their maps, every chunk), then the new one comes in.
    for (const name of readdirSync(dist)) {
      if (name === "chunks" || name === STAMP || /\.mjs(\.map)?$/.test(name)) rmSync(join(dist, name), { recursive: true, force: true });
    }
    for (const name of readdirSync(staging)) renameSync(join(staging, name), join(dist, name));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const stamp = { startedAt, finishedAt: Date.now(), entries: Object.keys(entryPoints), node: process.version };
  const stampPath = join(dist, STAMP);
  writeFileSync(stampPath, JSON.stringify(stamp, null, 1) + "\n");
  // The stamp's mtime is the build's start: any source saved after that is newer than the build.
  utimesSync(stampPath, new Date(startedAt), new Date(startedAt));
  return stamp;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ifPossible = args.includes("--if-possible");
  try {
    await withBuildLock(dist, () => buildDist({ bench: args.includes("--bench"), benchWorkers: args.includes("--bench-workers") }));
  } catch (err) {
    if (err?.code === "NO_ESBUILD" && ifPossible) {
      process.stderr.write(
        existsSync(join(dist, STAMP))
          ? "build: esbuild is not installed (production install); keeping the existing dist/.\n"
          : "build: esbuild is not installed and there is no dist/ yet: `npm start` will not run until a build is copied here or `npm ci` (with dev dependencies) is run.\n",
      );
    } else {
      process.stderr.write(`build failed: ${err?.message ?? err}\n`);
      process.exitCode = 1;
    }
  }
}
