// The daily indicator digest as a Reply: a dated title, the key indicators with their periods, one
// highlighted indicator (rotating by day) with its source sentences, and the petition summary.
import type { Citation, Lang, Reply, Suggestion } from "../core/types.js";
import type { KnowledgeBase, LoadedSession } from "../knowledge/types.js";
import { indicatorViews, type IndicatorView } from "../knowledge/indicators.js";
import { figureCitations, figureLine as answerLine } from "../engine/compose.js";
import type { Figure } from "../knowledge/schema.js";
import { dayNumber, localDateOf, longLocalDate, shortLocalDateTime } from "./calendar.js";
import type { PetitionDigestSource, PetitionDigestSummary } from "./types.js";
import type { Delivery, Subscription } from "../store/subscriptions.js";

export interface DigestInput {
  knowledge: KnowledgeBase;
  /** The moment the digest is for; its day in `timeZone` is the digest's date. */
  now: Date;
  timeZone: string;
  lang: Lang;
  /** The petition registry; undefined leaves the petition part out. */
  petitions?: PetitionDigestSource;
  /**
   * Where "what changed" starts: this chat's previous digest, or (before its first one) when it
   * subscribed; null when neither exists (an on-demand digest in a chat that never subscribed).
   */
  since: DigestSince | null;
  /** "scheduled": sent by the scheduler (footer tells how to stop); "on_demand": /bantin typed now. */
  mode: "scheduled" | "on_demand";
  /** Called when the petition source throws; the digest goes out without that part. */
  onPetitionError?: (err: unknown) => void;
}

export interface DigestSince {
  /** ISO instant. */
  at: string;
  kind: "previous_digest" | "subscribed";
}

/**
 * The start of "what changed" for a chat: its previous delivered digest (from the moment that
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

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "26/11/2026 15:04" in the digest's zone; null for a malformed timestamp. */
function stamp(iso: string, timeZone: string): string | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : shortLocalDateTime(d, timeZone);
}

// The same line as an answer's, on every front door and in the digest.
function figureLine(f: Figure, en: boolean): string {
  return `• ${answerLine(f, en ? "en" : "vi")}`;
}

/** Indicators that may be highlighted: any with figures, except the petition counts (they have their own part). */
function highlightCandidates(session: LoadedSession): IndicatorView[] {
  const petitionCites = new Set(session.file.petitionGroups.map((g) => g.cite));
  return indicatorViews(session).filter((v) => v.figures.length > 0 && v.figures.every((f) => !petitionCites.has(f.cite)));
}

/** The indicator highlighted on `localDate`: consecutive days walk through the list in order. */
export function highlightFor(session: LoadedSession, localDate: string, timeZone: string): IndicatorView | undefined {
  const list = highlightCandidates(session);
  if (list.length === 0) return undefined;
  const n = dayNumber(localDate, timeZone);
  return list[((n % list.length) + list.length) % list.length];
}

function citationsOf(view: IndicatorView, sessionId: string): Citation[] {
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const f of view.figures)
    for (const text of figureCitations(f))
      if (text && !seen.has(text)) {
        seen.add(text);
        out.push({ text, sessionId });
      }
  return out;
}

/** The length of a reply as plain text: what the size budget is measured on. */
export function replyTextLength(reply: Reply): number {
  const parts = [reply.title ?? "", ...reply.lines, ...(reply.citations ?? []).map((c) => c.text), reply.footer ?? ""];
  return parts.reduce((n, p) => n + p.length + 1, 0);
}

