// Finds the figures that answer a question: ranked by the question's phrases in each figure's
// own clause (then its measure, its total, its lead-in, its sentence), then held to what was
// asked — the kind of figure, its unit, its period. A figure of another kind, unit or period is
// never the answer; it may be offered as a suggestion.
import type { Field, FigureDoc, SessionIndex } from "./session-index.js";
import type { KindWanted, Query, Unit } from "./query.js";
import { cover, holds } from "./match.js";
import { periodFit, periodWithin } from "../text/periods.js";
import { DERIVED_MEASURES } from "./thesaurus.js";
import { tokenize } from "../text/tokens.js";
import { foldForMatch } from "../text/fold.js";
import type { FigureKind } from "../knowledge/schema.js";

export interface FigureHit {
  doc: FigureDoc;
  score: number;
  coverage: number;
  fit: number;
  /** Found by the number the question quotes ("… tăng 24,4% phải không?"), whatever its kind. */
  byNumber?: boolean;
}

export interface FigureSearch {
  hits: FigureHit[];
  /** Figures that matched the words but not the period asked: "the report gives it for …". */
  otherPeriods: FigureHit[];
  /** Matched the words but not the kind or unit asked. */
  otherKinds: FigureHit[];
}

export interface FigureQuery {
  units: Unit[];
  /** Phrases every answer must hold (a follow-up's new words). */
  required: Unit[];
  period: string[];
  kind?: KindWanted;
  excludedKinds: KindWanted[];
  excludedUnits: Unit[];
  unitWanted?: string | string[];
  target: boolean;
  numbers: number[];
  /** No preference among kinds (a series looked up by name). */
  anyKind?: boolean;
  /** Every folded word of the question: a part's own words ("4 sao") may be question words elsewhere. */
  words?: string[];
  /** Only the province's own figures ("theo số liệu của tỉnh"). */
  ownSource?: boolean;
}

const OTHER_SOURCE = / (?:so lieu|theo|bao cao|thong ke|ban tin) (?:cua )?(?:bo|cuc|tong cuc|hiep hoi|so|ngan hang) /;

const PETITION_WORDS = / (?:kien nghi|de nghi|de xuat|petitions?|requests?|proposals?|recommendations?) /;

const KIND_ACCEPTS: Record<KindWanted, FigureKind[]> = {
  growth: ["growth", "change_same_period", "change"],
  share: ["share"],
  percent_of_plan: ["percent_of_plan"],
  change_same_period: ["change_same_period", "growth"],
  rank: ["rank"],
  contribution: ["contribution"],
  level: ["level", "count", "percent_of_plan"],
};

// With no kind asked, a plain "bao nhiêu" is most often about a level or a count.
const KIND_PRIOR: Record<FigureKind, number> = { level: 1, count: 1, percent_of_plan: 0.85, growth: 0.7, change_same_period: 0.55, share: 0.6, change: 0.45, rank: 0.5, contribution: 0.5 };

