// /kiennghi (Discord /petition): the province's petition groups, their live status and history.
// Admin writes are two steps (issue 14): `capnhat` (a change through the lifecycle), `sua` (a
// correction, any other status, with a reason) and `hoantac` (undo the latest change, with a
// reason) show what will change and ask for confirmation; the change is kept in the store behind a
// nonce (src/store/confirmations.ts) and written only when its admin presses "Xác nhận"
// (`/kiennghi xacnhan <nonce>`), once, on any worker. Nothing is ever deleted: an undo or a
// correction is one more history row.
import type { Choice, Citation, CommandContext, CommandDef, CommandInput, Lang, Reply, SubcommandDef, Suggestion } from "./types.js";
import { pickSession, takeSessionSelector } from "../src/knowledge/sessions.js";
import { sessionOption } from "./session-option.js";
import { noSession } from "./chiso.js";
import { normalizePetitionId, type ConfirmResult, type PendingChange, type PetitionEntry, type PetitionRegistry, type UpdateResult } from "../src/petitions/registry.js";
import type { PetitionHistoryRow } from "../src/store/petitions.js";
import { checkTransition, parseStatus, rankStatuses, STATUSES, statusLabel, type PetitionStatus, type PetitionStatusId } from "../src/petitions/statuses.js";
import { authorText, countLabel, extractReference, formatWhen, groupShort, groupTitle, historyLine, lastChangeText, originLabel, toLabel } from "../src/petitions/format.js";
import { byLang, messages, type Catalogue } from "../src/core/messages.js";
import { CONFIRMATION_TTL_MS } from "../src/store/confirmations.js";
import { fold } from "../src/text/fold.js";

const MAX_NOTE_CHARS = 1000;
const MAX_QUERY_ECHO = 80;
// Output stays a message or two however long a history grows (issue 13: 600 rows were 37
// messages): one page of a group's history, newest first, with buttons to page through it.
const HISTORY_PAGE = 10;
/** When a topic matches several groups, each shows only its latest rows. */
const HISTORY_IN_MANY = 3;
/** Groups per page of the list. */
const LIST_PAGE = 12;
/** A history row's note as shown (the whole note stays in the store). */
const NOTE_SHOWN = 300;
/** A note this short (one word) is shown with a warning in the confirmation: it may be a slip. */
const SHORT_NOTE_CHARS = 12;
/**
 * Chat particles that end a sentence without meaning anything ("xong rồi", "xong nhé"): after a
 * status they are not a note (issue 14: "xong roi" was recorded with the note "roi").
 */
const FILLER_WORDS = new Set(["roi", "nhe", "nha", "a", "ah", "nhe a", "luon", "r", "ok", "oke", "okay", "do", "day", "xong", "nhe anh", "nhe chi"]);
/** Typed at the end of an update in the console: apply it without asking (the console's `--yes`). */
const YES_FLAG = /(?:^|\s)--yes\s*$/i;

const detailInput = (id: string) => `/kiennghi ${id}`;
const quote = (s: string) => `“${s.slice(0, MAX_QUERY_ECHO)}”`;
const confirmInput = (nonce: string) => `/kiennghi xacnhan ${nonce}`;
const cancelInput = (nonce: string) => `/kiennghi huy ${nonce}`;

function unavailable(ctx: CommandContext): Reply {
  return { kind: "error", lang: ctx.lang, lines: [messages(ctx.lang).petitionsUnavailable], ephemeral: true };
}

function idChoices(partial: string, ctx: CommandContext): Choice[] {
  return ctx.services.petitions?.suggest(partial, ctx.lang) ?? [];
}

function statusChoices(partial: string, ctx: CommandContext): Choice[] {
  return rankStatuses(partial).map((s) => ({ name: byLang(ctx.lang, s), value: s.id }));
}

function citationsOf(entries: readonly PetitionEntry[]): Citation[] {
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const e of entries)
    for (const text of [e.group.cite, e.group.topicsCite, ...e.group.statusCites])
      if (text && !seen.has(text)) (seen.add(text), out.push({ text, sessionId: e.sessionId }));
  return out;
}

