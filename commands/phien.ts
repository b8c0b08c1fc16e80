// /phien (Discord /sessions): the working sessions the bot answers from. Anyone may list them; an
// admin adds one by sending its report (a Telegram document, a Discord attachment, or in the
// console a file path or pasted text) and removes one added in a chat, after confirming. The
// report is ingested by the live sessions (src/sessions/live.ts), which keep it in the store so
// that every worker answers from it at once.
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { Choice, CommandAttachment, CommandContext, CommandDef, CommandInput, Lang, Reply, SubcommandDef } from "./types.js";
import { AttachmentError, MAX_ATTACHMENT_BYTES } from "./attachment.js";
import { byLang, inBoth, messages, type Catalogue } from "../src/core/messages.js";
import { checkReportBytes, IngestError, type IngestSummary } from "../src/ingest/ingest.js";
import type { AddOutcome, SessionListing } from "../src/sessions/live.js";
import type { QueryEngine } from "../src/engine/engine.js";
import { foldForMatch } from "../src/text/fold.js";
import { MAX_INPUT_CHARS } from "../src/text/sanitize.js";

/** What a reviewer is shown of the ingester's doubts: a few, each cut short. */
const UNSURE_SHOWN = 3;
const UNSURE_CHARS = 120;
/** Example questions offered after an add, each checked against the engine. */
const EXAMPLES = 3;
const EXAMPLE_TRIES = 20;
const CONFIRM_WORDS = new Set(["xacnhan", "xac nhan", "confirm", "yes", "co"]);

const platformName: Record<CommandContext["platform"], string> = { telegram: "Telegram", discord: "Discord", console: "console" };

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join("").trimEnd() + "…";
}

function refused(ctx: CommandContext, lines: string[], extra: Partial<Reply> = {}): Reply {
  return { kind: "refused", lang: ctx.lang, lines, ephemeral: true, ...extra };
}

function notReady(ctx: CommandContext): Reply {
  return { kind: "error", lang: ctx.lang, lines: [messages(ctx.lang).sessionsNotReady], ephemeral: true };
}

function adminOnly(ctx: CommandContext): Reply {
  const m = messages(ctx.lang);
  return refused(ctx, [m.sessionsAdminOnly], { suggestions: [{ label: m.sessionsListButton, input: listInput(ctx.lang) }] });
}

const listInput = (lang: Lang) => byLang(lang, { vi: "/phien danhsach", en: "/sessions list" });
const confirmInput = (id: string) => `/phien xoa ${id} xacnhan`;

// ---------------------------------------------------------------- list

function listReply(ctx: CommandContext): Reply {
  const m = messages(ctx.lang);
  const sessions = ctx.services.sessions;
  if (!sessions) return notReady(ctx);
  const all = sessions.list();
  return {
    kind: "info",
    lang: ctx.lang,
    title: m.sessionsListTitle,
    lines: [
      ...(all.length ? all.map((s) => m.sessionsListLine(s.id, s.title, s.period, s.origin === "chat")) : [m.sessionsListEmpty]),
      m.sessionsListHint,
      ...(ctx.isAdmin ? [m.sessionsAdminHint] : []),
    ],
  };
}

// ---------------------------------------------------------------- add

type Bytes = { bytes: Uint8Array } | { reply: Reply };

/** The problem of a report, as the user reads it, followed by "nothing was added". */
function problemReply(ctx: CommandContext, line: string): Reply {
  return refused(ctx, [line, messages(ctx.lang).nothingAdded]);
}

const kbOf = (bytes: number) => Math.ceil(bytes / 1024);

