// `node scripts/run.mjs NAME [ARGS…]`: runs the built entry dist/NAME.mjs with ARGS, rebuilding
// dist/ first only when a source is newer than the build (scripts/freshness.mjs). What
// `npm start`, `npm run ask`, `npm run ingest`, `npm run eval` and the deploy tools run.
//
// The entry runs in this same process (one Node start, not two): process.argv is set to what
// `node dist/NAME.mjs ARGS…` would have given it, and source maps are on, as with
// `node --enable-source-maps dist/NAME.mjs ARGS…` — which works just as well once built.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BUILD_ENTRIES, buildState, withBuildLock } from "./freshness.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const [name, ...rest] = process.argv.slice(2);

if (!name || !(name in BUILD_ENTRIES)) {
  process.stderr.write(`usage: node scripts/run.mjs ${Object.keys(BUILD_ENTRIES).join("|")} [args…]\n`);
  process.exit(2);
}
const entry = join(dist, `${name}.mjs`);

const state = buildState(root);
if (!state.fresh) {
  try {
    await withBuildLock(dist, async () => {
      const again = buildState(root); // another process may have built it while we waited
      if (again.fresh) return;
      const started = Date.now();
      const { buildDist } = await import("./build.mjs");
      await buildDist();
      process.stderr.write(`(built dist/: ${again.why}; ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    });
  } catch (err) {
    if (err?.code === "NO_ESBUILD" && existsSync(entry)) {
      process.stderr.write(`warning: ${state.why}, and esbuild is not installed to rebuild it; running the existing build.\n`);
    } else {
      process.stderr.write(`${err?.code === "NO_ESBUILD" ? "" : "build failed: "}${err?.message ?? err}\n`);
      process.exit(1);
    }
  }
}

process.setSourceMapsEnabled(true);
process.argv = [process.argv[0], entry, ...rest];
await import(pathToFileURL(entry).href);
