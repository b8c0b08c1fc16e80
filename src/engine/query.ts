// A question → what it asks: its language, the kind of question (how much, who, what, which),
// the phrases it is about (each with the other ways the genre writes it), the period, the kind
// of figure (growth, share, % of plan…), the unit it counts in, provinces and people it names,
// what it excludes, and whether it leans on the question before it.
import { tokenize, type Token } from "../text/tokens.js";
import { hasDiacritics } from "../text/normalize.js";
import { findPeriods } from "../text/periods.js";
import { fold, foldForMatch } from "../text/fold.js";
import { FUNCTION_WORDS, VALUE_VERBS } from "../text/genre.js";
import { PROVINCES } from "../text/vietnam.js";
import { ABBREVIATIONS, JOINED_ABBREVIATIONS, QUESTION_WORDS, SOFT_GROUPS, SYNONYMS } from "./thesaurus.js";
import { isVietnameseSyllable } from "../text/syllables.js";
import type { TypoIndex } from "./typos.js";
import type { Lang } from "../core/types.js";

export type QuestionType = "quantity" | "who" | "role" | "what" | "which" | "how" | "yesno" | "unknown";
export type KindWanted = "growth" | "share" | "percent_of_plan" | "change_same_period" | "rank" | "contribution" | "level";
export type Intent = "greeting" | "thanks" | "chitchat" | "summary" | "participants" | "about" | "help";
export type StatementWanted = "difficulty" | "task" | "request" | "assessment" | "outcome" | "situation";

/** A phrase of the question with the other ways of writing it; all folded " a b " strings. */
export interface Unit {
  text: string;
  alts: string[];
  /** Typed with tones (toned form, " a b "), to reward a report that writes it the same way. */
  toned?: string;
  /** A kind or base word ("tăng", "dự toán"): helps, but a figure need not contain it. */
  soft?: boolean;
  /** For words merged into one phrase ("đà lạt"): the words, when the report does not hold the phrase. */
  pieces?: Unit[];
  /** The words of a phrase the report does not write as such: held where they all stand close together. */
  loose?: Unit[];
  /** From the thesaurus (never merged with its neighbours). */
  group?: boolean;
  /** Token position and length in the question (for merging neighbours). */
  at?: number;
  len?: number;
}

export interface Query {
  text: string;
  lang: Lang;
  normalized: string;
  qtype: QuestionType;
  units: Unit[];
  period: string[];
  kind?: KindWanted;
  excludedKinds: KindWanted[];
  excludedUnits: Unit[];
  target: boolean;
  /** "bao nhiêu xã": the noun counted (its ways of writing, folded " a "); "%", "money", "area", "length". */
  unitWanted?: string | string[];
  superlative?: "max" | "min";
  /** "các ngành", "từng lĩnh vực", "by sector": every part of a total. */
  enumerate: boolean;
  compare: boolean;
  /** The province's own figures asked for ("theo số liệu của tỉnh"). */
  ownSource: boolean;
  /** "tổng cộng", "tất cả", "in total": the total, over every period and part. */
  total: boolean;
  followUp: "strong" | "weak" | "none";
  /** "ông ấy", "bộ đó": the question points back at what the one before was about. */
  pointsBack?: boolean;
  /** "Cùng kỳ năm 2023, GRDP tăng bao nhiêu?" with no months named: the report's (or conversation's) months, in that year. */
  sameMonthsYear?: number;
  /** "cùng kỳ năm ngoái", "năm trước thì sao?": the period of the conversation, a year earlier. */
  yearBefore?: boolean;
  intent?: Intent;
  statementWanted?: StatementWanted;
  /** Who asks whom, when the question says: the province asking the centre, or the centre tasking the province. */
  direction?: "province_to_central" | "central_to_province";
  provinces: string[];
  names: string[];
  numbers: number[];
  /** Sub-questions of a question that asks two things ("bao nhiêu …, vốn đăng ký bao nhiêu?"). */
  parts: string[];
  /** "… và …" inside one question: the alternatives it names ("công nghiệp và dịch vụ"). */
  conjuncts: Unit[][];
  /** For each conjunct pair, the words that go on naming its second member ("thu nội địa và thu | từ xuất nhập khẩu"). */
  conjunctTails: Unit[][];
  /** Content words nobody knows (not in any report, not in the thesaurus). */
  unknown: string[];
  tooLong: boolean;
}

export interface Lexicon {
  typos: TypoIndex;
  /** Folded names of every person in every session. */
  names: Set<string>;
  /** Initials ("qn") of the provinces the sessions are about, where no other of those provinces shares them. */
  provinceInitials?: Map<string, string>;
}

const ENGLISH = new Set(
  "the what which who whom how many much was were is are did does do of in on for to by with from and or has have had been led met meet there their this that these those between since per about rate growth".split(" "),
);

interface Phrase {
  words: string[];
  group: number;
}

// The thesaurus compiled: every phrase by its first folded word, longest first.
const GROUPS: string[][] = SYNONYMS.map((g) => g.map((p) => ` ${tokenize(p).map((t) => t.folded).join(" ")} `));
const SOFT = new Set(SYNONYMS.map((g, i) => (SOFT_GROUPS.has(g[0]!) ? i : -1)).filter((i) => i >= 0));
// Names of bodies ("Bộ Kế hoạch và Đầu tư"): their words are not cues of a kind of figure.
const NAME_GROUPS = new Set(SYNONYMS.map((g, i) => (/^(?:bộ |sở |cục |tổng cục |kho bạc |ủy ban|uỷ ban|ngân hàng)/u.test(g[0]!) ? i : -1)).filter((i) => i >= 0));
const PHRASES = new Map<string, Phrase[]>();
SYNONYMS.forEach((g, group) =>
  g.forEach((p) => {
    const words = tokenize(p).map((t) => t.folded);
    if (!words.length) return;
    const list = PHRASES.get(words[0]!) ?? [];
    list.push({ words, group });
    PHRASES.set(words[0]!, list);
  }),
);
for (const list of PHRASES.values()) list.sort((a, b) => b.words.length - a.words.length);

