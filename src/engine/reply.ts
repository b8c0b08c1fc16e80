// An engine Answer as a Reply, the one shape every front door renders.
import type { Reply } from "../core/types.js";
import type { Answer } from "./types.js";

export function answerToReply(answer: Answer): Reply {
  const en = answer.lang === "en";
  return {
    kind: answer.found ? "answer" : "not_found",
    lang: answer.lang,
    lines: answer.answer.split("\n").filter((l) => l.trim()),
    figures: answer.figures,
    citations: answer.citations,
    suggestions: answer.suggestions,
    footer: answer.found && answer.sessionLabel ? (en ? `Source: ${answer.sessionLabel}` : `Nguồn: ${answer.sessionLabel}`) : undefined,
  };
}
