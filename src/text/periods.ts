// Periods as reports and questions write them: "năm 2022", "4 tháng đầu năm 2023", "quý I/2023",
// "tháng 01/2025", "đến hết tháng 4/2023", "tính đến ngày 31/01/2025", "giai đoạn 2021-2025",
// "đến nay", and their English forms. One grammar serves the ingester (which period a figure
// belongs to) and the engine (which period a question asks about), so the two always agree.
//
// A period is a set of atoms:
//   y2022 year · m4-2023 first 4 months · l6-2022 last 6 months · q1-2023 quarter · mo1-2025 one
//   month · to-m4-2023 up to the end of a month · to-d2025-01-31 up to a date · to-y2024 up to
//   the end of a year · r2021-2025 a span of years · now "đến nay" · ytd-2023 "từ đầu năm 2023 đến nay".
// A year written nowhere near ("quý II", "cả năm") is open: its atom carries year 0 until the
// caller settles it from the context.
import { foldSameLength } from "./fold.js";

export type PeriodRole =
  /** The time a figure or question is about. */
  | "period"
  /** "so với cùng kỳ 2022", "cao hơn năm 2023": the base a change is measured against. */
  | "comparison"
  /** A calendar date that dates an event or a document ("Chiều 8/2/2025", "Thông báo … ngày 06/5/2022"). */
  | "date"
  /** "theo giá so sánh năm 2010": the base year of the prices, a part of what is measured. */
  | "price_base";

export interface PeriodSpan {
  /** Offsets in the text given (NFC), end exclusive. */
  start: number;
  end: number;
  atoms: string[];
  role: PeriodRole;
  /** The text of the span as written. */
  text: string;
}

const NUM_WORDS: Record<string, number> = {
  mot: 1, hai: 2, ba: 3, bon: 4, tu: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9, muoi: 10,
  "muoi mot": 11, "muoi hai": 12, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
};
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, "1": 1, "2": 2, "3": 3, "4": 4, mot: 1, hai: 2, ba: 3, bon: 4, tu: 4, first: 1, second: 2, third: 3, fourth: 4 };
const MONTHS_EN: Record<string, number> = { january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12 };

const count = (s: string | undefined): number | undefined => (s === undefined ? undefined : /^\d+$/.test(s) ? Number(s) : NUM_WORDS[s]);
const YEAR = "((?:19|20)\\d{2})";
const B = "(?<![\\p{L}\\d])"; // word start
const E = "(?![\\p{L}\\d])"; // word end
const NUMW = "(\\d{1,2}|muoi mot|muoi hai|mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi|one|two|three|four|five|six|seven|eight|nine|ten|eleven)";
const MONTH_EN = "(january|february|march|april|may|june|july|august|september|october|november|december)";

interface Rule {
  re: RegExp;
  make: (m: RegExpExecArray) => { atoms: string[]; role?: PeriodRole } | null;
}

const y = (s: string | undefined) => (s ? Number(s) : 0);

