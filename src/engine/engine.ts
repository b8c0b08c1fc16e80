// The query engine: question → what it asks → the session it is about → the figures, sentences or
// people that answer it, with citations. Pure and synchronous: sessions are indexed on first use
// and answering does no I/O. Follow-ups lean on a dialogue frame the caller keeps (the bot keeps
// it in the store; the CLI and tests let the engine keep it in memory).
import type { KnowledgeBase, LoadedSession } from "../knowledge/types.js";
import { sessionInfo } from "../knowledge/info.js";
import type { Lang, Suggestion } from "../core/types.js";
import { systemClock, type Clock } from "../clock.js";
import { messages } from "../core/messages.js";
import { foldForMatch } from "../text/fold.js";
import { tokenize } from "../text/tokens.js";
import { isOpen, periodLabel, settleYear, yearOf, yearsOf } from "../text/periods.js";
import { FUNCTION_WORDS } from "../text/genre.js";
import { PROVINCES } from "../text/vietnam.js";
import { SessionIndex, type FigureDoc } from "./session-index.js";
import { parseQuestion, type Lexicon, type Query, type Unit } from "./query.js";
import { TypoIndex } from "./typos.js";
import { mostlyUnknown, type UnknownWords } from "./junk.js";
import { ABBREVIATIONS, DERIVED_MEASURES, QUESTION_WORDS, SYNONYMS } from "./thesaurus.js";
import { holds, mentioned, resolveUnits } from "./match.js";
import { clauseOf } from "../text/clauses.js";
import { chooseFigures, searchFigures, type FigureHit, type FigureQuery } from "./figure-search.js";
import { continuation, searchPassages, type PassageHit } from "./passage-search.js";
import { searchPeople } from "./people-search.js";
import { composeFigures, composePeople, composeStatements, figureLine, type Composed } from "./compose.js";
import type { Answer, AnswerOptions, AnswerWithFrame, AskOptions, Frame, Understood } from "./types.js";
import { capitalise } from "../text/normalize.js";

// Words of a question about an office that are not the office ("giữ chức vụ gì", "dự buổi làm việc").
const ROLE_QUESTION = /^ (?:giu|giu chuc|giu chuc vu|chuc vu|chuc danh|chuc|vu|vai tro|cuong vi|du|tham du|co mat|position|role|title|office|held|holds|hold|job|attended|attend|lead|leads|led|head|heads|run|runs|ministry|ministries) $/;

const OFFICE = /^ (?:chu tich|pho chu tich|bi thu|pho bi thu|bo truong|thu truong|thu tuong|pho thu tuong|truong doan|giam doc|chu nhiem|uy vien|head of|chairman|secretary|minister|prime minister|governor) /;

const GRDP: Unit | undefined = (() => {
  const group = SYNONYMS.find((g) => g.includes("grdp"));
  return group ? { text: "GRDP", alts: group.map((p) => ` ${tokenize(p).map((t) => t.folded).join(" ")} `) } : undefined;
})();

export interface EngineOptions {
  clock?: Clock;
  contextTtlMs?: number;
  /** How many sessions keep their index in memory (least recently used go first). */
  indexCacheSize?: number;
}

type Found = (c: Composed, mode: Understood["mode"], ids: string[], s: Suggestion[], fm?: Frame["mode"], confidence?: number, petitionIds?: string[]) => { answer: Answer; frame?: Frame; confidence?: number };

interface Resolved extends Query {
  required: Unit[];
  merged: boolean;
}

/** A session's line in the catalogue: what selects it without opening it. */
interface CatalogueEntry {
  session: LoadedSession;
  province: string;
  years: number[];
  periodAtoms: string[];
}

export class QueryEngine {
  private knowledgeBase: KnowledgeBase;
  private readonly indexes = new Map<string, SessionIndex>();
  private readonly frames = new Map<string, Frame>();
  /** Whether a figure's suggested question brings that figure back (per index, figure and language). */
  private readonly goodSuggestions = new WeakMap<SessionIndex, Map<string, Suggestion | null>>();
  private checkingSuggestion = false;
  private lexicon!: Lexicon;
  private byProvince = new Map<string, CatalogueEntry[]>();
  private byPerson = new Map<string, string[]>();
  /** Year → the sessions that cover it, most recent first (for a question that names no province). */
  private byYear = new Map<number, LoadedSession[]>();
  private readonly clock: Clock;
  private readonly ttlMs: number;
  private readonly cacheSize: number;

  constructor(knowledge: KnowledgeBase, options: EngineOptions = {}) {
    this.knowledgeBase = knowledge;
    this.clock = options.clock ?? systemClock;
    this.ttlMs = options.contextTtlMs ?? 30 * 60_000;
    // a session and its index take ~0.16 MB of live heap: 96 (with the pool's 128) keep a bot that
    // has read 1,100 of 10,000 sessions at 260–310 MB RSS, where 192/256 gave 314–400 MB
    this.cacheSize = options.indexCacheSize ?? 96;
    this.rebuildCatalogue();
  }

  get knowledge(): KnowledgeBase {
    return this.knowledgeBase;
  }

  /** Takes a new set of sessions (one added or removed at run time); indexes of unchanged sessions are kept. */
  setKnowledge(knowledge: KnowledgeBase): void {
    this.knowledgeBase = knowledge;
    for (const id of [...this.indexes.keys()]) if (knowledge.byId.get(id) !== this.indexes.get(id)!.session) this.indexes.delete(id);
    this.rebuildCatalogue();
  }

  private rebuildCatalogue(): void {
    const typos = new TypoIndex();
    const names = new Set<string>();
    this.byProvince = new Map();
    this.byPerson = new Map();
    this.byYear = new Map();
    // From each session's catalogue line: a session opened from a catalogue is not loaded here.
    // "qn", "QN": initials several provinces share name the one the reports are about, when only one is
    const byInitials = new Map<string, Set<string>>();
    for (const s of this.knowledgeBase.sessions) {
      const info = sessionInfo(s);
      const entry: CatalogueEntry = { session: s, province: foldForMatch(info.province), years: info.years, periodAtoms: info.periodAtoms };
      const words = tokenize(info.province).map((t) => t.folded);
      if (words.length >= 2) {
        const key = words.map((w) => w[0]).join("");
        byInitials.set(key, (byInitials.get(key) ?? new Set()).add(info.province));
      }
      const list = this.byProvince.get(entry.province) ?? [];
      list.push(entry);
      this.byProvince.set(entry.province, list);
      for (const y of new Set(info.years)) {
        const forYear = this.byYear.get(y) ?? [];
        forYear.push(s);
        this.byYear.set(y, forYear);
      }
      for (const name of info.people) {
        const key = foldForMatch(name);
        names.add(key);
        const ids = this.byPerson.get(key);
        if (ids) ids.push(info.id);
        else this.byPerson.set(key, [info.id]);
      }
    }
    // The words of every source: the catalogue's, or read from the sources (the same words, in the same order).
    if (this.knowledgeBase.vocabulary) for (const [w, c] of this.knowledgeBase.vocabulary) typos.add(w, c);
    else for (const s of this.knowledgeBase.sessions) for (const t of tokenize(s.sourceText)) typos.add(t.folded);
    for (const group of SYNONYMS) for (const p of group) for (const t of tokenize(p)) typos.add(t.folded, 3);
    for (const v of Object.values(ABBREVIATIONS)) for (const t of tokenize(v)) typos.add(t.folded, 3);
    for (const w of QUESTION_WORDS.folded) typos.add(w, 5);
    for (const w of FUNCTION_WORDS.folded) typos.add(w, 5);
    for (const p of PROVINCES) for (const t of tokenize(p)) typos.add(t.folded, 3);
    const provinceInitials = new Map<string, string>();
    for (const [key, provinces] of byInitials) if (provinces.size === 1) provinceInitials.set(key, [...provinces][0]!);
    this.lexicon = { typos, names, provinceInitials };
  }