function groupButton(e: PetitionEntry, lang: Lang): Suggestion {
  return { label: `${e.group.id} · ${countLabel(e.group, lang)}`, input: detailInput(e.group.id) };
}

const historyButton = (m: Catalogue, id: string): Suggestion => ({ label: m.petitionHistoryButton(id), input: detailInput(id) });

/** "KN-01 trang 2", "đất lúa page 3" → the query and the page (1 when none is named). */
export function takePage(text: string): { rest: string; page: number } {
  const m = /^(.*?)\s*\b(?:trang|page)\s*(\d{1,4})\s*$/iu.exec(text.trim());
  return m ? { rest: m[1]!.trim(), page: Math.max(1, Number(m[2])) } : { rest: text.trim(), page: 1 };
}

function clipNote(row: PetitionHistoryRow): PetitionHistoryRow {
  const chars = [...(row.note ?? "")];
  return chars.length <= NOTE_SHOWN ? row : { ...row, note: chars.slice(0, NOTE_SHOWN - 1).join("") + "…" };
}

/** One page of a history, newest first; page 1 is the latest rows. */
function historyPage(history: PetitionHistoryRow[], page: number, per: number) {
  const pages = Math.max(1, Math.ceil(history.length / per));
  const p = Math.min(page, pages);
  const end = history.length - (p - 1) * per;
  const start = Math.max(0, end - per);
  const rows = history.slice(start, end).map((row, i) => ({ row, n: start + i + 1 })).reverse();
  return { rows, page: p, pages };
}

/** A group's facts from the source, its live status and one page of its history. */
async function detailLines(reg: PetitionRegistry, e: PetitionEntry, lang: Lang, page = 1, per = HISTORY_PAGE): Promise<{ lines: string[]; page: number; pages: number }> {
  const m = messages(lang);
  const g = e.group;
  const current = await reg.current(e);
  const history = await reg.history(e);
  const shown = historyPage(history, page, per);
  const bySeq = new Map(history.map((row, i) => [row.seq, i + 1]));
  const lines = [
    m.petitionDetailTo(toLabel(g, lang), countLabel(g, lang), originLabel(g, lang)),
    m.petitionTopics(g.topics.join("; ")),
    m.petitionCurrent(statusLabel(current.toStatus, lang), lastChangeText(current, lang, reg.timezone)),
    shown.pages > 1 ? m.petitionHistoryPaged(history.length, shown.page, shown.pages) : m.petitionHistory(history.length),
    ...shown.rows.map(({ row, n }) => historyLine(clipNote(row), n, lang, reg.timezone, row.correctsSeq !== null ? bySeq.get(row.correctsSeq) : undefined)),
  ];
  return { lines, page: shown.page, pages: shown.pages };
}

/** Buttons to the older and newer pages of one group's history. */
function pageButtons(id: string, page: number, pages: number, lang: Lang): Suggestion[] {
  const m = messages(lang);
  return [
    ...(page < pages ? [{ label: m.petitionOlder(page + 1, pages), input: `${detailInput(id)} trang ${page + 1}` }] : []),
    ...(page > 1 ? [{ label: m.petitionNewer(page - 1, pages), input: `${detailInput(id)} trang ${page - 1}` }] : []),
  ];
}

