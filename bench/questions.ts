// The benchmark's two question sets, asked of generated reports:
// - the generator's: one question per figure of the seed session (its label, a cue for its kind,
//   the report's province and the figure's period), expecting the figure as the generated report
//   writes it;
// - reworded: the project's own questions about the seed, written apart from the generator
//   (test/fixtures/engine-questions.jsonl, and ../shared/eval/questions.dev.jsonl when it is
//   beside the checkout), mapped onto the report with mapCase and naming its province.
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { apply, mapCase, type Case, type GeneratedReport } from "./generate.js";
import { parseCases } from "../src/eval/judge.js";
import { projectRoot } from "../src/knowledge/loader.js";
import type { FigureKind, SessionFile } from "../src/knowledge/schema.js";
import { fold } from "../src/text/fold.js";
import { hasDiacritics } from "../src/text/normalize.js";

export interface BenchCase extends Case {
  /** The generated report the question is about. */
  report: string;
  set: "generated" | "reworded";
}

const CUE: Partial<Record<FigureKind, string>> = {
  growth: "tăng bao nhiêu",
  share: "chiếm bao nhiêu",
  percent_of_plan: "đạt bao nhiêu % kế hoạch",
  change_same_period: "tăng bao nhiêu so với cùng kỳ",
};

export function seedSession(): SessionFile {
  return JSON.parse(readFileSync(join(projectRoot, "data/sessions/lang-son-2023.json"), "utf8")) as SessionFile;
}

/**
 * One question per figure of the seed whose period names the report: the report's own period, or
 * its months of the later year ("4 tháng đầu năm 2023"), asked of report `r` with its province and
 * that period. A figure of one year or one quarter ("năm 2022", "quý I/2023") is left out: with
 * thousands of reports, several meetings with a province cover that year, so it does not say
 * which report is asked (the reworded questions ask such figures, of each province's latest report).
 */
export function generatorCases(seed: SessionFile, r: GeneratedReport): BenchCase[] {
  const months = seed.session.periodAtoms.filter((a) => a.startsWith("m"));
  const namesReport = (f: SessionFile["figures"][number]) => f.period.source === "document" || f.period.label === seed.session.reportPeriod || (f.period.atoms.length > 0 && f.period.atoms.every((a) => months.includes(a)));
  return seed.figures.filter(namesReport).map((f) => {
    const period = f.period.source === "document" ? seed.session.reportPeriod : f.period.label;
    const label = f.label.vi.replace(/\s+—\s+/g, ", ");
    const q = apply(`${label} của tỉnh ${seed.session.province} ${period} ${CUE[f.kind] ?? "là bao nhiêu"}?`, r.mapping);
    return { id: `${r.id}:gen:${f.id}`, q, expect: [apply(f.display, r.mapping)], cat: "generated", report: r.id, set: "generated" };
  });
}

export interface SeedQuestions {
  cases: Case[];
  files: string[];
  /** Questions left out: they name a year the base report does not cover, which another session of the province may well cover. */
  dropped: number;
}

export function seedQuestions(): SeedQuestions {
  const files = [join(projectRoot, "test/fixtures/engine-questions.jsonl"), join(projectRoot, "..", "shared", "eval", "questions.dev.jsonl")].filter((f) => existsSync(f));
  const all = files.flatMap((f) => {
    const prefix = f.includes("shared") ? "dev" : "own";
    return parseCases(readFileSync(f, "utf8")).map((c) => ({ ...c, id: `${prefix}:${c.id}`, ...(c.chat ? { chat: `${prefix}:${c.chat}` } : {}) }));
  });
  const otherYear = (c: Case) => [...c.q.matchAll(/(?<!\d)(?:19|20)\d{2}(?!\d)/g)].some((m) => m[0] !== "2022" && m[0] !== "2023");
  const dropChats = new Set(all.filter((c) => c.chat && otherYear(c)).map((c) => c.chat));
  const cases = all.filter((c) => !otherYear(c) && !(c.chat && dropChats.has(c.chat)));
  return { cases, files: files.map((f) => relative(projectRoot, f)), dropped: all.length - cases.length };
}

const ENGLISH = /\b(?:what|how|who|which|when|the|of|is|was|were|did)\b/i;

/** The question with the report's province in it: where it names the province or "tỉnh", else added at its end. */
export function namingProvince(q: string, province: string): string {
  const plain = !hasDiacritics(q);
  const name = plain ? fold(province) : province;
  if (q.includes(province)) return q;
  if (/lang son/i.test(q)) return q.replace(/lang son/gi, name);
  if (/(?<!\p{L})tỉnh(?!\p{L})/u.test(q)) return q.replace(/(?<!\p{L})tỉnh(?!\p{L})/u, `tỉnh ${province}`);
  if (/(?<!\p{L})tinh(?!\p{L})/iu.test(q)) return q.replace(/(?<!\p{L})tinh(?!\p{L})/iu, `tinh ${name}`);
  const [, body, end] = /^(.*?)([\s?.!]*)$/su.exec(q)!;
  if (plain && ENGLISH.test(q)) return `${body} in ${province}${end}`;
  return `${body} ${plain ? `o ${name}` : `ở ${province}`}${end}`;
}

/** The seed's questions asked of report `r`: the first question of a conversation names its province, the follow-ups lean on it. */
export function rewordedCases(seedCases: Case[], r: GeneratedReport): BenchCase[] {
  const opened = new Set<string>();
  return seedCases.map((c) => {
    const first = !c.chat || !opened.has(c.chat);
    if (c.chat) opened.add(c.chat);
    const mapped = mapCase(c, r);
    return { ...mapped, q: first ? namingProvince(mapped.q, r.province) : mapped.q, ...(c.chat ? { chat: `${r.id}:${c.chat}` } : {}), report: r.id, set: "reworded" as const };
  });
}