function ingestProblem(ctx: CommandContext, code: IngestError["code"] | "duplicate_content" | "duplicate_id", m: Catalogue, detail: { bytes?: number; existingId?: string } = {}): Reply {
  switch (code) {
    case "empty":
      return problemReply(ctx, m.sessionsEmpty);
    case "binary":
      return problemReply(ctx, m.sessionsBinary);
    case "too_large":
      return problemReply(ctx, m.sessionsTooLarge(detail.bytes !== undefined ? kbOf(detail.bytes) : undefined));
    case "not_vietnamese":
      return problemReply(ctx, m.sessionsNotVietnamese);
    case "no_figures":
      return problemReply(ctx, m.sessionsNoFigures);
    case "duplicate_content": {
      const id = detail.existingId ?? "?";
      const title = ctx.services.sessions?.list().find((s) => s.id === id)?.title ?? id;
      return problemReply(ctx, m.sessionsDuplicate(id, title));
    }
    case "duplicate_id":
      return problemReply(ctx, m.sessionsDuplicateId(detail.existingId ?? "?"));
    default:
      return problemReply(ctx, m.sessionsInvalid);
  }
}

/** The report's bytes from a file sent with the command: its name and reported size are checked before anything is downloaded. */
async function fromAttachment(att: CommandAttachment, ctx: CommandContext, m: Catalogue): Promise<Bytes> {
  if (!/\.txt$/i.test(att.name.trim())) return { reply: problemReply(ctx, m.sessionsNotTxt(clip(att.name, 80))) };
  if (att.size !== undefined && att.size > MAX_ATTACHMENT_BYTES) return { reply: ingestProblem(ctx, "too_large", m, { bytes: att.size }) };
  if (att.size === 0) return { reply: ingestProblem(ctx, "empty", m) };
  try {
    return { bytes: await att.read() };
  } catch (err) {
    if (!(err instanceof AttachmentError)) throw err;
    ctx.services.log.warn({ problem: err.problem, reason: err.message, chatId: ctx.chatId }, "sessions: the report could not be downloaded");
    if (err.problem === "too_large") return { reply: ingestProblem(ctx, "too_large", m, att.size !== undefined ? { bytes: att.size } : {}) };
    return { reply: problemReply(ctx, m.sessionsUnavailable(platformName[ctx.platform])) };
  }
}

/** The console only: a local file path, or the report's text typed after the command. */
async function fromConsoleText(raw: string, truncated: boolean, ctx: CommandContext, m: Catalogue): Promise<Bytes> {
  const typed = raw.trim();
  if (!typed) return { reply: { kind: "usage", lang: ctx.lang, lines: [m.sessionsAddUsageConsole] } };
  const isPath = existsSync(typed) || (!/\s/.test(typed) && /\.[A-Za-z0-9]{1,8}$/.test(typed));
  if (!isPath) {
    // Typed text reaches the command cut at MAX_INPUT_CHARS: a report cut short is refused, not half-read.
    if (truncated) return { reply: problemReply(ctx, m.sessionsPasteTooLong(MAX_INPUT_CHARS)) };
    return { bytes: Buffer.from(typed, "utf8") };
  }
  const info = await stat(typed).catch(() => undefined);
  if (!info?.isFile()) return { reply: problemReply(ctx, m.sessionsFileNotFound(clip(typed, 200))) };
  if (!/\.txt$/i.test(typed)) return { reply: problemReply(ctx, m.sessionsNotTxt(clip(typed, 200))) };
  // The size first: a large file is refused without being read.
  if (info.size > MAX_ATTACHMENT_BYTES) return { reply: ingestProblem(ctx, "too_large", m, { bytes: info.size }) };
  return { bytes: await readFile(typed) };
}

function usageFor(ctx: CommandContext, m: Catalogue): Reply {
  const line = ctx.platform === "discord" ? m.sessionsAddUsageDiscord : ctx.platform === "console" ? m.sessionsAddUsageConsole : m.sessionsAddUsageTelegram;
  return { kind: "usage", lang: ctx.lang, lines: [line], ephemeral: true };
}

/**
 * Questions the new session answers, to try at once: its headline figures asked with the
 * province and period (so that they reach this session whatever else is loaded), each checked
 * against the engine: kept only when the answer is that figure, from this session.
 */