async function detailReply(reg: PetitionRegistry, entries: PetitionEntry[], ctx: CommandContext, typed: string, page = 1): Promise<Reply> {
  const m = messages(ctx.lang);
  const adminHint = ctx.isAdmin ? [m.petitionAdminHint] : [];
  if (entries.length === 1) {
    const e = entries[0]!;
    const detail = await detailLines(reg, e, ctx.lang, page);
    return {
      kind: "answer",
      lang: ctx.lang,
      title: `${e.group.id} · ${groupTitle(e.group, ctx.lang)}`,
      lines: [...detail.lines, ...adminHint],
      // The source's sentences once, with the first page; later pages are history only.
      ...(detail.page === 1 ? { citations: citationsOf(entries) } : {}),
      suggestions: [...pageButtons(e.group.id, detail.page, detail.pages, ctx.lang), { label: m.petitionAllButton, input: "/kiennghi" }],
      footer: e.sessionTitle,
    };
  }
  const lines: string[] = [m.petitionManyIntro(quote(typed), entries.length)];
  for (const e of entries) {
    const detail = await detailLines(reg, e, ctx.lang, 1, HISTORY_IN_MANY);
    lines.push(`— ${e.group.id} · ${groupTitle(e.group, ctx.lang)} —`, ...detail.lines);
    if (detail.pages > 1) lines.push(m.petitionFullHistory(detailInput(e.group.id)));
  }
  return {
    kind: "answer",
    lang: ctx.lang,
    title: m.petitionTopicTitle(typed.slice(0, MAX_QUERY_ECHO)),
    lines: [...lines, ...adminHint],
    citations: citationsOf(entries),
    suggestions: entries.map((e) => groupButton(e, ctx.lang)),
    footer: entries[0]!.sessionTitle,
  };
}

async function listReply(reg: PetitionRegistry, ctx: CommandContext, sessionId?: string, page = 1): Promise<Reply> {
  const m = messages(ctx.lang);
  const all = await reg.list(sessionId);
  const pages = Math.max(1, Math.ceil(all.length / LIST_PAGE));
  const p = Math.min(page, pages);
  const states = all.slice((p - 1) * LIST_PAGE, p * LIST_PAGE);
  const more: Suggestion[] = p < pages ? [{ label: m.petitionMore(p + 1, pages), input: `/kiennghi trang ${p + 1}` }] : [];
  return {
    kind: "info",
    lang: ctx.lang,
    title: m.petitionListTitle,
    lines: [
      ...states.map((s) =>
        m.petitionListLine(s.group.id, countLabel(s.group, ctx.lang), toLabel(s.group, ctx.lang), originLabel(s.group, ctx.lang), statusLabel(s.current.toStatus, ctx.lang), lastChangeText(s.current, ctx.lang, reg.timezone)),
      ),
      m.petitionListHint,
    ],
    citations: citationsOf(states),
    suggestions: [...more, ...states.map((s) => groupButton(s, ctx.lang))],
    footer: states[0]?.sessionTitle,
  };
}

function notFoundReply(typed: string, closest: PetitionEntry[], ctx: CommandContext): Reply {
  const m = messages(ctx.lang);
  const asId = normalizePetitionId(typed);
  return {
    kind: "not_found",
    lang: ctx.lang,
    lines: [
      ...(asId ? [m.petitionNoId(asId)] : [m.petitionNoMatch(quote(typed)), ...(closest.length ? [m.petitionClosest] : [])]),
      ...closest.map((e) => `• ${groupShort(e.group, ctx.lang)}: ${groupTitle(e.group, ctx.lang)}`),
      m.petitionSeeAll,
    ],
    suggestions: closest.map((e) => groupButton(e, ctx.lang)),
  };
}

function statusListLines(lang: Lang): string[] {
  return STATUSES.map((s: PetitionStatus) => `• ${byLang(lang, s)} (${s.id})`);
}

type AdminOp = "change" | "undo" | "correction";

function usageReply(ctx: CommandContext, op: AdminOp, problem?: string): Reply {
  const m = messages(ctx.lang);
  const how = { change: [m.petitionUsageUpdate, m.petitionExampleUpdate], undo: [m.petitionUndoUsage], correction: [m.petitionCorrectUsage] }[op];
  return {
    kind: "usage",
    lang: ctx.lang,
    lines: [...(problem ? [problem] : []), ...how, ...(op === "undo" ? [] : [m.petitionStatusesTitle, ...statusListLines(ctx.lang)])],
    ephemeral: true,
  };
}

function adminOnlyReply(ctx: CommandContext): Reply {
  const m = messages(ctx.lang);
  return { kind: "refused", lang: ctx.lang, lines: [m.petitionAdminOnly], suggestions: [{ label: m.petitionSeeButton, input: "/kiennghi" }], ephemeral: true };
}

