// The query engine: question → understood query → ranked entries → answer with citations.
// Pure and synchronous: the knowledge is indexed once; answering does no I/O. Follow-up context
// lives in memory per chat and expires.
import type { KnowledgeBase, LoadedSession } from "../knowledge/types.js";
import { systemClock, type Clock } from "../clock.js";
import type { Answer, AskOptions } from "./types.js";
import type { Suggestion, Lang } from "../core/types.js";
import { buildVocabulary, type Vocabulary } from "./vocabulary.js";
import { buildEntries, candidates, entryKey, type Entry } from "./entries.js";
import { understand, type Query } from "./understand.js";
import { scoreEntries, TOPICAL_SLOTS, type Frame, type Scored } from "./score.js";
import { compose } from "./compose.js";
import { ContextStore, type ChatContext } from "./context.js";
import { resolvePeriod, yearOf } from "./periods.js";
import { clearTokenCache } from "../text/tokens.js";

export interface EngineOptions {
  clock?: Clock;
  contextTtlMs?: number;
}

const MIN_SCORE = 2;
const MAX_ENTRIES = 8;

interface Refusal {
  what: { vi: string; en: string } | null;
  reason: string;
}

export class QueryEngine {
  private readonly vocab: Vocabulary;
  private readonly entries = new Map<string, Entry[]>();
  private readonly contexts: ContextStore;

  constructor(
    readonly knowledge: KnowledgeBase,
    options: EngineOptions = {},
  ) {
    this.vocab = buildVocabulary(knowledge);
    for (const s of knowledge.sessions) this.entries.set(s.file.session.id, buildEntries(s, this.vocab));
    clearTokenCache();
    this.contexts = new ContextStore(options.clock ?? systemClock, options.contextTtlMs ?? 30 * 60_000);
  }

  ask(question: string, opts: AskOptions = {}): Answer {
    const q = understand(String(question ?? "").slice(0, 4000), this.vocab);
    const previous = opts.chatId ? this.contexts.get(opts.chatId) : undefined;
    const followUp = !!previous && isFollowUp(q, previous);
    const frame: Frame = followUp ? merge(q, previous!) : { concepts: q.concepts, period: q.period, qtype: q.qtype, looseWords: q.looseWords };
    frame.phrases = q.phrases;
    frame.numbers = q.numbers;
    // "Lạng Sơn tăng trưởng bao nhiêu?": growth of nothing in particular is the growth of the economy.
    if (frame.concepts.has("growth") && ![...frame.concepts.values()].some((s) => TOPICAL_SLOTS.has(s) || s === "subject")) frame.concepts.set("grdp", "measure");

    const sessions = this.selectSessions(q, followUp ? previous : undefined);
    const refusal = this.gate(q, frame, sessions);
    const understood = (reason?: string, sessionIds: string[] = sessions.map((s) => s.file.session.id)) => ({
      lang: q.lang,
      normalized: q.normalized,
      concepts: [...frame.concepts.keys()],
      kind: [...frame.concepts].find(([, s]) => s === "kind")?.[0],
      period: frame.period?.atoms.join("+"),
      questionType: q.qtype,
      followUp,
      sessionIds,
      reason,
    });
    if (refusal) return this.notFound(q.lang, refusal, [], understood(refusal.reason));

    const scored = sessions
      .flatMap((s) => {
        const own = { ...frame, period: resolvePeriod(frame.period, Math.max(...s.file.session.years)) };
        const pool = candidates(this.entries.get(s.file.session.id)!, new Set(frame.concepts.keys()));
        return scoreEntries(pool, own, this.vocab);
      })
      .filter((s) => s.topical);
    scored.sort((a, b) => b.score - a.score);
    const best = scored[0];
    // Words nobody taught the engine may change the question ("thu nhập" is not GRDP). English
    // has a thinner lexicon, so it tolerates more of them.
    const tolerated = q.lang === "en" ? 2 : 0;
    const unknown = q.unknownWords.length - tolerated;
    const weakWords = unknown >= 2 || (unknown === 1 && (best?.score ?? 0) < 4);
    if (!best || best.score < MIN_SCORE || weakWords) {
      const reason = !best ? "no topic recognised" : weakWords ? `unknown words: ${q.unknownWords.join(", ")}` : `best score ${best.score.toFixed(2)} below ${MIN_SCORE}`;
      return this.notFound(q.lang, { what: null, reason }, scored, understood(reason));
    }

    const session = this.knowledge.byId.get(best.entry.sessionId)!;
    const chosen = this.choose(scored, best);
    const notes = this.periodNotes(q.lang, frame, chosen);
    const composed = compose(
      chosen.map((c) => c.entry),
      session,
      q.lang,
      notes,
    );
    if (opts.chatId) this.contexts.set(opts.chatId, { concepts: frame.concepts, period: frame.period, sessionIds: [session.file.session.id] });
    const many = this.knowledge.sessions.length > 1;
    const sessionLine = many ? [q.lang === "en" ? `Session: ${session.file.session.titleEn}.` : `Phiên làm việc: ${session.file.session.title} (${session.file.session.reportPeriod}).`] : [];
    return {
      found: true,
      answer: [...sessionLine, ...composed.lines].join("\n"),
      lang: q.lang,
      sessionId: session.file.session.id,
      sessionLabel: q.lang === "en" ? session.file.session.titleEn : session.file.session.title,
      figures: composed.figures,
      citations: composed.citations,
      suggestions: [],
      entryIds: chosen.map((c) => entryKey(c.entry)),
      petitionIds: chosen.flatMap((c) =>
        c.entry.ref.type === "petition" ? [c.entry.ref.group.id] : c.entry.primary.filter((id) => id.startsWith("petition-id:")).map((id) => id.slice(12)),
      ),
      understood: understood(undefined, [session.file.session.id]),
    };
  }

