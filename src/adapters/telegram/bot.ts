// The Telegram front door, built from the shared services. It decides only *whether* a message is
// for the bot and *how* to show the answer: what to answer is the command layer's business
// (runText, the same text front door as the console).
//
// Middleware order: per-update logger and bookkeeping → sequentialize per chat (so follow-ups keep
// their order under the concurrent runner) → error boundary (apology + log line) → routing
// (callback queries, text messages) → per-user rate limit (counted in the store) → runText →
// claim the update_id (at most one answer per update, across restarts and workers) → render →
// sendMessage.
import { Api, Bot, BotError, Composer, Context, type Transformer } from "grammy";
import type { Message, MessageEntity, User, UserFromGetMe } from "grammy/types";
import { sequentialize } from "@grammyjs/runner";
import type { ChatAdminVerdict, CommandAttachment, CommandContext, CommandDef, Lang, Reply } from "../../../commands/types.js";
import { ChatAdminCache, telegramStatusIsAdmin } from "../chat-admin.js";
import { allCommands } from "../../../commands/index.js";
import { apologyReply, findCommand, findSubcommand, parseCommandLine, runText, type TextExtras } from "../../../commands/dispatch.js";
import { attachmentReader } from "../attachments.js";
import type { Services } from "../../services.js";
import { registerSecret, type Logger } from "../../log.js";
import { SuggestionStore } from "./suggestions.js";
import { UpdateClaim } from "../../store/unit-of-work.js";
import { slowDownReply, UserRateLimiter } from "../rate-limit.js";
import { messages } from "../../core/messages.js";
import { TelegramSender, sendReply } from "./sender.js";
import { describeError, publishCommandMenus } from "./commands.js";
import { ANSWER_POLICY, DELIVERY_POLICY, mayHaveArrived, retryTransformer, type RetryPolicy } from "./retry.js";
import { createAgent, platformFetch, type TransportTimeouts } from "../transport.js";
import { realTimers, type Timers } from "../timers.js";
import type { FloodGate } from "../flood-gate.js";

export interface TelegramFlavor {
  /** This update's child logger (update id, chat, user). */
  log: Logger;
  /**
   * This update's id, claimed in the store before anything is sent (or, by a command that
   * writes, in its write's transaction): a redelivered update is answered at most once.
   */
  claim: UpdateClaim;
}
export type TelegramContext = Context & TelegramFlavor;

/** The only updates the bot asks Telegram for. */
export const ALLOWED_UPDATES = ["message", "callback_query"] as const;

/** Long-poll timeout of getUpdates, in seconds. */
export const POLL_TIMEOUT_SECONDS = 30;
/** One Bot API call (one attempt) is aborted after this; getUpdates gets its poll time on top. */
export const CALL_TIMEOUT_MS = 5_000;

export interface TelegramBotOptions {
  /** Defaults to config.TELEGRAM_BOT_TOKEN. */
  token?: string;
  /** Defaults to config.TELEGRAM_API_ROOT (a self-hosted Bot API server); unset means api.telegram.org. */
  apiRoot?: string;
  /** The command definitions to recognise in groups and publish; defaults to commands/index.ts. */
  commands?: CommandDef[];
  /** Turns typed text (and a document sent with it) into a Reply; defaults to runText (commands/dispatch.ts). Tests inject failures here. */
  handleText?: (text: string, ctx: CommandContext, extras?: TextExtras) => Promise<Reply>;
  /** The answers' retry policy, merged over ANSWER_POLICY (retry.ts). */
  retry?: Partial<RetryPolicy>;
  /** The digest's retry policy, merged over DELIVERY_POLICY. */
  deliveryRetry?: Partial<RetryPolicy>;
  /** Connect / headers / body bounds of every Bot API request. */
  transport?: Partial<TransportTimeouts>;
  /** Bound of one Bot API call; default CALL_TIMEOUT_MS. */
  callTimeoutMs?: number;
  /** Long-poll timeout in seconds (default 30): getUpdates' own bound is this plus the call bound. */
  pollTimeoutSeconds?: number;
  /** Waiting in the retry policy (tests record a 61 s flood wait instead of sleeping it). */
  timers?: Timers;
  /** Pacing of the digest's sends (default: Telegram's bulk limits). */
  floodGate?: FloodGate;
  /** Messages (and button presses) per user per minute; defaults to config.RATE_LIMIT_PER_MINUTE. */
  rateLimitPerMinute?: number;
  /** Known bot identity: skips getMe in init (tests and tools). */
  botInfo?: UserFromGetMe;
}