  /** The index of a session, built on first use and kept (bounded, least recently used first out). */
  indexOf(session: LoadedSession): SessionIndex {
    const id = session.file.session.id;
    let idx = this.indexes.get(id);
    if (idx) {
      this.indexes.delete(id);
      this.indexes.set(id, idx);
      return idx;
    }
    idx = new SessionIndex(session);
    this.indexes.set(id, idx);
    if (this.indexes.size > this.cacheSize) this.indexes.delete(this.indexes.keys().next().value!);
    return idx;
  }

  /** Asks with the engine's own in-memory follow-up context (the CLI, tests). */
  ask(question: string, opts: AskOptions = {}): Answer {
    const key = opts.chatId;
    let frame = key ? this.frames.get(key) : undefined;
    if (frame && this.clock.now().getTime() - Date.parse(frame.at) > this.ttlMs) frame = undefined;
    const result = this.answer(question, { frame });
    if (key && result.frame) {
      this.frames.set(key, result.frame);
      if (this.frames.size > 10_000) this.frames.delete(this.frames.keys().next().value!);
    }
    return result.answer;
  }

  /** Answers one question; returns the frame to keep for the next one (the caller stores it). */
  answer(question: string, opts: AnswerOptions = {}): AnswerWithFrame {
    // a message mostly of words nobody knows is cut short before it is parsed (see junk.ts)
    const junk = this.knowledgeBase.sessions.length ? mostlyUnknown(String(question ?? ""), this.lexicon) : undefined;
    if (junk) return { answer: this.unknownWords(junk) };
    const q = parseQuestion(String(question ?? ""), this.lexicon);
    const m = messages(q.lang);
    const sessions = this.knowledgeBase.sessions;
    if (!sessions.length) return { answer: this.plain(q, m.noSessions, "refusal", "no sessions") };
    if (!q.normalized.trim()) return { answer: this.plain(q, String(question ?? "").trim() ? m.notInReportGeneric : m.empty, "refusal", "empty question") };
    if (q.intent === "greeting" || q.intent === "thanks" || q.intent === "chitchat" || q.intent === "help") {
      const text = q.intent === "greeting" || q.intent === "help" ? m.greeting : q.intent === "thanks" ? m.thanks : m.smallTalk;
      return { answer: { ...this.plain(q, text, "small-talk", q.intent), smallTalk: true, suggestions: this.starterSuggestions(sessions[0]!, q.lang) } };
    }

    const frame = opts.frame && this.knowledgeBase.byId.has(opts.frame.sessionId) ? opts.frame : undefined;
    const picked = this.selectSession(q, frame);
    if ("refusal" in picked) return { answer: picked.refusal };
    const session = picked.session;
    const index = this.indexOf(session);

    // "X bao nhiêu, Y bao nhiêu?": each part in turn, each later one leaning on the one before.
    if (q.parts.length >= 2) {
      const combined = this.answerParts(q, index, picked.named, frame);
      if (combined) return combined;
    }
    const standalone = this.resolve(q, undefined, index);
    const first = this.answerIn(index, standalone, picked.named);
    const elliptical = isElliptical(q);
    let chosen = first;
    const unsure = first.answer.found && first.answer.understood.mode === "figure" && (first.confidence ?? 1) < 0.75;
    if (frame && frame.sessionId === session.file.session.id && (q.followUp !== "none" || elliptical || unsure) && !q.intent) {
      let merged = this.resolve(q, frame, index);
      // a full question that is only unsure takes the conversation's words, never its period or kind
      if (q.followUp === "none" && !elliptical) merged = { ...merged, period: standalone.period, kind: q.kind, unitWanted: q.unitWanted, qtype: q.qtype };
      let second = this.answerIn(index, merged, picked.named);
      // "quý I/2022 tăng bao nhiêu?" then "thế năm 2023?": when the report has no figure for the whole
      // year, the same part of that year (quý I/2023), which the answer names
      const year = q.period.length === 1 && /^y\d{4}$/.test(q.period[0]!) ? Number(q.period[0]!.slice(1)) : undefined;
      const partOfYear = frame.period.length === 1 && /^(?:q[1-4]|m\d{1,2}|l\d{1,2}|ytd)-\d{4}$/.test(frame.period[0]!) ? frame.period[0]! : undefined;
      if (!second.answer.found && elliptical && year && partOfYear) {
        const same = this.answerIn(index, { ...merged, period: [partOfYear.replace(/\d{4}$/, String(year))] }, picked.named);
        if (same.answer.found) second = same;
      }
      const confident = first.answer.found && (first.confidence ?? 0) >= 0.75;
      // "Quy mô nền kinh tế năm 2024 là bao nhiêu?" has words of its own, only weak ones: with no
      // follow-up marker, its own answer stands when only it is about those words ("thế còn tỷ trọng?" still follows)
      // (the words as typed, close together: a weak group's other ways of writing, "kinh tế", are everywhere)
      const typedWords = (u: Unit): Unit => ({ text: u.text, alts: [], loose: foldForMatch(u.text).split(" ").map((w) => ({ text: w, alts: [` ${w} `] })) });
      // (not a kind word, "tỷ trọng?", which is the follow-up's whole point; not a province or a function word)
      const weakOwn = (u: Unit) => u.soft && u.group && u.at !== undefined && u.text.trim().split(/\s+/).length >= 2;
      const ownWeak = q.followUp === "none" && !q.kind ? q.units.filter(weakOwn).map(typedWords) : [];
      const about = (r: typeof first) => r.answer.found && r.answer.entryIds.some((id) => {
        const d = index.byId.get(id);
        return !!d && ownWeak.every((u) => holds(d.near, u) || holds(d.inherit, u));
      });
      if (ownWeak.length && about(first) && !about(second)) chosen = first;
      // (neither found: the conversation's refusal names what it was about, "GRDP … năm 2022")
      else if (q.followUp === "strong" || elliptical) chosen = second.answer.found || !first.answer.found ? second : first;
      else chosen = confident ? first : second.answer.found ? second : first;
    }
    if (q.tooLong) chosen.answer.answer = `${m.tooLong}\n${chosen.answer.answer}`;
    return { answer: chosen.answer, frame: chosen.answer.found ? chosen.frame : undefined };
  }