/** The group an admin command names, or the reply that says it names none. */
function entryOf(reg: PetitionRegistry, idText: string, ctx: CommandContext, op: AdminOp): PetitionEntry | Reply {
  const m = messages(ctx.lang);
  if (!idText) return usageReply(ctx, op, m.petitionWhichGroup);
  const entry = reg.byId(idText);
  if (entry) return entry;
  const found = reg.lookup(idText);
  const closest = found.kind === "none" ? found.closest : found.entries;
  const r = notFoundReply(idText, closest, ctx);
  return { ...r, lines: [...r.lines, m.petitionUseId], ephemeral: true };
}

/**
 * Reads "<status words> <note>" as typed: the longest run of leading words (up to 8) that names a
 * status is the status, the rest the note; a note of chat particles only ("rồi", "nhé") is no
 * note. Returns what was read, to show it in the confirmation.
 */
export function readStatusAndNote(text: string): { ok: true; status: PetitionStatus; statusText: string; note: string; dropped: string } | { ok: false; statusText: string; closest: PetitionStatus[] } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  for (let k = Math.min(words.length, 8); k >= 1; k--) {
    const p = parseStatus(words.slice(0, k).join(" "));
    if (!p.ok) continue;
    let rest = words.slice(k);
    let dropped = "";
    if (rest.length && rest.length <= 3 && rest.every((w) => FILLER_WORDS.has(fold(w).replace(/[^a-z]/g, "")))) {
      dropped = rest.join(" ");
      rest = [];
    }
    return { ok: true, status: p.status, statusText: words.slice(0, k).join(" "), note: rest.join(" "), dropped };
  }
  const first = words[0] ?? "";
  const parsed = parseStatus(first);
  return { ok: false, statusText: first, closest: parsed.ok ? [] : parsed.closest };
}

/** Asks for the confirmation of `change`: stored behind a nonce, with a Confirm and a Cancel button. */
async function askConfirmation(reg: PetitionRegistry, ctx: CommandContext, entry: PetitionEntry, change: PendingChange, current: PetitionHistoryRow, read: string[]): Promise<Reply> {
  const m = messages(ctx.lang);
  const nonce = await reg.propose(change, { chatId: ctx.chatId, userId: ctx.userId, ...(ctx.update ? { claim: ctx.update } : {}) });
  if (nonce === "duplicate") return { kind: "info", lang: ctx.lang, lines: [m.petitionAlreadyRecorded], ephemeral: true };
  const minutes = Math.round(CONFIRMATION_TTL_MS / 60_000);
  const title = { change: m.petitionConfirmTitle, undo: m.petitionUndoTitle, correction: m.petitionCorrectTitle }[change.op](entry.group.id);
  const note = change.note ?? "";
  const noteLine = change.op === "change" ? (note ? m.petitionNoteQuoted(note) : m.petitionNoNote) : m.petitionReason(note);
  const short = change.op === "change" && note && !/\s/.test(note) && note.length <= SHORT_NOTE_CHARS ? [m.petitionShortNote(note)] : [];
  return {
    kind: "info",
    lang: ctx.lang,
    title,
    lines: [
      m.petitionWillChange(groupShort(entry.group, ctx.lang), statusLabel(current.toStatus, ctx.lang), statusLabel(change.status, ctx.lang)),
      ...read,
      noteLine,
      ...(change.reference ? [m.petitionReference(change.reference)] : []),
      ...short,
      m.petitionConfirmHow(minutes),
    ],
    suggestions: [
      { label: m.petitionConfirmButton, input: confirmInput(nonce) },
      { label: m.petitionCancelButton, input: cancelInput(nonce) },
    ],
    confirmation: { confirm: confirmInput(nonce), cancel: cancelInput(nonce) },
    ephemeral: true,
  };
}

