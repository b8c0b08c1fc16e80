// What the engine returns for one question. Platform-neutral and serialisable: the batch CLI
// prints it as JSON and the `hoi` command turns it into a Reply.
import type { Citation, FigureView, Lang, Suggestion } from "../core/types.js";

export interface Answer {
  found: boolean;
  /** The answer as plain text, in the language of the question. */
  answer: string;
  lang: Lang;
  /** The session the answer comes from (when found). */
  sessionId?: string;
  sessionLabel?: string;
  figures: FigureView[];
  citations: Citation[];
  suggestions: Suggestion[];
  /** Ids of the knowledge entries used (figures, people, petition groups, statements). */
  entryIds: string[];
  /** Petition group ids the answer is about, so that a caller can add their live status. */
  petitionIds: string[];
  /** How the question was understood, for --json and debugging. */
  understood: Understood;
}

export interface Understood {
  lang: Lang;
  normalized: string;
  concepts: string[];
  kind?: string;
  period?: string;
  questionType: string;
  followUp: boolean;
  sessionIds: string[];
  reason?: string;
}

export interface AskOptions {
  /** Conversation key: questions with the same chatId share follow-up context. */
  chatId?: string;
}
