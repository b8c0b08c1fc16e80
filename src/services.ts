// The things a command handler may use. Built once in main.ts (or a test) and handed to every
// front door, so that Telegram, Discord and the console share one brain and one store.
import type { Clock } from "./clock.js";
import type { Logger } from "./log.js";
import type { QueryEngine } from "./engine/engine.js";
import type { KnowledgeBase } from "./knowledge/types.js";
import type { Config } from "./config.js";
import type { Store } from "./store/store.js";
import type { PetitionRegistry } from "./petitions/registry.js";
import type { LiveSessions } from "./sessions/live.js";

export interface Services {
  config: Config;
  clock: Clock;
  log: Logger;
  knowledge: KnowledgeBase;
  engine: QueryEngine;
  /** The store (src/store; SQLite or PostgreSQL): everything shared between requests and workers. */
  store: Store;
  /** Petition groups with their live status and history (src/petitions); replaced when the sessions change. */
  petitions?: PetitionRegistry;
  /** The sessions answered from: shipped ones and those added in chats (src/sessions); `knowledge` is theirs. */
  sessions?: LiveSessions;
}