  private answerParts(q: Query, index: SessionIndex, named: boolean, frame: Frame | undefined): AnswerWithFrame | undefined {
    const results: { answer: Answer; frame?: Frame }[] = [];
    let previous = frame && frame.sessionId === index.session.file.session.id && q.followUp !== "none" ? frame : undefined;
    for (const text of q.parts) {
      const part = parseQuestion(text, this.lexicon);
      // the period said once holds for every part ("Năm 2024 … bao nhiêu dự án, vốn bao nhiêu?")
      if (!part.period.length && q.period.length) part.period = q.period;
      const r = this.answerIn(index, this.resolve(part, previous, index), named);
      results.push(r);
      if (r.frame) previous = r.frame;
    }
    const ok = results.filter((r) => r.answer.found);
    if (!ok.length) return undefined;
    const lines: string[] = [];
    const citations: Answer["citations"] = [];
    const figures: Answer["figures"] = [];
    for (const r of results) {
      for (const line of r.answer.answer.split("\n")) if (!lines.includes(line)) lines.push(line);
      for (const c of r.answer.citations) if (!citations.some((x) => x.text === c.text)) citations.push(c);
      for (const f of r.answer.figures) if (!figures.some((x) => x.value === f.value && x.label === f.label)) figures.push(f);
    }
    const first = ok[0]!.answer;
    return {
      answer: {
        ...first,
        answer: lines.join("\n"),
        citations,
        figures,
        entryIds: [...new Set(ok.flatMap((r) => r.answer.entryIds))],
        petitionIds: [...new Set(ok.flatMap((r) => r.answer.petitionIds))],
        suggestions: first.suggestions,
      },
      frame: previous,
    };
  }

  private petitionLines(groups: LoadedSession["file"]["petitionGroups"], lang: Lang, sid: string): Composed {
    const citations: Composed["citations"] = [];
    const lines: string[] = [];
    for (const g of groups) {
      const topics = g.topics.length ? (lang === "en" ? ` — about: ${g.topics.join(", ")}` : ` — về: ${g.topics.join(", ")}`) : "";
      lines.push(`${g.id} · ${lang === "en" ? g.titleEn : g.title}${topics}.`);
      for (const t of [g.cite, g.topicsCite]) if (t && !citations.some((c) => c.text === t)) citations.push({ text: t, sessionId: sid });
    }
    return { lines, figures: groups.map((g) => ({ label: lang === "en" ? g.titleEn : g.title, value: g.countDisplay })), citations };
  }

  /**
   * The indicator (series of figures) a name typed after /chiso means, with the periods asked:
   * an exact id, or the series of the figure that best answers the name. Nothing when the name's
   * words are not the report's, so that "/chiso dân số" is not answered with disbursement.
   */
  lookupIndicator(session: LoadedSession, typed: string): { indicatorId?: string; period: string[]; closest: string[] } {
    const index = this.indexOf(session);
    const exact = session.file.indicators.find((i) => i.id === typed.trim() || foldForMatch(i.name.vi) === foldForMatch(typed));
    if (exact) return { indicatorId: exact.id, period: [], closest: [] };
    const q = parseQuestion(typed, this.lexicon);
    const units = resolveUnits(q.units, index);
    const hard = units.filter((u) => !u.soft);
    const closest = () => searchFigures(index, { units: hard.filter((u) => mentioned(u, index)), required: [], period: [], excludedKinds: [], excludedUnits: [], target: false, numbers: [] }).hits.slice(0, 3).map((h) => h.doc.figure.indicator);
    if (!hard.length || hard.some((u) => !mentioned(u, index))) return { period: q.period, closest: [...new Set(closest())] };
    const search = searchFigures(index, { units, required: [], period: q.period, kind: q.kind, excludedKinds: q.excludedKinds, excludedUnits: [], target: q.target, numbers: [], anyKind: true });
    const best = search.hits[0];
    if (!best || best.coverage < 0.75) return { period: q.period, closest: [...new Set(closest())] };
    return { indicatorId: best.doc.figure.indicator, period: q.period, closest: [] };
  }

  private unknownWords(junk: UnknownWords): Answer {
    const suggestions = this.starterSuggestions(this.knowledgeBase.sessions[0]!, junk.lang);
    const m = messages(junk.lang);
    return {
      found: false,
      // the suggestions travel as buttons, not again in the text
      answer: m.unknownWords,
      lang: junk.lang,
      figures: [],
      citations: [],
      suggestions,
      entryIds: [],
      petitionIds: [],
      understood: { lang: junk.lang, normalized: "", mode: "refusal", phrases: [], questionType: "unknown", followUp: false, sessionIds: [], reason: `mostly unknown words (${junk.unknown} of ${junk.words})` },
    };
  }

  private plain(q: Query, text: string, mode: Understood["mode"], reason: string): Answer {
    return {
      found: false,
      answer: text,
      lang: q.lang,
      figures: [],
      citations: [],
      suggestions: [],
      entryIds: [],
      petitionIds: [],
      understood: { lang: q.lang, normalized: q.normalized.trim(), mode, phrases: q.units.map((u) => u.text), questionType: q.qtype, followUp: false, sessionIds: [], reason },
    };
  }

  /** The session a question is about: the one it names (province, year, person), the conversation's, or the most recent. */
  private selectSession(q: Query, frame: Frame | undefined): { session: LoadedSession; named: boolean } | { refusal: Answer } {
    const all = this.knowledgeBase.sessions;
    const years = yearsOf(q.period.filter((a) => !isOpen(a)));
    const known = q.provinces.map((p) => this.byProvince.get(foldForMatch(p))).filter((l): l is CatalogueEntry[] => !!l);
    if (known.length) {
      const list = known.flat();
      let byYear = years.length ? list.find((e) => years.every((y) => e.years.includes(y))) : undefined;
      // several reports of that province cover those years: the one of exactly the period asked ("năm 2019 và 6 tháng đầu năm 2020")
      const atoms = q.period.filter((a) => !isOpen(a));
      if (byYear && atoms.length) byYear = list.find((e) => e.province === byYear!.province && years.every((y) => e.years.includes(y)) && atoms.every((a) => e.periodAtoms.includes(a))) ?? byYear;
      return { session: (byYear ?? list[0]!).session, named: true };
    }
    for (const n of q.names) {
      const ids = this.byPerson.get(n);
      if (ids?.length) {
        const s = this.knowledgeBase.byId.get(ids[0]!);
        if (s) return { session: s, named: true };
      }
    }
    if (frame && !q.provinces.length) {
      const s = this.knowledgeBase.byId.get(frame.sessionId);
      if (s && (q.followUp !== "none" || isElliptical(q))) return { session: s, named: false };
    }
    if (years.length && all.length > 1) {
      const s = this.byYear.get(years[0]!)?.find((x) => years.every((y) => sessionInfo(x).years.includes(y)));
      if (s) return { session: s, named: false };
    }
    return { session: all[0]!, named: false };
  }