// Order matters: longer, more specific forms first; a span once taken is not matched again.
const RULES: Rule[] = [
  // "từ đầu năm 2023 đến nay", "since the start of the year": the year so far
  { re: new RegExp(`${B}(?:tu )?dau nam(?: ${YEAR})? (?:den|toi|cho den) nay${E}`, "gu"), make: (m) => ({ atoms: [`ytd-${y(m[1])}`] }) },
  { re: new RegExp(`${B}(?:since|from) the (?:beginning|start) of (?:the year|${YEAR})(?: (?:to|until) (?:date|now))?${E}|${B}year to date${E}`, "gu"), make: (m) => ({ atoms: [`ytd-${y(m[1])}`] }) },
  // dates: "tính đến ngày 31/01/2025" is a period (as of); any other d/m/y is an event date.
  {
    re: new RegExp(`${B}(?:tinh |cho )?den (?:het )?(?:ngay )?(\\d{1,2}) ?\\/ ?(\\d{1,2}) ?\\/ ?${YEAR}${E}`, "gu"),
    make: (m) => ({ atoms: [`to-d${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`] }),
  },
  { re: new RegExp(`${B}(?:ngay )?(\\d{1,2}) ?\\/ ?(\\d{1,2}) ?\\/ ?${YEAR}${E}`, "gu"), make: () => ({ atoms: [], role: "date" }) },
  // the same written out: "(tính) đến ngày 18 tháng 10 năm 2023" is as of; "ngày 18 tháng 10 năm 2023" dates an event
  {
    re: new RegExp(`${B}(?:tinh |cho )?den (?:het )?ngay (\\d{1,2}) thang (\\d{1,2}) nam ${YEAR}${E}`, "gu"),
    make: (m) => ({ atoms: [`to-d${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`] }),
  },
  { re: new RegExp(`${B}ngay (\\d{1,2}) thang (\\d{1,2}) nam ${YEAR}${E}`, "gu"), make: () => ({ atoms: [], role: "date" }) },
  // "theo giá so sánh năm 2010", "giá so sánh 2010": the prices' base year, not a period
  { re: new RegExp(`${B}gia (?:so sanh|co dinh)(?: nam)? ${YEAR}${E}`, "gu"), make: () => ({ atoms: [], role: "price_base" }) },
  // spans of years: "giai đoạn 2021-2025", "2021 – 2025"
  { re: new RegExp(`${B}(?:(?:giai doan|thoi ki|nhiem ki|tu nam|tu) )?${YEAR} ?(?:-|–|—|den|to) ?(?:nam )?${YEAR}${E}`, "gu"), make: (m) => ({ atoms: [`r${m[1]}-${m[2]}`] }) },
  // "đến hết năm 2024", "đến cuối năm 2024", "by the end of 2024"
  { re: new RegExp(`${B}(?:tinh )?den (?:het |cuoi )?nam ${YEAR}${E}`, "gu"), make: (m) => ({ atoms: [`to-y${m[1]}`] }) },
  { re: new RegExp(`${B}(?:bi |by |as of )?(?:the )?end of ${YEAR}${E}`, "gu"), make: (m) => ({ atoms: [`to-y${m[1]}`] }) },
  // "4 tháng đầu năm 2023", "9 tháng năm 2022", "6 tháng cuối năm", "first four months of 2023"
  {
    re: new RegExp(`${B}(?<!ngay )${NUMW} thang(?: (dau|cuoi))?(?: nam)?(?: ?${YEAR})?${E}(?! ?\\/)(?! \\d)`, "gu"),
    make: (m) => {
      const n = count(m[1]);
      if (!n || n > 12) return null;
      return { atoms: [`${m[2] === "cuoi" ? "l" : "m"}${n}-${y(m[3])}`] };
    },
  },
  // "nửa đầu năm 2024", "first half of 2024": the first six months
  { re: new RegExp(`${B}(?:nua (dau|cuoi)|(first|second) half)(?: (?:nam|of(?: the year)?))?(?: ?${YEAR})?${E}`, "gu"), make: (m) => ({ atoms: [`${m[1] === "cuoi" || m[2] === "second" ? "l" : "m"}6-${y(m[3])}`] }) },
  {
    re: new RegExp(`${B}(?:the )?(first|last) ${NUMW} months(?: of(?: the year)?)?(?: ${YEAR})?${E}`, "gu"),
    make: (m) => {
      const n = count(m[2]);
      return n ? { atoms: [`${m[1] === "last" ? "l" : "m"}${n}-${y(m[3])}`] } : null;
    },
  },
  { re: new RegExp(`${B}(?:the )?${NUMW} months(?: of)?(?: ${YEAR})?${E}`, "gu"), make: (m) => (count(m[1]) ? { atoms: [`m${count(m[1])}-${y(m[2])}`] } : null) },
  // "quý I/2023", "quý 1 năm 2023", "quý IV", "first quarter of 2023"
  {
    re: new RegExp(`${B}qu[yi] (iv|iii|ii|i|[1-4]|mot|hai|ba|bon|tu)${E}(?: ?\\/ ?${YEAR}| (?:nam )?${YEAR})?${E}`, "gu"),
    make: (m) => ({ atoms: [`q${ROMAN[m[1]!]}-${y(m[2] ?? m[3])}`] }),
  },
  { re: new RegExp(`${B}q([1-4])(?: ?\\/ ?| nam | )?(?:${YEAR})?${E}`, "gu"), make: (m) => ({ atoms: [`q${m[1]}-${y(m[2])}`] }) },
  { re: new RegExp(`${B}(?:the )?(first|second|third|fourth) quarter(?: of)?(?: ${YEAR})?${E}`, "gu"), make: (m) => ({ atoms: [`q${ROMAN[m[1]!]}-${y(m[2])}`] }) },
  // "đến hết tháng 4/2023", "tính đến tháng 9/2022", then a single month "tháng 01/2025"
  {
    re: new RegExp(`${B}(?:tinh |cho )?den (?:het |cuoi )?thang (\\d{1,2})(?: ?\\/ ?${YEAR}| nam ${YEAR})?${E}`, "gu"),
    make: (m) => (Number(m[1]) >= 1 && Number(m[1]) <= 12 ? { atoms: [`to-m${Number(m[1])}-${y(m[2] ?? m[3])}`] } : null),
  },
  {
    re: new RegExp(`${B}(?:(?:het|cuoi) )?thang (\\d{1,2})(?: ?\\/ ?${YEAR}| nam ${YEAR})?${E}`, "gu"),
    make: (m) => (Number(m[1]) >= 1 && Number(m[1]) <= 12 ? { atoms: [`mo${Number(m[1])}-${y(m[2] ?? m[3])}`] } : null),
  },
  { re: new RegExp(`${B}(?:(?:bi|by|as of|until|at) )?(?:the )?end of ${MONTH_EN}(?: ${YEAR})?${E}`, "gu"), make: (m) => ({ atoms: [`to-m${MONTHS_EN[m[1]!]}-${y(m[2])}`] }) },
  { re: new RegExp(`${B}(?:in )?${MONTH_EN} ${YEAR}${E}`, "gu"), make: (m) => ({ atoms: [`mo${MONTHS_EN[m[1]!]}-${m[2]}`] }) },
  // a year: "năm 2022", "cả năm 2022", "2022"
  { re: new RegExp(`${B}(?:(?:ca |trong |suot |cuoi |dau )?nam |in |for |of )?${YEAR}${E}(?! ?\\/)`, "gu"), make: (m) => ({ atoms: [`y${m[1]}`] }) },
  // a year left open: "cả năm", "trong năm", "the whole year"
  { re: new RegExp(`${B}(?:ca nam|trong nam|the whole year|full year|whole year)${E}(?! \\d)`, "gu"), make: () => ({ atoms: ["y0"] }) },
  // "đến nay", "hiện nay", "lũy kế đến nay"
  { re: new RegExp(`${B}(?:luy ke )?(?:den nay|hien nay|den thoi diem nay|to date|so far)${E}`, "gu"), make: () => ({ atoms: ["now"] }) },
];

