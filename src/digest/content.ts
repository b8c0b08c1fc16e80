// The daily digest as a Reply, the same on every front door (each adapter renders it within its
// platform's limits). In order:
//   1. what is new since the chat's previous digest: sessions added in chats (the store's
//      createdAt) and petition status changes, each with its date; "Không có gì mới kể từ bản tin
//      trước (…)." when nothing changed;
//   2. the key figures of the most recent session;
//   3. the petitions by status;
//   4. one highlight: a figure that is not among the key ones, a different one each day, chosen
//      from the date alone (every front door and every worker picks the same), with its source
//      sentence quoted (the Reply's citations).
// Every text comes from the message catalogue (src/core/messages.ts).
import type { Citation, Lang, Reply, Suggestion } from "../core/types.js";
import { byLang, messages } from "../core/messages.js";
import type { KnowledgeBase, LoadedSession } from "../knowledge/types.js";
import { indicatorViews } from "../knowledge/indicators.js";
import { figureCitations, figureLine as answerLine } from "../engine/compose.js";
import type { Figure, Indicator } from "../knowledge/schema.js";
import { dayNumber, localDateOf, longLocalDate, shortLocalDateTime } from "./calendar.js";
import type { AddedSession, PetitionDigestSource, PetitionDigestSummary, SessionDigestSource } from "./types.js";
import type { Delivery, Subscription } from "../store/subscriptions.js";

export interface DigestInput {
  knowledge: KnowledgeBase;
  /** The moment the digest is for; its day in `timeZone` is the digest's date. */
  now: Date;
  timeZone: string;
  lang: Lang;
  /** The petition registry; undefined leaves the petition part out. */
  petitions?: PetitionDigestSource;
  /** The sessions added in chats; defaults to `petitions.sessions`; undefined lists none. */
  sessions?: SessionDigestSource;
  /**
   * Where "what is new" starts: this chat's previous digest, or (before its first one) when it
   * subscribed; null when neither exists (an on-demand digest in a chat that never subscribed:
   * the latest few changes are shown).
   */
  since: DigestSince | null;
  /** "scheduled": sent by the scheduler (footer tells how to stop); "on_demand": /bantin typed now. */
  mode: "scheduled" | "on_demand";
  /** Called when the petition source throws; the digest goes out without that part. */
  onPetitionError?: (err: unknown) => void;
  /** Called when the session source throws; the digest goes out without new sessions. */
  onSessionsError?: (err: unknown) => void;
}

export interface DigestSince {
  /** ISO instant. */
  at: string;
  kind: "previous_digest" | "subscribed";
}

/**
 * The start of "what is new" for a chat: its previous delivered digest (from the moment that
 * digest was claimed, so a change made while it was being sent shows again rather than never),
 * else the moment it subscribed.
 */
export function digestSince(previous: Delivery | null, sub: Subscription | null): DigestSince | null {
  if (previous) return { at: previous.claimedAt, kind: "previous_digest" };
  if (sub) return { at: sub.createdAt, kind: "subscribed" };
  return null;
}

/**
 * Budget for the whole reply as text. Telegram allows 4096 characters per message and Discord 4096
 * per embed description (6000 per embed); adapters add markup and escaping, so stay well below.
 */
export const DIGEST_MAX_CHARS = 3500;
/** At most this many petition changes are listed; the rest are counted. */
export const DIGEST_MAX_CHANGES = 10;
/** At most this many new sessions are listed; the rest are counted. */
export const DIGEST_MAX_SESSIONS = 5;
/** A source sentence longer than this is quoted as its clause only. */
const MAX_SENTENCE_CHARS = 400;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "26/11/2026 15:04" in the digest's zone; null for a malformed timestamp. */
function stamp(iso: string, timeZone: string): string | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : shortLocalDateTime(d, timeZone);
}

// The same line as an answer's, on every front door and in the digest.
function figureLine(f: Figure, lang: Lang): string {
  return `• ${answerLine(f, lang)}`;
}

/** The key indicators' own figures (not each of their parts), at most two periods each: the digest stays short. */
function keyFigures(session: LoadedSession): Figure[] {
  const out: Figure[] = [];
  for (const view of indicatorViews(session)) {
    if (!view.indicator.key) continue;
    out.push(...view.figures.filter((x) => !x.parent && !x.whole).slice(0, 2));
  }
  return out;
}

export interface Highlight {
  session: LoadedSession;
  figure: Figure;
  indicator: Indicator | undefined;
}

/**
 * Figures that may be highlighted, most recent session first: any figure that the key list does
 * not show (so the highlight is news), except the petition counts (they have their own part).
 */