  /** The question as this session reads it: its phrases, and with a frame, the conversation's too. */
  private resolve(q: Query, frame: Frame | undefined, index: SessionIndex): Resolved {
    const latest = index.latestYear;
    const docYears = yearsOf(index.session.file.session.periodAtoms);
    let period = q.period;
    if (q.sameMonthsYear && !period.length) {
      // the months of the conversation, else of the report, in the year named; a whole year is that year
      const months = (frame?.period.length ? frame.period : index.session.file.session.periodAtoms).filter((a) => /^(?:m|l|q|mo|ytd)\S*-\d{4}$/.test(a));
      period = months.length ? months.map((a) => a.replace(/\d{4}$/, String(q.sameMonthsYear))) : [`y${q.sameMonthsYear}`];
    }
    if (period.some(isOpen)) {
      const fromFrame = frame?.period.map(yearOf).find((y): y is number => !!y);
      const year = fromFrame ?? (docYears.length ? docYears[docYears.length - 1]! : latest);
      period = settleYear(period, year);
    }
    if (!frame) {
      let units = resolveUnits(q.units, index);
      // "tăng trưởng bao nhiêu?": growth of nothing named is the growth of the economy.
      // ("tăng trưởng bình quân": an average of the same; "bình quân" names no measure)
      const named = units.filter((u) => !u.soft && !u.alts.every((a) => DERIVED_MEASURES.includes(a)));
      // ("tốc độ tăng của các khu vực kinh tế": the sectors asked for, which GRDP only heads)
      if (q.kind === "growth" && !named.length && GRDP && GRDP.alts.some((a) => index.mentions(a))) units = [...units, q.enumerate ? { ...GRDP, soft: true } : GRDP];
      return { ...q, units, period, required: [], merged: false };
    }
    const own = q.units.filter((u) => !u.soft);
    const ownKeys = new Set(own.flatMap((u) => u.alts));
    const frameUnits = frame.units.filter((u) => !u.alts.some((a) => ownKeys.has(a)));
    // ("bộ trưởng bộ đó là ai": what "đó" points at keeps its weight)
    const units = own.length && !q.pointsBack ? [...q.units, ...frameUnits.map((u) => ({ ...u, soft: true }))] : [...q.units, ...frameUnits];
    return {
      ...q,
      units: resolveUnits(units, index),
      required: own.length ? resolveUnits(own, index) : [],
      // "tổng cộng là bao nhiêu?" after one period of a total: the total, whatever its period
      // ("cùng kỳ năm ngoái thì sao?": the conversation's period, a year earlier)
      period: period.length || q.total ? period : q.yearBefore ? frame.period.map((a) => a.replace(/(\d{4})(?=$|-\d\d-\d\d$)/, (y) => String(Number(y) - 1))) : frame.period,
      kind: q.kind ?? (q.excludedKinds.includes(frame.kind!) ? undefined : frame.kind),
      // a new kind ("xếp thứ mấy?") asks for another measure: the unit asked before no longer holds
      unitWanted: q.unitWanted ?? (own.length || (q.kind && q.kind !== frame.kind) ? undefined : frame.unitWanted),
      statementWanted: q.statementWanted ?? frame.statementWanted,
      qtype: q.qtype === "unknown" || q.qtype === "how" ? (frame.mode === "figure" ? "quantity" : frame.mode === "people" ? "who" : "what") : q.qtype,
      merged: true,
    };
  }