  /** The best entries: everything tied with the best (a composite question), plus grouped figures. */
  private choose(scored: Scored[], best: Scored): Scored[] {
    const sameSession = scored.filter((s) => s.entry.sessionId === best.entry.sessionId);
    // Statements are prose: a near tie is part of the same answer. Figures must tie exactly,
    // since a near miss there is a figure of another period or sector.
    const tied = sameSession.filter((s) => s.score >= best.score - (s.entry.ref.type === "statement" && best.entry.ref.type === "statement" ? 0.5 : 1e-6));
    const groups = new Set(tied.map((s) => s.entry.group).filter(Boolean));
    const chosen = new Set(tied);
    for (const s of sameSession) if (s.entry.group && groups.has(s.entry.group)) chosen.add(s);
    return [...chosen].sort((a, b) => a.entry.ordinal - b.entry.ordinal).slice(0, MAX_ENTRIES);
  }

  /** When a figure covers more than the period asked about, say so rather than pretend. */
  private periodNotes(lang: Lang, frame: Frame, chosen: Scored[]): string[] {
    if (!frame.period) return [];
    const notes: string[] = [];
    for (const c of chosen) {
      if (c.entry.ref.type !== "figure" || c.periodFit >= 3 || c.periodFit <= 0) continue;
      const f = c.entry.ref.figure;
      const note =
        lang === "en"
          ? `Note: the report gives this figure for ${f.period.labelEn}; it does not give it separately for the period you asked about.`
          : `Lưu ý: báo cáo nêu số liệu này cho ${f.period.label}, không tách riêng cho kỳ bạn hỏi.`;
      if (!notes.includes(note)) notes.push(note);
    }
    return notes;
  }

