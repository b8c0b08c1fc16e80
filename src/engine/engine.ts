// Placeholder until the engine lands in the next commits: same API, answers "not found".
import type { KnowledgeBase } from "../knowledge/types.js";
import type { Clock } from "../clock.js";
import type { Answer, AskOptions } from "./types.js";

export interface EngineOptions {
  clock?: Clock;
  contextTtlMs?: number;
}

export class QueryEngine {
  constructor(
    readonly knowledge: KnowledgeBase,
    readonly options: EngineOptions = {},
  ) {}

  ask(question: string, _opts: AskOptions = {}): Answer {
    return {
      found: false,
      answer: "Báo cáo không đề cập nội dung này.",
      lang: "vi",
      figures: [],
      citations: [],
      suggestions: [],
      entryIds: [],
      petitionIds: [],
      understood: { lang: "vi", normalized: question, concepts: [], questionType: "unknown", followUp: false, sessionIds: [] },
    };
  }
}
