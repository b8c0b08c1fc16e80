// The command menus Telegram shows, built from the same definitions every front door uses:
// Vietnamese (names `nameVi`) for language_code "vi" and as the default, English (names `name`)
// for "en". Telegram accepts only /^[a-z0-9_]{1,32}$/ names and 1-256-character descriptions.
import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { CommandDef, Lang } from "../../../commands/types.js";
import type { Logger } from "../../log.js";
import { byLang } from "../../core/messages.js";

export const TELEGRAM_COMMAND_NAME = /^[a-z0-9_]{1,32}$/;
const MAX_COMMANDS = 100;
const MAX_DESCRIPTION = 256;

export interface CommandMenus {
  vi: BotCommand[];
  en: BotCommand[];
  /** Names left out because Telegram would refuse them. */
  rejected: string[];
}

export function telegramCommandMenus(commands: CommandDef[]): CommandMenus {
  const rejected: string[] = [];
  const menu = (lang: Lang): BotCommand[] => {
    const out: BotCommand[] = [];
    const seen = new Set<string>();
    for (const c of commands) {
      if (c.hidden) continue;
      const name = byLang(lang, { vi: c.nameVi, en: c.name }).toLowerCase();
      if (!TELEGRAM_COMMAND_NAME.test(name)) {
        rejected.push(name);
        continue;
      }
      if (seen.has(name) || out.length >= MAX_COMMANDS) continue;
      seen.add(name);
      const description = byLang(lang, c.description).trim().slice(0, MAX_DESCRIPTION) || name;
      out.push({ command: name, description });
    }
    return out;
  };
  return { vi: menu("vi"), en: menu("en"), rejected };
}

/** Publishes the menus; a failure is logged, never fatal (the bot answers commands without a menu). */
export async function publishCommandMenus(api: Api, commands: CommandDef[], log: Logger, signal?: AbortSignal): Promise<boolean> {
  const menus = telegramCommandMenus(commands);
  if (menus.rejected.length) log.warn({ rejected: menus.rejected }, "command names Telegram would refuse were left out of the menu");
  try {
    const s = signal as never;
    await api.setMyCommands(menus.vi, { language_code: "vi" }, s);
    await api.setMyCommands(menus.en, { language_code: "en" }, s);
    await api.setMyCommands(menus.vi, {}, s);
    log.info({ commands: menus.vi.map((c) => c.command) }, "telegram command menus published");
    return true;
  } catch (err) {
    log.warn({ err: describeError(err) }, "could not publish the telegram command menus");
    return false;
  }
}

/**
 * A plain, token-free summary of an error for a log line. grammY's HttpError keeps the underlying
 * fetch error, whose message can hold the request URL and so the token: it is reduced to text and
 * scrubbed by the logger like every other string.
 */
export function describeError(err: unknown): Record<string, unknown> {
  if (err === null || typeof err !== "object") return { message: String(err) };
  const e = err as { name?: unknown; message?: unknown; stack?: unknown; error_code?: unknown; description?: unknown; method?: unknown; error?: unknown; ctx?: unknown };
  const out: Record<string, unknown> = { name: e.name, message: e.message };
  if (typeof e.method === "string") out.method = e.method;
  if (typeof e.error_code === "number") out.error_code = e.error_code;
  if (typeof e.description === "string") out.description = e.description;
  // BotError wraps the real error (and the context, which we do not log); HttpError wraps the cause.
  if (e.error !== undefined && e.error !== err) out.cause = describeError(e.error);
  if (typeof e.stack === "string") out.stack = e.stack;
  return out;
}
