// Scores a question set the way the external scorer does (../shared/eval/score.mjs): each case
// judged by ./judge.ts, then accuracy, wrong answers (given as an answer, found, yet wrong — worse
// for a user than "the report does not say") and refusals (a question the report answers,
// answered "not found"), overall and by category. Pure: the caller asks the questions.
import type { Answer } from "../engine/types.js";
import { judge, type Case } from "./judge.js";

export type Asked = Pick<Answer, "found" | "answer" | "citations">;

export interface Tally {
  total: number;
  right: number;
  /** Found, yet wrong (or an out-of-scope question answered). */
  wrong: number;
  /** A positive case answered "not found". */
  refused: number;
}

export interface Failure {
  id: string;
  q: string;
  cat: string;
  why: string;
  wrong: boolean;
  answer: string;
}

export interface ScoreReport extends Tally {
  byCategory: Record<string, Tally>;
  failures: Failure[];
}

const empty = (): Tally => ({ total: 0, right: 0, wrong: 0, refused: 0 });

/**
 * Judges every case, in file order (a conversation's questions are asked in order by `ask`).
 * `sourceFor(answer)` is the text the answer's citations must stand in word for word.
 */
export function score(cases: readonly Case[], ask: (c: Case) => Asked, sourceFor: (a: Asked) => string): ScoreReport {
  const report: ScoreReport = { ...empty(), byCategory: {}, failures: [] };
  for (const c of cases) {
    const a = ask(c);
    const v = judge(c, a, sourceFor(a));
    const cat = c.cat ?? "all";
    const t = (report.byCategory[cat] ??= empty());
    for (const x of [report, t]) {
      x.total++;
      if (v.ok) x.right++;
      else if (v.wrong) x.wrong++;
      else x.refused++;
    }
    if (!v.ok) report.failures.push({ id: c.id, q: c.q, cat, why: v.why, wrong: v.wrong, answer: a.answer });
  }
  return report;
}

const pct = (n: number, d: number) => (d ? ((100 * n) / d).toFixed(1) : "0.0");

/** The report as people read it; `verbose` adds each failure with why and what was answered. */
export function formatReport(r: ScoreReport, opts: { verbose?: boolean; header?: string[] } = {}): string {
  const out: string[] = [...(opts.header ?? [])];
  const cats = Object.keys(r.byCategory).sort();
  const width = Math.max(8, ...cats.map((c) => c.length));
  out.push(`${"category".padEnd(width)}  right/total  wrong  refused`);
  for (const c of cats) {
    const t = r.byCategory[c]!;
    out.push(`${c.padEnd(width)}  ${`${t.right}/${t.total}`.padStart(11)}  ${String(t.wrong).padStart(5)}  ${String(t.refused).padStart(7)}`);
  }
  if (opts.verbose) {
    for (const f of r.failures) {
      const answer = f.answer.replace(/\s+/g, " ").slice(0, 200);
      out.push(`${f.wrong ? "WRONG  " : "REFUSED"} ${f.id} [${f.cat}] ${JSON.stringify(f.q)}: ${f.why}; answered ${JSON.stringify(answer)}`);
    }
  } else if (r.failures.length) {
    out.push(`failed: ${r.failures.map((f) => f.id).join(" ")}  (--verbose shows why)`);
  }
  out.push(`accuracy: ${pct(r.right, r.total)}% (${r.right}/${r.total})`);
  out.push(`wrong answers: ${pct(r.wrong, r.total)}% (${r.wrong}/${r.total}: found, but wrong or out of scope)`);
  out.push(`refusals: ${pct(r.refused, r.total)}% (${r.refused}/${r.total}: answered "not found" though the report says)`);
  return out.join("\n");
}

export class CaseFileError extends Error {}

/** The JSON-lines question file: one case a line ({"id","q","expect"?,"must_not"?,"expect_found"?,"cat"?,"chat"?}); blank lines skipped. */
export function parseCaseFile(text: string, name = "questions"): Case[] {
  const cases: Case[] = [];
  const ids = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let c: unknown;
    try {
      c = JSON.parse(line);
    } catch (err) {
      throw new CaseFileError(`${name}:${i + 1}: not a JSON object (${(err as Error).message})`);
    }
    const o = c as Partial<Case> | null;
    if (!o || typeof o !== "object" || Array.isArray(o) || typeof o.q !== "string") throw new CaseFileError(`${name}:${i + 1}: a case needs "q", the question (a string)`);
    if (o.expect !== undefined && !(Array.isArray(o.expect) && o.expect.every((e) => typeof e === "string" || (Array.isArray(e) && e.every((x) => typeof x === "string")))))
      throw new CaseFileError(`${name}:${i + 1}: "expect" is a list of strings (or of lists of alternatives)`);
    if (o.must_not !== undefined && !(Array.isArray(o.must_not) && o.must_not.every((m) => typeof m === "string"))) throw new CaseFileError(`${name}:${i + 1}: "must_not" is a list of strings`);
    const id = o.id != null ? String(o.id) : `line-${i + 1}`;
    if (ids.has(id)) throw new CaseFileError(`${name}:${i + 1}: the id "${id}" is used twice`);
    ids.add(id);
    cases.push({ ...(o as Case), id, ...(o.chat != null ? { chat: String(o.chat) } : {}), ...(o.cat != null ? { cat: String(o.cat) } : {}) });
  });
  return cases;
}