export function exampleQuestions(engine: QueryEngine, summary: IngestSummary, lang: Lang): string[] {
  const m = messages(lang);
  const session = engine.knowledge.byId.get(summary.id);
  if (!session) return [];
  const province = session.file.session.province.startsWith("(") ? "" : session.file.session.province;
  const key = new Set(session.file.indicators.filter((i) => i.key).map((i) => i.id));
  const figures = session.file.figures.filter((f) => !f.target && !f.parent && !f.whole);
  const ordered = [...figures.filter((f) => key.has(f.indicator)), ...figures.filter((f) => !key.has(f.indicator))];
  const found = (q: string, entry?: string) => {
    const a = engine.answer(q).answer;
    return a.found && a.sessionId === summary.id && (entry === undefined || a.entryIds.includes(entry));
  };
  const out: string[] = [];
  const indicators = new Set<string>();
  let tries = 0;
  for (const f of ordered) {
    if (out.length >= EXAMPLES || tries >= EXAMPLE_TRIES) break;
    if (indicators.has(f.indicator)) continue;
    const name = f.label.vi.split(" — ")[0]!.replace(/\s*\([^)]*\)/g, "").trim();
    const withProvince = province && !foldForMatch(name).includes(foldForMatch(province)) ? `${name} ${province}` : name;
    const q = m.askFigure(withProvince, f.kind, f.period.label);
    tries++;
    if (!found(q, f.id)) continue;
    indicators.add(f.indicator);
    out.push(q);
  }
  if (out.length < EXAMPLES && province) {
    const q = m.sessionsAskSummary(province);
    if (found(q)) out.push(q);
  }
  return out;
}

function addedReply(summary: IngestSummary, ctx: CommandContext): Reply {
  const m = messages(ctx.lang);
  const examples = exampleQuestions(ctx.services.engine, summary, ctx.lang);
  const unsure = summary.unsure.slice(0, UNSURE_SHOWN).map((u) => clip(u.replace(/[.;]\s*$/, ""), UNSURE_CHARS));
  return {
    kind: "info",
    lang: ctx.lang,
    title: m.sessionsAddedTitle(summary.id),
    lines: [
      m.sessionsProvincePeriod(summary.title, summary.province, summary.period),
      m.sessionsCounts(summary.figures, summary.people, summary.petitionGroups, summary.statements),
      ...(unsure.length ? [m.sessionsUnsure(unsure.join("; "), summary.unsure.length - unsure.length)] : []),
      examples.length ? m.sessionsReady : m.sessionsReadyNoExample,
      ...examples.map((q) => `• ${q}`),
    ],
    suggestions: examples.map((q) => ({ label: clip(q.replace(/\?$/, ""), 60), input: q })),
  };
}

async function addHandler(input: CommandInput, ctx: CommandContext): Promise<Reply> {
  const m = messages(ctx.lang);
  // Refused before anything is read: a non-admin's file is never downloaded.
  if (!ctx.isAdmin) return adminOnly(ctx);
  const sessions = ctx.services.sessions;
  if (!sessions) return notReady(ctx);
  const got: Bytes = input.attachment
    ? await fromAttachment(input.attachment, ctx, m)
    : ctx.platform === "console"
      ? await fromConsoleText(input.raw, input.truncated === true, ctx, m)
      : { reply: usageFor(ctx, m) };
  if ("reply" in got) return got.reply;
  let text: string;
  try {
    text = checkReportBytes(got.bytes);
  } catch (err) {
    if (err instanceof IngestError) return ingestProblem(ctx, err.code, m, { bytes: got.bytes.length });
    throw err;
  }
  const outcome: AddOutcome = await sessions.add(text);
  if (!outcome.ok) {
    ctx.services.log.info({ reason: outcome.reason, existing: outcome.existingId, chatId: ctx.chatId }, "sessions: a report was refused");
    return ingestProblem(ctx, outcome.reason, m, { bytes: got.bytes.length, ...(outcome.existingId ? { existingId: outcome.existingId } : {}) });
  }
  ctx.services.log.info({ session: outcome.summary.id, figures: outcome.summary.figures, by: ctx.userId }, "sessions: a report was added in a chat");
  return addedReply(outcome.summary, ctx);
}

