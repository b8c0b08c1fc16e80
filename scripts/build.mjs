// Bundles the project's own TypeScript into dist/ with esbuild (packages stay external, loaded
// from node_modules as usual). A bundle starts in about a third of the time tsx needs, which is
// what keeps `npm run ask` and the bot's cold start under half a second. Takes ~0.2 s; the npm
// pre-hooks run it before start/ask/discord:deploy so dist/ is never stale.
// `--bench` also bundles the benchmark (bench/), so that it runs on plain node like the product.
import { build } from "esbuild";

const bench = process.argv.includes("--bench");

await build({
  entryPoints: {
    main: "src/main.ts",
    ask: "src/adapters/console/ask-cli.ts",
    ingest: "src/ingest/cli.ts",
    "discord-deploy": "src/adapters/discord/deploy.ts",
    ...(bench ? { bench: "bench/run.ts", "bench-probe": "bench/probe.ts" } : {}),
  },
  outdir: "dist",
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