// What makes a period a comparison base: it follows one of these (folded, at the end of the text before it).
const COMPARISON_BEFORE = /(?:so (?:voi )?|(?:nhieu|cao|thap|it|lon|nho|hon|kem|vuot) hon |gap (?:\S+ )?lan |compared (?:with|to) |than |over |versus |vs )(?:(?:cung|the same) (?:ki|period)(?: (?:of|in))? )?(?:nam |ki |quy |thang )?$|(?:^|[\s(])cung (?:ki|thoi diem|thang) (?:nam )?$/;

/** Every period, comparison base and date in `text` (NFC), in order of position. */
export function findPeriods(text: string): PeriodSpan[] {
  const folded = foldSameLength(text);
  const taken: PeriodSpan[] = [];
  const free = (s: number, e: number) => taken.every((t) => e <= t.start || s >= t.end);
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (const m of folded.matchAll(rule.re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (!free(start, end)) continue;
      const made = rule.make(m as RegExpExecArray);
      if (!made) continue;
      let role: PeriodRole = made.role ?? "period";
      if (role === "period" && COMPARISON_BEFORE.test(folded.slice(Math.max(0, start - 30), start))) role = "comparison";
      taken.push({ start, end, atoms: made.atoms, role, text: text.slice(start, end) });
    }
  }
  taken.sort((a, b) => a.start - b.start);
  return joinCompounds(text, folded, taken);
}

/** "năm 2022 và 4 tháng đầu năm 2023": two periods joined by "và" are one period of the report. */
function joinCompounds(text: string, folded: string, spans: PeriodSpan[]): PeriodSpan[] {
  const out: PeriodSpan[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    if (prev && prev.role === "period" && s.role === "period" && /^ *(?:va|and|,) *$/.test(folded.slice(prev.end, s.start)) && !s.atoms.includes("now") && !prev.atoms.includes("now")) {
      prev.atoms = [...prev.atoms, ...s.atoms];
      prev.end = s.end;
      prev.text = text.slice(prev.start, prev.end);
    } else out.push({ ...s });
  }
  return out;
}

export function yearOf(atom: string): number | undefined {
  if (atom === "now") return undefined;
  if (atom.startsWith("r")) return Number(atom.slice(1, 5));
  if (atom.startsWith("to-d")) return Number(atom.slice(4, 8));
  const m = /(\d{4})$/.exec(atom);
  return m ? Number(m[1]) : undefined;
}

/** Every year a period touches. */
export function yearsOf(atoms: string[]): number[] {
  const out = new Set<number>();
  for (const a of atoms) {
    if (a.startsWith("r")) {
      for (let yy = Number(a.slice(1, 5)); yy <= Number(a.slice(6, 10)); yy++) out.add(yy);
    } else {
      const yy = yearOf(a);
      if (yy) out.add(yy);
    }
  }
  return [...out].sort();
}

export function isOpen(atom: string): boolean {
  return /-0$/.test(atom) || atom === "y0";
}

/** Settles open years ("quý II", "cả năm") to `year`. */
export function settleYear(atoms: string[], year: number): string[] {
  return atoms.map((a) => (a === "y0" ? `y${year}` : a.replace(/-0$/, `-${year}`)));
}

const ROMAN_OUT = ["", "I", "II", "III", "IV"];

/** A period's name for people, in Vietnamese or English. */
export function periodLabel(atoms: string[], lang: "vi" | "en" = "vi"): string {
  return atoms.map((a) => atomLabel(a, lang)).join(lang === "en" ? " and " : " và ");
}

function atomLabel(a: string, lang: "vi" | "en"): string {
  const en = lang === "en";
  let m: RegExpExecArray | null;
  if (a === "now") return en ? "to date" : "đến nay";
  if ((m = /^y(\d+)$/.exec(a))) return en ? m[1]! : `năm ${m[1]}`;
  if ((m = /^m(\d+)-(\d+)$/.exec(a))) return en ? `the first ${m[1]} months of ${m[2]}` : `${m[1]} tháng đầu năm ${m[2]}`;
  if ((m = /^l(\d+)-(\d+)$/.exec(a))) return en ? `the last ${m[1]} months of ${m[2]}` : `${m[1]} tháng cuối năm ${m[2]}`;
  if ((m = /^q(\d)-(\d+)$/.exec(a))) return en ? `Q${m[1]} ${m[2]}` : `quý ${ROMAN_OUT[Number(m[1])]}/${m[2]}`;
  if ((m = /^mo(\d+)-(\d+)$/.exec(a))) return en ? `${Object.keys(MONTHS_EN)[Number(m[1]) - 1]!.replace(/^./, (c) => c.toUpperCase())} ${m[2]}` : `tháng ${m[1]!.padStart(2, "0")}/${m[2]}`;
  if ((m = /^to-m(\d+)-(\d+)$/.exec(a))) return en ? `to the end of ${Object.keys(MONTHS_EN)[Number(m[1]) - 1]!.replace(/^./, (c) => c.toUpperCase())} ${m[2]}` : `đến hết tháng ${m[1]}/${m[2]}`;
  if ((m = /^to-d(\d+)-(\d+)-(\d+)$/.exec(a))) return en ? `as of ${m[3]}/${m[2]}/${m[1]}` : `tính đến ngày ${m[3]}/${m[2]}/${m[1]}`;
  if ((m = /^to-y(\d+)$/.exec(a))) return en ? `to the end of ${m[1]}` : `đến hết năm ${m[1]}`;
  if ((m = /^r(\d+)-(\d+)$/.exec(a))) return en ? `${m[1]}–${m[2]}` : `giai đoạn ${m[1]}–${m[2]}`;
  if ((m = /^ytd-(\d+)$/.exec(a))) return en ? `${m[1]} so far` : `từ đầu năm ${m[1]} đến nay`;
  return a;
}

/** Months since year 0 that an atom covers, first and last; `cumulative` for "up to" atoms. */
function interval(a: string): { from: number; to: number } | null {
  let m: RegExpExecArray | null;
  const Y = (s: string) => Number(s) * 12;
  if ((m = /^y(\d+)$/.exec(a))) return { from: Y(m[1]!), to: Y(m[1]!) + 11 };
  if ((m = /^m(\d+)-(\d+)$/.exec(a))) return { from: Y(m[2]!), to: Y(m[2]!) + Number(m[1]) - 1 };
  if ((m = /^l(\d+)-(\d+)$/.exec(a))) return { from: Y(m[2]!) + 12 - Number(m[1]), to: Y(m[2]!) + 11 };
  if ((m = /^q(\d)-(\d+)$/.exec(a))) return { from: Y(m[2]!) + 3 * (Number(m[1]) - 1), to: Y(m[2]!) + 3 * Number(m[1]) - 1 };
  if ((m = /^mo(\d+)-(\d+)$/.exec(a))) return { from: Y(m[2]!) + Number(m[1]) - 1, to: Y(m[2]!) + Number(m[1]) - 1 };
  if ((m = /^to-m(\d+)-(\d+)$/.exec(a))) return { from: Y(m[2]!), to: Y(m[2]!) + Number(m[1]) - 1 };
  if ((m = /^to-d(\d+)-(\d+)-(\d+)$/.exec(a))) return { from: Y(m[1]!), to: Y(m[1]!) + Number(m[2]) - 1 };
  if ((m = /^to-y(\d+)$/.exec(a))) return { from: Y(m[1]!), to: Y(m[1]!) + 11 };
  if ((m = /^r(\d+)-(\d+)$/.exec(a))) return { from: Y(m[1]!), to: Y(m[2]!) + 11 };
  if ((m = /^ytd-(\d+)$/.exec(a))) return { from: Y(m[1]!), to: Y(m[1]!) + 11 };
  return null;
}

/**
 * How well a figure's period answers the period asked:
 *  3 the same · 2.5 the same stretch written another way ("4 tháng đầu năm" = "đến hết tháng 4")
 *  · 2 the figure covers the asked period and more (a combined period) · 1.5 the figure is a part
 *  of what was asked (asked 2023, the report gives 4 months of 2023) · 1 "đến nay" in the latest
 *  year · 0 nothing asked · null a different period: never the answer.
 */
export function periodFit(asked: string[], figure: string[], latestYear?: number): number | null {
  if (!asked.length) return 0;
  if (!figure.length) return null;
  if (asked.length === figure.length && asked.every((a) => figure.includes(a))) return 3;
  if (asked.every((a) => figure.includes(a))) return 2;
  let worst = 3;
  for (const a of asked) {
    const ia = interval(a);
    let best: number | null = null;
    for (const f of figure) {
      let fit: number | null = null;
      if (f === a) fit = 3;
      else if (a.startsWith("ytd-") && ia && interval(f)?.from === ia.from && interval(f)!.to <= ia.to) fit = 2.5; // the months of the year so far
      else if (f.startsWith("ytd-")) fit = ia && interval(f)!.from === ia.from && ia.to === interval(f)!.to ? 1.5 : null; // the year so far is a part of that year
      else if (f === "now") fit = latestYear !== undefined && ia && Math.floor(ia.to / 12) >= latestYear ? 1 : null;
      else {
        const iff = interval(f);
        if (ia && iff) {
          if (ia.from === iff.from && ia.to === iff.to) fit = 2.5;
          else if (ia.from <= iff.from && iff.to <= ia.to) fit = 1.5;
        }
      }
      if (fit !== null && (best === null || fit > best)) best = fit;
    }
    if (best === null) return null;
    worst = Math.min(worst, best);
  }
  // "năm 2022 và 4 tháng đầu năm 2023" asked as "năm 2023": it also holds a year not asked
  const spills = figure.some((f) => {
    const iff = interval(f);
    return !!iff && asked.every((a) => {
      const ia = interval(a);
      return !!ia && (iff.to < ia.from || iff.from > ia.to);
    });
  });
  return spills ? worst - 0.5 : worst;
}

/** True when period `a` lies inside period `b` (every atom of `a` within some atom of `b`). */
export function periodWithin(a: string[], b: string[]): boolean {
  if (!a.length || !b.length) return false;
  return a.every((x) => {
    const ix = interval(x);
    return b.some((z) => {
      if (z === x) return true;
      const iz = interval(z);
      return !!ix && !!iz && iz.from <= ix.from && ix.to <= iz.to;
    });
  });
}

/** The last month a period reaches (months since year 0), to order periods. */
export function periodEnd(atoms: string[]): number {
  let end = -1;
  for (const a of atoms) {
    const i = interval(a);
    if (i && i.to > end) end = i.to;
  }
  return end;
}