  private answerIn(index: SessionIndex, resolved: Resolved, named: boolean): { answer: Answer; frame?: Frame; confidence?: number } {
    let q = resolved;
    const session = index.session;
    const sid = session.file.session.id;
    const m = messages(q.lang);
    const understood = (mode: Understood["mode"], reason?: string): Understood => ({
      lang: q.lang,
      normalized: q.normalized.trim(),
      mode,
      phrases: q.units.map((u) => u.text),
      period: q.period.join("+") || undefined,
      kind: q.kind,
      questionType: q.qtype,
      followUp: q.merged,
      sessionIds: [sid],
      reason,
    });
    const found = (c: Composed, mode: Understood["mode"], entryIds: string[], suggestions: Suggestion[], frameMode?: Frame["mode"], confidence = 1, petitionIds: string[] = []) => {
      const many = this.knowledgeBase.sessions.length > 1;
      const s = session.file.session;
      const lines = [...(many ? [m.sessionLine(q.lang === "en" ? s.titleEn : s.title, s.reportPeriod)] : []), ...c.lines];
      return {
        answer: {
          found: true,
          answer: lines.join("\n"),
          lang: q.lang,
          sessionId: sid,
          sessionLabel: q.lang === "en" ? s.titleEn : s.title,
          figures: c.figures,
          citations: c.citations,
          suggestions: suggestions.slice(0, 3),
          entryIds,
          petitionIds,
          understood: understood(mode),
        } satisfies Answer,
        frame: frameMode
          ? ({ v: 1, sessionId: sid, units: q.units.map(stripUnit), period: q.period, kind: q.kind, unitWanted: q.unitWanted, mode: frameMode, statementWanted: q.statementWanted, at: this.clock.now().toISOString() } satisfies Frame)
          : undefined,
        confidence,
      };
    };
    const refuse = (text: string, reason: string, suggestions: Suggestion[] = []) => {
      const sugg = dedupeSuggestions(suggestions.length ? suggestions : this.starterSuggestions(session, q.lang)).slice(0, 3);
      // the suggestions travel as buttons (or "→" lines on the console), not again in the text
      return { answer: { ...this.plain(q, text, "refusal", reason), suggestions: sugg, understood: understood("refusal", reason) } };
    };

    // Whole-report questions.
    if (q.intent === "participants") return found(composePeople(session.file.people, sid, q.lang), "participants", session.file.people.map((p) => p.id), [], undefined);
    if (q.intent === "summary") return found(this.summary(index, q.lang), "summary", [], [], undefined);
    if (q.intent === "about") {
      const s = session.file.session;
      return found({ lines: [m.aboutLine(q.lang === "en" ? s.titleEn : s.title, s.reportPeriod, s.delegationHead)], figures: [], citations: this.firstSentence(index) }, "summary", [], this.starterSuggestions(session, q.lang), undefined);
    }

    // The session's own province helps ranking ("qua địa phận Lâm Đồng") but is never required.
    const own = q.provinces.filter((p) => foldForMatch(p) === foldForMatch(session.file.session.province));
    if (own.length) q = { ...q, units: [...q.units, ...own.map((p) => ({ text: p, alts: [` ${tokenize(p).map((t) => t.folded).join(" ")} `], soft: true, group: true }))] };
    // A province other than the session's must be in the answer's own words, or the report does not cover it.
    const foreign = q.provinces.filter((p) => foldForMatch(p) !== foldForMatch(session.file.session.province));
    const foreignUnits: Unit[] = foreign.map((p) => ({ text: p, alts: [` ${tokenize(p).map((t) => t.folded).join(" ")} `] }));
    if (foreign.length && !named && !foreignUnits.every((u) => mentioned(u, index))) {
      return refuse(m.otherProvince(foreign.join(", "), `${session.file.session.province}`), `province without a session: ${foreign.join(", ")}`);
    }

    // People: who holds an office, what offices someone holds, what they said.
    const saidAsked = / (?:noi|phat bieu|de nghi|yeu cau|chi dao|ket luan|nhan manh|gop y|luu y|trao doi|chia se|de xuat) (?:gi|nhung gi|ve gi|dieu gi|nhung dieu gi)(?: | cho )| what did .* say | what did .* ask /.test(q.normalized);
    const personWords = q.units.filter((u) => !u.soft && !ROLE_QUESTION.test(u.alts[0]!));
    const people = searchPeople(index, personWords, q.names);
    const namesSomeone = q.names.length > 0 || q.units.some((u) => !u.soft && u.alts.some((a) => OFFICE.test(a)));
    if (saidAsked && namesSomeone && people[0] && people[0].coverage >= 0.99) {
      const pid = people[0].doc.person.id;
      const said = index.statements.filter((s) => s.statement.speaker === pid && s.statement.kind !== "participants").slice(0, 3);
      if (said.length) return found(composeStatements(said.map((s) => s.statement), sid, m.said(people[0].doc.person.name ?? people[0].doc.person.roles[0]!)), "passage", said.map((s) => s.statement.id), [], "passage");
    }
    const officeWords = personWords.filter((u) => !q.names.some((n) => u.alts.some((a) => ` ${n} `.includes(a) || a.includes(` ${n} `))));
    // "chu tich ubnd lam dong": a bare office is a question about who holds it
    const bareOffice = q.qtype === "unknown" && !q.kind && !q.period.length && officeWords.some((u) => u.alts.some((a) => OFFICE.test(a))) && !!people[0] && people[0].coverage >= 0.99;
    let whoFailed = false;
    // "Which ministry does the head of the delegation lead?", "trưởng đoàn là bộ trưởng bộ nào?": the person's offices
    const whichOffice = q.qtype === "which" && / (?:ministry|ministries|bo nao|co quan nao|don vi nao|organisation|organization) /.test(q.normalized);
    if (q.qtype === "who" || q.qtype === "role" || bareOffice || whichOffice || (q.names.length && !q.units.filter((u) => !u.soft).some((u) => !q.names.some((n) => u.alts.some((a) => a.includes(n)))))) {
      const best = people[0];
      if (best && (best.coverage >= 0.99 || (q.names.length && best.score >= 10))) {
        const tied = people.filter((p) => p.coverage >= 0.99 && p.score >= best.score - 0.01);
        const chosen = q.qtype === "who" && officeWords.length ? tied.slice(0, 3) : [best];
        return found(composePeople(chosen.map((p) => p.doc.person), sid, q.lang), "people", chosen.map((p) => p.doc.person.id), [], "people");
      }
      // "Bộ trưởng nào có mặt trong đoàn công tác?": the delegation is where, not part of the office;
      // "bộ trưởng bộ đó là ai" after a request to a ministry: only the words an office holds
      const inSomeOffice = (u: Unit) => index.people.some((p) => p.roles.some((r) => holds(r, u)));
      const office = personWords.filter((u) => !u.alts.some((a) => / doan cong tac | doan | delegation /.test(a)) && (!q.pointsBack || inSomeOffice(u)));
      const within = office.length < personWords.length ? searchPeople(index, office, q.names) : [];
      const inDelegation = within[0] && within[0].coverage >= 0.99 ? within.filter((p) => p.coverage >= 0.99 && p.score >= within[0]!.score - 0.01).slice(0, 6) : [];
      if (q.qtype === "who" && office.length && inDelegation.length) return found(composePeople(inDelegation.map((p) => p.doc.person), sid, q.lang), "people", inDelegation.map((p) => p.doc.person.id), [], "people");
      whoFailed = q.qtype === "who";
    }

    // "KN-04 gồm những gì", "kiến nghị số 3": a petition group by its number.
    const petitionNo = /(?:^| )(?:kn|kien nghi|nhom kien nghi|nhom|petition|group)(?: so)? ?-? ?0*(\d{1,2})(?= |$)/.exec(q.normalized.replace(/ kn (\d)/, " kn$1").replace(/kn(\d)/, "kn $1"));
    if (petitionNo) {
      const g = session.file.petitionGroups.find((x) => Number(x.id.slice(3)) === Number(petitionNo[1]));
      if (g) return found(this.petitionLines([g], q.lang, sid), "passage", [g.id], [], "passage", 1, [g.id]);
    }
    // "Kiến nghị của tỉnh gồm những gì?": the groups, with their counts.
    const petitionWords = q.units.filter((u) => !u.soft && u.alts.includes(" kien nghi "));
    const otherWords = q.units.filter((u) => !u.soft && !u.alts.includes(" kien nghi ") && !/ tinh | cua /.test(u.alts[0]!));
    if (petitionWords.length && !otherWords.length && (q.qtype === "what" || q.qtype === "which" || q.qtype === "unknown") && session.file.petitionGroups.length) {
      const groups = session.file.petitionGroups;
      return found(this.petitionLines(groups, q.lang, sid), "passage", groups.map((g) => g.id), [], "passage", 1, groups.map((g) => g.id));
    }

    // Phrases the report never uses: it does not cover them, unless they are only the question's way
    // of asking (an English verb, "khuyên", "xong" around what a sentence of the report does say).
    {
      const hard = q.units.filter((u) => !u.soft && !q.required.includes(u));
      const absent = hard.filter((u) => !mentioned(u, index));
      const present = hard.length - absent.length;
      const englishFiller = (u: Unit) => q.lang === "en" && !u.group && /^[a-z]+$/i.test(u.text);
      const asksSentence = (q.qtype === "what" || q.qtype === "which" || q.qtype === "how" || !!q.statementWanted) && q.qtype !== "quantity" && !q.kind && !q.unitWanted;
      const tolerated = new Set(absent.filter((u) => present >= 1 && (englishFiller(u) || (asksSentence && present >= 2 && absent.length <= 0.4 * hard.length))));
      if (tolerated.size) q = { ...q, units: q.units.map((u) => (tolerated.has(u) ? { ...u, soft: true } : u)) };
    }
    const missing = q.units.filter((u) => !u.soft && !mentioned(u, index) && !q.required.includes(u));
    const missingRequired = q.required.filter((u) => !mentioned(u, index));
    if (missing.length || missingRequired.length) {
      const what = [...missing, ...missingRequired].map((u) => u.text).join(", ");
      const near = this.nearby(index, q, [...missing, ...missingRequired]);
      return refuse(m.notInReport(what), `not in the report: ${what}`, near);
    }
    if (!q.units.filter((u) => !u.soft).length && !q.kind && !q.period.length && !q.numbers.length && !q.statementWanted) return refuse(m.notInReportGeneric, "no topic recognised");

    // "Dịch vụ chiếm mấy % GRDP?": for a share, the economy is the base, not the measure.
    if (q.kind === "share") q = { ...q, units: q.units.map((u) => (GRDP && u.alts.some((a) => GRDP.alts.includes(a)) ? { ...u, soft: true } : u)) };
    // "48 vấn đề … liên quan đến lĩnh vực nào?": the number says which sentence.
    const numberUnits: Unit[] = (q.qtype === "which" || q.qtype === "what") && q.numbers.length ? q.numbers.map((n) => ({ text: String(n), alts: [` ${String(n).replace(".", ",")} `] })) : [];
    if (numberUnits.length) {
      // "con số 86 nói về gì", "9.300 ha là gì": every figure with that value, when there are any
      const same = index.figures.filter((d) => q.numbers.some((n) => Math.abs(Math.abs(d.figure.value) - n) < 1e-9));
      const hard = q.units.filter((u) => !u.soft);
      // only when the question asks nothing more than what the number is ("48 vấn đề … lĩnh vực nào?" wants the sentence)
      const named = same.filter((d) => hard.every((u) => holds(d.phrase, u)));
      const pick = (hard.length ? named : same).slice(0, 6);
      if (pick.length) {
        const composed = composeFigures(pick.map((d) => d.figure), sid, q.lang);
        return found(composed, "figure", pick.map((d) => d.figure.id), this.suggest(index, pick.flatMap((d) => d.parts), q.lang), "figure");
      }
      const hits = searchPassages(index, { units: [...q.units, ...numberUnits], statementWanted: q.statementWanted, speakers: [] });
      if (hits[0] && hits[0].coverage >= 0.75) return this.passageAnswer(index, q, hits, found);
    }
    // Figures and sentences.
    const figureQuery: FigureQuery = {
      units: [...q.units, ...foreignUnits],
      required: [...q.required, ...foreignUnits],
      period: q.period,
      kind: q.kind,
      excludedKinds: q.excludedKinds,
      excludedUnits: q.excludedUnits,
      unitWanted: q.unitWanted,
      target: q.target,
      numbers: q.numbers,
      words: q.normalized.trim().split(" "),
      ownSource: q.ownSource,
    };
    const fsearch = searchFigures(index, figureQuery);
    const speakers = people.filter((p) => p.coverage >= 0.99).map((p) => p.doc.person.id);
    const passages = searchPassages(index, { units: [...q.units, ...foreignUnits], statementWanted: q.statementWanted, direction: q.direction, speakers: speakers.slice(0, 1) });
    // "… giao cho ai xử lý?": nobody holds such an office, but a sentence may say who was tasked
    if (whoFailed) {
      if (passages[0] && passages[0].coverage >= 0.75) return this.passageAnswer(index, q, passages, found);
      return refuse(m.noOffice(officeWords.map((u) => u.text).join(" ") || q.text), "no person holds that office");
    }
    const bestF = fsearch.hits[0];
    const bestP = passages[0];
    // ("cơ cấu kinh tế gồm những tỷ trọng nào": every share, as figures)
    const quantity = q.qtype === "quantity" || (!!q.superlative && !!q.kind) || !!q.unitWanted || (!!q.kind && q.kind !== "level" && (q.qtype !== "what" && q.qtype !== "which" || q.enumerate)) || q.numbers.length > 0;
    // "vì sao tăng trưởng 2023 thấp hơn mục tiêu?": the sentence that gives the cause, not the figure alone
    if (WHY.test(q.normalized)) {
      const cause = passages.find((p) => p.coverage >= 0.5 && CAUSE.test(p.doc.text.toned));
      if (cause) return this.passageAnswer(index, q, [cause, ...passages.filter((p) => p !== cause)], found);
    }
    const wantsStatements = !!q.statementWanted && q.statementWanted !== "situation" && q.qtype !== "quantity";
    const figureFirst =
      quantity ||
      (!wantsStatements && !!bestF && bestF.coverage >= 0.8 && (q.qtype === "unknown" || ((q.qtype === "how" || /tinh hinh|situation/.test(q.normalized) || q.period.length > 0) && bestF.coverage >= (bestP?.coverage ?? 0) - 0.05)));
    if (figureFirst && bestF) {
      const subset = subsetOnly(q, bestF);
      // ("Kiến nghị của tỉnh gồm 10 nội dung, trong đó 3 … và 7 …" beside "6 kiến nghị còn lại": a total
      // with parts, matched as well, is the count asked)
      const total = subset && !SUBSET_CUES.test(q.normalized) ? fsearch.hits.find((h) => h !== bestF && h.doc.parts.length > 0 && h.doc.figure.kind === "count" && h.coverage >= bestF.coverage - 0.01 && !subsetOnly(q, h)) : undefined;
      if (total) return this.figureAnswer(index, q, { ...fsearch, hits: [total, ...fsearch.hits.filter((h) => h !== total)] }, found);
      if (subset) return refuse(m.onlySubset(subset, figureLine(bestF.doc.figure, q.lang).replace(/\.$/, "")), "only a subset is counted", this.suggest(index, [bestF.doc], q.lang));
      return this.figureAnswer(index, q, fsearch, found);
    }
    if (q.period.length && !bestF && fsearch.otherPeriods.length && !wantsStatements) return this.figureRefusal(index, q, fsearch, refuse);
    if (quantity && !bestF) return this.figureRefusal(index, q, fsearch, refuse);
    if (bestP && (bestP.coverage >= 0.5 || wantsStatements)) return this.passageAnswer(index, q, passages, found);
    if (bestF && bestF.coverage >= 0.6) return this.figureAnswer(index, q, fsearch, found);
    return this.figureRefusal(index, q, fsearch, refuse);
  }