const ABBR = new Map(Object.entries(ABBREVIATIONS).map(([k, v]) => [fold(k), v]));
const PROVINCE_KEYS = PROVINCES.map((p) => ({ name: p, words: tokenize(p).map((t) => t.folded) })).sort((a, b) => b.words.length - a.words.length);
// The same, by first word (each list in PROVINCE_KEYS order): a token is tried only against the provinces it can start.
const PROVINCES_BY_FIRST = new Map<string, typeof PROVINCE_KEYS>();
for (const p of PROVINCE_KEYS) PROVINCES_BY_FIRST.set(p.words[0]!, [...(PROVINCES_BY_FIRST.get(p.words[0]!) ?? []), p]);
// "qnam", "ldong", "lson": the first letters of a province's words, then its last word.
const PROVINCE_SHORT = new Map<string, string>();
const initials = new Map<string, string[]>();
for (const p of PROVINCE_KEYS) {
  if (p.words.length < 2) continue;
  PROVINCE_SHORT.set(p.words.slice(0, -1).map((w) => w[0]).join("") + p.words[p.words.length - 1], p.name);
  const abbr = p.words.map((w) => w[0]).join("");
  initials.set(abbr, [...(initials.get(abbr) ?? []), p.name]);
}
// "bg", "qn" typed for a province: only initials that no other province (or chat abbreviation) shares
for (const [abbr, names] of initials) if (names.length === 1 && !(abbr in ABBREVIATIONS) && !PROVINCE_SHORT.has(abbr)) PROVINCE_SHORT.set(abbr, names[0]!);

const KIND_PATTERNS: [KindWanted, RegExp][] = [
  ["change_same_period", / (?:so voi |so )?cung ki | year on year | year-on-year | same period /],
  ["percent_of_plan", / (?:% |phan tram )?(?:so voi )?(?:du toan|ke hoach) | of (?:the )?(?:plan|estimate|target) | vuot ke hoach | bao nhieu % ke hoach /],
  ["rank", / thu may | thu hang | xep thu | xep hang | dung thu | hang may | rank | ranked | ranking /],
  ["contribution", / dong gop .*diem phan tram | diem phan tram | percentage points /],
  ["share", / ti trong | chiem | co cau | share | proportion | account(?:s|ed)? for | makes? up /],
  ["growth", / tang truong | toc do tang | tang | giam | muc tang | growth | grow | grew | increase | increased | rise | rose | fell | decline | declined | decrease /],
];

const SUPER_MAX = / cao nhat | nhieu nhat | lon nhat | nhanh nhat | manh nhat | highest | largest | fastest | biggest | most /;
const SUPER_MIN = / thap nhat | it nhat(?! \d)| nho nhat | cham nhat | lowest | smallest | slowest | least /;
const ENUMERATE = / co cau (?:kinh te|nganh|grdp)? ?(?:cua [a-z ]+ )?(?:nhu the nao|ra sao|the nao|gom|la gi|thay doi|chuyen dich)| economic structure | structure of the economy | (?:cac|tung|moi|nhung|ca ba|ba) (?:nganh|linh vuc|khu vuc|thanh phan) | theo (?:nganh|linh vuc|khu vuc) | (?:nganh|linh vuc|khu vuc) nao | each sector | bi sector | which sector | the sectors | sectors /;

export function detectLanguage(text: string, tokens: Token[]): Lang {
  if (hasDiacritics(text)) return "vi";
  const words = tokens.map((t) => t.folded).filter((w) => !/\d/.test(w));
  if (!words.length) return "vi";
  const en = words.filter((w) => ENGLISH.has(w)).length;
  return en >= 2 || (en >= 1 && words.length <= 3 && en / words.length >= 0.3) ? "en" : "vi";
}

function questionType(f: string, lang: Lang): QuestionType {
  if (lang === "en") {
    if (/ who | whom | whose /.test(f)) return "who";
    if (/ what (?:position|office|role|title|job) /.test(f)) return "role";
    if (/ how (?:many|much) | what (?:was|is|were) the (?:rate|share|value|number|amount|figure|growth|total|size|length)| what (?:percentage|share|proportion|portion|part|fraction|rate|level|amount|number) | how (?:fast|big|large|long) | rate /.test(f)) return "quantity";
    if (/ which /.test(f)) return "which";
    if (/ what | how /.test(f)) return "what";
    return "unknown";
  }
  // "khi nào", "bao lâu", "hạn nào": a deadline, said by a sentence
  if (/ (?:khi nao|bao gio|bao lau|luc nao|thoi han|han chot) /.test(f) && !/ bao nhieu /.test(f)) return "what";
  if (/ bao nhieu | may (?!bay)| so luong | bao xa | phan tram | % | ti le .* (?:la|dat) | thu may | hang may /.test(f) || /^ (?:may|so (?!voi|sanh)) /.test(f)) return "quantity";
  if (/ chuc vu | chuc danh | giu chuc | cuong vi | vai tro gi | lam gi o /.test(f)) return "role";
  // ("bộ trưởng nào có mặt": a person; "bộ nào": a ministry, below)
  if (/ (?:la )?ai | nguoi nao | vi nao | ho ten | ten (?:la )?gi |^ nguoi (?:dan dau|dung dau|chu tri)| (?:bo truong|thu truong|pho thu tuong|lanh dao|dong chi|chu tich|pho chu tich|bi thu) nao /.test(f)) return "who";
  if (/ nhung .* nao | cac .* nao | (?:nganh|linh vuc|huyen|xa|du an|tuyen|noi dung|van de|cao nguyen|bo) nao /.test(f)) return "which";
  if (/ the nao | ra sao | nhu the nao | ntn | lam sao /.test(f)) return "how";
  if (/ gi | nao | nhung /.test(f)) return "what";
  if (/ (?:co|da) .* (?:khong|chua) $/.test(f)) return "yesno";
  return "unknown";
}

