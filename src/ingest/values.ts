// Finds the values in a sentence as the report writes them: "7,22%", "13.330 ha", "1,345 tỷ USD",
// "hơn 8 triệu lượt", "gần 4,5 tỷ USD", "137/193", "thứ 7", "giảm 8,37%", "22 hợp tác xã",
// "2,05 điểm phần trăm". Dates, periods and document numbers are masked out by the caller.
import { parseViNumber } from "../text/numbers.js";

export interface ValueHit {
  /** Offsets in the sentence: the display (qualifier + number + unit) and the number itself. */
  start: number;
  end: number;
  numStart: number;
  numEnd: number;
  value: number;
  /** "%", "điểm phần trăm", "tỷ đồng", "ha", "lượt"…; for counts, the noun counted ("hợp tác xã"). */
  unit: string;
  /** The noun phrase counted, for counts ("hợp tác xã", "dự án FDI cấp mới"). */
  countNoun?: string;
  /** "hơn", "gần", "khoảng", "trên", "ít nhất"… when written right before the number. */
  qualifier?: string;
  /** "giảm" right before the number: the value goes down. */
  down: boolean;
  form: "number" | "fraction" | "rank";
}

const SCALE = "(?:nghìn tỷ|ngàn tỷ|triệu tỷ|nghìn|ngàn|triệu|tỷ|tỉ|trăm)";
// Closed list of measurement units; anything else after a number is a noun counted.
const UNITS = [
  "điểm phần trăm", "điểm %", "%", "USD", "đô la Mỹ", "đô la", "đồng", "euro", "ha", "héc-ta", "hecta", "km2", "km²", "km", "m2", "m²", "m3", "m³", "mét", "m",
  "tấn", "tạ", "kg", "lít", "MW", "kW", "kWh", "GW", "TEU", "lượt khách", "lượt người", "lượt", "người", "lao động", "hộ", "căn", "điểm", "lần",
];
const UNIT_RE = UNITS.map((u) => u.replace(/[.*+?^${}()|[\]\\%²³]/g, (c) => (c === "%" || c === "²" || c === "³" ? c : `\\${c}`))).join("|");
const QUALIFIERS = ["ít nhất", "tối thiểu", "tối đa", "xấp xỉ", "gần như", "gần", "hơn", "khoảng", "trên", "dưới", "chừng"];
const QUAL_RE = new RegExp(`(?:^|\\s)(${QUALIFIERS.join("|")})\\s+$`, "iu");
// Words that end a noun phrase after a count: verbs, prepositions, conjunctions, period words.
const NOUN_STOP = new Set(
  ("đạt tăng giảm với so của trong vào thuộc cho và tại ở trên bằng là được đã đang sẽ có liên gồm từ theo chiếm đến qua về như nhằm để khi năm tháng quý " +
    "hơn gần khoảng này đó kia nhưng mà còn thì nên do bởi vì nếu cùng trước sau mỗi tương ước gửi xin vượt xuống lên ra đưa giao").split(" "),
);
const NUMBER = /(?<![\d.,/\p{L}])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d/]|[.,]\d)/gu;
const FRACTION = /(?<![\d.,/\p{L}])(\d{1,5})\s?\/\s?(\d{1,5})(?![\d/]|[.,]\d)/gu;
// ("năm thứ ba liên tiếp", "lần thứ 2", "kỳ họp thứ 7": an ordinal, not a rank)
const RANK = /(?<![\p{L}])(?<!(?:năm|lần|đợt|kỳ|khóa|khoá|phiên|họp|Đại hội|đại hội|thế hệ)\s)(?:xếp |đứng |hạng )?thứ\s+(\d{1,3}|nhất|nhì|hai|ba|tư|bốn|năm)(?:\s?\/\s?\d{1,3})?(?![\p{L}\d])/giu;
const RANK_WORDS: Record<string, number> = { nhất: 1, nhì: 2, hai: 2, ba: 3, tư: 4, bốn: 4, năm: 5 };

