// Loads the real knowledge base once per test file and checks answers the way the shared scorer does.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadKnowledgeBase, projectRoot } from "../../src/knowledge/loader.js";
import { QueryEngine, type EngineOptions } from "../../src/engine/engine.js";
import type { Answer } from "../../src/engine/types.js";
import { fold } from "../../src/text/fold.js";

export const sourceText = readFileSync(join(projectRoot, "data/sources/lang-son-working-session-2023.vi.txt"), "utf8");

export function makeEngine(options: EngineOptions = {}): QueryEngine {
  return new QueryEngine(loadKnowledgeBase("data/sessions", projectRoot), options);
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

export function loadCases(file: string): Case[] {
  return readFileSync(join(projectRoot, file), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Case);
}

const folded = (s: string) => fold(s).replace(/\s+/g, " ").trim();
const exact = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();

/** Why an answer fails its case, or null when it passes (same rules as ../shared/eval/score.mjs). */
export function judge(c: Case, a: Answer): string | null {
  if (c.expect_found === false) return a.found ? `answered an out-of-scope question: ${a.answer.slice(0, 120)}` : null;
  if (!a.found) return `not found: ${a.understood.reason}`;
  const text = folded(a.answer);
  for (const e of c.expect ?? []) {
    const alts = Array.isArray(e) ? e : [e];
    if (!alts.some((x) => text.includes(folded(x)))) return `answer lacks ${JSON.stringify(e)}: ${a.answer.slice(0, 160)}`;
  }
  for (const m of c.must_not ?? []) if (text.includes(folded(m))) return `answer holds wrong figure ${m}`;
  if (!a.citations.length) return "no citation";
  const source = exact(sourceText);
  for (const ci of a.citations) if (!source.includes(exact(ci.text))) return `citation not in source: ${ci.text}`;
  return null;
}