// "trong đó …", "riêng …": a part of what was just answered
// "dịch vụ thì sao?", "còn …?", "tổng cộng bao nhiêu?": leans on the question before
const FOLLOW_STRONG = /^ (?:(?:the|vay|con|va|ok|oke|uh|u) )*(?:con(?! so )|the con|vay con|con ve|chuyen (?:qua|sang)|trong do|rieng|and what about|what about|how about|and for|and in|of which) | thi sao $| thi the nao $| (?:may|bao nhieu) cai | cai (?:do|nay|kia) |^ (?:tong cong|tat ca|ca hai|tinh chung|in total|altogether|both) /;
// "thế dịch vụ?", "vậy quý I?": a few words after "thế" / "vậy", asking nothing else, lean on the question before
const SHORT_THE = /^ (?:the|vay) (?!nao |sao |thi )(?:\S+ ){1,4}$/;
const FOLLOW_WEAK = /^ (?:the|vay|va|and|ok|oke|thế) | the nao $| ra sao $/;

const GREETING = /^ (?:xin )?chao(?: ban| bot| ad| admin| anh| chi| em)?(?: a| nhe| nha)? $|^ (?:hello|hi|hey|alo|good (?:morning|afternoon|evening))(?: bot| there)? $/;
const THANKS = /^ (?:(?:cam|cám) on|thanks?|thank you|tks|thx|ok cam on|cam on ban|cam on bot)\b/;
const CHITCHAT = / (?:ke chuyen|chuyen cuoi|ban la ai|ban ten (?:la )?gi|ban khoe khong|khoe khong|tell me a joke|how are you|who are you|your name|hat (?:mot )?bai|lam tho) /;