  private figureAnswer(index: SessionIndex, q: Resolved, search: ReturnType<typeof searchFigures>, found: Found) {
    let chosen = chooseFigures(index, search, { ...q, required: q.required, units: q.units, periodAsked: q.period.length > 0, excludedUnits: q.excludedUnits, target: q.target, numbers: q.numbers, bare: q.qtype === "unknown" && !q.merged && q.units.filter((u) => !u.soft).length <= 2, words: q.normalized.trim().split(" ") });
    // "công nghiệp và dịch vụ tăng bao nhiêu": each part gets its figure, unless one figure names both
    q.conjuncts.forEach((pair, n) => {
      if (chosen.some((h) => pair.every((u) => holds(h.doc.near, u)))) return;
      const tail = q.conjunctTails?.[n] ?? [];
      const each: FigureHit[] = [];
      for (const part of pair) {
        const own = part === pair[1] ? [part, ...tail] : [part];
        const others = [...pair, ...tail].filter((u) => !own.includes(u));
        const units = q.units.filter((u) => !others.includes(u));
        const s = searchFigures(index, { ...q, units, required: own, excludedUnits: q.excludedUnits, numbers: q.numbers });
        // (of the kind the whole question was answered with: "thu nội địa và thu từ xuất nhập khẩu là bao nhiêu" asks two amounts)
        // (and of the unit of the member before it: "xuất khẩu và nhập khẩu" are both in USD, not the
        // revenue "thu từ hoạt động xuất nhập khẩu" in đồng, which holds "nhập khẩu" too)
        const kind = chosen[0]?.doc.figure.kind;
        const unit = each[0]?.doc.figure.unit;
        const alike = s.hits.filter((h) => h.doc.figure.kind === kind && h.coverage >= s.hits[0]!.coverage);
        const best = alike.find((h) => unit === undefined || h.doc.figure.unit === unit) ?? alike[0] ?? s.hits[0];
        if (best && !each.some((h) => h.doc === best.doc)) each.push(best);
      }
      if (each.length === pair.length) chosen = each;
    });
    const m = messages(q.lang);
    const notes: string[] = [];
    for (const h of chosen) {
      const f = h.doc.figure;
      // asked for one period, the report gives a wider or narrower one: say so
      if (q.period.length && h.fit > 0 && h.fit < 2.5 && f.period.source !== "document") {
        const note = m.periodNote(q.lang === "en" ? f.period.labelEn : f.period.label);
        if (!notes.includes(note)) notes.push(note);
      }
    }
    const sid = index.session.file.session.id;
    const composed = composeFigures(chosen.map((h) => h.doc.figure), sid, q.lang, notes);
    // "… tăng 24,4% phải không?": say first whether the number is the one asked about
    if (q.numbers.length && VERIFY.test(q.normalized)) {
      const head = chosen[0]!;
      const same = q.numbers.some((n) => Math.abs(Math.abs(head.doc.figure.value) - n) < 1e-9);
      composed.lines.unshift(same ? m.confirmed : m.notConfirmed);
    }
    const petitionIds = this.petitionsOf(index, chosen.map((h) => h.doc));
    const best = chosen[0]!;
    // Another measure answers as well ("tổng vốn" of the province's count or of the Ministry's): a
    // conversation's context may settle it, so the confidence is halved.
    const top = search.hits[0]!;
    const rival = search.hits.find((h) => !chosen.some((c) => c.doc === h.doc) && h.doc.figure.indicator !== top.doc.figure.indicator);
    const ambiguous = !!rival && rival.coverage >= top.coverage - 0.01 && rival.score >= top.score * 0.85;
    return found(composed, "figure", chosen.map((h) => h.doc.figure.id), this.relatedFigures(index, chosen, q.lang), "figure", best.coverage * (ambiguous ? 0.5 : 1), petitionIds);
  }

