// Ranks a session's entries against an understood question. Hard rules first (a share is never
// the answer to a growth question, a figure of another sector or period is never an answer),
// then a weighted overlap of concepts: what the entry is about counts fully, words of its
// citation count half.
import { wordingOf, type Entry } from "./entries.js";
import type { Vocabulary } from "./vocabulary.js";
import { periodFit, type QueryPeriod } from "./periods.js";
import type { QuestionType } from "./understand.js";

/** The question as the scorer sees it, after follow-up context has been merged in. */
export interface Frame {
  concepts: Map<string, string>;
  period?: QueryPeriod;
  qtype: QuestionType;
  looseWords: string[];
  /** Multi-word phrases as typed (folded): an entry that contains one word for word ranks higher. */
  phrases?: string[];
  /** Numbers the question quotes ("tăng 24,4% phải không?"): the figure with that value is meant. */
  numbers?: number[];
}

/** Topics that narrow a figure question: a figure that says nothing of them does not answer it. */
const NARROWING = new Set([
  "border-trade", "infrastructure", "reform", "investment-attraction", "planning", "site-clearance", "land-use",
  "legal-framework", "petition-fields", "restructuring", "special-policies", "public-investment", "speed-up",
]);

export const TOPICAL_SLOTS = new Set(["measure", "topic", "role", "person", "petition-id"]);

const SLOT_WEIGHT: Record<string, number> = {
  measure: 3,
  subject: 2,
  kind: 1.5,
  origin: 1,
  topic: 2,
  role: 2,
  person: 4,
  "petition-id": 5,
};

const KIND_IDS = new Set(["growth", "share", "change", "percent-of-plan"]);

export interface Scored {
  entry: Entry;
  score: number;
  /** The entry shares at least one topical concept with the question. */
  topical: boolean;
  periodFit: number;
}

export function scoreEntries(entries: Entry[], frame: Frame, vocab: Vocabulary): Scored[] {
  const kinds = [...frame.concepts.keys()].filter((c) => KIND_IDS.has(c));
  // "cơ cấu … tăng 24,4%": the structure words decide; "tăng … so với cùng kỳ" asks for the change.
  const effectiveKinds = kinds.includes("share") ? ["share"] : kinds.includes("change") ? ["change"] : kinds.filter((k) => k !== "percent-of-plan");
  const subjectsByFamily = new Map<string, string>();
  for (const [id, slot] of frame.concepts) if (slot === "subject") subjectsByFamily.set(vocab.info.get(id)?.family ?? "other", id);
  const origin = [...frame.concepts.keys()].find((c) => c.startsWith("origin-"));
  const measures = [...frame.concepts].filter(([, slot]) => slot === "measure").map(([id]) => id);

  const out: Scored[] = [];
  const narrowing = [...frame.concepts.keys()].filter((c) => NARROWING.has(c));
  const phrases = (frame.phrases ?? []).map((p) => ` ${p} `);
  const hasTopic = [...frame.concepts.values()].includes("topic");
  for (const e of entries) {
    const isFigure = e.ref.type === "figure";
    // "How many/how much" is answered by a figure or a petition group's count, never by prose.
    if (frame.qtype === "quantity" && (e.ref.type === "statement" || e.ref.type === "person")) continue;
    const quotedValue = e.ref.type === "figure" ? e.ref.figure.value : e.ref.type === "petition" ? e.ref.group.count : undefined;
    const quoted = quotedValue !== undefined && !!frame.numbers?.some((n) => Math.abs(quotedValue - n) < 1e-9);
    let fit = 0;
    if (isFigure) {
      if (!quoted && effectiveKinds.length && !effectiveKinds.every((k) => kindFits(k, e.kind))) continue;
      if (narrowing.length && !narrowing.some((c) => e.primary.includes(c) || e.incidental.includes(c))) continue;
      const f = periodFit(frame.period, e.periodAtoms ?? []);
      if (f === null) continue;
      fit = f;
    }
    if (origin && e.origin && e.origin !== origin) continue;
    let excluded = false;
    let anySector = false;
    let score = 0;
    for (const [family, asked] of subjectsByFamily) {
      const has = e.subject?.family === family ? e.subject.id : undefined;
      if (asked === "sector-any") {
        if (has) {
          score += SLOT_WEIGHT.subject!;
          anySector = true;
        }
        continue;
      }
      if (has && has !== asked) excluded = true;
    }
    if (excluded) continue;
    // Prefer the whole to a part when no part was asked ("GRDP tăng" is the total, not a sector).
    if (isFigure && e.subject?.family === "sector" && !subjectsByFamily.has("sector")) score -= 0.5;

    let topical = anySector;
    for (const [id, slot] of frame.concepts) {
      if (id === "sector-any") continue;
      const w = SLOT_WEIGHT[slot] ?? 0;
      if (e.primary.includes(id)) {
        score += w;
        if (TOPICAL_SLOTS.has(slot) || slot === "subject") topical = true;
      } else if (e.incidental.includes(id)) {
        score += w / 2;
        if (TOPICAL_SLOTS.has(slot) && slot !== "role") topical = true;
      }
    }
    // A figure about another measure is not an answer, however many other words it shares.
    if (measures.length && !measures.some((m) => e.primary.includes(m) || e.incidental.includes(m))) score -= isFigure ? 3 : 1;
    if (isFigure && measures.length && !measures.some((m) => e.primary.includes(m))) topical = topical && measures.length === 0;
    score += fit * 0.5;
    score += typeBonus(frame.qtype, e);
    if (quoted) score += 4;
    // "What did the minister conclude?" is about her words, not her titles.
    if (e.ref.type === "person" && frame.qtype === "what" && hasTopic && !frame.concepts.has("position")) score -= 1.5;
    const wording = topical && (phrases.length || frame.looseWords.length) ? wordingOf(e) : undefined;
    if (wording) for (const p of phrases) if (wording.text.includes(p)) score += 0.25;
    let overlap = 0;
    if (wording) for (const w of frame.looseWords) if (wording.words.has(w)) overlap += 0.25;
    score += Math.min(overlap, 1);
    out.push({ entry: e, score, topical, periodFit: fit });
  }
  return out.sort((a, b) => b.score - a.score);
}

function kindFits(asked: string, kind: string | undefined): boolean {
  if (asked === "share") return kind === "share";
  if (asked === "change") return kind === "change";
  if (asked === "growth") return kind === "growth" || kind === "change";
  return true;
}

function typeBonus(qtype: QuestionType, e: Entry): number {
  const t = e.ref.type;
  switch (qtype) {
    case "quantity":
      return t === "figure" ? 1 : 0;
    case "who":
      return t === "person" ? 2 : 0;
    case "status":
      return t === "petition" ? 1 : t === "statement" ? 0.5 : 0;
    case "what":
      return t === "statement" || t === "petition" ? 0.5 : 0;
    default:
      return 0;
  }
}