export function parseQuestion(input: string, lex: Lexicon): Query {
  // a "%" on its own ("mấy % GRDP") is a word; one written on a number stays with it ("24,4%")
  let text = input.normalize("NFC").slice(0, 4000).replace(/(?<!\d)%/g, " phan tram ");
  // (written without tones when the question has none, so that it reads as typed)
  const typedToned = hasDiacritics(text.replace(/[đĐ]/g, "d"));
  for (const [re, full] of JOINED_ABBREVIATIONS) text = text.replace(re, typedToned ? full : fold(full));
  let raw = tokenize(text);
  const tooLong = raw.length > 200;
  if (tooLong) raw = raw.slice(0, 200);
  const lang = detectLanguage(text, raw);

  // Abbreviations (only when typed without tones: "bộ" must stay itself), then typos.
  const tokens: Token[] = [];
  const unknown: string[] = [];
  let corrections = 0;
  for (const t of raw) {
    const full = ABBR.get(t.folded);
    if (full && !hasDiacritics(t.raw.replace(/[đĐ]/g, "d"))) {
      for (const x of tokenize(full)) tokens.push({ ...x, start: t.start });
      continue;
    }
    // typed in lower case ("bg") or as capitals ("QN"), never a word that can be a syllable ("ha")
    const asInitials = (t.raw === t.raw.toLowerCase() || /^\p{Lu}{2,3}$/u.test(t.raw)) && !isVietnameseSyllable(t.folded);
    const shortProvince = asInitials ? PROVINCE_SHORT.get(t.folded) ?? lex.provinceInitials?.get(t.folded) : undefined;
    if (shortProvince) {
      for (const x of tokenize(shortProvince)) tokens.push({ ...x, start: t.start });
      continue;
    }
    // Only a word that cannot be a Vietnamese syllable is a typo ("tăg", "rừg"); "chức" is a word the reports may just not use.
    if (lang === "vi" && !/^\p{Lu}/u.test(t.raw) && !/\d/.test(t.folded) && !lex.typos.has(t.folded) && !isVietnameseSyllable(t.folded) && !QUESTION_WORDS.folded.has(t.folded) && !FUNCTION_WORDS.folded.has(t.folded)) {
      const fix = corrections < 12 ? lex.typos.correct(t.folded) : null;
      if (fix) {
        corrections++;
        tokens.push({ ...t, folded: fix, toned: fix });
        continue;
      }
    }
    tokens.push(t);
  }
  // "giai đoạn 2021 - 2025": the dash between two years makes one span (tokens drop it)
  for (let i = tokens.length - 2; i >= 0; i--) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (/^(?:19|20)\d{2}$/.test(a.folded) && /^(?:19|20)\d{2}$/.test(b.folded) && /^\s*[-–—]\s*$/.test(text.slice(a.start + a.raw.length, b.start))) tokens.splice(i + 1, 0, { raw: "-", folded: "-", toned: "-", start: a.start + a.raw.length });
  }
  const normalized = ` ${tokens.map((t) => t.folded).join(" ")} `;

  const intent = intentOf(normalized);
  // Periods, with the words they take.
  const periods = findPeriods(normalized.trim());
  let period = periods.filter((p) => p.role === "period").flatMap((p) => p.atoms);
  // "Cùng kỳ năm 2022, GRDP 9 tháng tăng bao nhiêu?": not the base of a comparison ("so với cùng kỳ
  // năm 2022") but the year of the months asked
  // (`normalized` is the trimmed text with a space either side: the spans' offsets are one less)
  const sameMonthsOf = periods.find((p) => {
    const before = normalized.slice(0, p.start + 1);
    return p.role === "comparison" && / cung ki (?:nam )?$/.test(before) && !/ so (?:voi )?cung ki (?:nam )?$/.test(before);
  });
  const sameYear = sameMonthsOf?.atoms.length === 1 ? /^y(\d{4})$/.exec(sameMonthsOf.atoms[0]!)?.[1] : undefined;
  if (sameYear && period.length && period.every((a) => /-0$/.test(a))) period = period.map((a) => a.replace(/-0$/, `-${sameYear}`));
  // (with no months named, the months the report or the conversation is about: resolved by the engine)
  const sameMonthsYear = sameYear && !period.length ? Number(sameYear) : undefined;
  const taken = new Array<boolean>(tokens.length).fill(false);
  const offsets: number[] = [];
  {
    let at = 1;
    for (const t of tokens) {
      offsets.push(at);
      at += t.folded.length + 1;
    }
  }
  for (const p of periods) tokens.forEach((_t, i) => offsets[i]! - 1 >= p.start && offsets[i]! - 1 < p.end && (taken[i] = true));

  const qtype = questionType(normalized, lang);

  // Provinces and people named.
  const provinces: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const p of PROVINCES_BY_FIRST.get(tokens[i]!.folded) ?? []) {
      if (i + p.words.length > tokens.length) continue;
      if (p.words.every((w, k) => tokens[i + k]!.folded === w)) {
        // typed with tones, the tones must agree ("diễn biến" is not "Điện Biên")
        const typed = tokens.slice(i, i + p.words.length);
        const name = tokenize(p.name);
        if (typed.some((t, k) => t.toned !== t.folded && t.toned !== name[k]!.toned)) continue;
        // "1 ha năm 2024" is a hectare, not Hà Nam
        if (i > 0 && /\d/.test(tokens[i - 1]!.folded) && /^(?:ha|km|m)$/.test(p.words[0]!)) continue;
        if (!provinces.includes(p.name)) provinces.push(p.name);
        for (let k = 0; k < p.words.length; k++) taken[i + k] = true;
        break;
      }
    }
  }
  const names: string[] = [];
  const nameStarts = firstWordsOf(lex.names);
  for (let i = 0; i < tokens.length; i++) {
    // only a word that starts somebody's name can start one
    if (!nameStarts.has(tokens[i]!.folded)) continue;
    for (let len = 4; len >= 2; len--) {
      if (i + len > tokens.length) continue;
      const key = tokens.slice(i, i + len).map((t) => t.folded).join(" ");
      if (lex.names.has(key)) {
        names.push(key);
        i += len - 1;
        break;
      }
    }
  }

  // An exclusion opens the question or a clause of it: "không hỏi tỷ trọng", "…, không phải tỷ trọng", "Ngoài cao tốc, …".
  const withCommas = ` ${fold(text)
    .toLowerCase()
    .replace(/[^a-z0-9%,;.?]+/g, " ")
    .replace(/([,;.?])/g, " $1 ")
    .replace(/(?<![a-z])([bcdghklmnprstvx]+)y(?![a-z])/g, "$1i")
    .replace(/\s+/g, " ")
    .trim()} `;
  const exclusionAt = /(?:^ |[,;.?] |^ (?:chi )?hoi \S+ )(khong phai|khong hoi|khong can|ngoai|tru|not|except|other than|excluding) (.+?)(?= [,;.?] | ma | chi | cua | ve | o | of | for |$)/.exec(withCommas);
  const excludedText = exclusionAt ? ` ${exclusionAt[2]!.trim()} ` : "";
  const exclusion = exclusionAt;

  // Phrases: thesaurus groups first (longest), then single words.
  const units: Unit[] = [];
  const excludedUnits: Unit[] = [];
  const inExclusion = (i: number) => !!exclusion && excludedText.includes(` ${tokens[i]!.folded} `);
  // "các ngành", "từng lĩnh vực", "ngành nào": ask for every part, they are not what it is about.
  {
    const cue = /^(?:nganh|linh vuc|khu vuc|sector|sectors)$/;
    for (let i = 0; i < tokens.length; i++) if (cue.test(tokens[i]!.folded) && ENUMERATE.test(normalized)) taken[i] = true;
  }
  // "so với cùng kỳ năm ngoái", "gấp mấy lần năm trước": the base of a comparison, not a measure
  for (let i = 1; i + 1 < tokens.length; i++) {
    if (tokens[i]!.folded !== "nam" || !/^(?:ngoai|truoc)$/.test(tokens[i + 1]!.folded)) continue;
    if (/^(?:ki|voi|lan|hon|cung)$/.test(tokens[i - 1]!.folded)) taken[i] = taken[i + 1] = true;
  }
  // "ông ấy giữ chức vụ gì", "bộ trưởng bộ đó là ai": a pointer back, not a word about the report
  let pointsBack = false;
  for (let i = 1; i < tokens.length; i++) {
    if (!/^(?:ay|nay|do|kia)$/.test(tokens[i]!.folded) || !/^(?:ong|ba|anh|chi|vi|nguoi|bo|nganh|tinh|du an|an|chuong trinh|trinh|linh vuc|vuc|nam|ki|quy|thang)$/.test(tokens[i - 1]!.folded)) continue;
    // "năm đó", "kỳ ấy": the period of the question before ("năm nay" is this year, not a pointer)
    if (/^(?:nam|ki|quy|thang)$/.test(tokens[i - 1]!.folded) && (tokens[i]!.folded === "nay" || (tokens[i]!.toned !== tokens[i]!.folded && !/^(?:đó|ấy|kia)$/.test(tokens[i]!.toned)))) continue;
    if (/^(?:nam|ki|quy|thang)$/.test(tokens[i - 1]!.folded)) taken[i - 1] = true;
    // ("tỉnh này" as typed with tones only: "nay" untoned is also "nay" of "hiện nay")
    if (tokens[i]!.folded === "nay" && tokens[i]!.toned !== "này" && tokens[i]!.toned !== "nay") continue;
    taken[i] = true;
    if (/^(?:ong|ba|anh|chi|vi|nguoi)$/.test(tokens[i - 1]!.folded)) taken[i - 1] = true;
    pointsBack = true;
  }
  // "ông ấy góp ý gì": what someone said is asked, "góp ý" is not a word of the report's
  for (let i = 0; i + 1 < tokens.length; i++) if (tokens[i]!.folded === "gop" && tokens[i + 1]!.folded === "y") taken[i] = taken[i + 1] = true;
  // "gấp mấy lần": "lần" asks for a ratio, it is not what the ratio is of
  for (let i = 1; i < tokens.length; i++) if (tokens[i]!.folded === "lan" && /^(?:may|nhieu)$/.test(tokens[i - 1]!.folded) && tokens.slice(Math.max(0, i - 3), i).some((t) => t.folded === "gap")) taken[i] = true;
  // "giữ chức vụ gì?", "chức danh là gì": the words of a role question ask, they are not asked about
  if (qtype === "role") {
    for (let i = 0; i + 1 < tokens.length; i++) {
      const pair = `${tokens[i]!.folded} ${tokens[i + 1]!.folded}`;
      if (!/^(?:chuc vu|chuc danh|cuong vi|vai tro)$/.test(pair)) continue;
      taken[i] = taken[i + 1] = true;
      if (i > 0 && /^(?:giu|dam nhan|dam nhiem)$/.test(tokens[i - 1]!.folded)) taken[i - 1] = true;
    }
  }
  const hardTokens = new Set<number>();
  const tonedText = hasDiacritics(text);
  // Matched over the words left once periods and provinces are set aside ("chairman of the Quang Nam provincial people's committee").
  const seq = tokens.map((_t, i) => i).filter((i) => !taken[i]);
  for (let k = 0; k < seq.length; k++) {
    const i = seq[k]!;
    const t = tokens[i]!;
    const candidates = PHRASES.get(t.folded) ?? [];
    let matched: Phrase | undefined;
    for (const p of candidates) {
      if (k + p.words.length > seq.length) continue;
      if (p.words.every((w, m) => tokens[seq[k + m]!]!.folded === w)) {
        matched = p;
        break;
      }
    }
    if (matched) {
      const slice = seq.slice(k, k + matched.words.length).map((x) => tokens[x]!);
      const unit: Unit = { text: slice.map((x) => x.raw).join(" "), alts: GROUPS[matched.group]!, toned: tonedText ? ` ${slice.map((x) => x.toned).join(" ")} ` : undefined, at: k, len: matched.words.length };
      unit.group = true;
      if (NAME_GROUPS.has(matched.group)) for (let m = 0; m < matched.words.length; m++) hardTokens.add(seq[k + m]!);
      if (SOFT.has(matched.group)) unit.soft = true;
      (inExclusion(i) ? excludedUnits : units).push(unit);
      k += matched.words.length - 1;
      continue;
    }
    if (/\d/.test(t.folded) || QUESTION_WORDS.has(t) || t.folded.length < 2) continue;
    if (FUNCTION_WORDS.has(t) && t.toned !== t.folded) continue;
    // Typed without tones, "chu" may be "chủ" (tịch) as well as "chứ": it helps, but is never required.
    // A verb of value ("đạt", "cao") helps too, and may form a phrase with its neighbour ("cao nguyên").
    const functionWord = FUNCTION_WORDS.has(t);
    const valueVerb = VALUE_VERBS.has(t, tonedText);
    const unit: Unit = {
      text: t.raw,
      alts: [` ${t.folded} `],
      toned: tonedText ? ` ${t.toned} ` : undefined,
      at: k,
      len: 1,
      ...(functionWord ? { soft: true, group: true } : valueVerb ? { soft: true } : {}),
    };
    (inExclusion(i) ? excludedUnits : units).push(unit);
    if (!lex.typos.has(t.folded) && lang !== "en" && !unit.soft) unknown.push(t.raw);
  }
  // A province named picks the session, and still says something ("đoạn qua Lâm Đồng" against "qua Đồng Nai"): a soft phrase.
  for (const p of provinces) units.push({ text: p, alts: [` ${tokenize(p).map((t) => t.folded).join(" ")} `], soft: true, group: true });
  // Adjacent single words form a phrase too ("kiểu mẫu" is more than "kiểu" and "mẫu"); a phrase said twice counts once.
  const seen = new Set<string>();
  const merged = mergeAdjacent(units).filter((u) => {
    const key = u.alts.join("|") + (u.toned ?? "");
    return seen.has(key) ? false : (seen.add(key), true);
  });
  // "công nghiệp và dịch vụ": two things asked at once
  const conjuncts: Unit[][] = [];
  const conjunctTails: Unit[][] = [];
  for (let k = 0; k + 1 < merged.length; k++) {
    const a = merged[k]!;
    const b = merged[k + 1]!;
    if (a.soft || a.at === undefined || b.at === undefined) continue;
    const between = seq.slice(a.at + (a.len ?? 1), b.at).map((i) => tokens[i]!.folded);
    if (between.length === 1 && (between[0] === "va" || between[0] === "and" || between[0] === "hoac" || between[0] === "or")) {
      // "thu nội địa và thu từ xuất nhập khẩu": the second member goes on past its first phrase
      // (whose first word may be a weak one, "thu")
      const tail: Unit[] = [];
      let prev = b;
      for (let j = k + 2; j < merged.length; j++) {
        const c = merged[j]!;
        if (c.soft || c.at === undefined || prev.at === undefined) break;
        const gap = seq.slice(prev.at + (prev.len ?? 1), c.at).map((i) => tokens[i]!.folded);
        if (!gap.every((w) => w === "tu" || w === "from")) break;
        tail.push(c);
        prev = c;
      }
      if (b.soft && !tail.length) continue;
      conjuncts.push([a, b]);
      conjunctTails.push(tail);
    }
  }

  // The kind of figure, read from the words that are not names of things ("Bộ Kế hoạch và Đầu tư" is not a plan).
  const cues = ` ${tokens.filter((_t, i) => !hardTokens.has(i)).map((t) => t.folded).join(" ")} `;
  let kind: KindWanted | undefined;
  for (const [k, re] of KIND_PATTERNS) if (re.test(cues)) {
    kind = k;
    break;
  }
  // "chỉ hỏi mức tăng, không phải tỷ trọng": what is excluded does not count as asked.
  const excludedKinds: KindWanted[] = [];
  if (exclusion) {
    for (const [k, re] of KIND_PATTERNS) if (re.test(excludedText)) excludedKinds.push(k);
    if (kind && excludedKinds.includes(kind)) {
      const rest = cues.replace(excludedText, " ");
      kind = KIND_PATTERNS.find(([k, re]) => !excludedKinds.includes(k) && re.test(rest))?.[0];
    }
  }
  if (/ con (?:lai )?bao nhieu | xuong con | con lai /.test(cues) && kind === "growth" && !/ tang | giam /.test(cues.replace(/ xuong con /, " "))) kind = "level";
  // "Kế hoạch tăng trưởng năm 2025 là bao nhiêu?": the planned figure itself, not a percentage of a plan
  // (that is "đạt bao nhiêu % kế hoạch", "so với kế hoạch", "vượt kế hoạch")
  const planItself = kind === "percent_of_plan" && / ke hoach (?:tang truong|thu|chi|xuat|nhap|giai ngan|von|san luong|grdp|dau tu|nam) /.test(cues) && !/ (?:%|phan tram|dat|bang|so voi|vuot|hoan thanh|of) (?:\S+ )?ke hoach /.test(cues);
  if (planItself) kind = / ke hoach tang truong /.test(cues) ? "growth" : undefined;

  const unitWanted = unitOf(normalized, qtype, kind, new Set(merged.flatMap((u) => u.alts)));
  // "vượt kế hoạch bao nhiêu chỉ tiêu": a count of targets, not a percentage of plan
  if (Array.isArray(unitWanted) && (kind === "percent_of_plan" || kind === "change_same_period")) kind = undefined;
  // "gấp mấy lần cùng kỳ": a ratio to the base, whatever kind the base words suggest
  if (unitWanted === "times") kind = undefined;

  // "Trưởng đoàn sẽ làm gì với các kiến nghị": what the delegation does with the petitions is their outcome.
  const direction = directionOf(normalized);
  let wanted = statementWanted(normalized);
  if (wanted === "request" && direction === "central_to_province" && / (?:lam gi|xu li|the nao|ra sao) /.test(normalized)) wanted = "outcome";

  const numbers = tokens
    .filter((t, i) => !taken[i] && /^\d/.test(t.raw) && !/^(?:19|20)\d{2}$/.test(t.raw))
    .map((t) => Number(t.raw.replace(/%$/, "").replace(/\.(?=\d{3})/g, "").replace(",", ".")))
    .filter((n) => Number.isFinite(n));

  return {
    text,
    lang,
    normalized,
    qtype,
    units: merged,
    period,
    kind,
    excludedKinds,
    excludedUnits,
    target: planItself || / muc tieu | phan dau | chi tieu (?:nam|de ra) | target | aim | goal | yeu cau .*(?:tang|dat) | giao chi tieu /.test(normalized),
    unitWanted,
    superlative: SUPER_MAX.test(normalized) ? "max" : SUPER_MIN.test(normalized) ? "min" : undefined,
    enumerate: ENUMERATE.test(normalized),
    compare: / so sanh | compare | versus | vs /.test(normalized),
    // "theo số liệu của tỉnh": the province's own count, not a ministry's or an association's
    ownSource: / (?:theo )?(?:so lieu|bao cao|thong ke) (?:cua )?tinh | theo tinh | tinh bao cao | province s (?:own )?(?:figures|data|report) /.test(normalized),
    total: / (?:tong cong|tat ca|tong so|ca hai|tinh chung|in total|altogether|the total) /.test(normalized),
    followUp: FOLLOW_STRONG.test(normalized) || SHORT_THE.test(normalized) || pointsBack ? "strong" : FOLLOW_WEAK.test(normalized) ? "weak" : "none",
    ...(pointsBack ? { pointsBack } : {}),
    ...(sameMonthsYear ? { sameMonthsYear } : {}),
    // (not the base of a comparison: "so với cùng kỳ năm ngoái", "cao hơn năm trước")
    ...(/(?:^| )(?:cung ki )?nam (?:ngoai|truoc)(?: |$)/.test(normalized) && !/ (?:so voi|so|hon|gap|voi)(?: cung ki)? nam (?:ngoai|truoc) /.test(normalized) ? { yearBefore: true } : {}),
    intent,
    statementWanted: wanted,
    direction,
    provinces,
    names,
    numbers,
    parts: splitParts(text),
    conjuncts,
    conjunctTails,
    unknown,
    tooLong,
  };
}