export function searchFigures(index: SessionIndex, q: FigureQuery): FigureSearch {
  const hits: FigureHit[] = [];
  const otherPeriods: FigureHit[] = [];
  const otherKinds: FigureHit[] = [];
  const covered = new Set([...q.units.flatMap((u) => wordsOfAlts(u.alts)), ...q.numbers.map((n) => String(n).replace(".", ","))]);
  const typed = new Set(q.words ?? []);
  const asked = new Set(DERIVED_MEASURES.filter((d) => q.units.some((u) => u.alts.some((a) => a.includes(d) || d.includes(a)))));
  const asksPetitions = q.units.some((u) => u.alts.some((a) => PETITION_WORDS.test(a)));
  const hardCount = q.units.filter((u) => !u.soft).length;
  for (const doc of index.figures) {
    const f = doc.figure;
    // A phrase found only elsewhere in the sentence does not carry a figure: at most one may be (the least telling)…
    let farOnly = 0;
    for (const u of q.units) if (!u.soft && !inOwnFields(index, doc, u)) farOnly++;
    // …and at least one must be its own: a sector's growth whose sentence goes on "vào mức tăng GRDP chung" is not GRDP's
    if (farOnly > 1 || (farOnly && farOnly === hardCount)) continue;
    // A petition count answers a question about petitions (or its own noun), not one about what they are about:
    // the topics "giải ngân vốn đầu tư công" do not make "9 nội dung" the amount disbursed.
    if (doc.petition && !asksPetitions && !q.units.some((u) => u.alts.some((a) => a.includes(` ${doc.unitFolded} `)))) continue;
    if (q.required.some((u) => !inOwnFields(index, doc, u))) continue;
    // "theo số liệu của tỉnh": not the figure a ministry, an office or an association gives
    if (q.ownSource && OTHER_SOURCE.test(doc.near.folded)) continue;
    // "ngoài cao tốc", "không phải tỷ trọng": what the figure itself is, by its value's own words
    if (q.excludedUnits.some((u) => u.alts.some((a) => doc.phrase.folded.includes(a)))) continue;
    // (the filters above are cheaper than scoring every field, so they run first)
    const c = cover(q.units, fieldsOf(doc), index);
    // A number asked back ("9.300 ha là gì") finds the figures with that value.
    const byNumber = q.numbers.length > 0 && q.numbers.some((n) => Math.abs(Math.abs(f.value) - n) < 1e-9 || Math.abs(f.value * 100 - n) < 1e-6);
    if (c.coverage < 0.5 && !byNumber) continue;
    if (q.numbers.length && !q.units.some((u) => !u.soft) && !byNumber) continue;
    // Words of the figure's own clause that the question does not use: another part, another measure.
    let extras = 0;
    for (const w of doc.ownWords) if (!covered.has(w)) extras += index.wordIdf(w);
    // A part of a total ("trong đó 6 chỉ tiêu vượt kế hoạch") answers only when its own words are asked.
    let partExtras = 0;
    for (const w of doc.partWords) if (!covered.has(w) && !typed.has(w)) partExtras += index.wordIdf(w);
    let score = c.lexical + c.coverage * 3 - Math.min(extras * 0.12, 2.5) - Math.min(partExtras * 0.3, 3) + (byNumber ? 5 : 0);
    // "GRDP tăng bao nhiêu" is not GRDP per head: a derived measure answers only when asked for
    if (DERIVED_MEASURES.some((d) => !asked.has(d) && (inField(doc.near, d) || inField(doc.inherit, d) || inField(doc.context, d)))) score *= 0.7;
    const hit: FigureHit = { doc, score, coverage: byNumber ? Math.max(c.coverage, 1) : c.coverage, fit: 0, byNumber };

    // Kind.
    // (a growth over part of a year, "9 tháng tăng 13,7%", is on the same months of the year before)
    const partOfYear = () => f.period.atoms.length > 0 && f.period.atoms.every((a) => /^(?:m\d|l\d|q\d|mo\d|to-m|ytd)/.test(a));
    const kindOk = q.kind ? KIND_ACCEPTS[q.kind].includes(f.kind) && !(q.kind === "change_same_period" && f.kind === "growth" && !partOfYear() && !/cung ki|cùng kỳ/i.test(f.comparedTo ?? "") && !/so voi|so với/.test(f.phrase)) : true;
    // the number quoted is checked whatever kind it is: "24,4%" may be a share, not the growth asked
    if ((!kindOk && !byNumber) || q.excludedKinds.some((k) => KIND_ACCEPTS[k][0] === f.kind)) {
      otherKinds.push(hit);
      continue;
    }
    if (!q.kind && !q.anyKind) score *= KIND_PRIOR[f.kind] ?? 0.5;
    else if (q.kind === "change_same_period" && f.kind === "change_same_period") score += 1;
    // Unit: "bao nhiêu xã" is answered by a count of communes, "bao nhiêu %" by a percentage.
    if (q.unitWanted && !unitFits(q.unitWanted, doc) && !byNumber) {
      otherKinds.push(hit);
      continue;
    }
    // Targets answer questions about targets, or about the period they are set for.
    if (f.target && !q.target) score *= q.period.length ? 0.5 : 0.4;
    if (!f.target && q.target) score *= 0.6;
    // "gấp 2,4 lần năm 2020" answers how many times, not how much
    if (q.unitWanted !== "times" && unitFits("times", doc) && !typed.has("gap") && !typed.has("lan") && !q.numbers.length) score *= 0.5;
    // Period.
    const fit = periodFit(q.period, f.period.atoms, index.latestYear);
    // A rate of a part of the period asked is not the period's rate: quý I/2024's growth is not 2024's
    // (an amount of a part is a part of the amount, and is answered with a note)
    // (a share of the year's plan reached so far is the year's progress: answered with the note)
    const partRate = fit === 1.5 && f.kind !== "percent_of_plan" && (f.unit === "%" || f.kind === "growth" || f.kind === "share" || f.kind === "change_same_period" || f.kind === "rank");
    if (fit === null || partRate) {
      otherPeriods.push({ ...hit, score });
      continue;
    }
    // A figure whose period is only the report's own says less about a period asked than one that names it.
    const soft = f.period.source === "document" && q.period.length ? 0.85 : 1;
    hit.fit = fit;
    hit.score = score * soft + fit * 1.5;
    hits.push(hit);
  }
  hits.sort((a, b) => b.score - a.score);
  otherPeriods.sort((a, b) => b.score - a.score);
  return { hits, otherPeriods, otherKinds };
}

