// Is dist/ up to date? The build is fresh when its stamp exists, every entry it should hold is
// there, and no source file (src/, commands/, the build script) nor source folder (a file added or
// deleted changes its folder's mtime) was modified after the build started. Plain mtimes, no
// hashing: a check costs a few milliseconds (a stat per file), so it runs before every
// `npm start`, `npm run ask`, `npm run ingest`, `npm run eval`.
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

/** dist/<name>.mjs ← source. The entry points every build makes. */
export const BUILD_ENTRIES = {
  main: "src/main.ts",
  ask: "src/adapters/console/ask-cli.ts",
  ingest: "src/ingest/cli.ts",
  eval: "src/eval/cli.ts",
  "discord-deploy": "src/cli/discord-deploy.ts",
  "telegram-webhook": "src/cli/telegram-webhook.ts",
};

export const STAMP = ".build-stamp.json";

/** What the build is made from. */
const SOURCE_DIRS = ["src", "commands"];
const SOURCE_FILES = ["scripts/build.mjs", "scripts/freshness.mjs"];

function newestUnder(dir, out) {
  let st;
  try {
    st = statSync(dir);
  } catch {
    return;
  }
  if (st.mtimeMs > out.mtimeMs) Object.assign(out, { mtimeMs: st.mtimeMs, path: dir });
  if (!st.isDirectory()) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    newestUnder(join(dir, entry.name), out);
  }
}

/** The most recently modified source (file or folder) and its mtime. */
export function newestSource(root) {
  const out = { mtimeMs: 0, path: "" };
  for (const d of SOURCE_DIRS) newestUnder(join(root, d), out);
  for (const f of SOURCE_FILES) newestUnder(join(root, f), out);
  return out;
}

/** `{ fresh: true }`, or `{ fresh: false, why }` saying what makes the build stale. */
export function buildState(root) {
  const dist = join(root, "dist");
  let stamp;
  try {
    stamp = statSync(join(dist, STAMP));
  } catch {
    return { fresh: false, why: "no build yet (dist/ has no build stamp)" };
  }
  for (const name of Object.keys(BUILD_ENTRIES)) {
    try {
      statSync(join(dist, `${name}.mjs`));
    } catch {
      return { fresh: false, why: `dist/${name}.mjs is missing` };
    }
  }
  const newest = newestSource(root);
  if (newest.mtimeMs > stamp.mtimeMs) return { fresh: false, why: `${newest.path.slice(root.length + 1)} is newer than the build` };
  return { fresh: true, builtAt: stamp.mtimeMs };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` holding dist/.build-lock (a folder: mkdir is atomic), so that two processes starting
 * at once (two `npm start`, parallel tests) do not build over each other. A lock older than two
 * minutes belongs to a build that died and is taken over.
 */
export async function withBuildLock(dist, fn) {
  const lock = join(dist, ".build-lock");
  mkdirSync(dist, { recursive: true });
  for (const deadline = Date.now() + 180_000; ; ) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
      let age = 0;
      try {
        age = Date.now() - statSync(lock).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age > 120_000) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`dist/.build-lock is held by another build for ${Math.round(age / 1000)} s`);
      else await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