  private selectSessions(q: Query, previous?: ChatContext): LoadedSession[] {
    const all = this.knowledge.sessions;
    const named = q.provinces.flatMap((p) => this.vocab.provinceSessions.get(p) ?? []);
    let pool = named.length ? all.filter((s) => named.includes(s.file.session.id)) : all;
    if (!named.length && previous) pool = all.filter((s) => previous.sessionIds.includes(s.file.session.id));
    const people = [...q.concepts].filter(([, slot]) => slot === "person").map(([id]) => id);
    if (people.length) {
      const withPerson = pool.filter((s) => people.some((p) => this.vocab.personSessions.get(p)?.has(s.file.session.id)));
      if (withPerson.length) pool = withPerson;
    }
    const years = q.period?.years ?? [];
    if (years.length) {
      const withYears = pool.filter((s) => years.every((y) => s.file.session.years.includes(y)));
      if (withYears.length) pool = withYears;
    }
    if (!pool.length) return [];
    // Unless the question names one, the most recent session answers (sessions are sorted newest first).
    return named.length ? pool : [pool[0]!];
  }

  private gate(q: Query, frame: Frame, sessions: LoadedSession[]): Refusal | null {
    if (!q.normalized.trim()) return { what: null, reason: "empty question" };
    if (q.absent.length) {
      const labels = q.absent.map((id) => this.vocab.info.get(id)?.label).filter((l): l is { vi: string; en: string } => !!l);
      return { what: { vi: labels.map((l) => l.vi).join(", "), en: labels.map((l) => l.en).join(", ") }, reason: `absent measure: ${q.absent.join(", ")}` };
    }
    const foreign = q.provinces.filter((p) => !this.vocab.provinceSessions.has(p));
    if (foreign.length || (q.provinces.length && !sessions.length)) {
      const names = (foreign.length ? foreign : q.provinces).map((p) => this.vocab.info.get(p)?.label?.vi ?? p.slice(9));
      return { what: { vi: `tỉnh ${names.join(", ")}`, en: names.join(", ") }, reason: `province without a session: ${names.join(", ")}` };
    }
    if (q.unknownNames.length) return { what: { vi: q.unknownNames.join(", "), en: q.unknownNames.join(", ") }, reason: `unknown person: ${q.unknownNames.join(", ")}` };
    const roleAsked = q.qtype === "who" || [...q.concepts.values()].includes("role");
    if (q.ministries.length && roleAsked) {
      const names = q.ministries.map((m) => this.vocab.info.get(m)?.label?.vi ?? m.slice(9));
      return { what: { vi: names.join(", "), en: names.join(", ") }, reason: `ministry not in the report: ${names.join(", ")}` };
    }
    const years = frame.period?.atoms.map(yearOf).filter((y): y is number => !!y) ?? [];
    const covered = new Set(sessions.flatMap((s) => s.file.session.years));
    const outside = years.filter((y) => !covered.has(y));
    if (outside.length) return { what: { vi: `số liệu năm ${outside.join(", ")}`, en: `figures for ${outside.join(", ")}` }, reason: `year not covered: ${outside.join(", ")}` };
    if (![...frame.concepts.values()].some((slot) => TOPICAL_SLOTS.has(slot) || slot === "subject" || slot === "origin"))
      return { what: null, reason: "no topic recognised" };
    return null;
  }

  private notFound(lang: Lang, refusal: Refusal, near: Scored[], understood: Answer["understood"]): Answer {
    const en = lang === "en";
    const session = this.knowledge.sessions[0]!;
    const suggestions = this.suggestions(lang, near);
    const what = refusal.what ? (en ? refusal.what.en : refusal.what.vi) : null;
    const scope = en
      ? `The report covers ${session.file.session.titleEn} (${session.file.session.reportPeriod}).`
      : `Báo cáo chỉ nói về ${session.file.session.title.replace(/^Đoàn công tác của Chính phủ làm việc với /, "buổi làm việc của Đoàn công tác Chính phủ với ")} (${session.file.session.reportPeriod}).`;
    const lines = [
      what ? (en ? `The report does not mention ${what}.` : `Báo cáo không đề cập đến ${what}.`) : en ? "The report does not say anything about that." : "Báo cáo không đề cập đến nội dung này.",
      scope,
      suggestions.length ? (en ? `You could ask about: ${suggestions.map((s) => s.label).join("; ")}.` : `Bạn có thể hỏi về: ${suggestions.map((s) => s.label).join("; ")}.`) : "",
    ].filter(Boolean);
    return { found: false, answer: lines.join("\n"), lang, figures: [], citations: [], suggestions, entryIds: [], petitionIds: [], understood };
  }