type Weighted = [Field | undefined, number][];
// A figure's fields with their weights: the same for every question, so made once.
const docFields = new WeakMap<FigureDoc, Weighted>();
function fieldsOf(doc: FigureDoc): Weighted {
  let fields = docFields.get(doc);
  if (!fields) {
    fields = [
      [doc.near, 1],
      [doc.inherit, 0.85],
      [doc.whole, 0.6],
      [doc.context, 0.6],
      [doc.far, 0.35],
      [doc.topic, 0.3],
    ];
    docFields.set(doc, fields);
  }
  return fields;
}

const inField = (f: Field | undefined, phrase: string): boolean => !!f && f.folded.includes(phrase);

function inOwnFields(index: SessionIndex, doc: FigureDoc, u: Unit): boolean {
  const n = index.narrow(u);
  return index.holds(doc.near, n) || index.holds(doc.inherit, n) || index.holds(doc.whole, n) || index.holds(doc.context, n);
}

/** The three sectors of the economy, as reports write them (folded). */
const SECTORS = [/ cong nghiep(?: -| va|,)? xay dung /, / dich vu /, / nong,? lam nghiep(?:,| va) thuy san | nong,? lam,? thuy san | nong,? lam,? ngu nghiep /];

// The words of a unit's ways of writing; thesaurus groups share their arrays across questions, so remember them.
const altWords = new WeakMap<string[], string[]>();
function wordsOfAlts(alts: string[]): string[] {
  let words = altWords.get(alts);
  if (!words) altWords.set(alts, (words = alts.flatMap((a) => a.trim().split(" "))));
  return words;
}

function unitFits(wanted: string | string[], doc: FigureDoc): boolean {
  const unit = ` ${doc.unitFolded} `;
  const f = doc.figure;
  if (wanted === "%") return f.unit === "%" || / diem phan tram /.test(unit);
  if (wanted === "money") return / (?:dong|usd|do la|euro) /.test(unit);
  if (wanted === "area") return / (?:ha|hecta|km2|m2) /.test(unit);
  if (wanted === "length") return / (?:km|m|met) /.test(unit);
  if (wanted === "times") return / lan /.test(unit);
  if (typeof wanted === "string") return true;
  if (f.unit === "%" || f.kind === "rank") return false;
  // the noun counted, or the measure that names it ("số xã … là 107/111")
  return wanted.some((w) => unit.includes(w) || ((f.kind === "count" || f.kind === "level") && [doc.near, doc.inherit, doc.whole, doc.context].some((x) => x?.folded.includes(w))));
}