const nameStartsCache = new WeakMap<Set<string>, Set<string>>();

/** The first words of the names a lexicon knows. */
function firstWordsOf(names: Set<string>): Set<string> {
  let starts = nameStartsCache.get(names);
  if (!starts) {
    starts = new Set([...names].map((n) => n.split(" ")[0]!));
    nameStartsCache.set(names, starts);
  }
  return starts;
}

function mergeAdjacent(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < units.length; i++) {
    const run = [units[i]!];
    while (i + 1 < units.length && !units[i]!.group && !units[i + 1]!.group && units[i + 1]!.at === run[run.length - 1]!.at! + 1 && run.length < 4) run.push(units[++i]!);
    if (run.length === 1) out.push(run[0]!);
    else
      out.push({
        text: run.map((u) => u.text).join(" "),
        alts: [` ${run.map((u) => u.alts[0]!.trim()).join(" ")} `],
        toned: run.some((u) => u.toned) ? ` ${run.map((u) => (u.toned ?? u.alts[0]!).trim()).join(" ")} ` : undefined,
        pieces: run,
        ...(run.every((u) => u.soft) ? { soft: true } : {}),
        at: run[0]!.at,
        len: run.length,
      });
  }
  return out;
}

function unitOf(f: string, qtype: QuestionType, kind: KindWanted | undefined, phrases: Set<string>): Query["unitWanted"] {
  if (/ (?:bao nhieu|may) (?:phan tram|%)| bao nhieu ?% | phan tram | what percentage | percent /.test(f)) return "%";
  if (/ bao nhieu tien | bao nhieu (?:ti|trieu|nghin ti) dong | how much money | kinh phi /.test(f)) return "money";
  // "tổng vốn FDI … là bao nhiêu": an amount, not the count of projects beside it
  if ((!kind || kind === "level") && qtype === "quantity" && / (?:tong|so) von | total capital | how much capital /.test(f)) return "money";
  // "tỷ lệ bao nhiêu?": a percentage
  if (/ ti le (?:la )?(?:bao nhieu|may|the nao) /.test(f)) return "%";
  if (kind === "rank") return undefined;
  // "gấp mấy lần năm 2020": a ratio, written "gấp 1,42 lần"
  if (/ gap (?:bao nhieu|may|khoang) lan | (?:bao nhieu|may) lan so voi | how many times /.test(f)) return "times";
  if (/ dien tich | bao nhieu ha | may ha | how many hectares | area /.test(f)) return "area";
  if (/ chieu dai | do dai | (?<!uu |tiep |doi )dai (?:bao nhieu|may|khoang) | bao nhieu km | may km | how long | how many kilomet/.test(f)) return "length";
  // ("số" counts, but "chỉ số sản xuất", "hệ số", "tỷ số" are measures, not a count of "sản")
  const m = / (?:bao nhieu|may|how many|so luong|(?<!chi |he |ti |ky |ma |diem )so) ([a-z]+(?: [a-z]+){0,2}) /.exec(f);
  if (!m || qtype !== "quantity") return undefined;
  const words = m[1]!.split(" ");
  const stop = ["la", "dat", "duoc", "the", "vay", "a", "nhi", "nhe", "cai", "con", "lan", "muc", "phan", "tang", "giam", "ti", "trieu", "nghin", "of", "was", "were", "did", "is", "are", "tien", "nam", "thang", "quy", "nguoi dan", "lieu"];
  // the noun and the other ways the genre writes it ("communes" → "xã", "chỉ tiêu")
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    const phrase = ` ${words.slice(0, n).join(" ")} `;
    const g = GROUPS.findIndex((x) => x.includes(phrase));
    if (g >= 0 && !SOFT.has(g)) return GROUPS[g];
  }
  if (stop.includes(words[0]!) || FUNCTION_WORDS.folded.has(words[0]!) || QUESTION_WORDS.folded.has(words[0]!) || VALUE_VERBS.folded.has(words[0]!)) return undefined;
  // a noun of two or three syllables the question has as one phrase ("đối tượng", "lượt khách")
  for (let n = Math.min(3, words.length); n >= 2; n--) {
    const phrase = ` ${words.slice(0, n).join(" ")} `;
    if (phrases.has(phrase)) return [phrase];
  }
  return [` ${words[0]} `];
}

