// Builds the shared services once: config, logger, knowledge, engine. Front doors receive them.
import { loadConfig, type Config } from "./config.js";
import { createLogger, registerSecret, type Logger } from "./log.js";
import { projectRoot } from "./knowledge/loader.js";
import { openKnowledgeBase } from "./knowledge/catalogue.js";
import { QueryEngine } from "./engine/engine.js";
import { systemClock, type Clock } from "./clock.js";
import type { Services } from "./services.js";
import { openConfiguredStore, type Store } from "./store/store.js";
import { PetitionRegistry } from "./petitions/registry.js";
import { LiveSessions } from "./sessions/live.js";

export interface ServiceOverrides {
  config?: Partial<Config>;
  clock?: Clock;
  log?: Logger;
  env?: NodeJS.ProcessEnv;
  /** A store to use instead of opening DATABASE_URL / DATABASE_PATH (tests). */
  store?: Store;
}

export function createServices(overrides: ServiceOverrides = {}): Services {
  const config: Config = { ...loadConfig(overrides.env ?? process.env), ...overrides.config };
  registerSecret(config.TELEGRAM_BOT_TOKEN);
  registerSecret(config.DISCORD_TOKEN);
  registerSecret(config.TELEGRAM_WEBHOOK_SECRET);
  registerSecret(databasePassword(config.DATABASE_URL));
  const log = overrides.log ?? createLogger(config.LOG_LEVEL);
  const clock = overrides.clock ?? systemClock;
  // From the catalogue beside the data (rebuilt where files changed); sessions are read on first use.
  const knowledge = openKnowledgeBase(config.DATA_DIR, projectRoot);
  const engine = new QueryEngine(knowledge, { clock, contextTtlMs: config.CONTEXT_TTL_MINUTES * 60_000 });
  // Opened lazily, on first use: see src/store/store.ts.
  const store = overrides.store ?? openConfiguredStore(config, { clock, log });
  // Seeds the source's petition states into the store on first use (idempotent).
  const petitions = new PetitionRegistry({ knowledge, store, clock, timezone: config.DIGEST_TIMEZONE });
  const services: Services = { config, clock, log, knowledge, engine, store, petitions };
  // Started by main (or a test): until then only the shipped sessions are known.
  services.sessions = new LiveSessions(services);
  return services;
}

/** The password inside a postgres:// URL, to be masked in every log line. */
function databasePassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