  /** Nearby topics for a question the report does not answer; the key indicators otherwise. */
  private suggestions(lang: Lang, near: Scored[]): Suggestion[] {
    const session = this.knowledge.sessions[0]!;
    const entries = this.entries.get(session.file.session.id)!;
    const picked: Entry[] = [];
    for (const s of near) if (s.score > 0 && picked.length < 3 && !picked.some((p) => sameTopic(p, s.entry))) picked.push(s.entry);
    if (picked.length < 3) {
      const key = new Set(session.file.indicators.filter((i) => i.key).map((i) => i.id));
      for (const e of entries)
        if (picked.length < 3 && e.ref.type === "figure" && key.has(e.ref.figure.indicator) && !picked.some((p) => sameTopic(p, e))) picked.push(e);
    }
    return picked.map((e) => suggestionFor(e, lang));
  }
}

function sameTopic(a: Entry, b: Entry): boolean {
  return a.ref.type === "figure" && b.ref.type === "figure" && a.ref.figure.indicator === b.ref.figure.indicator;
}

/** A question that, asked back, returns this entry. */
export function suggestionFor(e: Entry, lang: Lang): Suggestion {
  const en = lang === "en";
  switch (e.ref.type) {
    case "figure": {
      const f = e.ref.figure;
      const label = en ? f.label.en : f.label.vi;
      const period = en ? f.period.labelEn : f.period.label;
      const what = label.includes(period) ? label : `${label} ${period}`;
      return { label, input: en ? `What was the ${what}?` : `${what} là bao nhiêu?` };
    }
    case "person": {
      const role = (en ? e.ref.person.rolesEn : e.ref.person.roles).at(-1)!;
      return { label: role, input: en ? `Who is the ${role}?` : `Ai là ${role}?` };
    }
    case "petition":
      return { label: `${e.ref.group.id} · ${en ? e.ref.group.titleEn : e.ref.group.title}`, input: `/kiennghi ${e.ref.group.id}` };
    case "statement": {
      const s = e.ref.statement;
      const label = (en ? s.summary.en : s.summary.vi).split(/[:;,.]/)[0]!.slice(0, 60);
      return { label, input: label };
    }
  }
}

function isFollowUp(q: Query, previous: ChatContext): boolean {
  if (q.followUpMarker) return true;
  const slots = [...q.concepts.values()];
  const topical = slots.some((s) => TOPICAL_SLOTS.has(s));
  return !topical && (slots.length > 0 || !!q.period) && !q.absent.length;
}

/** The previous question's frame with this question's slots put over it. */
function merge(q: Query, previous: ChatContext): Frame {
  const newTopical = [...q.concepts.values()].some((s) => TOPICAL_SLOTS.has(s));
  const concepts = new Map<string, string>();
  if (!newTopical) {
    const newSlots = new Set(q.concepts.values());
    const newFamilies = new Set<string>();
    for (const [id, slot] of q.concepts) if (slot === "subject") newFamilies.add(id.split("-")[0]!);
    for (const [id, slot] of previous.concepts) {
      if (slot === "subject" && newFamilies.has(id.split("-")[0]!)) continue;
      if ((slot === "kind" || slot === "origin") && newSlots.has(slot)) continue;
      concepts.set(id, slot);
    }
  }
  for (const [id, slot] of q.concepts) concepts.set(id, slot);
  return { concepts, period: q.period ?? previous.period, qtype: q.qtype, looseWords: q.looseWords };
}