/** The reply to a change that was not written: why, in the reader's words. */
function notWrittenReply(result: Exclude<ConfirmResult, { ok: true }>, ctx: CommandContext): Reply {
  const m = messages(ctx.lang);
  if (result.kind === "unknown_id") return notFoundReply("", result.closest, ctx);
  // Already handled by an earlier run (redelivered after a crash): the front door sends nothing.
  if (result.kind === "duplicate") return { kind: "info", lang: ctx.lang, lines: [m.petitionAlreadyRecorded], ephemeral: true };
  if (result.kind === "confirmation") {
    const line = { unknown: m.petitionConfirmUnknown, expired: m.petitionConfirmExpired, used: m.petitionConfirmUsed, other_user: m.petitionConfirmOtherUser }[result.reason];
    const id = result.change?.petitionId;
    return { kind: "refused", lang: ctx.lang, lines: [line], ...(id ? { suggestions: [historyButton(m, id)] } : {}), ephemeral: true };
  }
  const id = result.entry.group.id;
  if (result.kind === "stale") {
    return { kind: "refused", lang: ctx.lang, lines: [m.petitionStale(id, statusLabel(result.current?.toStatus ?? "", ctx.lang))], suggestions: [historyButton(m, id)], ephemeral: true };
  }
  const { refusal } = result;
  const from = refusal.from ?? "";
  return {
    kind: "refused",
    lang: ctx.lang,
    lines: [
      m.petitionCannotMove(id, statusLabel(from, ctx.lang), statusLabel(refusal.to, ctx.lang), byLang(ctx.lang, refusal.reason)),
      ...(refusal.allowed.length ? [m.petitionCanMoveTo(statusLabel(from, ctx.lang), refusal.allowed.map((s) => statusLabel(s, ctx.lang)).join("; "))] : []),
      ...(from === "da_giai_quyet" ? [m.petitionCorrectHint(id)] : []),
    ],
    suggestions: [historyButton(m, id)],
    ephemeral: true,
  };
}

/** The reply to a change written. */
function writtenReply(result: Extract<UpdateResult, { ok: true }>, reg: PetitionRegistry, ctx: CommandContext): Reply {
  const m = messages(ctx.lang);
  const { row, entry } = result;
  const id = entry.group.id;
  const title = { change: m.petitionUpdatedTitle, undo: m.petitionUndoneTitle, correction: m.petitionCorrectedTitle }[row.kind](id);
  return {
    kind: "info",
    lang: ctx.lang,
    title,
    lines: [
      m.petitionChangeLine(groupShort(entry.group, ctx.lang), statusLabel(row.fromStatus ?? "", ctx.lang), statusLabel(row.toStatus, ctx.lang)),
      ...(row.note ? [row.kind === "change" ? m.petitionNote(row.note) : m.petitionReason(row.note)] : []),
      ...(row.reference ? [m.petitionReference(row.reference)] : []),
      m.petitionBy(authorText(row), formatWhen(row.at, reg.timezone)),
      m.petitionUndoHint(id),
    ],
    suggestions: [historyButton(m, id)],
  };
}

/** Runs a pending change at once (the console's `--yes`), through the same confirmation as a button. */
async function confirmNow(reg: PetitionRegistry, ctx: CommandContext, asked: Reply): Promise<Reply> {
  const nonce = asked.confirmation?.confirm.split(" ").pop();
  if (!nonce) return asked;
  return applyConfirmation(reg, ctx, nonce);
}

async function applyConfirmation(reg: PetitionRegistry, ctx: CommandContext, nonce: string): Promise<Reply> {
  const result = await reg.confirm(nonce, { by: ctx.userId, ...(ctx.userName ? { byName: ctx.userName } : {}), ...(ctx.update ? { claim: ctx.update } : {}) });
  if (!result.ok) return notWrittenReply(result, ctx);
  ctx.services.log.info({ petition: result.entry.group.id, kind: result.row.kind, from: result.row.fromStatus, to: result.row.toStatus, by: ctx.userId }, "petition status changed (confirmed)");
  return writtenReply(result, reg, ctx);
}

/**
 * Takes the console's `--yes` off the end of what was typed: in the console it applies the change
 * without asking; elsewhere it is dropped (never part of a note) and the button is still shown.
 */
