// Loads the shipped knowledge base once per test file; judging goes through src/eval/judge (the
// same rules as ../shared/eval/score.mjs).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadKnowledgeBase, projectRoot } from "../../src/knowledge/loader.js";
import { QueryEngine, type EngineOptions } from "../../src/engine/engine.js";
import { parseCases, type Case } from "../../src/eval/judge.js";

export type { Case };
export const sourceText = readFileSync(join(projectRoot, "data/sources/lang-son-2023.txt"), "utf8");

export function makeEngine(options: EngineOptions = {}): QueryEngine {
  return new QueryEngine(loadKnowledgeBase("data", projectRoot), options);
}

export function loadCases(file: string): Case[] {
  return parseCases(readFileSync(join(projectRoot, file), "utf8"));
}
