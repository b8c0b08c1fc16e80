// Report text → a validated session: the figures, people, petition groups and statements of a
// working-session report, each citing the source word for word. Pure: the CLI and the chat
// front doors decide where the result is stored.
import { segment, type Paragraph } from "./segment.js";
import { extractFigures, type ExtractedFigure } from "./figures.js";
import { extractPeople, type ExtractedPerson } from "./people.js";
import { extractStatements } from "./statements.js";
import { extractPetitions } from "./petitions.js";
import { findPeriods, isOpen, periodEnd, periodLabel, settleYear, yearsOf } from "../text/periods.js";
import { foldForMatch, foldSameLength } from "../text/fold.js";
import { capitalise } from "../text/normalize.js";
import { tokenize } from "../text/tokens.js";
import { BASE_NOUNS, VALUE_VERBS } from "../text/genre.js";
import { PROVINCES } from "../text/vietnam.js";
import { sessionFileSchema, type Figure, type SessionFile } from "../knowledge/schema.js";
import { validateSession } from "../knowledge/validate.js";

import { INGESTER_VERSION } from "./version.js";

export { INGESTER_VERSION };
export const MAX_REPORT_BYTES = 1024 * 1024;

export type IngestErrorCode = "empty" | "binary" | "too_large" | "not_vietnamese" | "no_figures" | "invalid";

export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "IngestError";
  }
}

export interface IngestOptions {
  /** Session id; by default the province and year ("quang-nam-2024"). */
  id?: string;
  /** Where the source text will be stored, relative to the data folder (for the session file). */
  sourceFile?: string;
}

export interface IngestResult {
  file: SessionFile;
  /** The text as given, NFC (what citations are checked against). */
  sourceText: string;
  summary: IngestSummary;
}

export interface IngestSummary {
  id: string;
  province: string;
  title: string;
  period: string;
  figures: number;
  people: number;
  petitionGroups: number;
  statements: number;
  /** What a reviewer should check. */
  unsure: string[];
}

/** Checks raw bytes before anything is read as a report: empty, binary, too large. */
export function checkReportBytes(bytes: Uint8Array): string {
  if (bytes.length > MAX_REPORT_BYTES) throw new IngestError("too_large", `Tệp quá lớn (${Math.ceil(bytes.length / 1024)} KB); giới hạn là 1 MB.`);
  if (bytes.length === 0) throw new IngestError("empty", "Tệp rỗng: không có nội dung để đọc.");
  if (bytes.includes(0)) throw new IngestError("binary", "Tệp không phải văn bản thuần (có ký tự nhị phân). Hãy gửi tệp .txt mã hoá UTF-8.");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new IngestError("binary", "Tệp không phải văn bản UTF-8. Hãy lưu báo cáo dưới dạng .txt, mã hoá UTF-8.");
  }
  return text.replace(/^\uFEFF/, "");
}