function takeYes(text: string, ctx: CommandContext): { yes: boolean; text: string } {
  if (!YES_FLAG.test(text)) return { yes: false, text };
  return { yes: ctx.platform === "console", text: text.replace(YES_FLAG, "").trim() };
}

async function updateHandler(input: CommandInput, ctx: CommandContext): Promise<Reply> {
  if (!ctx.isAdmin) return adminOnlyReply(ctx);
  const reg = ctx.services.petitions;
  if (!reg) return unavailable(ctx);
  const m = messages(ctx.lang);
  const typed = takeYes([input.options.status, input.options.note].filter(Boolean).join(" ").trim(), ctx);
  let idText = input.options.id?.trim() ?? "";
  let rest = typed.text;
  // "capnhat KN 4 …": the ID was typed with a space, so the words after it shift by one.
  const two = /^(\S+)\s*([\s\S]*)$/.exec(rest);
  if (idText && !reg.byId(idText) && two && reg.byId(`${idText} ${two[1]}`)) {
    idText = `${idText} ${two[1]}`;
    rest = two[2] ?? "";
  }
  const entry = entryOf(reg, idText, ctx, "change");
  if (!("group" in entry)) return entry;
  if (!rest) return usageReply(ctx, "change", m.petitionWhichStatus);
  const read = readStatusAndNote(rest);
  if (!read.ok) {
    const guess = read.closest.length ? ` ${m.petitionDidYouMean(read.closest.map((s) => byLang(ctx.lang, s)).join(", "))}` : "";
    // The status as given: a separate option (Discord) whole, else the first word typed.
    const shown = input.options.status?.trim() && rest.startsWith(input.options.status.trim()) ? input.options.status.trim() : read.statusText;
    return usageReply(ctx, "change", m.petitionInvalidStatus(quote(shown)) + guess);
  }
  const note = read.note.slice(0, MAX_NOTE_CHARS);
  const current = await reg.current(entry);
  // Refused at once when the lifecycle does not allow it: no confirmation for a change that cannot be made.
  const refusal = checkTransition(current.toStatus, read.status.id);
  if (refusal) return notWrittenReply({ ok: false, kind: "refused", entry, current, refusal }, ctx);
  const change: PendingChange = {
    op: "change",
    sessionId: entry.sessionId,
    petitionId: entry.group.id,
    status: read.status.id,
    note: note || null,
    reference: note ? (extractReference(note) ?? null) : null,
    expectSeq: current.seq,
    correctsSeq: null,
  };
  const readLines = [m.petitionReadAs(quote(read.statusText), statusLabel(read.status.id, ctx.lang)), ...(read.dropped ? [m.petitionDroppedFiller(quote(read.dropped))] : [])];
  const asked = await askConfirmation(reg, ctx, entry, change, current, readLines);
  return typed.yes ? confirmNow(reg, ctx, asked) : asked;
}

async function correctHandler(input: CommandInput, ctx: CommandContext): Promise<Reply> {
  if (!ctx.isAdmin) return adminOnlyReply(ctx);
  const reg = ctx.services.petitions;
  if (!reg) return unavailable(ctx);
  const m = messages(ctx.lang);
  const entry = entryOf(reg, input.options.id?.trim() ?? "", ctx, "correction");
  if (!("group" in entry)) return entry;
  const { yes, text: rest } = takeYes([input.options.status, input.options.reason].filter(Boolean).join(" ").trim(), ctx);
  if (!rest) return usageReply(ctx, "correction", m.petitionWhichStatus);
  // Read as a change is: the status first, then the reason, which is required (all of it: a reason is
  // never cut down to nothing as a note of particles is)
  const read = readStatusAndNote(rest);
  if (!read.ok) {
    const guess = read.closest.length ? ` ${m.petitionDidYouMean(read.closest.map((s) => byLang(ctx.lang, s)).join(", "))}` : "";
    return usageReply(ctx, "correction", m.petitionInvalidStatus(quote(read.statusText)) + guess);
  }
  const status = read.status;
  const reason = (read.note || read.dropped).slice(0, MAX_NOTE_CHARS);
  if (!reason) return usageReply(ctx, "correction", m.petitionReasonRequired);
  const current = await reg.current(entry);
  const refusal = checkTransition(current.toStatus, status.id, { correction: true, note: reason });
  if (refusal) return notWrittenReply({ ok: false, kind: "refused", entry, current, refusal }, ctx);
  const change: PendingChange = {
    op: "correction",
    sessionId: entry.sessionId,
    petitionId: entry.group.id,
    status: status.id,
    note: reason,
    reference: extractReference(reason) ?? null,
    expectSeq: current.seq,
    correctsSeq: current.fromSource ? null : current.seq,
  };
  const asked = await askConfirmation(reg, ctx, entry, change, current, [m.petitionCorrectWhat]);
  return yes ? confirmNow(reg, ctx, asked) : asked;
}

