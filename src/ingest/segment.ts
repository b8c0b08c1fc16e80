// A report's text cut into what its figures and statements are cited from: paragraphs (lines),
// list items with the heading they sit under, and sentences, each with its offsets in the NFC
// text, so that every citation is a slice of the source as written.

export interface Sentence {
  /** Position in the whole text (NFC), end exclusive; `text` is exactly that slice. */
  start: number;
  end: number;
  text: string;
  /** Index of the paragraph (non-empty line) it belongs to. */
  paragraph: number;
  /** Index among the sentences of its paragraph. */
  inParagraph: number;
  /** For a list item: the heading line above the list ("Cơ cấu kinh tế:"), without the colon; for a table cell, its row's label. */
  heading?: string;
  /** For a list item under a heading that closes a longer line ("Năm 2024, … Cơ cấu kinh tế tương ứng:"): that line. */
  headingLine?: string;
  /** For a table cell: its column's header ("Năm 2022"), which says the period of its values. */
  column?: string;
  /** For a cell of a comparison column ("So với cùng kỳ"): that header; `column` is then the period column before it. */
  comparison?: string;
  /** The section it sits in, under a heading in capitals ("KIẾN NGHỊ CỦA TỈNH"): what its statements are. */
  section?: string;
  listItem: boolean;
}

export interface Paragraph {
  start: number;
  end: number;
  text: string;
  sentences: Sentence[];
}

const BULLET = /^(?:[-–—•+*▪●○◦]|\(?[a-zđ]\)|\(\d{1,2}\)|\d{1,2}[.)])\s+/iu;
// A full stop after these is not the end of a sentence ("TP. Hồ Chí Minh", "TS. Nguyễn…").
const ABBREVIATIONS = new Set(["tp", "ts", "ths", "pgs", "gs", "bs", "ks", "q", "p", "tt", "v.v", "st", "tr", "ng"]);

/** Splits a report into paragraphs and sentences. `text` must already be NFC. */
export function segment(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let heading: string | undefined;
  // the whole line a heading closes, when it is the last sentence of one
  let headingLine: string | undefined;
  let headingNumbered = false;
  let section: string | undefined;
  let table: Cell[] | undefined;
  let offset = 0;
  for (const rawLine of text.split("\n")) {
    const lineStart = offset;
    offset += rawLine.length + 1;
    const trimmedLeft = rawLine.length - rawLine.trimStart().length;
    let start = lineStart + trimmedLeft;
    let end = lineStart + rawLine.trimEnd().length;
    if (end <= start) {
      heading = undefined; // a blank line ends a list
      continue;
    }
    let line = text.slice(start, end);
    const bullet = BULLET.exec(line);
    // "IV. KIẾN NGHỊ CỦA TỈNH": a line in capitals opens a section, which says what its sentences are
    const capitals = !bullet && line.length <= 120 && /\p{Lu}{2,}/u.test(line) && line === line.toLocaleUpperCase("vi") && !/[.;]$/.test(line) && line.split(/\s+/).length >= 2;
    if (capitals) {
      section = line.replace(/^(?:[IVX]{1,4}|\d{1,2})[.)]\s*/u, "").trim();
      heading = undefined;
      continue;
    }
    const numbered = !!bullet && /^(?:\d{1,2}[.)]|[IVX]{1,4}[.)])\s/u.test(line);
    // "2. Về cơ cấu kinh tế năm 2023:" is a numbered heading over the bullets below, not an item
    // ("2. Một số chỉ tiêu chủ yếu năm 2021", with no colon, over "Label: value" lines: a heading too)
    const headingWords = numbered && !/[.;:：]$/.test(line) && line.length <= 80 && /^(?:về|tình hình|kết quả|một số|các chỉ tiêu|chỉ tiêu)\s/iu.test(line.slice(bullet![0].length));
    const numberedHeading = numbered && (/[:：]$/.test(line) || headingWords) && !/\d/.test(line.slice(bullet![0].length).replace(/(?:19|20)\d{2}/g, ""));
    // "7. Về kiến nghị: tỉnh nêu 12 kiến nghị…" after "6. Về khó khăn, hạn chế:" is the next section, not an item of it
    const nextSection = numbered && !numberedHeading && headingNumbered;
    if (nextSection) heading = undefined;
    const listItem = !!bullet && !numberedHeading && !nextSection;
    if (numberedHeading) headingNumbered = true;
    else if (nextSection) headingNumbered = false;
    if (bullet) {
      start += bullet[0].length;
      line = text.slice(start, end);
    }
    // A line that only announces what follows ("Về thu ngân sách:") is a heading for the lines below.
    if (!listItem && /[:：]$/.test(line) && !/\d/.test(line.replace(/(?:19|20)\d{2}/g, ""))) {
      heading = line.slice(0, -1).trim();
    } else if (numberedHeading && headingWords) {
      heading = line.trim();
    } else if (!listItem && heading && !/^\p{Ll}/u.test(line) && paragraphs.length && !isHeadingContinuation(line)) {
      heading = undefined;
    }
    // Trailing ";" or "." of a list item is not part of what it says.
    while (end > start && /[;,.]/.test(text[end - 1]!) && listItem) end--;
    line = text.slice(start, end);
    const index = paragraphs.length;
    // "Chỉ tiêu | Năm 2022 | 4 tháng đầu năm 2023" then "Thu ngân sách | 2.565 tỷ đồng | 553 tỷ đồng": a table
    const cells = tableCells(line, start);
    if (cells && isTableHeader(cells)) table = cells;
    else if (cells && table && cells.length === table.length) {
      const label = cells[0]!.text;
      const sentences = cells.slice(1).map((c, i) => ({ start: c.start, end: c.end, text: c.text, paragraph: index, inParagraph: i, listItem: false, heading: label, ...columnOf(table!, i + 1) }));
      paragraphs.push({ start, end, text: line, sentences });
      continue;
    } else if (!cells) table = undefined;
    const sentences = splitSentences(line, start).map((s, i) => ({ ...s, paragraph: index, inParagraph: i, listItem, heading: listItem || heading ? heading : undefined, ...(listItem && heading && headingLine ? { headingLine } : {}), ...(section ? { section } : {}) }));
    paragraphs.push({ start, end, text: line, sentences });
    if (!listItem) headingLine = undefined;
    // "Các chỉ tiêu chủ yếu năm 2023 được tỉnh báo cáo như sau." announces the lines below, as a heading would
    const last = sentences[sentences.length - 1];
    if (!listItem && last && /(?:như sau|sau đây)\s*[.:]?$/u.test(last.text)) heading = last.text.replace(/\s*[.:]$/u, "");
    // "Năm 2024, … dịch vụ tăng 6,94%. Cơ cấu kinh tế tương ứng:": the closing sentence heads the list
    // below, and the line's period ("Năm 2024") is the list's
    else if (!listItem && last && sentences.length >= 2 && /[:：]$/.test(last.text) && last.text.length <= 100 && !/\d/.test(last.text.replace(/(?:19|20)\d{2}/g, ""))) {
      heading = last.text.slice(0, -1).trim();
      headingLine = line;
    }
  }
  return paragraphs;
}

