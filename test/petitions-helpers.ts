// Shared set-up for the petition tests: services on a real SQLite file in a temporary folder,
// a manual clock, and command contexts for an admin and an ordinary user.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServices } from "../src/app.js";
import { createLogger } from "../src/log.js";
import { ManualClock } from "../src/clock.js";
import type { Services } from "../src/services.js";
import type { CommandContext, Lang, Reply } from "../commands/types.js";
import { runText } from "../commands/dispatch.js";
import type { PetitionRegistry } from "../src/petitions/registry.js";

export interface TestWorld {
  dir: string;
  /** Where the store is: the SQLite file, or the PostgreSQL URL when the world was made with one. */
  path: string;
  clock: ManualClock;
  /** Services on the world's store and clock, closed by `cleanup()`; `config` adds settings (a token, admins). */
  open(config?: Record<string, unknown>): Services;
  cleanup(): Promise<void>;
}

/** 09:00 on 27/11/2026 in Vietnam. */
export const T0 = "2026-11-27T02:00:00.000Z";

export function makeWorld(prefix = "petitions-", target?: string): TestWorld {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const path = target ?? join(dir, "var", "bot.sqlite");
  const clock = new ManualClock(T0);
  const opened: Services[] = [];
  return {
    dir,
    path,
    clock,
    open(config = {}) {
      const store = path.startsWith("postgres") ? { DATABASE_URL: path } : { DATABASE_PATH: path };
      const s = createServices({ env: {}, config: { ...store, ...config }, clock, log: createLogger("silent") });
      opened.push(s);
      return s;
    },
    async cleanup() {
      await Promise.all(opened.splice(0).map((s) => s.store.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function ctxFor(services: Services, who: { admin: boolean; lang?: Lang; userId?: string; userName?: string }): CommandContext {
  return {
    platform: "console",
    chatId: "console:test",
    userId: who.userId ?? (who.admin ? "telegram:1001" : "telegram:2002"),
    userName: who.userName ?? (who.admin ? "Chị Lan (Văn phòng UBND)" : "Anh Bình"),
    lang: who.lang ?? "vi",
    isAdmin: who.admin,
    services,
  };
}

export function registry(services: Services): PetitionRegistry {
  if (!services.petitions) throw new Error("services.petitions is missing");
  return services.petitions;
}

/**
 * Runs an admin's status change the way it is made since issue 14: the command shows what will
 * change and asks for confirmation; the confirmation (its button's input) is then sent, as if
 * pressed. Returns the reply to the confirmation (or the first reply when it asked for none).
 */
export async function confirmed(text: string, ctx: CommandContext): Promise<Reply> {
  const asked = await runText(text, ctx);
  if (!asked.confirmation) return asked;
  return runText(asked.confirmation.confirm, ctx);
}
