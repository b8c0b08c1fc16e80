// Judges an answer against a question case the way ../shared/eval/score.mjs does: every expected
// string in the answer (folded: case, diacritics and white space ignored), none of the "must not"
// strings, at least one citation, every citation word for word in the source.
import type { Answer } from "../engine/types.js";
import { fold } from "../text/fold.js";

export interface Case {
  id: string;
  q: string;
  chat?: string;
  expect?: (string | string[])[];
  must_not?: string[];
  expect_found?: boolean;
  cat?: string;
}

const folded = (s: string) => fold(s).replace(/\s+/g, " ").trim();
const exact = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();

export type Verdict = { ok: true } | { ok: false; wrong: boolean; why: string };

/** Why an answer fails its case; `wrong` when it was given as an answer (found) yet is wrong. */
export function judge(c: Case, a: Pick<Answer, "found" | "answer" | "citations">, sourceText: string): Verdict {
  if (c.expect_found === false) return a.found ? { ok: false, wrong: true, why: "answered an out-of-scope question" } : { ok: true };
  if (!a.found) return { ok: false, wrong: false, why: "not found" };
  const text = folded(a.answer);
  for (const e of c.expect ?? []) {
    const alts = Array.isArray(e) ? e : [e];
    if (!alts.some((x) => text.includes(folded(x)))) return { ok: false, wrong: true, why: `answer lacks ${JSON.stringify(e)}` };
  }
  for (const m of c.must_not ?? []) if (text.includes(folded(m))) return { ok: false, wrong: true, why: `answer holds wrong figure ${JSON.stringify(m)}` };
  if (!a.citations.length) return { ok: false, wrong: true, why: "no citation" };
  const source = exact(sourceText);
  for (const ci of a.citations) if (!source.includes(exact(ci.text))) return { ok: false, wrong: true, why: "citation not word for word in the source" };
  return { ok: true };
}

export function parseCases(text: string): Case[] {
  return text
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Case);
}
