// People named in a report, with their offices as written: "đồng chí Đào Hồng Lan, Uỷ viên Trung
// ương Đảng, Bộ trưởng Bộ Y tế, Trưởng đoàn …", "Bộ trưởng Bộ Kế hoạch và Đầu tư Nguyễn Chí Dũng",
// "Chủ tịch UBND tỉnh Lê Văn Dũng", and unnamed speakers ("Đại diện Bộ Quốc phòng").
import type { Paragraph } from "./segment.js";
import { OFFICE_HEADS, PROVINCES, ROLE_WORDS_EN, SURNAMES, MINISTRIES } from "../text/vietnam.js";
import { foldForMatch } from "../text/fold.js";
import { toneKey } from "../text/normalize.js";

export interface ExtractedPerson {
  name: string | null;
  roles: string[];
  rolesEn: string[];
  /** The sentence (clause) that names them with their office. */
  cite: string;
  /** "Thủ tướng … cùng đoàn công tác", "Trưởng đoàn": led the delegation. */
  leadsDelegation: boolean;
}

const surnameKeys = new Set(SURNAMES.map((s) => toneKey(s)));
const placeKeys = new Set(PROVINCES.map((p) => foldForMatch(p)));
const headsByLength = [...OFFICE_HEADS].sort((a, b) => b.length - a.length);
const WORD = /[\p{Lu}][\p{L}\p{M}]*/uy;

interface NameHit {
  start: number;
  end: number;
  name: string;
}