export function ingestReport(rawText: string, options: IngestOptions = {}): IngestResult {
  const text = rawText.normalize("NFC").replace(/\r\n?/g, "\n");
  if (!text.trim()) throw new IngestError("empty", "Tệp rỗng: không có nội dung để đọc.");
  const control = (text.match(/[\u0000-\u0008\u000E-\u001F\uFFFD]/g) ?? []).length;
  if (control > text.length / 50) throw new IngestError("binary", "Tệp không phải văn bản thuần (nhiều ký tự điều khiển).");
  if (!looksVietnamese(text)) throw new IngestError("not_vietnamese", "Văn bản không phải tiếng Việt: trợ lý chỉ đọc báo cáo buổi làm việc bằng tiếng Việt.");

  const paragraphs = segment(text);
  const unsure: string[] = [];
  const docPeriod = documentPeriod(paragraphs);
  if (!docPeriod.length) unsure.push("Không thấy kỳ báo cáo ở đoạn đầu; số liệu không ghi kỳ sẽ không có kỳ riêng.");
  const raw = extractFigures(paragraphs, text, docPeriod);
  if (!raw.length) throw new IngestError("no_figures", "Không tìm thấy số liệu nào trong văn bản: đây có phải báo cáo buổi làm việc không?");
  const people = extractPeople(paragraphs);
  const statements = extractStatements(paragraphs, people);
  const petitions = extractPetitions(raw, statements);

  const province = provinceOf(text, paragraphs);
  if (!province) unsure.push("Không xác định được tỉnh, thành phố của buổi làm việc.");
  const leader = people.find((p) => p.leadsDelegation) ?? people.find((p) => p.roles.some((r) => /^(?:Thủ tướng|Phó Thủ tướng|Bộ trưởng)/u.test(r)));
  if (!leader) unsure.push("Không xác định được người dẫn đầu đoàn công tác.");
  const meeting = meetingDate(paragraphs);
  const end = periodEnd(docPeriod);
  const coversUntil = end >= 0 ? endOfMonth(end) : (meeting ?? new Date().toISOString().slice(0, 10));
  const figureYears = raw.filter((f) => !f.target).flatMap((f) => yearsOf(f.period.atoms));
  const years = [...new Set([...yearsOf(docPeriod), ...figureYears])].sort();
  const mainYear = yearsOf(docPeriod)[0] ?? years[years.length - 1] ?? Number(coversUntil.slice(0, 4));
  const id = options.id ?? slug(`${province || "bao-cao"} ${mainYear}`);

  // "trong 9 tháng" with no year anywhere before it: the report's own year, and the reviewer is told
  for (const f of raw) {
    if (!f.period.atoms.some(isOpen)) continue;
    f.period = { ...f.period, atoms: settleYear(f.period.atoms, mainYear) };
    unsure.push(`Số liệu "${f.display}" ghi kỳ không kèm năm; đã hiểu là năm ${mainYear}.`);
  }
  const figures = buildFigures(raw, unsure);
  const leaderTitle = leader ? leaderTitleOf(leader) : { vi: "Đoàn công tác", en: "Working delegation" };
  const reportPeriod = docPeriod.length ? periodLabel(docPeriod) : `năm ${mainYear}`;
  const file: SessionFile = {
    schemaVersion: 2,
    session: {
      id,
      title: `${leaderTitle.vi} làm việc với ${province ? `tỉnh ${province}` : "địa phương"}`,
      titleEn: `${leaderTitle.en}'s session with ${province ? `${province} province` : "the locality"}`,
      province: province || "(không rõ)",
      reportPeriod,
      periodAtoms: docPeriod,
      coversUntil,
      ...(meeting ? { meetingDate: meeting } : {}),
      years: years.length ? years : [mainYear],
      sourceFile: options.sourceFile ?? `data/sources/${id}.txt`,
      delegationHead: leader?.name ?? leader?.roles[0] ?? "(không rõ)",
      ingester: { version: INGESTER_VERSION, unsure },
    },
    indicators: indicatorsOf(figures, leadNames(raw, figures)),
    figures,
    people: people.map((p, i) => ({
      id: personId(p, i),
      name: p.name,
      roles: p.roles.length ? p.roles : ["Trưởng đoàn công tác"],
      rolesEn: p.rolesEn.length ? p.rolesEn : ["Head of the delegation"],
      cite: p.cite,
      leadsDelegation: p.leadsDelegation,
      keys: [],
    })),
    petitionGroups: petitions.map((g) => ({ ...g, keys: [] })),
    statements: statements.map((s, i) => ({
      id: `s${String(i + 1).padStart(3, "0")}`,
      kind: s.kind,
      summary: { vi: s.sentence.text, en: s.sentence.text },
      cite: s.sentence.text,
      conclusion: s.conclusion,
      ...(s.speaker !== undefined ? { speaker: personId(people[s.speaker]!, s.speaker) } : {}),
      ...(s.direction ? { direction: s.direction } : {}),
      keys: [],
    })),
  };
  const parsed = sessionFileSchema.safeParse(file);
  if (!parsed.success) throw new IngestError("invalid", `Kết quả đọc báo cáo không hợp lệ: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const problems = validateSession(parsed.data, text);
  if (problems.length) throw new IngestError("invalid", `Kết quả đọc báo cáo không qua kiểm tra trích dẫn: ${problems.slice(0, 5).join("; ")}`);
  if (!petitions.length && /kien nghi/.test(foldForMatch(text))) unsure.push("Báo cáo có nói đến kiến nghị nhưng không thấy số lượng kiến nghị theo nhóm.");
  return {
    file: parsed.data,
    sourceText: text,
    summary: {
      id,
      province: file.session.province,
      title: file.session.title,
      period: reportPeriod,
      figures: figures.length,
      people: file.people.length,
      petitionGroups: file.petitionGroups.length,
      statements: file.statements.length,
      unsure,
    },
  };
}

/** Vietnamese text has Vietnamese letters in most of its words. */
function looksVietnamese(text: string): boolean {
  const words = text.match(/[\p{L}]+/gu) ?? [];
  if (words.length < 5) return false;
  const vi = words.filter((w) => /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/iu.test(w)).length;
  return vi / words.length >= 0.2;
}

/** The report's own period: the first period its opening paragraphs name ("năm 2022 và 4 tháng đầu năm 2023"). */
function documentPeriod(paragraphs: Paragraph[]): string[] {
  // (not a time still ahead: "… để tăng tốc nửa cuối năm 2024" in a headline, "phấn đấu năm 2025")
  const ahead = (text: string, start: number) => /(?:tang toc|phan dau|muc tieu|ke hoach|dinh huong|huong toi|chuan bi cho|cho)\s*$/.test(foldSameLength(text.slice(Math.max(0, start - 25), start)));
  const closed = (text: string) => findPeriods(text).find((s) => s.role === "period" && s.atoms.length && !s.atoms.some((a) => a === "now" || /-0$|^y0$/.test(a)) && !ahead(text, s.start));
  for (const p of paragraphs.slice(0, 3)) {
    const span = closed(p.text);
    if (span) return span.atoms;
  }
  // opening lines that only say when and where: the latest period its sections are headed by
  // ("KẾT QUẢ NĂM 2022", then "TÌNH HÌNH 9 THÁNG ĐẦU NĂM 2023")
  let latest: string[] = [];
  for (const section of new Set(paragraphs.flatMap((p) => p.sentences.map((s) => s.section ?? "")))) {
    const span = section ? closed(section) : undefined;
    if (span && !span.atoms.some((a) => a.startsWith("r")) && periodEnd(span.atoms) > periodEnd(latest)) latest = span.atoms;
  }
  if (latest.length) return latest;
  return [];
}

function provinceOf(text: string, paragraphs: Paragraph[]): string {
  const folded = foldForMatch(text);
  // the title ("… VỚI TỈNH BÌNH DƯƠNG", a heading the paragraphs leave out) and the opening lines
  const titleLines = text.slice(0, paragraphs[0]?.start ?? 0).split("\n").slice(0, 8).join(" ");
  const first = foldForMatch(`${titleLines} ${paragraphs.slice(0, 2).map((p) => p.text).join(" ")}`);
  let best = "";
  let bestScore = 0;
  for (const p of PROVINCES) {
    const key = foldForMatch(p);
    const re = new RegExp(`(?<![a-z])${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![a-z])`, "g");
    const n = (folded.match(re) ?? []).length;
    if (!n) continue;
    const withTinh = (folded.match(new RegExp(`(?:tinh|thanh pho|tp\\.?) ${key}(?![a-z])`, "g")) ?? []).length;
    const score = n + 2 * withTinh + (re.test(first) ? 3 : 0);
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}

function meetingDate(paragraphs: Paragraph[]): string | undefined {
  for (const p of paragraphs.slice(0, 2)) {
    // "8/2/2025" or written out, "ngày 18 tháng 10 năm 2023"
    const m = /(?<!\d)(\d{1,2})\s?\/\s?(\d{1,2})\s?\/\s?((?:19|20)\d{2})(?!\d)/.exec(p.text) ?? /(?<!\d)(\d{1,2}) tháng (\d{1,2}) năm ((?:19|20)\d{2})(?!\d)/u.exec(p.text);
    if (m) {
      const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    }
  }
  return undefined;
}

function endOfMonth(monthIndex: number): string {
  const y = Math.floor(monthIndex / 12);
  const m = (monthIndex % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, "0")}-${String(last).padStart(2, "0")}`;
}

export function slug(text: string): string {
  return foldForMatch(text).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "bao-cao";
}

function personId(p: ExtractedPerson, i: number): string {
  return p.name ? slug(p.name) : `nguoi-${i + 1}-${slug(p.roles[0] ?? "")}`.slice(0, 60).replace(/-+$/, "");
}

function leaderTitleOf(p: ExtractedPerson): { vi: string; en: string } {
  const r = p.roles.find((x) => /^(?:Thủ tướng|Phó Thủ tướng|Bộ trưởng|Trưởng đoàn)/u.test(x)) ?? p.roles[0] ?? "";
  if (/^Thủ tướng/u.test(r)) return { vi: "Thủ tướng Chính phủ", en: "Prime Minister" };
  if (/^Phó Thủ tướng/u.test(r)) return { vi: "Phó Thủ tướng Chính phủ", en: "Deputy Prime Minister" };
  if (/Trưởng đoàn công tác của Chính phủ/u.test(p.roles.join(" "))) return { vi: "Đoàn công tác của Chính phủ", en: "Government working delegation" };
  if (/^Bộ trưởng/u.test(r)) return { vi: r, en: p.rolesEn[p.roles.indexOf(r)] ?? "Minister" };
  return { vi: "Đoàn công tác", en: "Working delegation" };
}

/** Nouns that count anything ("4 nội dung", "48 vấn đề"): they say nothing the clause does not. */
const GENERIC_COUNT_NOUNS = /^(?:nội dung|vấn đề|trường hợp|lượt|lần|cái|con|người)$/u;

const capital = capitalise;

/** A part named only by words of its total ("trồng mới" of "trồng rừng mới") adds nothing to the total's name. */
function sameWords(part: string, whole: string): boolean {
  const w = new Set(foldForMatch(whole).split(/[^a-z0-9]+/));
  const p = foldForMatch(part).split(/[^a-z0-9]+/).filter(Boolean);
  return p.length > 0 && p.every((x) => w.has(x));
}

/** "Dịch vụ" → "dịch vụ", but "GRDP" and "FDI" stay as written. */
function lowerFirst(label: string): string {
  return /^\p{Lu}{2}/u.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** "Về tăng trưởng kinh tế" → "tăng trưởng kinh tế": the heading's subject. */
function cleanLead(lead: string): string {
  return lead.replace(/^(?:về|đối với|riêng|trong đó)\s+/iu, "").replace(/[:,]\s*$/, "").trim();
}

function buildFigures(raw: ExtractedFigure[], unsure: string[]): Figure[] {
  const ids = raw.map((f) => `f${String(f.index + 1).padStart(3, "0")}`);
  const labels = new Map<number, string>();
  const labelOf = (f: ExtractedFigure): string => {
    const known = labels.get(f.index);
    if (known) return known;
    labels.set(f.index, "…"); // cycles cannot happen (parents come first), but guard anyway
    const own = f.measure;
    const countWords = `${f.hit.countNoun ?? ""} ${f.phrase.slice(f.phrase.indexOf(f.display) + f.display.length)}`.replace(/\s+/g, " ").trim();
    let label: string;
    // "tương đương", "bằng", "tăng": words that only link a value say nothing of what it measures
    // (nor do the words of a base or a target: "phấn đấu", "kế hoạch")
    const ownIsThin =
      own.split(/\s+/).filter((w) => {
        const t = tokenize(w)[0] ?? { raw: w, folded: w, toned: w, start: 0 };
        return w && !VALUE_VERBS.has(t, true) && !BASE_NOUNS.has(t, true);
      }).length < 2;
    // "hỗ trợ phát triển 32 sản phẩm OCOP": a count whose clause is a verb names the things counted after it
    const noun = f.hit.countNoun?.trim();
    const countNamed = f.kind === "count" && noun && !GENERIC_COUNT_NOUNS.test(noun) && !foldForMatch(own).includes(foldForMatch(noun)) && own.split(/\s+/).length <= 6 ? `${own} ${noun}` : own;
    // a part that splits its total by period ("năm 2022 trồng mới 9.300 ha") is the total's measure; one
    // of the same period whose words are a piece of the total's ("…- xây dựng tăng 9,95%, riêng công
    // nghiệp tăng 11,32%") is a narrower measure, and says so
    const samePeriodAsWhole = f.whole !== undefined && raw[f.whole] && f.period.atoms.join() === raw[f.whole]!.period.atoms.join() && f.value !== raw[f.whole]!.value;
    if (f.whole !== undefined && raw[f.whole] && sameWords(own, labelOf(raw[f.whole]!)) && !(samePeriodAsWhole && !ownIsThin && foldForMatch(own) !== foldForMatch(labelOf(raw[f.whole]!)))) label = labelOf(raw[f.whole]!);
    else if (f.whole !== undefined && raw[f.whole]) label = `${labelOf(raw[f.whole]!)} — ${own && !ownIsThin ? own : countWords || own}`;
    else if (f.parent !== undefined && raw[f.parent] && ownIsThin) label = labelOf(raw[f.parent]!);
    else if (f.kind === "count" && ownIsThin && countWords) label = capital(`số ${countWords}`);
    else if (own && own.split(/\s+/).length <= 2 && f.clauseLead && f.parent === undefined) label = `${capital(own)} — ${cleanLead(f.clauseLead)}`;
    else label = own ? capital(countNamed) : countWords ? capital(countWords) : "Số liệu";
    // listed under a lead-in or heading: say under what ("Cơ cấu kinh tế … — dịch vụ")
    if (f.lead && f.whole === undefined && !(f.parent !== undefined && ownIsThin) && foldForMatch(f.lead) !== foldForMatch(label)) label = `${capital(cleanLead(f.lead))} — ${lowerFirst(label)}`;
    // "… phấn đấu tăng trưởng từ: 12% trở lên": the words that lead into a value are not the measure's
    label = label.replace(/(?:\s*:?\s+(?:từ|ở mức|mức|khoảng|là|đạt|ước|ước đạt|gấp|chỉ|vẫn|đã|nhích|nhích thêm|tăng thêm))+$/u, "").replace(/\s*:\s*$/u, "");
    // "Chủ tịch UBND thành phố … cho biết tổng sản phẩm …": who said it is not what it measures
    const said = /^(?:[^,:;]{0,80}?\s)?(?:cho biết|cho hay|thông tin|khẳng định)\s+(?=\S)/u.exec(label);
    if (said && label.length - said[0].length >= 6) label = capital(label.slice(said[0].length));
    labels.set(f.index, label);
    return label;
  };
  // Figures listed under one lead-in make one series ("Cơ cấu kinh tế": every share).
  const firstUnderLead = new Map<string, number>();
  for (const f of raw) if (f.lead && f.whole === undefined && f.parent === undefined && !firstUnderLead.has(f.lead)) firstUnderLead.set(f.lead, f.index);
  const indicatorOf = (f: ExtractedFigure): number => {
    let root = f;
    for (let guard = 0; guard < 20; guard++) {
      const up = root.whole ?? root.parent;
      if (up === undefined || !raw[up]) break;
      root = raw[up]!;
    }
    return root.lead && firstUnderLead.has(root.lead) ? firstUnderLead.get(root.lead)! : root.index;
  };
  const indicatorIds = new Map<number, string>();
  const used = new Set<string>();
  const rootWords: [Set<string>, string][] = [];
  const wordsOf = (s: string) => new Set(foldForMatch(s).split(/[^a-z0-9]+/).filter((w) => w.length > 1));
  for (const f of raw) {
    const root = indicatorOf(f);
    if (indicatorIds.has(root)) continue;
    // the same measure said again in another sentence ("Tổng kim ngạch xuất, nhập khẩu [hàng hoá] qua địa bàn") is the same series
    const words = wordsOf(raw[root]!.lead ? cleanLead(raw[root]!.lead!) : labelOf(raw[root]!));
    const same = rootWords.find(([w]) => {
      const common = [...words].filter((x) => w.has(x)).length;
      return common / Math.max(words.size, w.size) >= 0.75;
    });
    if (same) {
      indicatorIds.set(root, same[1]);
      continue;
    }
    const r = raw[root]!;
    let base = slug((r.lead ? cleanLead(r.lead) : labelOf(r)).split(/\s+/).slice(0, 6).join(" ")) || "chi-so";
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    indicatorIds.set(root, id);
    rootWords.push([words, id]);
  }
  return raw.map((f) => {
    const label = labelOf(f);
    const subject = f.whole !== undefined && !sameWords(f.measure, labelOf(raw[f.whole]!)) ? f.measure : "";
    if (!f.period.atoms.length) unsure.push(`Số liệu "${f.display}" (${label}) không rõ kỳ.`);
    return {
      id: ids[f.index]!,
      indicator: indicatorIds.get(indicatorOf(f))!,
      measure: f.measure || label,
      subject,
      kind: f.kind,
      target: f.target,
      ...(f.qualifier ? { qualifier: f.qualifier } : {}),
      label: { vi: label, en: label },
      display: f.display,
      phrase: f.phrase || f.display,
      value: f.value,
      unit: f.unit,
      period: {
        label: f.period.atoms.length ? periodLabel(f.period.atoms) : "kỳ báo cáo",
        labelEn: f.period.atoms.length ? periodLabel(f.period.atoms, "en") : "the report's period",
        atoms: f.period.atoms.length ? f.period.atoms : ["now"],
        ...(f.period.cite && f.period.source !== "document" ? { cite: f.period.cite } : {}),
        source: f.period.source,
      },
      cite: f.cite,
      context: f.context.filter((c) => c !== f.cite),
      ...(f.topic ? { topic: f.topic } : {}),
      ...(f.comparedTo ? { comparedTo: f.comparedTo } : {}),
      group: `g${f.group}`,
      ...(f.parent !== undefined ? { parent: ids[f.parent]! } : {}),
      ...(f.whole !== undefined ? { whole: ids[f.whole]! } : {}),
      keys: f.keys ?? [],
    };
  });
}

const HEADLINE = / (?:grdp|gdp|tong san pham|tang truong kinh te|thu ngan sach|xuat nhap khau|xuat khau|kim ngach|von dau tu|giai ngan|fdi|du lich|luot khach|nong thon moi|ho ngheo|binh quan dau nguoi|co cau kinh te|chi so san xuat cong nghiep|ban le) /;

/** Series named by the lead-in they are listed under. */
function leadNames(raw: ExtractedFigure[], figures: Figure[]): Map<string, string> {
  const out = new Map<string, string>();
  raw.forEach((f, i) => {
    if (f.lead && f.whole === undefined && f.parent === undefined) out.set(figures[i]!.indicator, capital(cleanLead(f.lead)));
  });
  return out;
}

function indicatorsOf(figures: Figure[], leads: Map<string, string>): SessionFile["indicators"] {
  const seen = new Map<string, { name: string; count: number; first: number }>();
  figures.forEach((f, i) => {
    const s = seen.get(f.indicator);
    if (s) s.count++;
    else seen.set(f.indicator, { name: f.whole || f.parent ? "" : f.label.vi, count: 1, first: i });
  });
  for (const [id, name] of leads) if (seen.has(id)) seen.get(id)!.name = name;
  for (const f of figures) {
    const s = seen.get(f.indicator)!;
    if (!s.name && !f.whole && !f.parent) s.name = f.label.vi;
    if (!s.name) s.name = f.label.vi.split(" — ")[0]!;
  }
  // The headline measures of the genre (growth, budget, trade, investment…), then the report's first ones: the digest shows them.
  const headline = (name: string) => HEADLINE.test(` ${foldForMatch(name)} `);
  const candidates = [...seen].filter(([, s]) => !/kien nghi/.test(foldForMatch(s.name)));
  const keyIds = new Set([...candidates.filter(([, s]) => headline(s.name)), ...candidates].map(([id]) => id).slice(0, 6));
  return [...seen].map(([id, s]) => ({ id, name: { vi: s.name, en: s.name }, key: keyIds.has(id) }));
}