  private passageAnswer(index: SessionIndex, q: Resolved, passages: PassageHit[], found: Found) {
    const best = passages[0]!;
    const chosen = [best.doc];
    const next = continuation(index, best);
    if (next) chosen.push(next);
    // a plural question ("những khó khăn gì", "các kiến nghị") takes the sentences that answer as well
    const plural = / nhung | cac | what are | which /.test(q.normalized);
    if (plural) for (const p of passages.slice(1)) if (chosen.length < 3 && p.score >= best.score * 0.85 && !chosen.includes(p.doc)) chosen.push(p.doc);
    chosen.sort((a, b) => a.index - b.index);
    const sid = index.session.file.session.id;
    const petitionIds = index.session.file.petitionGroups.filter((g) => chosen.some((c) => c.statement.cite.includes(g.cite) || g.statusCites.includes(c.statement.cite) || g.topicsCite === c.statement.cite)).map((g) => g.id);
    const more = passages.filter((p) => !chosen.includes(p.doc)).slice(0, 2).map((p) => ({ label: shortLabel(p.doc.statement.cite), input: shortLabel(p.doc.statement.cite) }));
    return found(composeStatements(chosen.map((c) => c.statement), sid), "passage", chosen.map((c) => c.statement.id), more, "passage", best.coverage, petitionIds);
  }

  private figureRefusal(index: SessionIndex, q: Resolved, search: ReturnType<typeof searchFigures>, refuse: (text: string, reason: string, s?: Suggestion[]) => { answer: Answer }) {
    const m = messages(q.lang);
    const other = search.otherPeriods[0];
    if (other && q.period.length) {
      const f = other.doc.figure;
      const given = [...new Set(search.otherPeriods.filter((h) => sameSeries(h.doc, other.doc)).map((h) => (q.lang === "en" ? h.doc.figure.period.labelEn : h.doc.figure.period.label)))].join("; ");
      const asked = periodLabel(q.period, q.lang);
      return refuse(m.notForPeriod(q.lang === "en" ? f.label.en : f.label.vi, asked, given), `period not given: ${q.period.join("+")}`, this.suggest(index, search.otherPeriods.map((h) => h.doc), q.lang));
    }
    const kind = search.otherKinds[0];
    if (kind) return refuse(m.noSuchKind(q.lang === "en" ? kind.doc.figure.label.en : kind.doc.figure.label.vi), "kind or unit not given", this.suggest(index, search.otherKinds.map((h) => h.doc), q.lang));
    return refuse(m.notInReportGeneric, "nothing matches well enough", this.nearby(index, q, []));
  }

  /** The things the report does give that are closest to what was asked: suggestions, never answers. */
  private nearby(index: SessionIndex, q: Resolved, missing: Unit[]): Suggestion[] {
    let rest = q.units.filter((u) => !missing.includes(u) && !u.soft);
    // "xuất khẩu" is not in the report, but "xuất, nhập khẩu" is: its words find what is near
    if (!rest.length) rest = missing.flatMap((u) => u.alts[0]!.trim().split(" ").filter((w) => w.length > 1).map((w) => ({ text: w, alts: [` ${w} `] })));
    if (!rest.length) return [];
    const search = searchFigures(index, { units: rest, required: [], period: [], kind: undefined, excludedKinds: [], excludedUnits: [], target: q.target, numbers: [] });
    const out = this.suggest(index, search.hits.map((h) => h.doc), q.lang);
    if (out.length < 3) for (const p of searchPassages(index, { units: rest, speakers: [] }).slice(0, 3 - out.length)) out.push({ label: shortLabel(p.doc.statement.cite), input: shortLabel(p.doc.statement.cite) });
    return dedupeSuggestions(out);
  }

  private relatedFigures(index: SessionIndex, chosen: FigureHit[], lang: Lang): Suggestion[] {
    const shown = new Set(chosen.map((h) => h.doc));
    const candidates: FigureDoc[] = [];
    for (const h of chosen) {
      const whole = h.doc.figure.whole ? index.byId.get(h.doc.figure.whole) : undefined;
      for (const d of [...(whole?.parts ?? []), ...h.doc.parts, ...index.figures.filter((x) => x.figure.indicator === h.doc.figure.indicator)]) {
        if (shown.has(d) || d.figure.parent) continue;
        shown.add(d);
        candidates.push(d);
      }
    }
    return this.suggest(index, candidates, lang);
  }

  /**
   * Up to three suggestions among the figures given, each one a question that brings its figure
   * back when asked on its own (checked once per figure, then remembered): a button that
   * answered something else would teach people the bot is wrong.
   */
  private suggest(index: SessionIndex, docs: FigureDoc[], lang: Lang, max = 3): Suggestion[] {
    if (this.checkingSuggestion) return [];
    let known = this.goodSuggestions.get(index);
    if (!known) this.goodSuggestions.set(index, (known = new Map()));
    const out: Suggestion[] = [];
    for (const d of docs) {
      if (out.length >= max) break;
      const key = `${d.figure.id}:${lang}`;
      let good = known.get(key);
      if (good === undefined) {
        good = null;
        this.checkingSuggestion = true;
        try {
          for (const s of figureSuggestions(d, lang, index)) {
            // asked of this session itself: with many sessions loaded, the question names none
            const q = parseQuestion(s.input, this.lexicon);
            if (this.answerIn(index, this.resolve(q, undefined, index), true).answer.entryIds.includes(d.figure.id)) {
              good = s;
              break;
            }
          }
        } finally {
          this.checkingSuggestion = false;
        }
        known.set(key, good);
      }
      if (good && !out.some((x) => x.input === good!.input)) out.push(good);
    }
    return out;
  }

  private petitionsOf(index: SessionIndex, docs: FigureDoc[]): string[] {
    return index.session.file.petitionGroups.filter((g) => docs.some((d) => d.figure.cite === g.cite || g.cite.includes(d.figure.display) && g.cite.includes(d.figure.cite))).map((g) => g.id);
  }