interface Cell {
  start: number;
  end: number;
  text: string;
}

/** The cells of a "a | b | c" line, with their offsets; undefined for a line that is not one. */
function tableCells(line: string, base: number): Cell[] | undefined {
  if (!/\s\|\s/.test(line)) return undefined;
  const out: Cell[] = [];
  let from = 0;
  for (const m of [...line.matchAll(/\|/g), { index: line.length }]) {
    const raw = line.slice(from, m.index);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) out.push({ start: base + from + lead, end: base + from + lead + text.length, text });
    from = m.index! + 1;
  }
  return out.length >= 2 ? out : undefined;
}

const PERIOD_HEADER = /(?:năm|tháng|quý|giai đoạn|\b(?:19|20)\d{2}\b)/iu;
// "So với cùng kỳ", "Tăng/giảm (%)", "% kế hoạch": a column of changes or shares of the plan, of the period column before it
const COMPARISON_HEADER = /^(?:so (?:với )?|tăng\s?\/\s?giảm|tăng,? giảm|\(?%\)? so|%\s|đạt|bằng|tỷ lệ so)/iu;

/** A header row: its cells after the first name periods ("Năm 2022", "4 tháng đầu năm 2023", "Quý I/2024"), or compare with the one before. */
function isTableHeader(cells: Cell[]): boolean {
  const rest = cells.slice(1);
  const period = (c: Cell) => PERIOD_HEADER.test(c.text) && !COMPARISON_HEADER.test(c.text);
  return rest.length > 0 && period(rest[0]!) && rest.every((c) => (period(c) || COMPARISON_HEADER.test(c.text)) && !/\d[.,]\d|%\s*\d/.test(c.text));
}

/** What a data cell's column says: its period header, and for a comparison column, that comparison and the period before it. */
function columnOf(header: Cell[], i: number): { column: string; comparison?: string } {
  const own = header[i]!.text;
  if (!COMPARISON_HEADER.test(own)) return { column: own };
  let j = i - 1;
  while (j > 1 && COMPARISON_HEADER.test(header[j]!.text)) j--;
  return { column: header[j]!.text, comparison: own };
}

/** Lines under a heading that are not bullets but read like "Label: value;" items keep the heading. */
function isHeadingContinuation(line: string): boolean {
  return /^[^:.]{2,60}:\s*\S/.test(line) && /[;,]$|\d/.test(line);
}

function splitSentences(line: string, base: number): Omit<Sentence, "paragraph" | "inParagraph" | "heading" | "listItem">[] {
  const out: Omit<Sentence, "paragraph" | "inParagraph" | "heading" | "listItem">[] = [];
  let from = 0;
  const re = /([.!?…]+)(["”’)]*)\s+(?=["“‘(]?[\p{Lu}\d])/gu;
  for (const m of line.matchAll(re)) {
    const stop = m.index! + m[1]!.length + m[2]!.length;
    const before = /([\p{L}.]+)\.$/u.exec(line.slice(Math.max(from, m.index! - 6), m.index! + 1));
    if (m[1] === "." && before && ABBREVIATIONS.has(before[1]!.toLowerCase())) continue;
    push(from, stop);
    from = m.index! + m[0].length;
  }
  push(from, line.length);
  return out;

  function push(s: number, e: number) {
    let a = s;
    let b = e;
    while (a < b && /\s/.test(line[a]!)) a++;
    while (b > a && /\s/.test(line[b - 1]!)) b--;
    if (b > a) out.push({ start: base + a, end: base + b, text: line.slice(a, b) });
  }
}