export function highlightCandidates(knowledge: KnowledgeBase): Highlight[] {
  const out: Highlight[] = [];
  knowledge.sessions.forEach((session, i) => {
    const petitionCites = new Set(session.file.petitionGroups.map((g) => g.cite));
    const keyIds = new Set(session.file.indicators.filter((x) => x.key).map((x) => x.id));
    const shown = new Set(i === 0 ? keyFigures(session) : []);
    const indicators = new Map(session.file.indicators.map((x) => [x.id, x]));
    for (const figure of session.file.figures) {
      if (shown.has(figure) || petitionCites.has(figure.cite)) continue;
      if (i === 0 && keyIds.has(figure.indicator) && !figure.parent) continue;
      out.push({ session, figure, indicator: indicators.get(figure.indicator) });
    }
  });
  return out;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * The step between two days' picks: about 0.38 of the list (the golden ratio's), coprime with its
 * length, so that n consecutive days show each of the n figures once, and two days running are
 * never neighbours in the report.
 */
function stride(n: number): number {
  for (let s = Math.max(1, Math.round(n * 0.381966)); s < n + 1; s++) if (gcd(s, n) === 1) return s;
  return 1;
}

/** The figure highlighted on `localDate`: the same for everyone that day, another the next day. */
export function highlightFor(knowledge: KnowledgeBase, localDate: string, timeZone: string): Highlight | undefined {
  const list = highlightCandidates(knowledge);
  if (list.length === 0) return undefined;
  const n = list.length;
  const day = dayNumber(localDate, timeZone);
  return list[(((day * stride(n)) % n) + n) % n];
}

/**
 * The sentence of `source` that holds `clause`, as it stands there (so it is a citation word for
 * word): from after the previous full stop or line break to the next. A sentence too long to quote
 * gives the part between semicolons that holds the clause; the clause alone when that is too long
 * too, or the clause is not in the source.
 */
export function sourceSentence(source: string, clause: string): string {
  const at = source.indexOf(clause);
  if (at < 0) return clause;
  // A full stop ends a sentence when white space follows it ("13.330 ha" is a number).
  let start = at;
  while (start > 0 && source[start - 1] !== "\n" && !(/[.!?]/.test(source[start - 2] ?? "") && /\s/.test(source[start - 1]!))) start--;
  let end = at + clause.length;
  while (end < source.length && source[end] !== "\n" && !(/[.!?]/.test(source[end]!) && (end + 1 === source.length || /\s/.test(source[end + 1]!)))) end++;
  if (end < source.length && /[.!?]/.test(source[end]!)) end++;
  const sentence = source.slice(start, end).trim();
  if (sentence.length <= MAX_SENTENCE_CHARS) return sentence;
  // Too long to quote whole: the part between semicolons that holds the clause, else the clause.
  const from = Math.max(source.lastIndexOf(";", at) + 1, start);
  const semi = source.indexOf(";", at + clause.length);
  const part = source.slice(from, semi >= 0 && semi < end ? semi : end).trim();
  return part.length <= MAX_SENTENCE_CHARS && part.includes(clause) ? part : clause;
}

/** "Lạng Sơn, năm 2022 và 4 tháng đầu năm 2023" / "Lạng Sơn, 2022–2023": which session, in a few words. */
function sessionLabel(s: LoadedSession, lang: Lang): string {
  const info = s.file.session;
  const years = [Math.min(...info.years), Math.max(...info.years)];
  return messages(lang).digestSessionLabel(info.province, info.reportPeriod, years[0] === years[1] ? String(years[0]) : `${years[0]}–${years[1]}`);
}

function highlightCitations(h: Highlight): Citation[] {
  const sessionId = h.session.file.session.id;
  const texts: string[] = [];
  for (const text of figureCitations(h.figure)) {
    const sentence = sourceSentence(h.session.sourceText, text);
    if (!texts.some((t) => t.includes(sentence))) texts.push(sentence);
  }
  return texts.filter((t, i) => !texts.some((u, j) => j !== i && u.includes(t) && u !== t)).map((text) => ({ text, sessionId }));
}

/** The length of a reply as plain text: what the size budget is measured on. */
export function replyTextLength(reply: Reply): number {
  const parts = [reply.title ?? "", ...reply.lines, ...(reply.citations ?? []).map((c) => c.text), reply.footer ?? ""];
  return parts.reduce((n, p) => n + p.length + 1, 0);
}

/** What the sources said, or undefined for a source that failed (its part is left out). */
interface Changes {
  sessions: AddedSession[] | undefined;
  summary: PetitionDigestSummary | undefined;
}