  private summary(index: SessionIndex, lang: Lang): Composed {
    const m = messages(lang);
    const s = index.session.file;
    const sid = s.session.id;
    const key = new Set(s.indicators.filter((i) => i.key).map((i) => i.id));
    // one figure per headline series, so that one list does not fill the summary
    const seenSeries = new Set<string>();
    const heads = s.figures.filter((f) => key.has(f.indicator) && !f.parent && !f.whole && !seenSeries.has(f.indicator) && (seenSeries.add(f.indicator), true)).slice(0, 5);
    const figures = composeFigures(heads, sid, lang);
    const conclusions = s.statements.filter((x) => x.conclusion && (x.kind === "task" || x.kind === "assessment" || x.kind === "difficulty")).slice(0, 3);
    const petitions = s.petitionGroups.slice(0, 4);
    const lines = [
      m.summaryTitle(lang === "en" ? s.session.titleEn : s.session.title, s.session.reportPeriod),
      m.summaryFigures,
      ...figures.lines.map((l) => `• ${l}`),
      ...(petitions.length ? [m.summaryPetitions, ...petitions.map((g) => `• ${lang === "en" ? g.titleEn : g.title}`)] : []),
      ...(conclusions.length ? [m.summaryConclusions, ...conclusions.map((c) => clauseOf(c.cite, 200))] : []),
    ];
    const citations = [...figures.citations];
    for (const g of petitions) if (!citations.some((c) => c.text === g.cite)) citations.push({ text: g.cite, sessionId: sid });
    for (const c of conclusions) citations.push({ text: clauseOf(c.cite, 200), sessionId: sid });
    return { lines, figures: figures.figures, citations };
  }

  private firstSentence(index: SessionIndex): { text: string; sessionId: string }[] {
    const first = index.session.file.statements[0];
    return first ? [{ text: first.cite, sessionId: index.session.file.session.id }] : [];
  }

  /** What to ask a report when nothing closer fits: its headline figures. */
  private starterSuggestions(session: LoadedSession, lang: Lang): Suggestion[] {
    const index = this.indexOf(session);
    const key = new Set(session.file.indicators.filter((i) => i.key).map((i) => i.id));
    return this.suggest(index, index.figures.filter((d) => key.has(d.figure.indicator) && !d.figure.parent && !d.figure.whole), lang);
  }
}

/** A question with no words of its own: it leans on the one before ("thế năm 2022?", "còn tỷ trọng?"). */
function isElliptical(q: Query): boolean {
  return !q.units.some((u) => !u.soft) && (q.period.length > 0 || !!q.kind || !!q.unitWanted || !!q.statementWanted || q.followUp !== "none" || q.numbers.length === 0);
}

function stripUnit(u: Unit): Unit {
  return { text: u.text, alts: u.alts, ...(u.toned ? { toned: u.toned } : {}), ...(u.soft ? { soft: true } : {}), ...(u.group ? { group: true } : {}), ...(u.loose ? { loose: u.loose.map(stripUnit) } : {}) };
}

function sameSeries(a: FigureDoc, b: FigureDoc): boolean {
  return a.figure.indicator === b.figure.indicator;
}

/** A question that, asked back, returns this figure. */
/**
 * Follow-ups the report can answer, shortest first: the figure's part alone ("Dịch vụ tăng bao
 * nhiêu?"), the part with the head of its name, the whole name; each with what kind of figure it
 * is, and its period when the report gives the measure for more than one. The engine keeps the
 * first that brings the figure back.
 */
export function figureSuggestions(d: FigureDoc, lang: Lang, index: SessionIndex): Suggestion[] {
  const f = d.figure;
  const m = messages(lang);
  const several = index.figures.some((x) => x !== d && x.figure.indicator === f.indicator && x.figure.period.label !== f.period.label);
  const when = several && f.period.source !== "document" ? f.period.label : "";
  const head = f.label.vi.split(" — ")[0]!.replace(/\s*\([^)]*\)/g, "").split(/\s+/).slice(0, 5).join(" ");
  const part = f.subject || (f.label.vi.includes(" — ") ? f.label.vi.split(" — ").pop()! : "");
  const names = [...new Set([part && capitalise(part), part && `${head} ${part}`, f.label.vi].filter((x): x is string => !!x))];
  return names.map((name) => {
    const input = m.askFigure(name, f.kind, when);
    return { label: clip(input.replace(/\?$/, ""), 60), input };
  });
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).replace(/\s+\S*$/, "")}…` : text;
}

/** Words that open a sentence without saying what it is about ("Ngoài ra,", "Tuy nhiên,", "Tại buổi làm việc,"). */
const OPENERS = /^(?:ngoài ra|tuy nhiên|đặc biệt|bên cạnh đó|cụ thể|đồng thời|trong đó|theo đó|tại buổi làm việc|phát biểu tại buổi làm việc|phát biểu kết luận(?: tại buổi làm việc)?|kết luận buổi làm việc|liên quan đến [^,]{0,60}|đây là những|đây là)\s*,?\s*/iu;

/** A sentence as a button: its first clause that says something, without the opening words. */
function shortLabel(sentence: string): string {
  let rest = sentence.trim();
  for (let guard = 0; guard < 3 && OPENERS.test(rest); guard++) rest = rest.replace(OPENERS, "");
  const clauses = rest.split(/[,;:]\s/).map((c) => c.trim());
  const cut = clauses.find((c) => c.split(/\s+/).length >= 4) ?? clauses[0] ?? rest;
  return capitalise(clip(cut.replace(/[.…]+$/, ""), 70));
}

function dedupeSuggestions(list: Suggestion[]): Suggestion[] {
  const seen = new Set<string>();
  return list.filter((s) => (seen.has(s.input) ? false : (seen.add(s.input), true)));
}

/** A question asking why, and the words a sentence gives a cause with (with its tones: "do" of a cause, not "độ" of "tốc độ"). */
const WHY = / (?:vi sao|tai sao|vi dau|do dau|li do|nguyen nhan|why|what caused|the reason) /;
const CAUSE = / (?:do|vì|bởi|nguyên nhân|because|due to) /;

/** A yes/no check of a number: "… phải không?", "đúng không", "is it true that …". */
const VERIFY = / (?:phai khong|dung khong|co dung|co phai|phai ko|dung ko|dung chu|phai chu|is it true|is that right|right|correct) /;

/** Words that count only some of a noun: "86 xã đạt chuẩn nông thôn mới" is not how many communes there are. */
const SUBSET_CUES = / (?:dat chuan|thanh lap moi|cap moi|vuot|nang cao|kieu mau|con lai|chua dat|chua hoan thanh) /;

/**
 * "Lạng Sơn có bao nhiêu xã?" asks for all the communes; when the report counts only those that
 * met a standard (or were new, or exceeded a plan), that count is not the answer. Returns the
 * noun asked for, or nothing when the figure is the answer.
 */
function subsetOnly(q: Resolved, best: FigureHit): string | undefined {
  if (!Array.isArray(q.unitWanted) || q.merged) return undefined;
  const nouns = q.unitWanted;
  const hard = q.units.filter((u) => !u.soft);
  const provinces = new Set(PROVINCES.map((p) => ` ${tokenize(p).map((t) => t.folded).join(" ")} `));
  const asked = hard.filter((u) => !u.alts.some((a) => provinces.has(a)));
  if (!asked.length || !asked.every((u) => u.alts.some((a) => nouns.includes(a)))) return undefined;
  const f = best.doc.figure;
  const noun = nouns.find((n) => best.doc.near.folded.includes(n));
  if (!noun) return undefined;
  // the cue must be the figure's, not a word the question used too ("bao nhiêu xã đạt chuẩn")
  const own = best.doc.near.folded.replace(noun, " ");
  const cue = SUBSET_CUES.exec(own);
  if (!cue || hard.some((u) => u.alts.some((a) => a.includes(cue[0]!.trim())))) return undefined;
  return asked[0]!.text.toLocaleLowerCase("vi") || f.unit;
}