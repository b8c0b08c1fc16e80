// Question → what is asked: language, kind of question, concepts by slot, period, named
// provinces/organisations/people, things the report never covers, and words left unexplained.
import { tokenize, type Token } from "../text/tokens.js";
import { hasDiacritics, toneKey } from "../text/normalize.js";
import { abbreviations, fillerWords, surnames } from "./lexicon.js";
import { parsePeriod, type QueryPeriod } from "./periods.js";
import type { Vocabulary } from "./vocabulary.js";
import type { Lang } from "../core/types.js";
import { fold } from "../text/fold.js";

export type QuestionType = "quantity" | "who" | "what" | "status" | "unknown";

export interface Query {
  text: string;
  lang: Lang;
  qtype: QuestionType;
  /** Concept ids with the slot they fill. */
  concepts: Map<string, string>;
  period?: QueryPeriod;
  provinces: string[];
  ministries: string[];
  /** Capitalised personal names that match nobody in the data. */
  unknownNames: string[];
  absent: string[];
  /** Content words no phrase explains and the sources never use. */
  unknownWords: string[];
  /** Content words the sources use but no concept covers: they break ties by overlap. */
  looseWords: string[];
  followUpMarker: boolean;
  /** Folded multi-word phrases the matcher found. */
  phrases: string[];
  /** Numbers quoted in the question, outside its period. */
  numbers: number[];
  /** Folded, abbreviations expanded. */
  normalized: string;
}

const filler = new Set(fillerWords.flatMap((w) => tokenize(w).map((t) => t.folded)));
const surnameSet = new Set(surnames.map(toneKey));
const ENGLISH = new Set(
  "the what which who whom how many much was were is are did does do of in on for to by with from and or has have had been led met meet there their this that these those between since per about rate".split(" "),
);
const PERIOD_WORDS = new Set("thang quy nam dau het den cuoi tinh i ii iii iv first second third fourth quarter months month of the end as by until in year".split(" "));

const abbreviationMap = new Map(Object.entries(abbreviations).map(([k, v]) => [fold(k), v]));

/** Chat abbreviations become their words ("bn" → "bao nhiêu") before anything else looks at the text. */
function expand(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const full = abbreviationMap.get(t.folded);
    // Only when typed without tones: "bộ" must not become anything else.
    if (full && t.raw.length <= 6 && !hasDiacritics(t.raw.replace(/đ/gi, "d"))) {
      for (const x of tokenize(full)) out.push({ ...x, start: t.start });
    } else out.push(t);
  }
  return out;
}

export function detectLanguage(text: string, tokens: Token[]): Lang {
  if (hasDiacritics(text)) return "vi";
  const words = tokens.map((t) => t.folded).filter((w) => !/\d/.test(w));
  if (!words.length) return "vi";
  const en = words.filter((w) => ENGLISH.has(w)).length;
  return en >= 2 || (en >= 1 && words.length <= 3 && en / words.length >= 0.3) ? "en" : "vi";
}

function questionType(folded: string, lang: Lang): QuestionType {
  const f = ` ${folded} `;
  if (lang === "en") {
    if (/ who | whom | whose /.test(f)) return "who";
    if (/ how (many|much) | what (was|is|were) the (rate|share|value|number|amount|figure|growth|total)| what percentage | rate /.test(f)) return "quantity";
    if (/ (has|have|was|were|is|are) .* (resolved|answered|handled|settled) | status /.test(f)) return "status";
    if (/ what | which | how /.test(f)) return "what";
    return "unknown";
  }
  if (/ bao nhieu | may | so luong | muc | ty le | phan tram | % /.test(f)) return "quantity";
  if (/ (la )?ai | nguoi nao | vi nao | ten (la )?gi | ho ten |^ nguoi (dan dau|dung dau|chu tri|giu chuc|phat bieu)/.test(f)) return "who";
  if (/ (da|duoc) .* chua | chua$| (xu ly|giai quyet|tra loi) (chua|den dau)| tinh trang | trang thai /.test(f)) return "status";
  if (/ gi | nao | the nao | ra sao | nhu the nao | nhung /.test(f)) return "what";
  return "unknown";
}

