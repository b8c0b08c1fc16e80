// Whether the console (and `npm run ask`) may run admin commands, and into which database. The
// console is a normal user unless told otherwise: `--admin` on the command line, or
// CONSOLE_ADMIN=1. An admin console writes (a petition's status…), so it must be told which
// database to write to — DATABASE_PATH or DATABASE_URL set in the environment or .env — rather
// than fall back on the default file the bot itself uses.
import type { Config } from "../../config.js";
import { scrubSecrets } from "../../log.js";

export type ConsoleRole = { ok: true; admin: false } | { ok: true; admin: true; database: string } | { ok: false; message: string };

/** The role asked for by `args` and the settings; `env` is the environment the settings came from (after .env). */
export function consoleRole(args: readonly string[], config: Pick<Config, "CONSOLE_ADMIN" | "DATABASE_PATH" | "DATABASE_URL">, env: NodeJS.ProcessEnv): ConsoleRole {
  if (!args.includes("--admin") && !config.CONSOLE_ADMIN) return { ok: true, admin: false };
  const named = Boolean(env.DATABASE_URL?.trim() || env.DATABASE_PATH?.trim());
  if (!named) {
    return {
      ok: false,
      message:
        "Chế độ quản trị (--admin) ghi vào cơ sở dữ liệu: hãy chỉ rõ cơ sở dữ liệu bằng DATABASE_PATH=tệp.sqlite (hoặc DATABASE_URL=postgres://…), trong môi trường hoặc .env.\n" +
        "Admin mode writes to a database: name it with DATABASE_PATH (or DATABASE_URL), in the environment or .env.",
    };
  }
  return { ok: true, admin: true, database: describeDatabase(config) };
}

/** The database as shown to the operator (a PostgreSQL URL without its password). */
export function describeDatabase(config: Pick<Config, "DATABASE_PATH" | "DATABASE_URL">): string {
  if (!config.DATABASE_URL) return config.DATABASE_PATH;
  try {
    const u = new URL(config.DATABASE_URL);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return scrubSecrets(config.DATABASE_URL);
  }
}