function newLines(changes: Changes, since: DigestSince | null, timeZone: string, lang: Lang, maxSessions: number, maxChanges: number): string[] {
  const m = messages(lang);
  const sinceText = since ? stamp(since.at, timeZone) : null;
  const sessions = [...(changes.sessions ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  // A row without a previous status is a petition's initial state (from the source), not a change.
  const statusChanges = (changes.summary?.changes ?? []).filter((c) => c.from.trim() !== "").sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  if (sessions.length === 0 && statusChanges.length === 0) {
    // Say "nothing new" only when every source answered: a failed one may have had news.
    if (!changes.sessions || !changes.summary) return [];
    if (!sinceText) return [m.digestNothingRecent];
    return [since!.kind === "subscribed" ? m.digestNothingSinceSubscribed(sinceText) : m.digestNothingSincePrevious(sinceText)];
  }
  const lines = [!sinceText ? m.digestNewRecent : since!.kind === "subscribed" ? m.digestNewSinceSubscribed(sinceText) : m.digestNewSincePrevious(sinceText)];
  // The most recent ones, in order; older ones are counted.
  const shownSessions = maxSessions > 0 ? sessions.slice(-maxSessions) : [];
  for (const s of shownSessions) lines.push(m.digestSessionAdded(clip(s.title, 120), clip(s.period ?? "", 60), stamp(s.at, timeZone) ?? ""));
  if (sessions.length > shownSessions.length) lines.push(m.digestMoreSessions(sessions.length - shownSessions.length));
  const shown = maxChanges > 0 ? statusChanges.slice(-maxChanges) : [];
  for (const c of shown) lines.push(m.digestStatusChange(clip(c.id, 20), clip(c.title, 120), clip(c.from, 60), clip(c.to, 60), stamp(c.at, timeZone) ?? ""));
  if (statusChanges.length > shown.length) lines.push(m.digestMoreChanges(statusChanges.length - shown.length));
  return lines;
}

function statusLines(summary: PetitionDigestSummary, lang: Lang): string[] {
  const m = messages(lang);
  const counts = summary.countsByStatus.filter((c) => c.count > 0);
  return [m.digestPetitionsTitle, ...(counts.length ? counts.map((c) => m.digestStatusCount(clip(c.label, 80), c.count)) : [m.digestNoPetitions])];
}

/** Builds the digest. Pure apart from calling the petition and session sources (which read the store). */
export async function buildDigest(input: DigestInput): Promise<Reply> {
  const { lang, timeZone } = input;
  const m = messages(lang);
  const session = input.knowledge.sessions[0];
  const localDate = localDateOf(input.now, timeZone);
  const title = m.digestTitle(longLocalDate(input.now, timeZone, lang));
  if (!session) return { kind: "info", lang, title, lines: [m.digestNoData] };
  const info = session.file.session;

  const since = input.since?.at ?? null;
  const sessionSource = input.sessions ?? input.petitions?.sessions;
  const [sessions, summary] = await Promise.all([
    sessionSource
      ? Promise.resolve()
          .then(() => sessionSource.added(since))
          .catch((err: unknown) => void input.onSessionsError?.(err))
      : Promise.resolve([] as AddedSession[]),
    input.petitions
      ? Promise.resolve()
          .then(() => input.petitions!.summary(since, lang))
          .catch((err: unknown) => void input.onPetitionError?.(err))
      : Promise.resolve(undefined),
  ]);
  // Without a petition source there are no petition changes to miss: it counts as having answered.
  const changes: Changes = { sessions: sessions ?? undefined, summary: summary ?? (input.petitions ? undefined : { countsByStatus: [], changes: [] }) };

  const figureLines = [m.digestKeyFigures(sessionLabel(session, lang)), ...keyFigures(session).map((f) => figureLine(f, lang))];

  const highlight = highlightFor(input.knowledge, localDate, timeZone);
  const highlightLines: string[] = [];
  let citations: Citation[] = [];
  const suggestions: Suggestion[] = [];
  if (highlight) {
    highlightLines.push(highlight.session !== session ? m.digestHighlightOf(sessionLabel(highlight.session, lang)) : m.digestHighlight, figureLine(highlight.figure, lang));
    citations = highlightCitations(highlight);
    if (highlight.indicator) {
      const name = byLang(lang, highlight.indicator.name);
      suggestions.push({ label: clip(name, 60), input: m.digestIndicatorCommand(highlight.indicator.id, input.knowledge.sessions.length > 1 ? highlight.session.file.session.id : undefined) });
    }
  }

  const sessionTitle = byLang(lang, { vi: info.title, en: info.titleEn });
  const footer = input.mode === "scheduled" ? m.digestFooterScheduled(sessionTitle, info.reportPeriod) : m.digestFooterOnDemand(sessionTitle, info.reportPeriod);
  const petitionLines = summary ? statusLines(summary, lang) : [];

  const make = (maxSessions: number, maxChanges: number): Reply => ({
    kind: "info",
    lang,
    title,
    lines: [...newLines(changes, input.since, timeZone, lang, maxSessions, maxChanges), ...figureLines, ...petitionLines, ...highlightLines],
    citations,
    suggestions,
    footer,
  });

  // Fit the platforms' limits: list fewer petition changes, then fewer sessions, then (never in practice) cut lines.
  let maxSessions = DIGEST_MAX_SESSIONS;
  let maxChanges = DIGEST_MAX_CHANGES;
  let reply = make(maxSessions, maxChanges);
  while (replyTextLength(reply) > DIGEST_MAX_CHARS && (maxChanges > 0 || maxSessions > 0)) {
    if (maxChanges > 0) maxChanges--;
    else maxSessions--;
    reply = make(maxSessions, maxChanges);
  }
  while (replyTextLength(reply) > DIGEST_MAX_CHARS && reply.lines.length > 1) reply = { ...reply, lines: reply.lines.slice(0, -1) };
  return reply;
}