const FOLLOW_UP = /^(?:(?:the|vay|con|va) con|con|vay thi|the thi|and|what about|how about|and what about|and in) /;

export function understand(text: string, vocab: Vocabulary): Query {
  const raw = tokenize(text);
  const lang = detectLanguage(text, raw);
  const tokens = expand(raw);
  const normalized = tokens.map((t) => t.folded).join(" ");
  const period = parsePeriod(normalized, 0);
  const periodWords = new Set(period.spans.flatMap((s) => s.split(" ")));

  const result = vocab.matcher.match(tokens);
  const concepts = new Map<string, string>();
  const provinces: string[] = [];
  const ministries: string[] = [];
  const absent: string[] = [];
  for (const hit of result.hits) {
    for (const id of hit.ids) {
      const info = vocab.info.get(id);
      if (!info) continue;
      if (info.slot === "province") provinces.push(id);
      else if (info.slot === "ministry") ministries.push(id);
      else if (info.slot === "absent") absent.push(id);
      else if (info.slot === "ignore") continue;
      else concepts.set(id, info.slot);
    }
  }

  // Expanded abbreviations keep their original token's start: map consumption back to what was typed.
  const consumedStarts = new Set(tokens.filter((_t, i) => result.consumed[i]).map((t) => t.start));
  const unknownNames = findUnknownNames(raw, raw.map((t) => consumedStarts.has(t.start)), concepts);

  const unknownWords: string[] = [];
  const looseWords: string[] = [];
  tokens.forEach((t, i) => {
    if (result.consumed[i]) return;
    const w = result.words[i]!;
    if (/\d/.test(w) || filler.has(w) || periodWords.has(w) || PERIOD_WORDS.has(w)) return;
    if (vocab.matcher.vocabulary.has(w)) looseWords.push(w);
    else unknownWords.push(w);
  });

  return {
    text,
    lang,
    qtype: questionType(normalized, lang),
    concepts,
    period: period.atoms.length ? period : undefined,
    provinces: [...new Set(provinces)],
    ministries: [...new Set(ministries)],
    unknownNames,
    absent: [...new Set(absent)],
    unknownWords,
    looseWords,
    followUpMarker: FOLLOW_UP.test(normalized + " "),
    phrases: result.hits.filter((h) => h.end - h.start >= 2).map((h) => result.words.slice(h.start, h.end).join(" ")),
    numbers: quotedNumbers(tokens, period.spans),
    normalized,
  };
}

/** "24,4%", "7,22", "9.300" quoted in a question; years and the numbers of its period are not quotes. */
function quotedNumbers(tokens: Token[], periodSpans: string[]): number[] {
  const inPeriod = new Set(periodSpans.flatMap((s) => s.split(" ")));
  const out: number[] = [];
  for (const t of tokens) {
    const m = /^(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)%?$/.exec(t.raw);
    if (!m) continue;
    if (inPeriod.has(t.folded) && !t.raw.includes(",")) continue;
    if (/^(19|20)\d{2}$/.test(m[1]!)) continue;
    const v = Number(m[1]!.replace(/\./g, "").replace(",", "."));
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}

/** "Nguyễn Văn A" in a question, when no known person matched there: someone the report does not name. */
function findUnknownNames(tokens: Token[], consumed: boolean[], concepts: Map<string, string>): string[] {
  if ([...concepts.values()].includes("person")) return [];
  const names: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (consumed[i] || !/^\p{Lu}/u.test(t.raw) || !surnameSet.has(t.toned)) continue;
    let j = i + 1;
    while (j < tokens.length && /^\p{Lu}/u.test(tokens[j]!.raw) && !consumed[j]) j++;
    if (j - i >= 2) names.push(tokens.slice(i, j).map((x) => x.raw).join(" "));
    i = j;
  }
  return names;
}
