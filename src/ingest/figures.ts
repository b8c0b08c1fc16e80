// Every figure of a report, in its own words: the value as written, what it measures (the words
// before it in its clause, or the figure or heading it hangs from), the kind of figure, its
// period and the clause it is cited from. Works on prose ("…, trong đó công nghiệp tăng 9,1%"),
// "Label: value;" lines and bullet lists under a heading alike.
import type { Paragraph, Sentence } from "./segment.js";
import { findValues, type ValueHit } from "./values.js";
import { findPeriods, isOpen, settleYear, yearOf, type PeriodSpan } from "../text/periods.js";
import { foldSameLength } from "../text/fold.js";
import { tokenize } from "../text/tokens.js";
import { BASE_NOUNS, FUNCTION_WORDS, VALUE_VERBS } from "../text/genre.js";
import { MINISTRIES } from "../text/vietnam.js";

export type ExtractedKind = "growth" | "share" | "level" | "count" | "percent_of_plan" | "contribution" | "change" | "change_same_period" | "rank";

export interface ExtractedPeriod {
  atoms: string[];
  /** Where the period was read: the figure's clause, its sentence, the paragraph, or the report's own period. */
  source: "clause" | "sentence" | "paragraph" | "document";
  /** The text that sets the period, when it is not inside the figure's citation. */
  cite?: string;
}

export interface ExtractedFigure {
  index: number;
  sentence: Sentence;
  hit: ValueHit;
  /** Absolute offsets of the display in the source. */
  displayStart: number;
  display: string;
  value: number;
  unit: string;
  kind: ExtractedKind;
  target: boolean;
  /** "ước", "dự kiến", "hơn", "gần", "khoảng"… */
  qualifier?: string;
  /** The measure as the report names it ("Tổng kim ngạch xuất, nhập khẩu hàng hoá qua địa bàn"). */
  measure: string;
  /** The part of it this figure is about ("nông, lâm nghiệp"), when it hangs from a total or heading. */
  subject: string;
  /** The clause the figure is cited from (an exact slice of the source). */
  cite: string;
  /** The value with the words that say what it is, from the clause: "bằng 116,92% dự toán". */
  phrase: string;
  /** Other slices of the source that say what the figure measures: its parent's clause, a heading, a lead-in. */
  context: string[];
  /** Words it is matched by besides its citation (a subject named apart from its value: "A, B và C lần lượt tăng …"). */
  keys?: string[];
  /** Far words of the same sentence, for matching only (weaker than the clause). */
  far: string;
  /** What a list of figures stands under ("Cơ cấu kinh tế …, trong đó …", a heading "Về thu ngân sách:"), when no figure heads it. */
  lead?: string;
  /** The paragraph's opening sentence, when it has no figure of its own: what the paragraph is about (a weak hint). */
  topic?: string;
  /** The lead-in of its own clause ("đối với kế hoạch vốn năm 2023, …"): names a figure whose words are only a verb. */
  clauseLead?: string;
  /** The figure this one continues ("…, bằng 113% dự toán" continues "thu nội địa 22,6 nghìn tỷ đồng"). */
  parent?: number;
  /** A total this figure is a part of ("trong đó …"). */
  whole?: number;
  group: number;
  period: ExtractedPeriod;
  /** The base of a comparison ("cùng kỳ 2022", "năm 2023"). */
  comparedTo?: string;
}

const MARKER = /(?:^|[\s,(])(trong đó|bao gồm|gồm|cụ thể|riêng|chia ra|trong số đó)(?=[\s,:])/giu;
const DOC_REF = /(?:Thông báo|Quyết định|Nghị quyết|Công văn|Chỉ thị|Kết luận|Nghị định|Thông tư|Tờ trình|Luật|Chương trình|Văn bản|Công điện)(?:\s+số)?\s+\d+[\d/A-ZĐa-zđ-]*/gu;
// also star ratings ("sản phẩm 4 sao") and per-unit denominators ("trên 1 ha", "mỗi người"): not figures
const OTHER_MASK = /(?<![\d,.])[1-5]\s+sao(?![\p{L}])|(?:trên|mỗi|\/)\s?1\s(?:ha|héc-ta|hecta|người|lao động|hộ|km2|km)(?![\p{L}])|COVID\s*-?\s*19|số\s+\d+\/[\w-]+|\b\d+\/\d+\/[A-ZĐ][\w-]*|(?:cao tốc|quốc lộ|QL|tỉnh lộ|ĐT|tuyến)\s*\d+[A-Z]?/giu;
const FAR_LIMIT = 80; // characters of the clause before a figure that still count as its own words
const SOFT = /,\s|;\s?|\s(?:và|đồng thời)\s/gu;

interface Layout {
  /** Paren depth at each character; parts end at ";" at depth 0. */
  depth: number[];
  /** Start of the "(" group a character sits in (-1 at depth 0). */
  group: number[];
  partStart: number[];
}

function layout(text: string): Layout {
  const depth: number[] = [];
  const group: number[] = [];
  const partStart: number[] = [];
  const stack: number[] = [];
  let part = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "(" || ch === "[") stack.push(i);
    depth.push(stack.length);
    group.push(stack.length ? stack[stack.length - 1]! : -1);
    partStart.push(part);
    if ((ch === ")" || ch === "]") && stack.length) stack.pop();
    if (ch === ";" && stack.length === 0) part = i + 1;
  }
  return { depth, group, partStart };
}

const foldWord = (w: string) => tokenize(w).map((t) => t.folded).join(" ");

const PERIOD_NOUNS = new Set(["năm", "tháng", "quý"]);

/** Content words of a stretch of text: not function words, not value verbs, not numbers, not period nouns. */
export function contentWords(text: string): string[] {
  return tokenize(text)
    // "Cả năm 2023 ước tăng khoảng 8,5%": the words of a period say when, not what ("Nam" of a name stays)
    .filter((t) => !/\d/.test(t.folded) && !FUNCTION_WORDS.has(t, true) && !VALUE_VERBS.has(t, true) && t.folded !== "tinh" && !PERIOD_NOUNS.has(t.toned.toLowerCase()))
    .map((t) => t.folded);
}

// Words that say where a number comes from, not what it measures
const SOURCE_WORDS = new Set("so lieu so bo do duoc cung cap tai buoi lam viec ghi nhan theo bao cao cua cho biet thong ke uoc tinh con so muc nay chinh thuc cap nhat dua ra neu phia ben".split(" "));
const AGENCY = /(?:Chi cục|Tổng cục|Cục|Sở|Văn phòng|Kho bạc|Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Hội đồng nhân dân|HĐND)\s+[\p{Lu}][\p{L}]*(?:\s(?:và\s)?[\p{L}]+){0,5}?(?=\s(?:cung cấp|ghi nhận|báo cáo|cho biết|đưa ra|nêu|tỉnh|thành phố)|[,;:]|$)/gu;
/** "Số liệu sơ bộ do Bộ Tài chính cung cấp … ghi nhận": nothing but who gives the number. */
function saysOnlyWhoGives(ownText: string): boolean {
  let t = ownText;
  for (const [name] of MINISTRIES) t = t.split(name).join(" ");
  t = t.replace(AGENCY, " ");
  const words = contentWords(t);
  return words.length > 0 ? words.every((w) => SOURCE_WORDS.has(w)) && /so lieu|cung cap|ghi nhan|bao cao|cho biet/.test(foldSameLength(ownText)) : false;
}