/** Capitalised runs that start with a family name: 3–4 words, or 2 right after an office or "đồng chí". */
function findNames(text: string): NameHit[] {
  const out: NameHit[] = [];
  const re = /(?<![\p{L}])[\p{Lu}][\p{L}\p{M}]*(?:\s+[\p{Lu}][\p{L}\p{M}]*){1,3}/gu;
  for (const m of text.matchAll(re)) {
    const words = m[0].split(/\s+/);
    // A name starts at the first family name of the run ("Bộ trưởng Nguyễn Chí Dũng" arrives as part of a longer run elsewhere).
    let k = 0;
    while (k < words.length && !surnameKeys.has(toneKey(words[k]!))) k++;
    const name = words.slice(k);
    if (name.length < 2) continue;
    const start = m.index! + m[0].indexOf(name[0]!, words.slice(0, k).join(" ").length);
    const joined = name.join(" ");
    if (placeKeys.has(foldForMatch(joined)) || [...placeKeys].some((p) => foldForMatch(joined).startsWith(p + " ") || foldForMatch(joined).endsWith(" " + p))) continue;
    const before = text.slice(Math.max(0, start - 40), start);
    const afterOffice = /(?:đồng chí|Đồng chí|ông|bà|Ông|Bà)\s+$/u.test(before) || headsByLength.some((h) => new RegExp(`${escape(h)}[^,;.]{0,60}\\s$`, "u").test(before));
    if (name.length === 2 && !afterOffice) continue;
    if (name.slice(1).some((w) => /^(Bộ|Tỉnh|Sở|Ban|Ủy|Uỷ|UBND|HĐND|Đảng|Cảng|Khu|Tập|Hội|Mặt|Ngân|Sông|Núi|Đèo)$/u.test(w))) continue;
    out.push({ start, end: start + joined.length, name: joined });
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Words after an office that are what the person does, not where the office is held.
const AFTER_OFFICE_STOP = new Set(
  "phát biểu|cho biết|báo cáo|trao đổi|đã|đang|sẽ|tại|cùng|dự|chủ trì|kết luận|giải đáp|nêu|đề nghị|yêu cầu|mong muốn|thông tin|khẳng định|nhấn mạnh|tham dự|làm việc|về|với|trong|khi|thì|là|được|có|dẫn đầu|chỉ ra|lưu ý|giao|ghi nhận|đánh giá|biểu dương|cho rằng".split("|"),
);

/** An office phrase: an office head and the body it is held in ("Bộ trưởng Bộ Giao thông vận tải", "Chủ tịch UBND tỉnh"). */
export function officeAt(text: string, from: number): { role: string; end: number } | null {
  const rest = text.slice(from);
  const head = headsByLength.find((h) => rest.startsWith(h) || rest.startsWith(h.charAt(0).toLowerCase() + h.slice(1)));
  if (!head) return null;
  let end = from + head.length;
  for (;;) {
    const m = /^\s+([\p{L}\p{M}]+)/u.exec(text.slice(end));
    if (!m) break;
    const word = m[1]!;
    const wordStart = end + m[0].length - word.length;
    const capital = /^\p{Lu}/u.test(word);
    if (capital && surnameKeys.has(toneKey(word)) && looksLikeNameAt(text, wordStart)) break;
    if (!capital) {
      const lower = word.toLowerCase();
      if (lower === "và" || lower === "của") {
        const next = /^\s+([\p{L}\p{M}]+)/u.exec(text.slice(end + m[0].length));
        if (!next || !/^\p{Lu}/u.test(next[1]!) || (surnameKeys.has(toneKey(next[1]!)) && looksLikeNameAt(text, end + m[0].length + next[0].length - next[1]!.length))) break;
      } else {
        const pair = `${lower} ${((/^\s+([\p{L}]+)/u.exec(text.slice(end + m[0].length)) ?? [])[1] ?? "").toLowerCase()}`;
        if (pair !== "dự khuyết" && (AFTER_OFFICE_STOP.has(lower) || AFTER_OFFICE_STOP.has(pair))) break;
      }
    }
    end += m[0].length;
  }
  const role = text.slice(from, end);
  return { role: role.charAt(0).toUpperCase() + role.slice(1), end };
}

function looksLikeNameAt(text: string, at: number): boolean {
  WORD.lastIndex = at;
  const words: string[] = [];
  let i = at;
  for (;;) {
    WORD.lastIndex = i;
    const m = WORD.exec(text);
    if (!m) break;
    words.push(m[0]);
    i = WORD.lastIndex;
    const sp = /^\s+/.exec(text.slice(i));
    if (!sp) break;
    i += sp[0].length;
  }
  return words.length >= 2 && words.length <= 4 && !words.some((w) => /^(Bộ|Tỉnh|UBND|HĐND|Chính|Trung|Đầu|Kế)$/u.test(w));
}

export function extractPeople(paragraphs: Paragraph[]): ExtractedPerson[] {
  const people = new Map<string, ExtractedPerson>();
  const unnamed: ExtractedPerson[] = [];
  for (const para of paragraphs) {
    for (const s of para.sentences) {
      const text = s.text;
      const names = findNames(text);
      let consumed = 0;
      for (let n = 0; n < names.length; n++) {
        const hit = names[n]!;
        const roles: string[] = [];
        // Offices right before the name, comma-separated: "Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc Hầu A Lềnh".
        const before = text.slice(consumed, hit.start).replace(/\s+$/, "");
        const parts = before.split(/,\s*/);
        let citeStart = hit.start;
        const leading: string[] = [];
        for (let k = parts.length - 1; k >= 0; k--) {
          let part = parts[k]!;
          let cut = 0;
          for (const m of part.matchAll(/[;:(]\s*|(?<![\p{L}])(?:có|dự|cùng|gồm|là|của|với|đồng chí|Đồng chí|ông|bà|Ông|Bà|Hai|Ba|Các)\s+|(?<![\p{L}])và\s+(?!\p{Lu})/gu)) cut = m.index! + m[0].length;
          const offset = before.length - parts.slice(k).join(", ").length;
          part = part.slice(cut);
          const office = part ? officeAt(part, 0) : null;
          if (!office || office.end < part.length) break;
          leading.unshift(office.role);
          citeStart = consumed + offset + cut;
          if (cut > 0) break;
        }
        roles.push(...leading);
        // Offices after the name: ", Uỷ viên Trung ương Đảng, Bộ trưởng Bộ Y tế, Trưởng đoàn công tác của Chính phủ".
        let at = hit.end;
        for (;;) {
          const comma = /^,\s*/.exec(text.slice(at));
          if (!comma) break;
          const office = officeAt(text, at + comma[0].length);
          if (!office) break;
          // "…, Bộ trưởng Bộ Giao thông vận tải Trần Hồng Minh": that office is the next person's.
          const nextName = names[n + 1];
          if (nextName && /^\s*$/u.test(text.slice(office.end, nextName.start))) break;
          roles.push(office.role);
          at = office.end;
        }
        consumed = at;
        const leads =
          /^\s*(?:cùng|và)\s+(?:các thành viên\s+)?(?:đoàn công tác|Đoàn công tác)/u.test(text.slice(hit.end)) ||
          roles.some((r) => /^Trưởng đoàn/iu.test(r)) ||
          /đoàn công tác (?:của Chính phủ )?do\s*$/u.test(text.slice(0, citeStart).slice(-40));
        const cite = text.slice(citeStart, Math.max(at, hit.end)).trim();
        const key = foldForMatch(hit.name);
        const known = people.get(key);
        if (known) {
          for (const r of roles) if (!known.roles.some((k) => foldForMatch(k) === foldForMatch(r))) known.roles.push(r);
          known.leadsDelegation ||= leads;
          if (roles.length > known.roles.length - roles.length && roles.length >= 2) known.cite = cite;
        } else people.set(key, { name: hit.name, roles, rolesEn: [], cite, leadsDelegation: leads });
      }
      // "Đại diện Bộ Quốc phòng phát biểu…": someone the report does not name.
      const rep = /(?:^|[,;]\s*)((?:Đại diện|Lãnh đạo|đại diện|lãnh đạo)\s+(?:các\s+)?(?:Bộ|Ban|Ủy ban|Uỷ ban|Ngân hàng|Văn phòng|Thanh tra|bộ|ngành)[^,;.]*?)\s+(?:phát biểu|cho biết|báo cáo|trao đổi|đã|giải đáp|thông tin)/u.exec(text);
      if (rep && !names.length) {
        const role = rep[1]!.charAt(0).toUpperCase() + rep[1]!.slice(1);
        if (!unnamed.some((u) => u.roles[0] === role)) unnamed.push({ name: null, roles: [role], rolesEn: [], cite: text, leadsDelegation: false });
      }
    }
  }
  const all = [...people.values()].filter((p) => p.roles.length > 0 || p.leadsDelegation);
  for (const p of all) p.roles = p.roles.filter((r, k) => !p.roles.some((o, m) => m !== k && o.length > r.length && foldForMatch(o).startsWith(foldForMatch(r) + " ")));
  for (const p of [...all, ...unnamed]) p.rolesEn = p.roles.map(roleToEnglish);
  return [...all, ...unnamed];
}

export function roleToEnglish(role: string): string {
  let out = role;
  for (const [vi, en] of MINISTRIES) out = out.replace(new RegExp(escape(vi), "iu"), en);
  for (const [vi, en] of ROLE_WORDS_EN) out = out.replace(new RegExp(`^${escape(vi)}`, "iu"), en);
  out = out.replace(/Minister (Ministry of )/u, "Minister of ").replace(/ của Chính phủ$/u, " of the Government");
  return out;
}