function intentOf(f: string): Intent | undefined {
  const bare = f.replace(/ (?:a|nhe|nha|nhe ban|ban oi|bot oi|ad|nhe bot|bot|\p{Extended_Pictographic}+) (?= |$)/gu, " ");
  if (GREETING.test(bare)) return "greeting";
  if (THANKS.test(bare) && bare.trim().split(" ").length <= 6) return "thanks";
  if (CHITCHAT.test(f)) return "chitchat";
  if (/ (?:tom tat|tom luoc|tong quan|noi dung chinh|y chinh|diem chinh|summary|summarise|summarize|overview)\b/.test(f)) return "summary";
  if (/ (?:nhung ai|ai (?:da )?(?:tham )?du|thanh phan|ai co mat|nhung nguoi nao|who attended|who took part|participants|attendees)\b/.test(f)) return "participants";
  if (/ bao cao (?:nay )?(?:noi|viet|de cap) (?:ve )?(?:gi|nhung gi)| buoi lam viec (?:nay )?(?:ve|ban ve) (?:gi|van de gi)| what is (?:the|this) report about | what (?:was|is) the (?:meeting|session) about /.test(f)) return "about";
  if (/^ (?:help|huong dan|tro giup|ban lam duoc gi|ban giup duoc gi|what can you do) $/.test(f)) return "help";
  return undefined;
}

