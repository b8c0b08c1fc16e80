// Turns text typed in a chat ("/hoi grdp", "/bantin dangky 7h30", or a plain question) into a
// command call, and guards every handler: a handler that throws becomes a polite apology.
import type { CommandAttachment, CommandContext, CommandDef, CommandInput, OptionDef, Reply, SubcommandDef } from "./types.js";
import { allCommands } from "./index.js";
import { foldForMatch } from "../src/text/fold.js";
import { MAX_INPUT_CHARS, sanitizeInput } from "../src/text/sanitize.js";
import { isStoreUnavailable } from "../src/store/sql.js";
import { messages } from "../src/core/messages.js";

export { sanitizeInput };

export interface ParsedCommandLine {
  name: string;
  /** The bot username after "@", if any ("/hoi@LangSonBot"). */
  mention?: string;
  args: string;
}

/** "/hoi@Bot  câu hỏi" → { name: "hoi", mention: "Bot", args: "câu hỏi" }; null when not a command. */
export function parseCommandLine(text: string): ParsedCommandLine | null {
  const m = /^\/([\p{L}\p{N}_]+)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/u.exec(text.trim());
  if (!m) return null;
  return { name: m[1]!.toLowerCase(), mention: m[2], args: (m[3] ?? "").trim() };
}

export function findCommand(name: string, commands: CommandDef[] = allCommands): CommandDef | undefined {
  const n = foldForMatch(name);
  return commands.find((c) => [c.name, c.nameVi, ...(c.aliases ?? [])].some((x) => foldForMatch(x) === n));
}

export function findSubcommand(cmd: CommandDef, name: string): SubcommandDef | undefined {
  const n = foldForMatch(name);
  return cmd.subcommands?.find((s) => [s.name, s.nameVi, ...(s.aliases ?? [])].some((x) => foldForMatch(x) === n));
}

/** What a text front door may hand over besides the text: a file sent with it. */
export interface TextExtras {
  attachment?: CommandAttachment;
  /** Set by runText when the typed text was cut at MAX_INPUT_CHARS. */
  truncated?: boolean;
}

/**
 * Splits argument text over positional options; an option marked `rest` takes the remainder.
 * Attachment options take no text (the file comes as `attachment`).
 */
export function bindOptions(options: OptionDef[], args: string): CommandInput {
  const bound: Record<string, string | undefined> = {};
  let rest = args.trim();
  for (const opt of options) {
    if (!rest) break;
    if (opt.type === "attachment") continue;
    if (opt.rest) {
      bound[opt.name] = rest;
      rest = "";
      break;
    }
    const m = /^(\S+)\s*([\s\S]*)$/.exec(rest);
    bound[opt.name] = m![1];
    rest = m![2] ?? "";
  }
  return { options: bound, raw: args.trim() };
}

export function apologyReply(ctx: Pick<CommandContext, "lang">): Reply {
  return { kind: "error", lang: ctx.lang, lines: [messages(ctx.lang).apology], ephemeral: true };
}

/**
 * The store could not take a write just now (SQLite locked by another process past the wait,
 * PostgreSQL unreachable). Nothing was written, and the user is told so: nothing is lost
 * silently, and trying again later works.
 */
export function busyReply(ctx: Pick<CommandContext, "lang">): Reply {
  return { kind: "error", lang: ctx.lang, lines: [messages(ctx.lang).busy], ephemeral: true };
}

/** Calls a handler; a throw is logged and turned into an apology, so a front door never crashes. */
export async function safeRun(
  handler: (input: CommandInput, ctx: CommandContext) => Reply | Promise<Reply>,
  input: CommandInput,
  ctx: CommandContext,
  what: string,
): Promise<Reply> {
  try {
    return await handler(input, ctx);
  } catch (err) {
    if (isStoreUnavailable(err)) {
      ctx.services.log.warn({ reason: err.reason, command: what, chatId: ctx.chatId }, "store unavailable: asked the user to try again later");
      return busyReply(ctx);
    }
    ctx.services.log.error({ err, command: what, chatId: ctx.chatId }, "command handler failed");
    return apologyReply(ctx);
  }
}

/** Runs a named command with already-split text arguments (subcommand first, if the command has them). */
export async function runCommandText(cmd: CommandDef, args: string, ctx: CommandContext, extras: TextExtras = {}): Promise<Reply> {
  const withExtras = (input: CommandInput): CommandInput => ({
    ...input,
    ...(extras.attachment ? { attachment: extras.attachment } : {}),
    ...(extras.truncated ? { truncated: true } : {}),
  });
  if (cmd.subcommands?.length) {
    const m = /^(\S+)\s*([\s\S]*)$/.exec(args.trim());
    const sub = m ? findSubcommand(cmd, m[1]!) : undefined;
    if (sub) return safeRun(sub.handler, withExtras(bindOptions(sub.options, m![2] ?? "")), ctx, `${cmd.name} ${sub.name}`);
  }
  return safeRun(cmd.handler, withExtras(bindOptions(cmd.options, args)), ctx, cmd.name);
}

/**
 * The text front door shared by Telegram and the console: a "/command" runs that command, any
 * other text is a question for `hoi`. Unknown commands and empty input get a helpful reply. A file
 * sent with the text (`extras.attachment`) goes to the command; a plain question ignores it.
 */
export async function runText(text: string, ctx: CommandContext, extras: TextExtras = {}): Promise<Reply> {
  const clean = sanitizeInput(text);
  const m = messages(ctx.lang);
  if (!clean) return { kind: "usage", lang: ctx.lang, lines: [m.emptyMessage] };
  const parsed = parseCommandLine(clean);
  if (parsed) {
    const cmd = findCommand(parsed.name);
    if (!cmd) {
      return {
        kind: "usage",
        lang: ctx.lang,
        lines: [m.unknownCommand(parsed.name.slice(0, 32), listCommandNames())],
      };
    }
    return runCommandText(cmd, parsed.args, ctx, { ...extras, ...(clean.length >= MAX_INPUT_CHARS ? { truncated: true } : {}) });
  }
  const ask = findCommand("hoi")!;
  return safeRun(ask.handler, { options: { question: clean }, raw: clean }, ctx, "hoi");
}

export function listCommandNames(commands: CommandDef[] = allCommands): string {
  return commands
    .filter((c) => !c.hidden)
    .map((c) => `/${c.nameVi}`)
    .join(", ");
}