// ---------------------------------------------------------------- remove

function removableChoices(partial: string, ctx: CommandContext): Choice[] {
  const typed = foldForMatch(partial);
  return (ctx.services.sessions?.list() ?? [])
    .filter((s) => s.origin === "chat" && (!typed || foldForMatch(`${s.id} ${s.title}`).includes(typed)))
    .map((s) => ({ name: clip(`${s.id} — ${s.title}`, 100), value: s.id }));
}

async function removeHandler(input: CommandInput, ctx: CommandContext): Promise<Reply> {
  const m = messages(ctx.lang);
  if (!ctx.isAdmin) return adminOnly(ctx);
  const sessions = ctx.services.sessions;
  if (!sessions) return notReady(ctx);
  const id = (input.options.id ?? "").trim().replace(/^@/, "").toLowerCase();
  if (!id) return { kind: "usage", lang: ctx.lang, lines: [m.sessionsRemoveUsage], ephemeral: true };
  const listing: SessionListing | undefined = sessions.list().find((s) => s.id === id);
  if (!listing) return refused(ctx, [m.sessionsUnknown(clip(id, 80))], { suggestions: [{ label: m.sessionsListButton, input: listInput(ctx.lang) }] });
  if (listing.origin === "shipped") return refused(ctx, [m.sessionsShipped(id)]);
  const confirmed = CONFIRM_WORDS.has(foldForMatch(input.options.confirm ?? ""));
  if (!confirmed) {
    return {
      kind: "info",
      lang: ctx.lang,
      title: m.sessionsRemoveTitle(id),
      lines: [m.sessionsRemoveConfirm(id, listing.title, listing.period)],
      suggestions: [{ label: m.sessionsRemoveButton(id), input: confirmInput(id) }],
    };
  }
  const outcome = await sessions.remove(id);
  if (!outcome.ok) return refused(ctx, [outcome.reason === "shipped" ? m.sessionsShipped(id) : m.sessionsUnknown(id)]);
  ctx.services.log.info({ session: id, by: ctx.userId }, "sessions: a session added in a chat was removed");
  return { kind: "info", lang: ctx.lang, title: m.sessionsRemovedTitle(id), lines: [m.sessionsRemoved(id, listing.title)], suggestions: [{ label: m.sessionsListButton, input: listInput(ctx.lang) }] };
}

// ---------------------------------------------------------------- the command

const subcommands: SubcommandDef[] = [
  {
    name: "list",
    nameVi: "danhsach",
    aliases: ["danh_sach", "ds"],
    description: inBoth("descSessionsList"),
    options: [],
    handler: (_input, ctx) => listReply(ctx),
  },
  {
    name: "add",
    nameVi: "them",
    aliases: ["thêm"],
    description: inBoth("descSessionsAdd"),
    options: [
      {
        name: "file",
        nameVi: "tep",
        description: inBoth("optSessionsFile"),
        type: "attachment",
        required: true,
      },
    ],
    handler: addHandler,
  },
  {
    name: "remove",
    nameVi: "xoa",
    aliases: ["xoá", "xóa", "delete"],
    description: inBoth("descSessionsRemove"),
    options: [
      {
        name: "id",
        nameVi: "ma",
        description: inBoth("optSessionsId"),
        type: "string",
        required: true,
        autocomplete: removableChoices,
      },
      {
        name: "confirm",
        nameVi: "xacnhan",
        description: inBoth("optSessionsConfirm"),
        type: "string",
        choices: [{ name: messages("vi").sessionsConfirmChoice, value: "xacnhan" }],
      },
    ],
    handler: removeHandler,
  },
];

export const sessionsCommand: CommandDef = {
  name: "sessions",
  nameVi: "phien",
  aliases: ["phiên", "session"],
  description: inBoth("descSessions"),
  options: [],
  subcommands,
  handler: (_input, ctx) => listReply(ctx),
};