async function undoHandler(input: CommandInput, ctx: CommandContext): Promise<Reply> {
  if (!ctx.isAdmin) return adminOnlyReply(ctx);
  const reg = ctx.services.petitions;
  if (!reg) return unavailable(ctx);
  const m = messages(ctx.lang);
  const entry = entryOf(reg, input.options.id?.trim() ?? "", ctx, "undo");
  if (!("group" in entry)) return entry;
  const { yes, text } = takeYes((input.options.reason ?? "").trim(), ctx);
  const reason = text.slice(0, MAX_NOTE_CHARS);
  const history = await reg.history(entry);
  const last = history.at(-1)!;
  if (last.fromSource || last.fromStatus === null) return { kind: "refused", lang: ctx.lang, lines: [m.petitionNothingToUndo(entry.group.id)], suggestions: [historyButton(m, entry.group.id)], ephemeral: true };
  if (!reason) return usageReply(ctx, "undo", m.petitionReasonRequired);
  const change: PendingChange = {
    op: "undo",
    sessionId: entry.sessionId,
    petitionId: entry.group.id,
    status: last.fromStatus as PetitionStatusId,
    note: reason,
    reference: null,
    expectSeq: last.seq,
    correctsSeq: last.seq,
  };
  const what = m.petitionUndoWhat(history.length, formatWhen(last.at, reg.timezone), authorText(last), statusLabel(last.fromStatus, ctx.lang), statusLabel(last.toStatus, ctx.lang));
  const asked = await askConfirmation(reg, ctx, entry, change, last, [what]);
  return yes ? confirmNow(reg, ctx, asked) : asked;
}

async function confirmHandler(input: CommandInput, ctx: CommandContext): Promise<Reply> {
  if (!ctx.isAdmin) return adminOnlyReply(ctx);
  const reg = ctx.services.petitions;
  if (!reg) return unavailable(ctx);
  const nonce = (input.options.code ?? "").trim();
  if (!nonce) return { kind: "usage", lang: ctx.lang, lines: [messages(ctx.lang).petitionConfirmUsage], ephemeral: true };
  return applyConfirmation(reg, ctx, nonce);
}

async function cancelHandler(input: CommandInput, ctx: CommandContext): Promise<Reply> {
  if (!ctx.isAdmin) return adminOnlyReply(ctx);
  const reg = ctx.services.petitions;
  if (!reg) return unavailable(ctx);
  const m = messages(ctx.lang);
  const nonce = (input.options.code ?? "").trim();
  if (!nonce) return { kind: "usage", lang: ctx.lang, lines: [m.petitionConfirmUsage], ephemeral: true };
  const r = await reg.cancel(nonce, ctx.userId);
  if (!r.ok) return notWrittenReply({ ok: false, kind: "confirmation", reason: r.reason }, ctx);
  return { kind: "info", lang: ctx.lang, lines: [m.petitionCancelled(r.change.petitionId)], suggestions: [historyButton(m, r.change.petitionId)], ephemeral: true };
}

const idOption = {
  name: "id",
  nameVi: "ma",
  description: { vi: messages("vi").optPetitionId, en: messages("en").optPetitionId },
  type: "string" as const,
  required: true,
  autocomplete: idChoices,
};