export function findValues(text: string, masked: (from: number, to: number) => boolean): ValueHit[] {
  const hits: ValueHit[] = [];
  const taken = (s: number, e: number) => masked(s, e) || hits.some((h) => s < h.end && e > h.start);

  for (const m of text.matchAll(RANK)) {
    const s = m.index! + m[0].search(/thứ/i);
    const e = m.index! + m[0].length;
    if (taken(s, e)) continue;
    // "Thứ nhất, đơn hàng xuất khẩu …": an enumeration opening its sentence, not a rank
    if (!text.slice(0, s).trim() && /^\s*[,:]/.test(text.slice(e))) continue;
    const v = /^\d+$/.test(m[1]!) ? Number(m[1]) : RANK_WORDS[m[1]!.toLowerCase()];
    if (!v) continue;
    // ("đứng thứ 4/14 tỉnh": the rank out of how many, shown as written)
    const numStart = s + /^thứ\s+/iu.exec(text.slice(s))![0].length;
    hits.push({ start: s, end: e, numStart, numEnd: numStart + m[1]!.length, value: v, unit: "", down: false, form: "rank" });
  }
  for (const m of text.matchAll(FRACTION)) {
    const s = m.index!;
    const e = s + m[0].length;
    if (taken(s, e)) continue;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (b === 0 || b >= 1900 || a > b * 10) continue; // "4/2023" is a month; the caller masks dates
    const after = nounAfter(text, e);
    hits.push({ start: s, end: after ? after.end : e, numStart: s, numEnd: e, value: a / b, unit: after?.noun ?? "", countNoun: after?.noun, down: false, form: "fraction" });
  }
  for (const m of text.matchAll(NUMBER)) {
    const s = m.index!;
    let e = s + m[0].length;
    if (taken(s, e)) continue;
    const value = parseViNumber(m[1]!);
    if (value === null) continue;
    const rest = text.slice(e);
    let unit = "";
    let countNoun: string | undefined;
    const unitMatch = new RegExp(`^(?:\\s?(${SCALE}))?(?:\\s?(${UNIT_RE}))?(?![\\p{L}\\d])`, "u").exec(rest);
    if (unitMatch && unitMatch[0]) {
      unit = [unitMatch[1], unitMatch[2]].filter(Boolean).join(" ");
      e += unitMatch[0].length;
      // "tỷ đồng" then a counted noun is rare; "8 triệu lượt khách": keep "khách" out of the display.
    }
    if (!unitMatch?.[2]) {
      const after = nounAfter(text, e);
      if (after) {
        countNoun = after.noun;
        unit = unit ? `${unit} ${after.noun}` : after.noun;
        e = after.end;
      }
    }
    if (taken(s, e)) continue;
    // A bare number ("trong 5 năm tới", "từ 19 xuống còn 13 sở") is not a figure of the report.
    if (!unit) continue;
    hits.push({ start: s, end: e, numStart: s, numEnd: s + m[0].length, value, unit, countNoun, down: false, form: "number" });
  }
  // "9 - 10%", "7,5–8%", "từ 8 đến 8,5%": a range is one value, written as the report writes it
  for (const h of hits) {
    if (h.form !== "number") continue;
    const range = /(?<![\d.,])(\d+(?:,\d+)?)\s?(?:-|–|—|đến)\s?$/u.exec(text.slice(Math.max(0, h.start - 12), h.start));
    if (!range) continue;
    const from = h.start - range[0].length;
    if (masked(from, h.start) || hits.some((o) => o !== h && from < o.end && h.start > o.start)) continue;
    const low = parseViNumber(range[1]!);
    if (low === null || low > h.value) continue;
    h.start = from;
    h.numStart = from;
    h.value = low;
  }
  for (const h of hits) {
    const before = text.slice(Math.max(0, h.start - 14), h.start);
    const q = QUAL_RE.exec(before);
    if (q && h.form !== "rank") {
      h.qualifier = q[1]!.toLowerCase();
      h.start -= q[0].length - (q[0].startsWith(" ") ? 1 : 0);
    }
    const down = /(?:^|\s)giảm\s+$/iu.exec(text.slice(Math.max(0, h.start - 8), h.start));
    if (down && (h.unit === "%" || h.unit === "điểm phần trăm" || h.unit === "điểm %")) {
      h.down = true;
      h.value = -h.value;
      h.start -= down[0].length - (down[0].startsWith(" ") ? 1 : 0);
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** The noun phrase right after a count ("22 hợp tác xã", "32 sản phẩm OCOP"), up to 5 syllables. */
function nounAfter(text: string, from: number): { noun: string; end: number } | null {
  const re = /\s+([\p{L}][\p{L}\p{M}-]*)/uy;
  let at = from;
  const words: string[] = [];
  for (;;) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) break;
    const w = m[1]!;
    const lower = w.toLowerCase();
    const acronym = /^[\p{Lu}\d]{2,}$/u.test(w);
    if (!acronym && (/^\p{Lu}/u.test(w) || NOUN_STOP.has(lower))) break;
    if (/^(?:dự kiến|dự toán|liên quan|tham gia|tham quan)$/u.test(`${lower} ${(/\s+([\p{L}]+)/uy.exec(text.slice(re.lastIndex)) ?? [])[1] ?? ""}`.toLowerCase().trim())) break;
    if (words.length && NOUN_STOP.has(lower)) break;
    words.push(w);
    at = re.lastIndex;
    // A display keeps the head of the noun ("16 dự án trọng điểm"); the rest is the figure's context.
    if (words.length >= 4) break;
  }
  if (!words.length) return null;
  return { noun: words.join(" "), end: at };
}