function statementWanted(f: string): StatementWanted | undefined {
  if (/ (?:kho khan|vuong mac|han che|ton tai|bat cap|thach thuc|diem nghen|yeu kem|difficult|challenge|obstacle|bottleneck|weakness|limitation|problem)/.test(f)) return "difficulty";
  if (/ (?:danh gia cao|bieu duong|khen|lam tot|lam rat tot|thanh tich|diem sang|praise|commend|did well|done well|appreciat)/.test(f)) return "assessment";
  if (/ (?:tra loi|giai dap|phan hoi|xu li|giai quyet|bang van ban|tiep thu|answer|repl|respond|handled|in writing)/.test(f)) return "outcome";
  if (/ (?:nhiem vu|giai phap|thoi gian toi|sap toi|can lam|phai lam|giao (?:viec|nhiem vu)|chi dao|luu y|task|next step|should|must)/.test(f)) return "task";
  if (/ (?:kien nghi|de xuat|de nghi|mong muon|xin|petition|request|propos|recommend|ask(?:ed)? for)/.test(f)) return "request";
  if (/ (?:tinh hinh|situation|overall)/.test(f)) return "situation";
  return undefined;
}

/** "tỉnh đề nghị gì với chính phủ" asks what the province asked; "chính phủ đề nghị gì với tỉnh" the reverse. */
function directionOf(f: string): Query["direction"] {
  // "kiến nghị … được Thủ tướng giao cho ai": the assignment says who acts, the petition is only the topic
  const verb = / (?:giao|assigned|tasked) /.exec(f) ?? / (?:de nghi|kien nghi|yeu cau|mong muon|de xuat|asked|requested|proposed|wants?|wanted) /.exec(f);
  if (!verb) return undefined;
  const before = f.slice(0, verb.index + 1);
  const after = f.slice(verb.index);
  const central = / (?:chinh phu|thu tuong|truong doan|doan cong tac|bo truong|trung uong|government|prime minister|delegation|minister|pm) /;
  const province = / (?:tinh|ubnd|lanh dao tinh|dia phuong|province|provincial) /;
  const c = central.exec(before);
  const p = province.exec(before);
  if (c && (!p || c.index > p.index)) return "central_to_province";
  if (p && (!c || p.index > c.index)) return "province_to_central";
  if (central.test(after) && !province.test(after.slice(0, 30))) return "province_to_central";
  if (province.test(after)) return "central_to_province";
  return undefined;
}