function petitionLines(summary: PetitionDigestSummary, since: DigestSince | null, timeZone: string, en: boolean, maxChanges: number): string[] {
  const lines: string[] = [];
  const counts = summary.countsByStatus.filter((c) => c.count > 0);
  lines.push(en ? "Petitions by status:" : "Kiến nghị theo trạng thái:");
  if (counts.length === 0) lines.push(en ? "• No petitions recorded." : "• Chưa có kiến nghị nào.");
  for (const c of counts) lines.push(`• ${clip(c.label, 80)}: ${c.count}`);
  // A row without a previous status is a petition's initial state (from the source), not a change.
  const changes = summary.changes.filter((c) => c.from.trim() !== "").sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const sinceText = since ? stamp(since.at, timeZone) : null;
  const sinceWhat =
    since?.kind === "subscribed"
      ? en
        ? "since this chat subscribed"
        : "từ khi đăng ký nhận bản tin"
      : en
        ? "since the previous digest"
        : "từ bản tin trước";
  if (changes.length === 0) {
    lines.push(
      sinceText
        ? en
          ? `No status changes ${sinceWhat}.`
          : `Không có thay đổi trạng thái nào ${sinceWhat}.`
        : en
          ? "No recent status changes."
          : "Chưa có thay đổi trạng thái nào gần đây.",
    );
    return lines;
  }
  lines.push(
    sinceText
      ? en
        ? `Changes ${sinceWhat} (${sinceText}):`
        : `Thay đổi ${sinceWhat} (${sinceText}):`
      : en
        ? "Recent changes:"
        : "Thay đổi gần đây:",
  );
  // The most recent ones, in order; older ones are counted.
  const shown = maxChanges > 0 ? changes.slice(-maxChanges) : [];
  for (const c of shown) {
    const at = stamp(c.at, timeZone);
    lines.push(`• ${clip(c.id, 20)} ${clip(c.title, 120)}: ${clip(c.from, 60)} → ${clip(c.to, 60)}${at ? ` (${at})` : ""}`);
  }
  const more = changes.length - shown.length;
  if (more > 0) lines.push(en ? `… and ${more} earlier change(s) (see /petition).` : `… và ${more} thay đổi trước đó (xem /kiennghi).`);
  return lines;
}

/** Builds the digest. Pure apart from calling the petition source (which reads the store). */
export async function buildDigest(input: DigestInput): Promise<Reply> {
  const en = input.lang === "en";
  const session = input.knowledge.sessions[0];
  const localDate = localDateOf(input.now, input.timeZone);
  const title = `${en ? "Indicator digest" : "Bản tin chỉ số"} — ${longLocalDate(input.now, input.timeZone, input.lang)}`;
  if (!session) {
    return { kind: "info", lang: input.lang, title, lines: [en ? "No session data is loaded." : "Chưa có dữ liệu buổi làm việc nào."] };
  }
  const sessionId = session.file.session.id;
  const highlight = highlightFor(session, localDate, input.timeZone);

  const lines: string[] = [en ? "Key indicators:" : "Chỉ số chính:"];
  for (const view of indicatorViews(session)) {
    if (!view.indicator.key || view.indicator.id === highlight?.indicator.id) continue;
    // the series' own figures (not each of its parts), at most two periods: the digest stays short
    for (const f of view.figures.filter((x) => !x.parent && !x.whole).slice(0, 2)) lines.push(figureLine(f, en));
  }

  let citations: Citation[] = [];
  const suggestions: Suggestion[] = [];
  if (highlight) {
    const name = en ? highlight.indicator.name.en : highlight.indicator.name.vi;
    lines.push(en ? `Today's highlight — ${name}:` : `Nổi bật hôm nay — ${name}:`);
    for (const f of highlight.figures) lines.push(figureLine(f, en));
    citations = citationsOf(highlight, sessionId);
    suggestions.push({ label: name, input: `/${en ? "indicator" : "chiso"} ${highlight.indicator.id}` });
  }

  let summary: PetitionDigestSummary | undefined;
  if (input.petitions) {
    try {
      summary = await input.petitions.summary(input.since?.at ?? null, input.lang);
    } catch (err) {
      input.onPetitionError?.(err);
    }
  }

  const footer = en
    ? `Source: ${session.file.session.titleEn}. ${input.mode === "scheduled" ? "Stop: /digest unsubscribe" : "Every day: /digest subscribe 7:00"}`
    : `Nguồn: ${session.file.session.title} (${session.file.session.reportPeriod}). ${input.mode === "scheduled" ? "Ngừng nhận: /bantin huy" : "Nhận mỗi ngày: /bantin dangky 7h"}`;

  const make = (maxChanges: number): Reply => ({
    kind: "info",
    lang: input.lang,
    title,
    lines: summary ? [...lines, ...petitionLines(summary, input.since, input.timeZone, en, maxChanges)] : lines,
    citations,
    suggestions,
    footer,
  });

  // Fit the platforms' limits: list fewer petition changes, then (never in practice) cut lines.
  let reply = make(DIGEST_MAX_CHANGES);
  for (let max = DIGEST_MAX_CHANGES - 1; replyTextLength(reply) > DIGEST_MAX_CHARS && max >= 0; max--) reply = make(max);
  while (replyTextLength(reply) > DIGEST_MAX_CHARS && reply.lines.length > 1) reply = { ...reply, lines: reply.lines.slice(0, -1) };
  return reply;
}