/** A sentence that opens by pointing back ("Với nguồn của tỉnh,", "Riêng số vốn này,", "Trong số đó,"). */
const ANAPHORIC_LEAD = /^(?:Trong đó\s*,|(?:Với|Riêng|Trong|Đối với|Từ|Về|Còn|Ngoài)\s(?:[^,;.]{0,50}\s)?(?:(?:nguồn|khoản|phần|số vốn|số tiền|số)(?=[\s,])[^,;.]{0,30}|[^,;.]{0,50}\s(?:này|đó|trên))\s*,)/u;

export function extractFigures(paragraphs: Paragraph[], source: string, documentPeriod: string[]): ExtractedFigure[] {
  const figures: ExtractedFigure[] = [];
  let group = 0;
  // "+ Năm 2022, GRDP tăng 11,51%; …" then "+ Cả năm 2023 ước tăng khoảng 8,5%": an item of a list with no
  // words of its own continues the measure of the item before it, under the same heading
  let lastItem: { fig: ExtractedFigure; heading: string } | undefined;
  let announced: ExtractedFigure | undefined;
  // "Thực hiện 9 tháng năm 2025: GRDP tăng 10,22%" then "Khu vực dịch vụ: tăng 7,96%.": a "Label: value"
  // line with no period of its own, right under one that has, is of that period
  let carried: { atoms: string[]; cite: string; end: number } | undefined;
  for (const para of paragraphs) {
    const labelLine = (text: string) => para.sentences.length === 1 && /^[^:]{2,80}:\s/u.test(text);
    const carry = carried && labelLine(para.text) && !para.sentences[0]!.column && !/\n\s*\n/.test(source.slice(carried.end, para.start)) ? carried : undefined;
    carried = undefined;
    // The period a paragraph sets at the start of a sentence ("Cụ thể, trong năm 2022, …") holds for the sentences after it.
    let frame: { atoms: string[]; cite: string } | undefined;
    let previousSentenceLast: ExtractedFigure | undefined;
    const otherSource = new Map<ExtractedFigure, ExtractedFigure>();
    let previousSentence: Sentence | undefined;
    // "Thu ngân sách nhà nước tăng mạnh qua các kỳ. Quý I/2024, tỉnh thu được 5.624 tỷ đồng.":
    // an opening sentence with no figure says what the paragraph's figures are about
    const opening = para.sentences[0];
    const paragraphLead = opening ? leadIn(opening.text) : undefined;
    const topic = opening && para.sentences.length > 1 && opening.text.length <= 220 && !findValues(opening.text, () => false).length ? opening.text : undefined;
    for (const sentence of para.sentences) {
      // "Với nguồn của tỉnh, đến nay đã giải ngân…": the fund is the one the sentence before set out
      const antecedent = previousSentence && ANAPHORIC_LEAD.test(sentence.text) ? previousSentence.text.slice(0, 300) : undefined;
      previousSentence = sentence;
      const text = sentence.text;
      const folded = foldSameLength(text);
      const periods = findPeriods(text);
      const masks: [number, number][] = periods.map((p) => [p.start, p.end]);
      for (const re of [DOC_REF, OTHER_MASK]) for (const m of text.matchAll(re)) masks.push([m.index!, m.index! + m[0].length]);
      const masked = (s: number, e: number) => masks.some(([a, b]) => s < b && e > a);
      const hits = findValues(text, masked);
      const lay = layout(text);
      const markers = [...text.matchAll(MARKER)].map((m) => ({ at: m.index! + m[0].indexOf(m[1]!), end: m.index! + m[0].length, word: m[1]!.toLowerCase() }));
      const colon = (() => {
        const m = /^([^:;()\d]{2,90}):\s/u.exec(text);
        return m ? m[1]!.length + 1 : -1;
      })();

      const local: ExtractedFigure[] = [];
      const nextLeft = new Map<string, number>();
      const linkNext = new Map<string, boolean>();
      const lastIn = new Map<string, ValueHit>();
      for (let i = 0; i < hits.length; i++) {
        const hit = hits[i]!;
        const g = lay.group[hit.numStart] ?? -1;
        const part = lay.partStart[hit.numStart] ?? 0;
        // Left edge of the figure's own words.
        let left = Math.max(part, g >= 0 ? g + 1 : 0, colon > 0 && colon <= hit.start ? colon : 0);
        const prevHit = lastIn.get(`${g}:${part}`);
        const linkFromPrev = linkNext.get(`${g}:${part}`) ?? false;
        const samePrev = !!prevHit;
        if (samePrev) left = Math.max(left, nextLeft.get(`${g}:${part}`) ?? 0);
        const sameGroup = (at: number) => (lay.group[at] ?? -1) === g;
        const marker = [...markers].reverse().find((m) => m.end <= hit.start && m.at >= left - 2 && sameGroup(m.at));
        const markerScope = [...markers].reverse().find((m) => m.end <= hit.start && m.at >= part && sameGroup(m.at));
        if (marker) left = Math.max(left, marker.end);
        // Right edge: up to the next figure's own words, or the first soft break.
        let right: number;
        const groupEnd = g >= 0 ? closeOf(text, g) : text.length;
        const partEnd = (() => {
          const semi = text.indexOf(";", hit.end);
          return semi >= 0 && (lay.depth[semi] ?? 0) === 0 ? semi : text.length;
        })();
        const limit = Math.min(groupEnd, partEnd);
        const following = hits.slice(i + 1).find((h) => (lay.group[h.numStart] ?? -1) === g && (lay.partStart[h.numStart] ?? 0) === part);
        const nextSame = following && following.start < limit + 1 ? following : undefined;
        let linked = false;
        if (nextSame) {
          const split = splitBetween(text, hit.end, nextSame.start);
          const paren = text.indexOf("(", hit.end);
          right = Math.min(split.end, limit, paren >= 0 ? paren : Infinity);
          nextLeft.set(`${g}:${part}`, split.next);
          linkNext.set(`${g}:${part}`, split.link);
        } else {
          SOFT.lastIndex = hit.end;
          const soft = SOFT.exec(text);
          right = soft && soft.index < limit ? soft.index : limit;
          // a "(" right after the value opens its own parts: not the figure's words
          const paren = text.indexOf("(", hit.end);
          if (paren >= 0 && paren < right) right = paren;
        }
        // "5 kiến nghị với Chính phủ, Thủ tướng Chính phủ: chấp thuận …": what follows a colon is the list, not the value
        const listColon = text.indexOf(": ", hit.end);
        if (listColon >= 0 && listColon < right) right = listColon;
        right = trimRight(text, hit.end, right);
        // Own words, near the value; far words, earlier in the same stretch.
        const clauseStart = clauseStartBefore(text, left, hit.start);
        const ownText = withoutPeriods(text, clauseStart, hit.start, periods);
        const rightText = withoutPeriods(text, hit.end, right, periods);
        const own = contentWords(ownText + " " + (hit.countNoun ?? "") + " " + rightText);
        const farText = left < clauseStart ? withoutPeriods(text, Math.max(0, left, clauseStart - 400), clauseStart, periods) : "";

        const fig: ExtractedFigure = {
          index: figures.length + local.length,
          sentence,
          hit,
          displayStart: sentence.start + hit.start,
          display: text.slice(hit.start, hit.end),
          value: hit.value,
          unit: hit.unit,
          kind: "level",
          target: false,
          measure: "",
          subject: "",
          cite: text.slice(clauseStart, right).trim(),
          phrase: "",
          context: [],
          far: farText,
          group: 0,
          period: { atoms: [], source: "document" },
        };
        fig.cite = trimCite(fig.cite);

        // What it measures: its own words, or those of the figure it continues.
        const ownMeasure = contentWords(ownText + " " + (hit.countNoun ?? "")).filter((w) => !BASE_NOUNS.folded.has(w));
        const ownLeft = contentWords(ownText).filter((w) => !BASE_NOUNS.folded.has(w));
        // A value with no words of its own continues the figure before it: in its clause, else
        // earlier in the sentence ("…tăng 14,18%; dự kiến cả năm tăng 11,84%").
        const prevFig = (prevHit && local.find((f) => f.hit === prevHit)) || (!ownMeasure.length || (hit.form === "rank" && !ownLeft.length) ? [...local].reverse().find((f) => (lay.group[f.hit.numStart] ?? -1) === -1) : undefined);
        const continues = !!prevFig && (ownMeasure.length === 0 || (hit.form === "rank" && ownLeft.length === 0));
        linked = !!prevFig && !continues && linkFromPrev;
        if (continues) {
          const p = prevFig!;
          fig.parent = p.parent ?? p.index;
          fig.group = p.group;
        } else if (markerScope && local.some((f) => f.hit.end <= markerScope.at && sameGroup(f.hit.numStart))) {
          // "X đạt 7,22%, trong đó A tăng 5,01%, B tăng 11,03%": parts of the figure before "trong đó"
          const whole = [...local].reverse().find((f) => f.hit.end <= markerScope.at && sameGroup(f.hit.numStart))!;
          fig.whole = whole.parent ?? whole.index;
          fig.group = ++group;
        } else if (g >= 0 && local.some((f) => f.hit.end <= g)) {
          // "13.330 ha (trong đó, năm 2022 … 9.300 ha …)": parts of the figure before the parenthesis
          const before = [...local].reverse().find((f) => f.hit.end <= g)!;
          fig.whole = before.parent ?? before.index;
          fig.group = ++group;
          if (!ownMeasure.length) fig.parent = before.parent ?? before.index;
        } else fig.group = ++group;
        // "Số liệu sơ bộ do Bộ Tài chính cung cấp tại buổi làm việc ghi nhận 6.297 tỷ đồng": a clause that
        // says only who gives the number is the measure of the paragraph's figure before it, of the same
        // unit, from another source
        if (!continues && fig.parent === undefined && !local.length && hit.unit && saysOnlyWhoGives(ownText)) {
          const same = [...figures].reverse().find((f) => f.sentence.paragraph === sentence.paragraph && f.unit === hit.unit && f.whole === undefined);
          if (same) {
            fig.parent = same.parent ?? same.index;
            fig.context.push(ownText.trim());
            otherSource.set(fig, same);
          }
        }
        const before = previousSentenceLast ?? (sentence.listItem && sentence.inParagraph === 0 && sentence.heading && lastItem?.heading === sentence.heading && !/^[^:]{2,120}:\s/u.test(sentence.text) ? lastItem.fig : undefined);
        if (!continues && fig.parent === undefined && !ownMeasure.length && !rightText.trim() && before && !local.length && !sentence.column) {
          // "Diễn biến theo quý …: quý I/2024 giảm 1,5%": the measure of the sentence before
          fig.parent = before.parent ?? before.index;
        }

        fig.phrase = valuePhrase(text, clauseStart, hit, right);
        fig.qualifier = qualifierOf(folded.slice(Math.max(0, clauseStart, hit.start - 30), hit.start), hit);

        fig.measure = measureText(text, clauseStart, hit.start, periods);
        // a table cell names nothing itself: its row's label is what it measures
        if (sentence.column && sentence.heading && !contentWords(ownText).length && !continues) fig.measure = sentence.heading;
        // Context: a lead-in before "trong đó", a "Label:" prefix, the list heading, the clause before the parenthesis.
        const context: string[] = [];
        // "Về cơ cấu kinh tế, … 57,46%. Công nghiệp - xây dựng chiếm 24,92% …": the paragraph's lead-in
        // holds for the sentences after the one it opens
        if (paragraphLead && sentence !== para.sentences[0]) context.push(paragraphLead);
        if (colon > 0 && colon <= hit.start) {
          const label = text.slice(0, colon - 1).trim();
          context.push(label);
          // "Kim ngạch xuất khẩu: 1.204 triệu USD": the label is what the value measures
          if (!contentWords(ownText).length && !continues) fig.measure = label;
        }
        if (markerScope && !continues) {
          const lead = text.slice(part, markerScope.at).replace(/[,\s]+$/, "").trim();
          if (lead && lead.length < 300) {
            context.push(lead);
            if (fig.whole === undefined && !/\d/.test(lead.replace(/(?:19|20)\d{2}/g, ""))) fig.lead = lead;
          }
        }
        if (sentence.heading) {
          context.push(sentence.heading);
          if (fig.whole === undefined && !continues && !/(?:như sau|sau đây)$/u.test(sentence.heading) && !isGenericHeading(sentence.heading)) fig.lead ??= sentence.heading;
        }
        // A lead-in of the clause ("đối với kế hoạch vốn năm 2023, tính đến …", "Về thu ngân sách, …").
        // ("Riêng xuất khẩu thủy sản năm 2022, báo cáo của tỉnh ghi …": the sentence's opening lead-in)
        const openingLead = /^(?:Riêng|Đối với|Về|Với)\s[^,;]{3,120}(?=,)/u.exec(text.slice(part, clauseStart));
        if (openingLead && !context.includes(openingLead[0])) {
          context.push(openingLead[0]);
          fig.clauseLead ??= openingLead[0];
        }
        if (left < clauseStart) {
          const lead = [...text.slice(left, clauseStart).matchAll(/(?:^|[,;]\s*)((?:Đối với|đối với|Về|về|Riêng|riêng|Với|với|Trong lĩnh vực|trong lĩnh vực|Liên quan đến|liên quan đến)\s[^,;]{3,120})/gu)].pop();
          if (lead) {
            context.push(lead[1]!.trim());
            fig.clauseLead = lead[1]!.trim();
          }
        }
        // "số xã đạt chuẩn … là 107/111; 33 xã đã đạt chuẩn nâng cao": the communes of the figure before.
        const head = hit.countNoun?.split(/\s+/)[0]?.toLowerCase();
        if (head && !continues && !contentWords(ownText).length) {
          const earlier = local.find((f) => f.cite.toLowerCase().split(/[\s,;()]+/).includes(head));
          if (earlier && earlier.whole === undefined) context.push(earlier.cite);
        }
        // "10 dự án FDI cấp mới với vốn đăng ký 135 triệu USD": the capital is that of the projects.
        if (linked && prevFig) {
          context.push(prevFig.cite);
          fig.group = prevFig.group;
        }
        fig.context = [...new Set(context.filter(Boolean))];

        fig.kind = kindOf(fig, folded, clauseStart, right, sentence, context, ownText);
        // the figure it continues, in this sentence or an earlier one
        const parentFig = () => local.find((f) => f.index === fig.parent) ?? figures.find((f) => f.index === fig.parent);
        // "Tốc độ tăng trưởng GRDP lần lượt đạt 1,47% năm 2021, 7,7% năm 2022": the values after the first continue its kind
        // ("… so với mức 8,79% của quý I/2024": the base of a comparison is a value of the same kind)
        if (continues && fig.kind === "level" && fig.hit.unit === "%" && (!/\p{L}/u.test(ownText) || /(?:^|\s)(?:so với\s+)?(?:mức|con số)\s*$/iu.test(ownText))) {
          const p = parentFig();
          if (p && p.hit.unit === "%" && (p.kind === "growth" || p.kind === "share" || p.kind === "percent_of_plan")) fig.kind = p.kind;
        }
        // after the kind: the sentence before says what, not how ("tăng" there is not this figure's)
        if (antecedent && !fig.context.includes(antecedent)) fig.context.push(antecedent);
        // "Giải ngân vốn đầu tư công … đạt 51,2% kế hoạch. Đến ngày 18/12/2025, tỷ lệ giải ngân đã lên 68,3%":
        // a measure said shorter than in the sentence before is that sentence's measure
        // ("Riêng quý I/2025, tỉnh thu được 13.862 tỷ đồng": a lead-in that only says when is no context)
        else if (fig.context.every((c) => !contentWords(withoutPeriods(c, 0, c.length, findPeriods(c))).length) && previousSentenceLast && sentence.inParagraph > 0 && !local.length) {
          // (any figure of that sentence, the one of the same unit first: "Hết 9 tháng, thu ngân sách ước
          // đạt 51.465 tỷ đồng, bằng trên 90% dự toán. Riêng quý I/2025, tỉnh thu được 13.862 tỷ đồng")
          const mine = contentWords(fig.measure).filter((w) => w !== "ti" && w !== "le");
          const previous = figures.filter((f) => f.sentence === previousSentenceLast!.sentence).sort((a, b) => Number(b.unit === hit.unit) - Number(a.unit === hit.unit));
          const holder = previous.find((f) => {
            const before = new Set(contentWords(`${f.measure} ${f.cite}`));
            return mine.length > 0 && mine.every((w) => before.has(w));
          });
          if (holder) fig.context.push(holder.cite);
        }
        if (topic && sentence !== opening) fig.topic = topic;
        // under "Cơ cấu kinh tế …" only the shares are parts of the structure (not GRDP per capita)
        if (fig.lead && fig.lead !== sentence.heading && /co cau|ti trong/.test(foldSameLength(fig.lead)) && fig.kind !== "share") fig.lead = undefined;
        // "vượt kế hoạch đề ra (7%)": the value in brackets after a plan is the plan's
        fig.target = isTarget(folded.slice(Math.max(0, hit.start - 120), hit.start)) || /(?:ke hoach|muc tieu|chi tieu|du toan)(?: [a-z]+){0,3} ?\($/.test(folded.slice(Math.max(0, hit.start - 40), hit.start));
        // "GRDP … tăng 7,71% … vượt mục tiêu cả năm 2024 là 6,5 - 7%": a target in % of a growth is a growth target
        if (fig.target && (fig.kind === "level" || fig.kind === "percent_of_plan") && fig.hit.unit === "%" && fig.parent !== undefined) {
          const p = parentFig();
          if (p && p.kind === "growth") fig.kind = "growth";
        }
        const comparison = periods.find((p) => p.role === "comparison" && p.start >= hit.end && p.start <= right + 2);
        const compText = /so (?:voi )?cung ki|so voi nam truoc|cung ki/.exec(folded.slice(hit.end, right));
        if (comparison) fig.comparedTo = comparison.text;
        else if (compText) fig.comparedTo = text.slice(hit.end + compText.index, hit.end + compText.index + compText[0].length);

        local.push(fig);
        lastIn.set(`${g}:${part}`, hit);
      }

      distributeInTurn(text, local);
      // Periods: the clause's own, else the sentence's before the figure, else the paragraph's frame, else
      // the heading's, else the line's above or the other source's, else the report's.
      for (const fig of local) {
        // (the same number from another source is of the same period, unless its sentence says one)
        const same = otherSource.get(fig);
        const inherited: ExtractedPeriod | undefined = carry ? { atoms: [...carry.atoms], source: "paragraph", cite: carry.cite } : same ? { ...same.period, atoms: [...same.period.atoms] } : undefined;
        fig.period = periodOf(fig, folded, periods, lay, frame, inherited, documentPeriod);
      }
      // Open years ("quý II") take the year of the nearest period before them.
      for (const fig of local) {
        if (fig.period.atoms.some(isOpen)) {
          // (not the year of a comparison: "… so với mức 8,79% của quý I/2024; sáu tháng đầu năm tăng 11,03%")
          const compared = (p: PeriodSpan) => /so (?:voi|cung)\b/.test(folded.slice(Math.max(0, p.start - 50), p.start));
          const before = [...periods].reverse().find((p) => p.role === "period" && p.end <= fig.hit.start && p.atoms.some((a) => !isOpen(a) && yearOf(a)) && !compared(p));
          // (then the year of the heading or section it sits under: "TÌNH HÌNH 9 THÁNG ĐẦU NĂM 2023")
          const yearFrom = before?.atoms.map(yearOf).find(Boolean) ?? (frame ? frame.atoms.map(yearOf).find(Boolean) : undefined) ?? headedPeriod(sentence)?.atoms.map(yearOf).find(Boolean) ?? documentPeriod.map(yearOf).find(Boolean);
          if (yearFrom) fig.period.atoms = settleYear(fig.period.atoms, yearFrom);
        }
      }
      // Inherit measure words for continuation figures.
      figures.push(...local);
      // "Tỉnh nêu 12 kiến nghị, chia thành hai nhóm." then "+ Nhóm 5 kiến nghị với Chính phủ …", "+ Nhóm 7
      // kiến nghị với các bộ …": the groups' counts are parts of the total announced before them
      const groupLine = sentence.inParagraph === 0 && (sentence.listItem || /^Nhóm\s/u.test(sentence.text));
      const firstCount = local.find((f) => f.kind === "count");
      if (groupLine && announced && firstCount && firstCount.whole === undefined && firstCount.parent === undefined && firstCount.hit.value < announced.hit.value) firstCount.whole = announced.index;
      else if (!groupLine) announced = undefined;
      if (!sentence.listItem && !/^Nhóm\s/u.test(sentence.text)) {
        const total = [...local].reverse().find((f) => f.kind === "count");
        if (total && /(?:chia (?:thành|làm)|gồm|bao gồm|như sau|cụ thể)[^.]{0,40}[.:]?\s*$/u.test(sentence.text)) announced = total;
      }
      if (local.length) previousSentenceLast = local[local.length - 1];
      // (what the next line may carry: this line's own period, not a target's)
      const own = local.find((f) => !f.target && (f.period.source === "clause" || f.period.source === "sentence") && !f.period.atoms.some(isOpen));
      const carriedOn = !local.length || local.every((f) => f.period.source === "paragraph") ? carry : undefined;
      if (labelLine(para.text) && (own || carriedOn)) {
        const span = own ? periods.find((p) => p.role === "period" && p.atoms.join() === own.period.atoms.join()) : undefined;
        carried = own && span ? { atoms: own.period.atoms, cite: span.text, end: para.end } : carriedOn ? { ...carriedOn, end: para.end } : undefined;
      }
      if (local.length) lastItem = sentence.listItem && sentence.heading ? { fig: local[local.length - 1]!, heading: sentence.heading } : undefined;
      // A sentence that opens with a period (before any figure) frames the ones after it.
      // A period after the sentence's last figure ("…, trong 4 tháng đầu năm 2023, hoạt động … thuận lợi.") leads into the next one.
      const opener = periods.find((p) => p.role === "period" && (!hits.length || p.end <= hits[0]!.start) && p.start < Math.max(60, text.length * 0.4) && !p.atoms.some(isOpen));
      const trailing = [...periods].reverse().find((p) => p.role === "period" && hits.length > 0 && p.start >= hits[hits.length - 1]!.end && !p.atoms.some(isOpen) && (lay.group[p.start] ?? -1) === -1);
      const framing = trailing ?? opener;
      if (framing) frame = { atoms: framing.atoms, cite: clauseAround(text, framing) };
    }
  }
  return figures;
}

/**
 * Between two figures of one clause: where the first one's words end (`end`) and the next one's
 * begin (`next`). "…tăng 5,01%, công nghiệp tăng 11,03%" splits at the comma; "…đạt 7,22%, trong
 * đó nông nghiệp tăng…" at "trong đó"; "10 dự án với vốn 135 triệu USD" before "với".
 */
export function splitBetween(text: string, from: number, to: number): { end: number; next: number; link: boolean } {
  const between = text.slice(from, to);
  const marker = /(?:^|[\s,])(trong đó|bao gồm|gồm|cụ thể)[\s,:]+/iu.exec(between);
  if (marker) return { end: from + marker.index, next: from + marker.index + marker[0].length, link: false };
  // "1,2 tỷ USD, trong khi số liệu của VASEP là 1,08 tỷ USD": a contrast opens the next figure's clause
  const contrast = /[,;]\s(?=(?:trong khi|còn|nhưng|song|tuy nhiên|ngược lại)\s)/iu.exec(between);
  if (contrast) return { end: from + contrast.index, next: from + contrast.index + contrast[0].length, link: false };
  // ", đối với kế hoạch vốn năm 2023, tính đến … 589 tỷ đồng": the lead-in opens the next figure's clause
  const leadIn = /[,;]\s(?=(?:đối với|về|riêng|trong lĩnh vực|liên quan đến)\s)/iu.exec(between);
  if (leadIn) return { end: from + leadIn.index, next: from + leadIn.index + leadIn[0].length, link: false };
  let last: { at: number; len: number } | undefined;
  for (const b of boundaries(text, from, to, /,\s|;\s?|\s(?:và|đồng thời)\s|\s\(/gu)) last = b;
  if (last) return { end: last.at, next: last.at + last.len, link: false };
  const verb = /\s(với|bằng|tương đương|tăng|giảm|đạt|chiếm|là|cao|thấp|nhiều|ít|vượt|trong đó)\s/iu.exec(between);
  return verb ? { end: from + verb.index, next: from + verb.index + 1, link: verb[1] === "với" } : { end: from, next: from, link: false };
}

function closeOf(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(" || text[i] === "[") depth++;
    else if (text[i] === ")" || text[i] === "]") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return text.length;
}

function trimRight(text: string, from: number, to: number): number {
  let e = to;
  while (e > from && /[\s,;:.…)(]/.test(text[e - 1]!)) e--;
  return e;
}

// Coordinated compounds ("xuất, nhập khẩu", "nông, lâm nghiệp", "bộ, ngành") put a comma inside a
// noun phrase: such a comma is not where a clause starts.
const COMPOUND_HALVES = new Set(["quan", "xuat", "nhap", "nong", "lam", "ngu", "thuy", "bo", "so", "ban", "nganh", "thu", "chi", "dien", "nuoc", "cong", "thuong", "kinh", "van", "hoa", "quoc", "phong", "an", "ninh"]);

/** "xuất, nhập khẩu": a comma between the halves of a coordinated compound. */
/**
 * "khu vực nông, lâm nghiệp và thủy sản, công nghiệp - xây dựng và dịch vụ lần lượt tăng 3,02%,
 * 6,88% và 4,36%": each value is the measure of its subject, in turn.
 */
function distributeInTurn(text: string, local: ExtractedFigure[]): void {
  const turn = /\blần lượt\b/u.exec(text);
  if (!turn) return;
  const stop = text.indexOf(";", turn.index);
  const values = local.filter((f) => f.hit.start > turn.index && f.hit.start - turn.index < 160 && (stop < 0 || f.hit.start < stop));
  if (values.length < 2) return;
  const from = Math.max(text.lastIndexOf(";", turn.index), text.lastIndexOf(":", turn.index)) + 1;
  const subjects = listItems(text, from, turn.index);
  if (subjects.length < values.length) return;
  const mine = subjects.slice(-values.length);
  // the first may carry the lead-in ("Trong nửa đầu năm, khu vực …"): from its last comma of a clause
  values.forEach((f, i) => {
    f.measure = mine[i]!.replace(/^(?:trong|về|riêng|còn)\s[^,]*,\s*/iu, "").trim();
    f.parent = undefined;
    // its subject is matched as its own words (the citation stays the value's clause: the others' subjects are not this one's)
    f.keys = [f.measure];
    if (i === 0) f.cite = text.slice(turn.index, f.hit.end).trim();
  });
}

/** "Về cơ cấu kinh tế, …", "Đối với tình hình xuất, nhập khẩu, …": a sentence's lead-in, up to the comma that ends it. */
function leadIn(text: string): string | undefined {
  if (!/^(?:Về|Đối với|Riêng|Trong lĩnh vực)\s/u.test(text)) return undefined;
  for (const m of text.slice(0, 100).matchAll(/,\s/gu)) {
    if (isCompoundComma(text, m.index!)) continue;
    const lead = text.slice(0, m.index!);
    return /[;.]/.test(lead) || lead.length < 6 ? undefined : lead;
  }
  return undefined;
}

/** The items of "A, B và C" between two offsets, "nông, lâm nghiệp và thủy sản" kept whole. */
function listItems(text: string, from: number, to: number): string[] {
  const items: string[] = [];
  let start = from;
  for (const b of boundaries(text, from, to, /,\s|\svà\s/gu)) {
    items.push(text.slice(start, b.at).trim());
    start = b.at + b.len;
  }
  items.push(text.slice(start, to).trim());
  return items.filter(Boolean);
}

/**
 * The separators (matches of `separators`, a global pattern) between two offsets that end a name
 * or a clause: not the comma of "nông, lâm nghiệp", nor the "và" that closes such a name
 * ("…, nông, lâm nghiệp và thủy sản tăng 3,4%").
 */
function* boundaries(text: string, from: number, to: number, separators: RegExp): Generator<{ at: number; len: number }> {
  let inCompound = false;
  for (const m of text.slice(from, to).matchAll(separators)) {
    const at = from + m.index!;
    if (m[0].startsWith(",") && isCompoundComma(text, at)) {
      inCompound = true;
      continue;
    }
    const closesCompound = inCompound && /^\svà\s$/u.test(m[0]);
    inCompound = false;
    if (!closesCompound) yield { at, len: m[0].length };
  }
}

function isCompoundComma(text: string, at: number): boolean {
  const wordBefore = /([\p{L}]+)$/u.exec(text.slice(Math.max(0, at - 20), at))?.[1];
  return !!wordBefore && COMPOUND_HALVES.has(foldWord(wordBefore)) && /^,\s*\p{Ll}/u.test(text.slice(at));
}

/** The start of the clause a value sits in: after the nearest comma that ends a clause, within reach. */
export function clauseStartBefore(text: string, left: number, valueStart: number): number {
  const segment = text.slice(left, valueStart);
  const commas = [...segment.matchAll(/,\s/gu)].map((m) => left + m.index!);
  for (let k = commas.length - 1; k >= 0; k--) {
    const at = commas[k]!;
    const afterWords = contentWords(text.slice(at + 2, valueStart));
    if (isCompoundComma(text, at)) continue;
    if (afterWords.length >= 1 || valueStart - at > FAR_LIMIT) return at + 2;
  }
  // No clause comma: the whole stretch, unless it is long; then its tail.
  return left;
}

function withoutPeriods(text: string, from: number, to: number, periods: PeriodSpan[]): string {
  let out = "";
  let at = from;
  for (const p of periods) {
    // (the prices' base year is a part of the measure: "GRDP theo giá so sánh năm 2010")
    if (p.end <= from || p.start >= to || p.role === "price_base") continue;
    out += text.slice(at, Math.max(at, p.start)) + " ";
    at = Math.max(at, p.end);
  }
  return out + text.slice(at, Math.max(at, to));
}

const LEAD_WORDS = /^(?:(?:trong đó|bao gồm|gồm|cụ thể|riêng|còn|và|đã|đang|sẽ|được|toàn tỉnh|tỉnh|cả tỉnh|địa phương|với|theo báo cáo|theo|thì|sau|trong|tại|hiện|hiện nay|về|đối với|lũy kế|luỹ kế|ngoài ra|bên cạnh đó|đồng thời|tuy nhiên|mặt khác|nhìn chung|tính đến hết|tính đến|đến hết|đến)(?:[\s,:]+|$))+/iu;
const TAIL_WORDS = /(?:[\s,]+(?:đạt|ước đạt|ước tính|ước|dự kiến|tăng|giảm|là|có|chiếm|bằng|tương đương|khoảng|hơn|gần|trên|dưới|lên tới|lên|xuống còn|còn|được|đã|với|ít nhất|tối thiểu|cao|thấp|vượt|xếp|đứng|tới|nhiều hơn|cao hơn|thấp hơn|so với|mức|đối với|với|cho|đối))+$/iu;

/** The measure as written before the value, without the verbs that introduce the value. */
function measureText(text: string, from: number, to: number, periods: PeriodSpan[]): string {
  let s = withoutPeriods(text, from, to, periods).replace(/\s+/g, " ").trim();
  // "dù còn nhiều khó khăn, cả 18/18 …": a concession or lead-in before a comma is not the measure
  s = s.replace(/^(?:dù|mặc dù|tuy|tuy nhiên|nhìn chung|theo đó|trong khi đó|bên cạnh đó)(?=[\s,])[^,]*,\s*/iu, "");
  for (let k = 0; k < 3; k++) s = s.replace(TAIL_WORDS, "").replace(LEAD_WORDS, "").replace(/^[,;:\s]+|[,;:\s]+$/g, "").trim();
  return s;
}

/** The value with the words of the clause that say what it is ("bằng 116,92% dự toán"). */
function valuePhrase(text: string, clauseStart: number, hit: ValueHit, right: number): string {
  const before = text.slice(clauseStart, hit.start);
  const verb = /(?:^|\s)((?:ước đạt|ước tính|ước|dự kiến|đạt|tăng|giảm|chiếm|bằng|tương đương|lên tới|xuống còn|còn|vượt kế hoạch|vượt|cao hơn|nhiều hơn|thấp hơn|xếp|đứng|đóng góp|gấp|là|có)(?:\s\S+){0,3}?)\s*$/iu.exec(before);
  const start = verb ? hit.start - (before.length - (verb.index + (verb[0].startsWith(" ") ? 1 : 0))) : hit.start;
  return text.slice(start, right).trim();
}

function qualifierOf(foldedBefore: string, hit: ValueHit): string | undefined {
  if (hit.qualifier) return hit.qualifier;
  const m = /(?:^|\s)(uoc dat|uoc tinh|uoc|du kien|du uoc|khoang|tam)\s*(?:dat\s*)?$/.exec(foldedBefore.trimEnd() + " ");
  if (m) return m[1]!.startsWith("uoc") ? "ước" : m[1] === "du kien" || m[1] === "du uoc" ? "dự kiến" : "khoảng";
  return undefined;
}

function kindOf(fig: ExtractedFigure, folded: string, clauseStart: number, right: number, sentence: Sentence, context: string[], ownText: string): ExtractedKind {
  const hit = fig.hit;
  if (hit.form === "rank") return "rank";
  const ownFolded = foldSameLength(ownText).replace(/\s+/g, " ");
  const tail = ownFolded.slice(-40);
  const after = folded.slice(hit.end, right).trim();
  const scope = foldSameLength([sentence.heading ?? "", ...context, folded.slice(0, clauseStart)].join(" "));
  const near = folded.slice(clauseStart, hit.start);
  const unit = foldWord(hit.unit);
  if (/diem phan tram|diem %/.test(unit)) return /dong gop/.test(near) ? "contribution" : "change";
  const percent = hit.unit === "%";
  // a cell of a comparison column ("So với cùng kỳ", "% kế hoạch") says its kind in the header
  const comparison = sentence.comparison ? foldSameLength(sentence.comparison).toLowerCase() : "";
  if (comparison && percent) return /ke hoach|du toan|muc tieu|chi tieu/.test(comparison) ? "percent_of_plan" : /cung ki/.test(comparison) ? "change_same_period" : "growth";
  if (comparison && /tang|giam|so voi/.test(comparison)) return "change";
  if (percent) {
    // "vượt mục tiêu 7,5%", "chưa chạm tới mục tiêu 14%": the value after "mục tiêu" is the target itself, of the figure's kind
    const targetItself = /muc tieu(?: (?:de ra|dat ra|cua tinh|ca nam|nam \d{4}|\d{4}|la))*\s*$/.test(tail);
    if (!targetItself && (/^(?:\S+ )?(?:du toan|ke hoach|muc tieu|chi tieu|so voi ke hoach|so voi du toan|nhiem vu)/.test(after) || /vuot (?:ke hoach|du toan|muc tieu|chi tieu)\s*$/.test(tail))) return "percent_of_plan";
    // ("phấn đấu tăng trưởng từ 12% trở lên", "tăng trưởng ở mức 7%")
    // ("chỉ nhích thêm 3,15%", "tăng nhẹ 1,2%", "tăng mạnh 14%")
    const growthVerb = /(?:tang|giam|tang truong|tang them|tang binh quan|tang khoang|giam khoang|tang hon|giam hon|nhich|nhich them|nhich len|tang nhe|tang manh|giam nhe|giam manh)\s*(?:khoang|hon|gan|tren|duoi|tu|o muc|muc|dat)?\s*$/.test(tail) || hit.down;
    const shareScope = /co cau|ti trong/.test(scope) || /ti trong|co cau/.test(near);
    if (/(?:chiem|ti trong|chiem ti trong)\s*(?:khoang|hon|gan|tren|duoi)?\s*$/.test(tail)) return "share";
    // under a heading "Về cơ cấu kinh tế:", a line "Về tốc độ, … tăng 9,12%" is a growth; within one
    // sentence about the structure, "công nghiệp - xây dựng tăng 24,4%" stays a share (the report's slip)
    const shareInSentence = /co cau|ti trong/.test(folded.slice(0, clauseStart)) || /ti trong|co cau/.test(near);
    const growthSaid = growthVerb && /toc do|tang truong/.test(folded.slice(0, clauseStart) + " " + context.map((c) => foldSameLength(c)).join(" "));
    // (a growth verb of its own outside a sentence about the structure is a growth, whatever the paragraph is about)
    if (shareScope && !/so (?:voi )?cung ki|so voi nam/.test(after) && !((growthSaid || growthVerb) && !shareInSentence)) return "share";
    // "ước đạt 5,83%/năm": a yearly rate over a span is an average growth
    if (/^\/\s?nam\b/.test(after)) return /cung ki/.test(after) ? "change_same_period" : "growth";
    if (/(?:cao|nhieu|thap|it) hon\b/.test(tail)) return /cung ki/.test(tail + after) ? "change_same_period" : "growth";
    if (growthVerb) return /cung ki/.test(after) ? "change_same_period" : "growth";
    if (/ti le|ti suat|do che phu|phu song|chi so/.test(near)) return "level";
    if (/giai ngan/.test(near + " " + scope)) return "percent_of_plan";
    // "Tốc độ tăng trưởng GRDP: ước 7,83%": a label that names a growth rate
    // ("mức tăng của 9 tháng năm 2023 là 6,27%", "ghi mức tăng cùng kỳ là 6,22%")
    if (/toc do tang|tang truong|toc do|muc tang/.test(near) || /^(?:toc do tang|tang truong|toc do|muc tang)/.test(foldSameLength(fig.measure).toLowerCase().trim())) return /cung ki/.test(near) && !/muc tang cua/.test(near) ? "change_same_period" : "growth";
    return "level";
  }
  if (/(?:tang|giam|nhieu hon|cao hon|it hon|thap hon|tang them)\s*(?:khoang|hon|gan|tren|duoi)?\s*$/.test(tail)) return "change";
  if (hit.countNoun || hit.form === "fraction") return "count";
  return "level";
}

function isTarget(foldedBefore: string): boolean {
  // ("vượt mục tiêu cả năm 2024 là 6,5 - 7%": what follows "là" is the target itself)
  // ("tỉnh đặt mục tiêu GRDP tăng 7,5%"; the national target programmes, "chương trình mục tiêu quốc gia", are a name)
  // ("Kế hoạch tăng trưởng GRDP năm 2025: từ 8% trở lên": a label that names a plan or a target)
  return /(?:^|[.;]\s*)(?:ke hoach|muc tieu|chi tieu)[^:;.]{0,80}:\s*(?:tu|dat|la|khoang|tren|it nhat)?\s*$|phan dau|muc tieu (?:la|den|nam|dat)|muc tieu(?! quoc gia)(?: [a-z]+){0,3}? (?:tang|tang truong|dat|la)(?: khoang| tren| tu)?\s*$|muc tieu(?: (?:de ra|dat ra|cua tinh|ca nam|nam \d{4}|\d{4}))*\s*$|muc tieu(?: (?:ca nam|nam|\d{4}|de ra|dat ra|tang truong|cua tinh))+ la\s*$|dinh huong (?:den|nam)|chi tieu (?:nam|ke hoach)|yeu cau (?:tinh )?(?:phan dau|dat|tang)|ke hoach nam \d{4} (?:la|dat)/.test(foldedBefore);
}

/** `folded`: the sentence's text, folded to the same length. */
function periodOf(fig: ExtractedFigure, folded: string, periods: PeriodSpan[], lay: Layout, frame: { atoms: string[]; cite: string } | undefined, inherited: ExtractedPeriod | undefined, documentPeriod: string[]): ExtractedPeriod {
  const text = fig.sentence.text;
  const g = lay.group[fig.hit.numStart] ?? -1;
  const usable = periods.filter((p) => p.role === "period" && p.atoms.length && ((lay.group[p.start] ?? -1) === -1 || (lay.group[p.start] ?? -1) === g));
  // "… lần lượt đạt 1,47% năm 2021, 7,7% năm 2022": a period written right after the value is its own
  // ("… thấp hơn mức 7,22%/năm của giai đoạn 2016 - 2020": the period that value belongs to)
  const right = usable.find((p) => p.start >= fig.hit.end && /^(?:\/\s?năm)?[\s(]{0,2}(?:(?:của|trong|vào)\s+)?$/u.test(text.slice(fig.hit.end, p.start)));
  if (right) return { atoms: [...right.atoms], source: "clause" };
  const before = usable.filter((p) => p.end <= fig.hit.start);
  const own = before[before.length - 1];
  // "… 7,71%, cao hơn nhiều so với cùng kỳ năm 2023 (5,03%)": the value in brackets is the comparison's,
  // of the same months in that year
  // ("… tăng 13,7%; cùng kỳ năm 2022 tăng 17,2%", "(cùng kỳ năm 2022 xuất siêu 7,12 tỷ USD)", "bởi cùng kỳ
  // năm 2023 GRDP của tỉnh chỉ tăng 2,91%": the same
  // period as the clause's, in that year; not "… tăng 12% so với cùng kỳ năm 2022", whose base it is)
  const base =
    periods.find((p) => p.role === "comparison" && p.end <= fig.hit.start && /^\s*\(\s*$/u.test(text.slice(p.end, fig.hit.start))) ??
    periods.find((p) => p.role === "comparison" && p.end <= fig.hit.start && /(?:^|[\s(;,])cung ki (?:nam )?$/.test(folded.slice(Math.max(0, p.start - 12), p.start)) && !/so (?:voi )?$/.test(folded.slice(Math.max(0, p.start - 20), p.start).replace(/cung ki (?:nam )?$/, "").trimEnd() + " ") && /^\s*(?:[\p{L}()]+\s+){0,8}$/u.test(text.slice(p.end, fig.hit.start)));
  const baseYear = base?.atoms.map(yearOf).find(Boolean);
  if (base && baseYear) {
    const same = own?.atoms ?? frame?.atoms ?? headedPeriod(fig.sentence)?.atoms ?? documentPeriod;
    const atoms = same.length && same.every((a) => !a.startsWith("y") && !a.startsWith("r")) ? settleYear(same.map((a) => a.replace(/\d{4}$/, "0")), baseYear) : [...base.atoms];
    return { atoms, source: "clause" };
  }
  if (own) {
    const inCite = fig.cite.includes(own.text) || fig.sentence.start + own.start >= fig.displayStart - fig.cite.length;
    return { atoms: [...own.atoms], source: inCite ? "clause" : "sentence", cite: inCite ? undefined : clauseAround(text, own) };
  }
  const after = usable.find((p) => p.start >= fig.hit.end && p.start - fig.hit.end < 30 && !/[;]/.test(text.slice(fig.hit.end, p.start)));
  if (after) return { atoms: [...after.atoms], source: "clause" };
  if (frame) return { atoms: [...frame.atoms], source: "paragraph", cite: frame.cite };
  // a table cell: its column header says the period ("Năm 2022")
  const column = fig.sentence.column;
  const columnPeriod = column ? findPeriods(column).find((p) => p.role === "period" && p.atoms.length) : undefined;
  if (column && columnPeriod) return { atoms: [...columnPeriod.atoms], source: "paragraph", cite: column };
  // "Về tăng trưởng kinh tế năm 2024:" over a list: the heading's period holds for its items
  // (or the section's, under a heading in capitals: "KẾT QUẢ NĂM 2022", "TÌNH HÌNH 9 THÁNG ĐẦU NĂM 2023")
  const headed = headedPeriod(fig.sentence);
  if (headed) return { atoms: [...headed.atoms], source: "paragraph", cite: headed.cite };
  if (inherited) return inherited;
  return { atoms: [...documentPeriod], source: "document" };
}

// "Một số chỉ tiêu chủ yếu năm 2021", "Kết quả thực hiện các chỉ tiêu kinh tế - xã hội", "Tình hình
// chung": headings that say nothing of what their lines measure, so no label takes them on
const GENERIC_HEADING_WORDS = new Set("mot so cac chi tieu chu yeu ket qua thuc hien tinh hinh chung kinh te xa hoi ve nam quy thang dau cuoi va".split(" "));
function isGenericHeading(heading: string): boolean {
  const words = foldSameLength(heading).split(/[^a-z]+/).filter(Boolean);
  return words.length > 0 && words.every((w) => GENERIC_HEADING_WORDS.has(w));
}

/** The period of the heading a sentence is listed under, else of its section; none when open ("9 tháng"). */
function headedPeriod(sentence: Sentence): { atoms: string[]; cite: string } | undefined {
  for (const head of [sentence.heading, sentence.headingLine, sentence.section]) {
    const p = head ? findPeriods(head).find((x) => x.role === "period" && x.atoms.length && !x.atoms.some(isOpen)) : undefined;
    // (of a line that a heading closes, only a period that opens it: "Năm 2024, …")
    if (head && p && (head !== sentence.headingLine || p.start < 12)) return { atoms: p.atoms, cite: head === sentence.headingLine ? p.text : head };
  }
  return undefined;
}

/** The clause around a period span, to cite where a figure's period is said. */
function clauseAround(text: string, p: PeriodSpan): string {
  let s = p.start;
  const boundary = (i: number) => /[,;.]/.test(text[i]!) && !/\d/.test(text[i + 1] ?? "");
  while (s > 0 && !boundary(s - 1)) s--;
  let e = p.end;
  while (e < text.length && !(boundary(e) && (text[e] !== "," || e > p.end + 40))) e++;
  return text.slice(s, e).trim().replace(/[,;]$/, "");
}

/** Citations read better without a dangling connector at either end. */
function trimCite(cite: string): string {
  return cite
    .replace(/^(?:và|,|;|trong đó,?)\s+/iu, "")
    .replace(/[\s,;:(]+$/u, "")
    .replace(/\s+(?:và|hoặc|với|cùng)$/iu, "")
    .trim();
}
