// An engine Answer as a Reply, the one shape every front door renders. A sentence the answer
// quotes is shown once, as a quotation, not again as a line of text.
import type { Reply } from "../core/types.js";
import type { Answer } from "./types.js";
import { messages } from "../core/messages.js";

export function answerToReply(answer: Answer): Reply {
  const m = messages(answer.lang);
  const quoted = new Set(answer.citations.map((c) => c.text));
  const all = answer.answer.split("\n").filter((l) => l.trim());
  const lines = all.filter((l) => !quoted.has(l));
  return {
    kind: answer.found ? "answer" : answer.smallTalk ? "info" : "not_found",
    lang: answer.lang,
    lines: lines.length ? (lines.length < all.length ? [...lines, m.reportSays] : lines) : [m.reportSays],
    figures: answer.figures,
    citations: answer.citations,
    suggestions: answer.suggestions,
    footer: answer.found && answer.sessionLabel ? m.sourceFooter(answer.sessionLabel) : undefined,
  };
}