export interface TelegramBot {
  bot: Bot<TelegramContext>;
  /** Proactive delivery (the digest) through the same renderer and API client. */
  sender: TelegramSender;
  suggestions: SuggestionStore;
  commands: CommandDef[];
  /** setMyCommands in Vietnamese, English and the default (Vietnamese); false when Telegram refused. */
  publishCommands(signal?: AbortSignal): Promise<boolean>;
  /** Resolves once every update being handled right now has finished. */
  idle(): Promise<void>;
  /** Aborts every Bot API call and retry wait in progress (shutdown, after a grace period). */
  abortInFlight(): void;
  /** The highest update_id the bot has started to handle. */
  lastUpdateId(): number | undefined;
}

export function createTelegramBot(services: Services, opts: TelegramBotOptions = {}): TelegramBot {
  const { config } = services;
  const token = opts.token ?? config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error("TELEGRAM_BOT_TOKEN is not set");
  registerSecret(token);
  const apiRoot = (opts.apiRoot ?? config.TELEGRAM_API_ROOT)?.replace(/\/+$/, "");
  const commands = opts.commands ?? allCommands;
  const handleText = opts.handleText ?? runText;
  const perMinute = opts.rateLimitPerMinute ?? config.RATE_LIMIT_PER_MINUTE;
  const admins = new Set(config.ADMIN_TELEGRAM_IDS);
  const baseLog = services.log.child({ platform: "telegram" });

  const client = telegramClientOptions(apiRoot, opts);
  // Documents (a report sent to `/phien them`) are downloaded from the Bot API's file URL, on a pool of their own.
  const downloads = createAgent({ ...opts.transport });
  const fileUrl = (filePath: string) => `${apiRoot ?? "https://api.telegram.org"}/file/bot${token}/${filePath}`;
  const bot = new Bot<TelegramContext>(token, { ...(opts.botInfo ? { botInfo: opts.botInfo } : {}), client });
  const timers = opts.timers ?? realTimers;
  // Aborted at shutdown, once in-flight answers had their grace: ends their calls and waits.
  const halt = new AbortController();
  bot.api.config.use(retryTransformer({ policy: { ...ANSWER_POLICY, ...opts.retry }, timers, log: baseLog, stopSignal: halt.signal }));
  bot.api.config.use(logFailedCalls(baseLog));

  // The digest's own client: same connection pool, but a policy that never repeats a send whose
  // outcome is unknown (a second digest), and that leaves long flood waits to the scheduler.
  const deliveryApi = new Api(token, client);
  deliveryApi.config.use(retryTransformer({ policy: { ...DELIVERY_POLICY, ...opts.deliveryRetry }, timers, log: baseLog, stopSignal: halt.signal }));
  deliveryApi.config.use(logFailedCalls(baseLog));

  // Long suggestion inputs live in the store, so that any worker understands their buttons.
  const suggestions = new SuggestionStore(5000, { buttons: services.store.buttons, clock: services.clock, log: baseLog });
  const sender = new TelegramSender(deliveryApi, suggestions, opts.floodGate);

  // --- bookkeeping: a child logger per update, in-flight tracking for a graceful stop ---
  const inFlight = new Set<Promise<unknown>>();
  let lastUpdateId: number | undefined;
  bot.use(async (ctx, next) => {
    const id = ctx.update.update_id;
    if (lastUpdateId === undefined || id > lastUpdateId) lastUpdateId = id;
    ctx.log = baseLog.child({
      update_id: id,
      ...(ctx.chat ? { chat: `telegram:${ctx.chat.id}` } : {}),
      ...(ctx.from ? { user: `telegram:${ctx.from.id}` } : {}),
    });
    ctx.claim = new UpdateClaim(services.store, "telegram", String(id), ctx.log);
    const work = next();
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    inFlight.add(settled);
    try {
      await work;
    } finally {
      inFlight.delete(settled);
    }
  });

  bot.use(sequentialize<TelegramContext>((ctx) => (ctx.chat ? String(ctx.chat.id) : ctx.from ? `user:${ctx.from.id}` : undefined)));

  // --- error boundary: the user gets an apology, the log gets a line, the bot keeps serving ---
  const onError = async (err: BotError<TelegramContext>): Promise<void> => {
    const ctx = err.ctx;
    const log = ctx.log ?? baseLog;
    log.error({ err: describeError(err.error) }, "telegram update failed");
    const chat = ctx.chat;
    if (!chat) return;
    // The answer may have reached the chat (its connection dropped after the request left): say
    // so, rather than apologise for an answer the user can see.
    const lang = langOf(ctx.from);
    const apology = mayHaveArrived(err.error) ? uncertainReply(lang) : apologyReply({ lang });
    try {
      if (ctx.claim && !(await ctx.claim.claimOnce())) return; // answered before this run: no apology either
      await sendReply(ctx.api, chat.id, apology, suggestions, threadOf(ctx));
    } catch (sendErr) {
      log.warn({ err: describeError(sendErr) }, "could not send the apology either");
    }
  };
  bot.catch(onError); // errors the boundary below cannot see (polling runner); webhook errors are wrapped in webhook.ts

  // --- the per-user rate limit (shared by every worker), applied only to messages meant for the bot ---
  const rateLimiter = new UserRateLimiter(services.store, perMinute, baseLog);
  const limiter = async (ctx: TelegramContext, next: () => Promise<void>): Promise<void> => {
    if (!ctx.from) return next();
    const verdict = await rateLimiter.check(`telegram:${ctx.from.id}`);
    if (verdict.allowed) return next();
    // One notice per window; the messages after it get nothing until the minute is over.
    if (!verdict.firstRefusal || !ctx.chat) return;
    ctx.log.info({ perMinute }, "rate limit reached");
    if (!(await ctx.claim.claimOnce())) return;
    await sendReply(ctx.api, ctx.chat.id, slowDownReply(langOf(ctx.from), perMinute), suggestions, threadOf(ctx));
  };

  const answer = async (ctx: TelegramContext, text: string, extras: TextExtras = {}): Promise<void> => {
    const chat = ctx.chat!;
    const from = ctx.from;
    const cctx: CommandContext = {
      platform: "telegram",
      chatId: `telegram:${chat.id}`,
      userId: from ? `telegram:${from.id}` : `telegram:chat${chat.id}`,
      isPrivate: chat.type === "private",
      ...(from ? { userName: from.username ?? [from.first_name, from.last_name].filter(Boolean).join(" ") } : {}),
      lang: langOf(from),
      isAdmin: from ? admins.has(String(from.id)) : false,
      chatAdmin: () => chatAdminOf(ctx),
      services,
      update: ctx.claim,
    };
    const started = performance.now();
    const reply = await handleText(text, cctx, extras);
    if (!(await ctx.claim.claimOnce())) {
      ctx.log.info("update answered before (redelivered): not answered again");
      return;
    }
    const sent = await sendReply(ctx.api, chat.id, reply, suggestions, threadOf(ctx));
    ctx.log.info({ kind: reply.kind, messages: sent.length, ms: Math.round(performance.now() - started) }, "answered");
  };

  // Whether the sender administers the chat (asked only by commands that change the chat's settings).
  const chatAdmins = new ChatAdminCache();
  const chatAdminOf = async (ctx: TelegramContext): Promise<ChatAdminVerdict> => {
    const chat = ctx.chat;
    if (!chat || chat.type === "private") return "admin";
    // An anonymous admin writes as the group itself.
    if (ctx.message?.sender_chat?.id === chat.id) return "admin";
    const from = ctx.from;
    if (!from) return "unknown";
    return chatAdmins.get(`${chat.id}:${from.id}`, async () => {
      try {
        const member = await ctx.api.getChatMember(chat.id, from.id);
        return telegramStatusIsAdmin(member.status) ? "admin" : "member";
      } catch (err) {
        ctx.log.warn({ err: describeError(err) }, "getChatMember failed: chat admin unknown");
        return "unknown";
      }
    });
  };

  const router = new Composer<TelegramContext>();
  router.on("callback_query:data", async (ctx) => {
    const input = await suggestions.decode(ctx.callbackQuery.data);
    if (input === undefined) {
      await ctx.answerCallbackQuery({ text: messages(langOf(ctx.from)).suggestionExpired });
      return;
    }
    // A press handled late (after a restart) is "too old" to acknowledge: still answer the question.
    await ctx.answerCallbackQuery({ text: clip(input, 190) }).catch((err: unknown) => ctx.log.warn({ err: describeError(err) }, "could not acknowledge the button press"));
    if (!ctx.chat) return; // the button's message is too old to be accessible
    ctx.log.debug("suggestion pressed");
    await limiter(ctx, () => answer(ctx, input));
  });
  router.on("callback_query", (ctx) => ctx.answerCallbackQuery());
  router.on("message:text", async (ctx) => {
    const text = addressedText(ctx.message, ctx.me, commands);
    if (text === undefined) {
      ctx.log.debug("not addressed to the bot: ignored");
      return;
    }
    await limiter(ctx, () => answer(ctx, text));
  });
  // A document for `/phien them` (a report an admin adds): in a private chat any document, in a
  // group one whose caption is that command. The command checks who sent it and its name and
  // size before anything is downloaded; getFile and the download happen only when it reads it.
  router.on("message:document", async (ctx, next) => {
    const text = documentCommand(ctx.message, ctx.me, commands);
    if (text === undefined) return next();
    const doc = ctx.message.document;
    const attachment: CommandAttachment = {
      name: doc.file_name ?? "",
      ...(doc.file_size !== undefined ? { size: doc.file_size } : {}),
      ...(doc.mime_type ? { mime: doc.mime_type } : {}),
      read: attachmentReader(
        async () => {
          const file = await ctx.api.getFile(doc.file_id);
          if (!file.file_path) throw new Error("getFile returned no file_path");
          return fileUrl(file.file_path);
        },
        { dispatcher: downloads },
      ),
    };
    ctx.log.debug({ size: doc.file_size, mime: doc.mime_type }, "document received");
    await limiter(ctx, () => answer(ctx, text, { attachment }));
  });
  // A photo, voice note or sticker in a private chat: say what the bot can read instead of staying silent.
  router.on(["message:photo", "message:voice", "message:audio", "message:video", "message:video_note", "message:document", "message:sticker", "message:animation"], async (ctx) => {
    if (ctx.chat.type !== "private") return;
    await limiter(ctx, async () => {
      if (!(await ctx.claim.claimOnce())) return;
      await sendReply(ctx.api, ctx.chat.id, textOnlyReply(langOf(ctx.from)), suggestions);
    });
  });
  bot.errorBoundary(onError, router);

  return {
    bot,
    sender,
    suggestions,
    commands,
    publishCommands: (signal) => publishCommandMenus(bot.api, commands, baseLog, signal),
    idle: async () => {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    abortInFlight: () => halt.abort(),
    lastUpdateId: () => lastUpdateId,
  };
}

export function langOf(user: User | undefined): Lang {
  return user?.language_code?.toLowerCase().startsWith("en") ? "en" : "vi";
}

/**
 * The text the bot should answer for a message, or undefined when the message is not for it.
 * Private chat: everything. Groups: its commands (a command addressed to another bot is not),
 * messages that mention it (the mention is taken out), and replies to its own messages.
 */
export function addressedText(message: Message.TextMessage, me: UserFromGetMe, commands: CommandDef[] = allCommands): string | undefined {
  const text = message.text;
  const type = message.chat.type;
  const repliesToMe = message.reply_to_message?.from?.id === me.id;
  const command = parseCommandLine(text);
  if (command) {
    if (command.mention && command.mention.toLowerCase() !== me.username.toLowerCase()) return undefined;
    if (type === "private") return text;
    if (type !== "group" && type !== "supergroup") return undefined;
    // "/hoi" is ours; an unknown "/foo" without "@ThisBot" is probably another bot's.
    return command.mention || repliesToMe || findCommand(command.name, commands) ? text : undefined;
  }
  if (type === "private") return text;
  if (type !== "group" && type !== "supergroup") return undefined;
  const stripped = stripMention(text, message.entities, me);
  if (stripped !== undefined) return stripped;
  return repliesToMe ? text : undefined;
}

/** The command a document runs: the one that adds a report. */
const ADD_REPORT = { command: "sessions", subcommand: "add", text: "/phien them" } as const;

/**
 * The command text for a document, or undefined when the document is not for the bot: in a
 * private chat every document adds a report; in a group only one captioned with that command
 * (and addressed to this bot when it names one).
 */
export function documentCommand(message: Message, me: UserFromGetMe, commands: CommandDef[] = allCommands): string | undefined {
  const type = message.chat.type;
  if (type === "private") return ADD_REPORT.text;
  if (type !== "group" && type !== "supergroup") return undefined;
  const parsed = parseCommandLine(message.caption ?? "");
  if (!parsed) return undefined;
  if (parsed.mention && parsed.mention.toLowerCase() !== me.username.toLowerCase()) return undefined;
  const cmd = findCommand(parsed.name, commands);
  if (cmd?.name !== ADD_REPORT.command) return undefined;
  const sub = findSubcommand(cmd, parsed.args.split(/\s+/, 1)[0] ?? "");
  return sub?.name === ADD_REPORT.subcommand ? ADD_REPORT.text : undefined;
}

/** The text without the bot's @mention(s), or undefined when the bot is not mentioned. */
export function stripMention(text: string, entities: MessageEntity[] | undefined, me: UserFromGetMe): string | undefined {
  const handle = `@${me.username}`.toLowerCase();
  const ranges = (entities ?? [])
    .filter(
      (e) =>
        (e.type === "mention" && text.slice(e.offset, e.offset + e.length).toLowerCase() === handle) ||
        (e.type === "text_mention" && e.user.id === me.id),
    )
    .sort((a, b) => b.offset - a.offset);
  let out = text;
  if (entities?.length) {
    if (!ranges.length) return undefined;
    for (const e of ranges) out = out.slice(0, e.offset) + " " + out.slice(e.offset + e.length);
  } else {
    // Telegram always marks mentions with entities; this covers hand-made updates.
    const re = new RegExp(`(^|\\s)@${me.username.replace(/[^A-Za-z0-9_]/g, "")}(?![A-Za-z0-9_])`, "gi");
    if (!re.test(text)) return undefined;
    out = text.replace(re, " ");
  }
  return out.replace(/^[\s,:;.!?-]+/, "").replace(/\s+/g, " ").trim();
}

/** In groups the answer is a reply to the message that asked (and stays in its forum topic). */
function threadOf(ctx: TelegramContext): { replyTo?: number; threadId?: number } {
  const msg = ctx.message ?? ctx.callbackQuery?.message;
  if (!msg || msg.chat.type === "private") return {};
  const threadId = "is_topic_message" in msg && msg.is_topic_message ? msg.message_thread_id : undefined;
  return { replyTo: msg.message_id, ...(threadId !== undefined ? { threadId } : {}) };
}

/** After a send that may or may not have arrived. */
export function uncertainReply(lang: Lang): Reply {
  return { kind: "error", lang, lines: [messages(lang).telegramUncertain] };
}

/**
 * The Bot API client of this bot: undici with connect/headers/body bounds, every call bounded
 * (getUpdates by its poll time plus the call bound), and grammY's own timer as a last resort.
 */
export function telegramClientOptions(apiRoot: string | undefined, opts: Pick<TelegramBotOptions, "transport" | "callTimeoutMs" | "pollTimeoutSeconds"> = {}) {
  const callMs = opts.callTimeoutMs ?? CALL_TIMEOUT_MS;
  const pollMs = (opts.pollTimeoutSeconds ?? POLL_TIMEOUT_SECONDS) * 1000 + callMs;
  const agent = createAgent({ headersMs: pollMs, bodyMs: callMs, ...opts.transport });
  return {
    ...(apiRoot ? { apiRoot } : {}),
    fetch: platformFetch({ dispatcher: agent, totalMs: (url: string) => (url.endsWith("/getUpdates") ? pollMs : callMs) }) as never,
    timeoutSeconds: Math.ceil(pollMs / 1000) + 10,
  };
}

export function textOnlyReply(lang: Lang): Reply {
  return { kind: "usage", lang, lines: [messages(lang).textOnly] };
}

export { slowDownReply };

/** Logs failed Bot API calls once the retry policy (which logs each retry) has given up; aborted long polls are not failures. */
function logFailedCalls(log: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const res = await prev(method, payload, signal);
      if (!res.ok) log.warn({ method, error_code: res.error_code, description: res.description }, "telegram api call failed");
      return res;
    } catch (err) {
      if (!signal?.aborted) log.warn({ method, err: describeError(err) }, "telegram api request failed");
      throw err;
    }
  };
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join("") + "…";
}

export type { Api };