/** Picks the figures to state: the best, its equal alternatives at other periods, its group, or every part asked for. */
export function chooseFigures(index: SessionIndex, search: FigureSearch, q: FigureQuery & { enumerate: boolean; superlative?: "max" | "min"; periodAsked: boolean; bare?: boolean; words?: string[]; total?: boolean }): FigureHit[] {
  let best = search.hits[0];
  if (!best) return [];
  // "tổng cộng bao nhiêu?": a figure that has parts, when one answers nearly as well
  if (q.total && !best.doc.parts.length) {
    const total = search.hits.find((h) => h.doc.parts.length > 0 && h.coverage >= best!.coverage - 0.1 && (h.doc.parts.includes(best!.doc) || sameMeasure(h.doc, best!.doc)));
    if (total) return [total];
  }
  // "Tỉnh có bao nhiêu kiến nghị?": the total, not one of its parts, unless the question names the part
  if (best.doc.figure.whole && !q.enumerate && !q.superlative) {
    const whole = search.hits.find((h) => h.doc.figure.id === best!.doc.figure.whole);
    const asked = new Set([...q.units.flatMap((u) => u.alts.flatMap((a) => a.trim().split(" "))), ...q.numbers.map((n) => String(n).replace(".", ",")), ...(q.words ?? [])]);
    // (parts that split the total by period — "năm 2022 … 9.300 ha, 4 tháng đầu năm 2023 … 4.030 ha" — answer their period)
    const samePeriod = whole && whole.doc.figure.period.atoms.join() === best.doc.figure.period.atoms.join();
    if (whole && samePeriod && whole.coverage >= best.coverage - 0.01 && whole.fit === best.fit && best.doc.partWords.length > 0 && !best.doc.partWords.some((w) => asked.has(w))) {
      search = { ...search, hits: [whole, ...search.hits.filter((h) => h !== whole)] };
      best = whole;
    }
  }
  // "5.860 tỷ đồng, bằng 101,3% dự toán": the amount first, then how it stands against the plan
  if (!q.kind && best.doc.figure.kind === "percent_of_plan" && best.doc.figure.parent) {
    const amount = search.hits.find((h) => h.doc.figure.id === best.doc.figure.parent && h.coverage >= best.coverage - 0.01 && h.fit === best.fit);
    if (amount && (amount.doc.figure.kind === "level" || amount.doc.figure.kind === "count")) return [amount, best];
  }
  const chosen: FigureHit[] = [best];
  const has = (d: FigureDoc) => chosen.some((c) => c.doc === d);
  const byDoc = new Map(search.hits.map((h) => [h.doc, h]));

  // "Tốc độ tăng trưởng các ngành", "ngành nào tăng cao nhất": the parts of the best total.
  if (q.enumerate || q.superlative) {
    const whole = best.doc.parts.length ? best.doc : best.doc.figure.whole ? index.byId.get(best.doc.figure.whole) : undefined;
    const parts = (whole?.parts ?? []).map((p) => byDoc.get(p)).filter((h): h is FigureHit => !!h);
    if (parts.length >= 2) {
      if (q.superlative) {
        const sorted = [...parts].sort((a, b) => b.doc.figure.value - a.doc.figure.value);
        return [q.superlative === "max" ? sorted[0]! : sorted[sorted.length - 1]!];
      }
      return parts;
    }
    if (q.enumerate && !parts.length) {
      // "cơ cấu kinh tế": the shares listed together, under one lead-in or in one sentence
      const key = (d: FigureDoc) => d.figure.context[0] ?? d.sentence?.id ?? d.figure.id;
      const peers = search.hits.filter((h) => h.doc.figure.kind === best.doc.figure.kind && key(h.doc) === key(best.doc));
      if (peers.length >= 2) return peers.sort((a, b) => index.figures.indexOf(a.doc) - index.figures.indexOf(b.doc));
      // "tốc độ tăng của các khu vực kinh tế" over "Khu vực công nghiệp - xây dựng: tăng 14,87%." lines:
      // a figure of the best one's kind and period for each economic sector the report names
      const sectorOf = (d: FigureDoc) => SECTORS.findIndex((re) => re.test(` ${foldForMatch(d.figure.label.vi).replace(/[^a-z0-9,-]+/g, " ")} `));
      const bySector = new Map<number, FigureHit>();
      for (const h of search.hits) {
        const f = h.doc.figure;
        const k = sectorOf(h.doc);
        if (k < 0 || bySector.has(k) || f.kind !== best.doc.figure.kind || f.target !== best.doc.figure.target || f.period.atoms.join() !== best.doc.figure.period.atoms.join()) continue;
        bySector.set(k, h);
      }
      if (bySector.size >= 2) return [...bySector.values()].sort((a, b) => index.figures.indexOf(a.doc) - index.figures.indexOf(b.doc));
    }
    if (q.superlative) {
      // no listed parts: compare the figures of the same kind and unit that matched as well as the best
      const peers = search.hits.filter((h) => h.doc.figure.kind === best.doc.figure.kind && h.doc.figure.unit === best.doc.figure.unit && h.coverage >= best.coverage - 0.01);
      if (peers.length >= 2) {
        const sorted = [...peers].sort((a, b) => b.doc.figure.value - a.doc.figure.value);
        return [q.superlative === "max" ? sorted[0]! : sorted[sorted.length - 1]!];
      }
    }
  }
  // The same measure at other periods, when no period was asked: each period that no other chosen one contains.
  if (!q.periodAsked) {
    for (const h of search.hits.slice(1)) {
      if (chosen.length >= 4) break;
      const f = h.doc.figure;
      if (f.kind !== best.doc.figure.kind || f.unit !== best.doc.figure.unit || f.target !== best.doc.figure.target) continue;
      if (h.coverage < best.coverage - 0.01 || h.score < best.score * 0.8) continue;
      if (!sameMeasure(h.doc, best.doc)) continue;
      if (chosen.some((c) => periodWithin(f.period.atoms, c.doc.figure.period.atoms) || periodWithin(c.doc.figure.period.atoms, f.period.atoms))) continue;
      chosen.push(h);
    }
  }
  // "Công nghiệp - xây dựng tăng 24,4% phải không?": the figure with that number, and the one of the kind asked
  if (best.byNumber && q.kind && !KIND_ACCEPTS[q.kind].includes(best.doc.figure.kind)) {
    const hard = q.units.filter((u) => !u.soft);
    const asked = search.hits.find((h) => !h.byNumber && KIND_ACCEPTS[q.kind!].includes(h.doc.figure.kind) && hard.every((u) => holds(h.doc.near, u) || holds(h.doc.inherit, u)));
    if (asked) chosen.unshift(asked);
    return chosen;
  }
  // A bare name ("Dịch vụ?") asks for nothing in particular: its growth and its share are both answers.
  if (q.bare && !q.kind) {
    const hard = q.units.filter((u) => !u.soft);
    for (const h of search.hits.slice(1)) {
      if (chosen.length >= 3 || has(h.doc)) continue;
      if (chosen.some((c) => c.doc.figure.kind === h.doc.figure.kind) || h.coverage < best.coverage - 0.01 || h.fit !== best.fit) continue;
      if (!hard.length || !hard.every((u) => holds(h.doc.near, u) && holds(best.doc.near, u))) continue;
      chosen.push(h);
    }
  }
  // Another figure that answers just as well, in its own clause, of the same kind and period fit.
  for (const h of search.hits.slice(1)) {
    if (chosen.length >= 3 || has(h.doc)) continue;
    // two petition groups to the one recipient asked about are both the answer ("4 nội dung" and "10 kiến nghị mới")
    const floor = h.doc.petition && best.doc.petition && h.coverage >= 0.99 ? 0.65 : 0.8;
    if (h.fit !== best.fit || h.coverage < best.coverage || h.doc.figure.kind !== best.doc.figure.kind || h.score < best.score * floor) continue;
    const hardUnits = q.units.filter((u) => !u.soft);
    // (with nothing but soft words asked, one figure: "quy mô nền kinh tế" is not every total of the economy)
    if (!hardUnits.length || !hardUnits.every((u) => holds(h.doc.near, u) && holds(best.doc.near, u))) continue;
    // "nông nghiệp" as typed beats the wider "nông, lâm nghiệp và thủy sản" its thesaurus group also holds
    if (hardUnits.some((u) => u.group && typedIn(best.doc.near, u) && !typedIn(h.doc.near, u))) continue;
    if (h.doc.figure.whole === best.doc.figure.id || best.doc.figure.whole === h.doc.figure.id) continue;
    chosen.push(h);
  }
  // Its group: "589 tỷ đồng, tương đương 15,2% kế hoạch" is one answer, when the kind was not narrowed.
  if (!q.kind) {
    for (const c of [...chosen]) {
      for (const h of search.hits) {
        const f = h.doc.figure;
        if (has(h.doc) || !f.group || f.group !== c.doc.figure.group) continue;
        if (f.kind !== "percent_of_plan" && !(f.kind === "level" && f.unit === "%" && c.doc.figure.unit !== "%")) continue;
        if (periodFit(c.doc.figure.period.atoms, f.period.atoms) === null) continue;
        chosen.push(h);
      }
    }
  }
  return chosen.slice(0, 6);
}

/** Two figures of one measure: the same label, or the same words in their own clauses. */
function sameMeasure(a: FigureDoc, b: FigureDoc): boolean {
  if (a.figure.indicator === b.figure.indicator && a.figure.subject === b.figure.subject) return true;
  const wa = new Set(a.ownWords);
  const wb = b.ownWords;
  if (!wa.size || !wb.length) return false;
  const common = wb.filter((w) => wa.has(w)).length;
  return common / Math.max(wa.size, wb.length) >= 0.6;
}

/** The phrase as the question typed it (not another way of writing it) is in the field. */
function typedIn(f: FigureDoc["near"], u: Unit): boolean {
  const typed = ` ${tokenize(u.text).map((t) => t.folded).join(" ")} `;
  return f.folded.includes(typed);
}
