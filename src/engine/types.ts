// What the engine returns for one question. Platform-neutral and serialisable: the batch CLI
// prints it as JSON and the `hoi` command turns it into a Reply.
import type { Citation, FigureView, Lang, Suggestion } from "../core/types.js";
import type { KindWanted, StatementWanted, Unit } from "./query.js";

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
  /** A greeting, thanks or small talk: not a question about the report. */
  smallTalk?: boolean;
  /** How the question was understood, for --json and debugging. */
  understood: Understood;
}

export interface Understood {
  lang: Lang;
  normalized: string;
  mode: "figure" | "passage" | "people" | "summary" | "participants" | "small-talk" | "refusal";
  phrases: string[];
  period?: string;
  kind?: string;
  questionType: string;
  followUp: boolean;
  sessionIds: string[];
  reason?: string;
}

/**
 * The dialogue frame: what a conversation is about after an answer, so that "còn dịch vụ?" or
 * "thế năm 2022?" can lean on it. Plain JSON, so that the store can keep it between workers.
 */
export interface Frame {
  v: 1;
  sessionId: string;
  units: Unit[];
  period: string[];
  kind?: KindWanted;
  unitWanted?: string | string[];
  mode: "figure" | "passage" | "people";
  statementWanted?: StatementWanted;
  /** ISO instant of the answer (frames expire). */
  at: string;
}

export interface AskOptions {
  /** Conversation key for the engine's own in-memory frames (CLI, tests); the bot passes frames itself. */
  chatId?: string;
}

export interface AnswerOptions {
  frame?: Frame;
}

export interface AnswerWithFrame {
  answer: Answer;
  /** The frame to keep for the next question; undefined leaves the previous one as it was. */
  frame?: Frame;
}
