// Seeded synthetic working-session reports, written as text from a real one and then ingested
// like any other report: another province, other years, other people, every figure scaled. The
// rewriting is a mapping of strings, so the questions asked of the real report can be asked of
// each synthetic one with their expected answers mapped the same way. Never loaded by the bot.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROVINCES } from "../src/text/vietnam.js";
import { formatViNumber, parseViNumber } from "../src/text/numbers.js";
import { ingestReport } from "../src/ingest/ingest.js";
import { parseSession, projectRoot } from "../src/knowledge/loader.js";
import type { LoadedSession } from "../src/knowledge/types.js";

export interface GeneratedReport {
  id: string;
  province: string;
  /** The years of the report, in place of the base report's. */
  years: number[];
  /** The months of the second year the report covers ("4 tháng đầu năm"), 4 as in the base report. */
  months: number;
  text: string;
  /** Base report string → this report's string (numbers, names, province, years). */
  mapping: [string, string][];
}

export interface Case {
  id: string;
  q: string;
  chat?: string;
  expect?: (string | string[])[];
  must_not?: string[];
  expect_found?: boolean;
  cat?: string;
}

const GIVEN = ["Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thanh Hà", "Hữu Khánh", "Ngọc Lan", "Đức Minh", "Thu Nga", "Văn Phúc", "Hồng Quân", "Thị Sương", "Minh Tâm", "Quang Vinh", "Xuân Trường", "Hải Yến"];
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"];

// Rounds of one meeting per province with disjoint years (2021 back to the late 1990s); then the
// same years again over YEAR_SLOTS overlapping pairs, each with a report after another number of months.
const DISJOINT_ROUNDS = 12;
const YEAR_SLOTS = 26;
const BASE_MONTHS = 4;
const OTHER_MONTHS = [6, 9, 3, 5, 7, 8, 10, 2, 11];

export const baseReportPath = join(projectRoot, "data/sources/lang-son-2023.txt");

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Every number the report writes as a figure (not a year, a date, a period's length or a quarter). */
function figureNumbers(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?<![\d.,/\p{L}])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d/]|[.,]\d)/gu)) {
    const n = m[1]!;
    const after = text.slice(m.index! + n.length, m.index! + n.length + 8);
    const before = text.slice(Math.max(0, m.index! - 8), m.index!);
    if (/^(?:19|20)\d{2}$/.test(n) || /^\s*tháng/u.test(after) || /\/\s*$/.test(before) || /COVID\s*-?\s*$/u.test(before)) continue;
    out.add(n);
  }
  return [...out];
}

/** A value scaled and written the way the original is (decimals, thousands dots). */
function scaled(n: string, factor: number): string {
  const v = parseViNumber(n)!;
  const decimals = n.includes(",") ? n.split(",")[1]!.length : 0;
  let w = v * factor;
  if (decimals === 0) w = Math.max(1, Math.round(w));
  const out = formatViNumber(decimals ? Number(w.toFixed(decimals)) : w, decimals || undefined);
  return out === n ? formatViNumber(decimals ? Number((w + 1).toFixed(decimals)) : w + 1, decimals || undefined) : out;
}