/** "X bao nhiêu, Y bao nhiêu?" / "… và xếp thứ mấy?": one question per question word. */
export function splitParts(text: string): string[] {
  const f = foldForMatch(text);
  const qwords = f.match(/\b(?:bao nhieu|bn|may|gi|nao|ai|the nao|ra sao|how many|how much|what|which|who)\b/g) ?? [];
  if (qwords.length < 2) return [];
  // (typed without tones too: "… dc bao nhieu va bang bn % du toan")
  const pieces = text.split(/\s*(?:,|;|\?|\s(?:và|va)\s(?!\p{Lu})(?=(?:[\p{L}\s]{0,30})(?:bao nhiêu|bao nhieu|mấy|may|gì|nào|nao|bn|xếp thứ|xep thu|đạt|dat|chiếm|chiem|tăng|tang|bằng|bang))|\s(?:and|, and)\s)\s*/u).map((s) => s.trim()).filter(Boolean);
  const asks = (p: string) => /\b(?:bao nhieu|bn|may|gi|nao|ai|the nao|ra sao|how many|how much|what|which|who|xep thu)\b/.test(foldForMatch(p));
  // a piece that asks nothing ("Ngoài cơ chế đặc thù") leads into the next one
  const parts: string[] = [];
  let lead = "";
  for (const p of pieces) {
    if (asks(p)) {
      parts.push(lead ? `${lead}, ${p}` : p);
      lead = "";
    } else lead = lead ? `${lead}, ${p}` : p;
  }
  if (lead && parts.length) parts[parts.length - 1] += `, ${lead}`;
  return parts.length >= 2 ? parts : [];
}