const codeOption = {
  name: "code",
  nameVi: "ma",
  description: { vi: messages("vi").optConfirmCode, en: messages("en").optConfirmCode },
  type: "string" as const,
  required: true,
};

const subcommands: SubcommandDef[] = [
  {
    name: "update",
    nameVi: "capnhat",
    aliases: ["cậpnhật", "cap_nhat", "capnhap"],
    description: { vi: messages("vi").descPetitionUpdate, en: messages("en").descPetitionUpdate },
    options: [
      idOption,
      { name: "status", nameVi: "trangthai", description: { vi: messages("vi").optNewStatus, en: messages("en").optNewStatus }, type: "string", required: true, autocomplete: statusChoices },
      { name: "note", nameVi: "ghichu", description: { vi: messages("vi").optNote, en: messages("en").optNote }, type: "string", rest: true },
    ],
    handler: updateHandler,
  },
  {
    name: "undo",
    nameVi: "hoantac",
    aliases: ["hoàntác", "hoan_tac", "hoàn_tác"],
    description: { vi: messages("vi").descPetitionUndo, en: messages("en").descPetitionUndo },
    options: [idOption, { name: "reason", nameVi: "lydo", description: { vi: messages("vi").optReason, en: messages("en").optReason }, type: "string", required: true, rest: true }],
    handler: undoHandler,
  },
  {
    name: "correct",
    nameVi: "sua",
    aliases: ["sửa", "suachua", "sửachữa", "sua_chua", "correction"],
    description: { vi: messages("vi").descPetitionCorrect, en: messages("en").descPetitionCorrect },
    options: [
      idOption,
      { name: "status", nameVi: "trangthai", description: { vi: messages("vi").optRightStatus, en: messages("en").optRightStatus }, type: "string", required: true, autocomplete: statusChoices },
      { name: "reason", nameVi: "lydo", description: { vi: messages("vi").optReason, en: messages("en").optReason }, type: "string", required: true, rest: true },
    ],
    handler: correctHandler,
  },
  {
    name: "confirm",
    nameVi: "xacnhan",
    aliases: ["xácnhận", "xac_nhan"],
    description: { vi: messages("vi").descPetitionConfirm, en: messages("en").descPetitionConfirm },
    options: [codeOption],
    handler: confirmHandler,
    hidden: true,
  },
  {
    name: "cancel",
    nameVi: "huy",
    aliases: ["huỷ", "hủy", "boqua"],
    description: { vi: messages("vi").descPetitionCancel, en: messages("en").descPetitionCancel },
    options: [codeOption],
    handler: cancelHandler,
    hidden: true,
  },
];

export const petitionCommand: CommandDef = {
  name: "petition",
  nameVi: "kiennghi",
  aliases: ["kiếnnghị", "kien_nghi", "petitions"],
  description: { vi: messages("vi").descPetition, en: messages("en").descPetition },
  options: [
    {
      name: "query",
      nameVi: "ma",
      description: { vi: messages("vi").optPetitionQuery, en: messages("en").optPetitionQuery },
      type: "string",
      rest: true,
      autocomplete: idChoices,
    },
    sessionOption,
  ],
  async handler(input, ctx): Promise<Reply> {
    const reg = ctx.services.petitions;
    if (!reg) return unavailable(ctx);
    const text = input.options.session ? { rest: input.options.query ?? "", selector: input.options.session } : takeSessionSelector(input.options.query ?? "");
    const pick = pickSession(ctx.services.knowledge, text.selector, ctx.lang);
    if ("error" in pick) return noSession(pick.error, pick.closest, ctx.lang, "/kiennghi");
    const sessionId = pick.session.file.session.id;
    const { rest: typed, page } = takePage(text.rest);
    if (!typed) return listReply(reg, ctx, sessionId, page);
    const found = reg.lookup(typed, sessionId);
    if (found.kind === "none") return notFoundReply(typed, found.closest, ctx);
    return detailReply(reg, found.entries, ctx, typed, page);
  },
  subcommands,
};