export function generateReports(count: number, seed = 20231, basePath = baseReportPath): GeneratedReport[] {
  const base = readFileSync(basePath, "utf8").normalize("NFC");
  const baseProvince = "Lạng Sơn";
  const baseYears = [2022, 2023];
  const people = ["Đào Hồng Lan", "Hồ Tiến Thiệu"];
  const numbers = figureNumbers(base);
  const random = rng(seed);
  const provinces = PROVINCES.filter((p) => p !== baseProvince && p.split(" ").length <= 3 && !/^(?:TP|Thành phố|Hồ Chí Minh|Huế)/u.test(p));
  const out: GeneratedReport[] = [];
  for (let k = 0; k < count; k++) {
    const province = provinces[k % provinces.length]!;
    // one meeting per province per round; a later round is an older meeting (disjoint years)
    const round = Math.floor(k / provinces.length);
    // Past DISJOINT_ROUNDS (720 reports) the years would leave the plausible range: later rounds
    // reuse the years (overlapping pairs) with a report made after another number of months
    // ("năm 2019 và 6 tháng đầu năm 2020"), so that province and period still name one report.
    const late = round - DISJOINT_ROUNDS;
    const y1 = late < 0 ? 2021 - 2 * round - (k % 3) : 2022 - (late % YEAR_SLOTS);
    const months = late < 0 ? BASE_MONTHS : OTHER_MONTHS[Math.floor(late / YEAR_SLOTS) % OTHER_MONTHS.length]!;
    const years = [y1, y1 + 1];
    const factor = 0.55 + random() * 1.1 + (k % 7) * 0.0013;
    const mapping: [string, string][] = [];
    for (const n of numbers) mapping.push([n, scaled(n, factor)]);
    people.forEach((p, i) => mapping.push([p, `${FAMILY[(k + i * 5) % FAMILY.length]} ${GIVEN[(k * 3 + i * 7) % GIVEN.length]}`]));
    mapping.push([baseProvince, province]);
    baseYears.forEach((y, i) => mapping.push([String(y), String(years[i])]));
    if (months !== BASE_MONTHS) mapping.push([`${BASE_MONTHS} tháng`, `${months} tháng`], [`tháng ${BASE_MONTHS}`, `tháng ${months}`]);
    const id = months === BASE_MONTHS ? `${slugOf(province)}-${years[1]}` : `${slugOf(province)}-${years[1]}-${months}t`;
    out.push({ id, province, years, months, text: apply(base, mapping), mapping });
  }
  return out;
}

const slugOf = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/gi, "d").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/** Replaces whole tokens only, longest first, so that "9.300" never touches "19.300"; a period's "4 tháng" and a date's "4/2023" keep their numbers. */
export function apply(text: string, mapping: [string, string][]): string {
  const sorted = [...mapping].sort((a, b) => b[0].length - a[0].length);
  const map = new Map(sorted);
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const isFigure = (k: string) => /^\d/.test(k) && !/^(?:19|20)\d{2}$/.test(k);
  const figures = sorted.filter(([k]) => isFigure(k)).map(([k]) => esc(k));
  const others = sorted.filter(([k]) => !isFigure(k)).map(([k]) => esc(k));
  let out = text;
  if (figures.length) out = out.replace(new RegExp(`(?<![\\d\\p{L}.,/])(?:${figures.join("|")})(?![\\d\\p{L}/]|[.,]\\d|\\s*tháng)`, "gu"), (m) => map.get(m) ?? m);
  if (others.length) out = out.replace(new RegExp(`(?<![\\d\\p{L}.,])(?:${others.join("|")})(?![\\d\\p{L}]|[.,]\\d)`, "gu"), (m) => map.get(m) ?? m);
  return out;
}

/** A question about the base report, asked of a generated one: its words and expectations mapped. */
export function mapCase(c: Case, r: GeneratedReport): Case {
  const m = (s: string) => apply(s, r.mapping);
  return {
    ...c,
    id: `${r.id}:${c.id}`,
    q: m(c.q),
    ...(c.expect ? { expect: c.expect.map((e) => (Array.isArray(e) ? e.map(m) : m(e))) } : {}),
    ...(c.must_not ? { must_not: c.must_not.map(m) } : {}),
  };
}

/** Ingests generated reports into a data folder (sessions/ and sources/), as `npm run ingest` would. */
export function ingestReports(dir: string, reports: GeneratedReport[]): LoadedSession[] {
  mkdirSync(join(dir, "sessions"), { recursive: true });
  mkdirSync(join(dir, "sources"), { recursive: true });
  return reports.map((r) => {
    const result = ingestReport(r.text, { id: r.id });
    result.file.session.sourceFile = `sources/${r.id}.txt`;
    writeFileSync(join(dir, "sources", `${r.id}.txt`), r.text);
    writeFileSync(join(dir, "sessions", `${r.id}.json`), JSON.stringify(result.file));
    return parseSession(result.file, result.sourceText, r.id);
  });
}
