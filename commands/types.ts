// The platform-neutral command layer: every front door (Telegram, Discord, console) renders
// these Reply values and calls these definitions; none of them decides what to answer.
import type { Services } from "../src/services.js";
import type { UpdateClaim } from "../src/store/unit-of-work.js";

export type { Lang, Platform, Citation, FigureView, Suggestion, ReplyKind, Reply, Choice } from "../src/core/types.js";
import type { Lang, Platform, Reply, Choice } from "../src/core/types.js";

export interface OptionDef {
  name: string;
  nameVi: string;
  description: { vi: string; en: string };
  /** "attachment": a file the user sends (Discord: an attachment option; Telegram: a document). */
  type: "string" | "integer" | "attachment";
  required?: boolean;
  /** Text front doors: this option takes the rest of the line (a question, a note). */
  rest?: boolean;
  /** Fixed choices (Discord shows them as a menu). */
  choices?: Choice[];
  /** Live suggestions while typing (Discord autocomplete); must be fast and synchronous. */
  autocomplete?: (partial: string, ctx: CommandContext) => Choice[];
}

export interface CommandInput {
  /** Option values by option `name` (the English one). Missing means not given. */
  options: Record<string, string | undefined>;
  /** The raw argument text after the command (and subcommand) name; "" when none. */
  raw: string;
  /** A file sent with the command (a Telegram document, a Discord attachment), read only when the handler asks. */
  attachment?: CommandAttachment;
  /** The typed text was longer than a text front door reads (MAX_INPUT_CHARS) and was cut there. */
  truncated?: boolean;
}

/**
 * A file as a front door hands it to a command: what the platform says about it, and a lazy
 * reader. `size` is the platform's figure, known before anything is downloaded; `read()`
 * downloads (bounded in time and size) and rejects with an AttachmentError when it cannot.
 */
export interface CommandAttachment {
  name: string;
  size?: number;
  mime?: string;
  read(): Promise<Uint8Array>;
}

export interface CommandContext {
  platform: Platform;
  /** Platform-qualified chat id, e.g. "telegram:-100123", "discord:98765", "console:local". */
  chatId: string;
  /** Platform-qualified user id, e.g. "telegram:42". */
  userId: string;
  /** A one-to-one chat (Telegram private chat, the console): the chat is the conversation. */
  isPrivate?: boolean;
  userName?: string;
  /** The language of the user's interface (Telegram language_code, Discord locale); questions are detected on their own. */
  lang: Lang;
  isAdmin: boolean;
  services: Services;
  /**
   * Whether the user administers this chat (Telegram: creator or administrator of the group;
   * Discord: Manage Channels or Manage Server in the channel). Asked only by commands that change
   * the chat's settings (the digest subscription); a private chat is its own admin. "unknown"
   * when the platform could not be asked just now. Absent: no such notion (the console).
   */
  chatAdmin?: () => Promise<ChatAdminVerdict>;
  /**
   * The platform update being answered (Telegram update_id, Discord interaction id), when the
   * front door de-duplicates: a command that writes claims it in the same transaction as its
   * write (src/store/unit-of-work.ts), so that a redelivered update writes nothing twice.
   */
  update?: UpdateClaim;
}

export type ChatAdminVerdict = "admin" | "member" | "unknown";

export type Handler = (input: CommandInput, ctx: CommandContext) => Reply | Promise<Reply>;

export interface SubcommandDef {
  name: string;
  nameVi: string;
  /** Other spellings accepted in text front doors. */
  aliases?: string[];
  description: { vi: string; en: string };
  options: OptionDef[];
  handler: Handler;
  /** Reached through buttons and typed text only: not published as a Discord subcommand. */
  hidden?: boolean;
}

export interface CommandDef {
  /** English name: the Discord slash command name. */
  name: string;
  /** Vietnamese name: the Telegram command and the Discord `vi` localization. */
  nameVi: string;
  /** Other text names (e.g. "ask" for hoi, "start" for help). */
  aliases?: string[];
  description: { vi: string; en: string };
  options: OptionDef[];
  subcommands?: SubcommandDef[];
  /** Runs when no subcommand is named (or when there are none). */
  handler: Handler;
  /** Left out of published command menus (e.g. "start"). */
  hidden?: boolean;
  /**
   * Who may use the command in a Discord server by default (its `default_member_permissions`;
   * a server's admins can change it in the server's Integrations settings): "manage_channels"
   * limits it to members who can manage channels. Direct messages are not affected.
   */
  defaultMemberPermissions?: "manage_channels";
}
