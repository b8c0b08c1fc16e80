// The types every layer shares: what an answer looks like (Reply, Citation, FigureView,
// Suggestion) and the language and platform names. Nothing here imports anything, so that
// imports run one way: text → knowledge → engine → commands → adapters → main.
export type Lang = "vi" | "en";
export type Platform = "telegram" | "discord" | "console";

/** What a figure is: a growth rate, a share of a total, a level or count, a percentage of plan… */
export const figureKinds = ["growth", "share", "level", "count", "percent_of_plan", "contribution", "change", "change_same_period", "rank"] as const;
export type FigureKind = (typeof figureKinds)[number];

/** A quotation of the source: `text` stands word for word in the session's source document. */
export interface Citation {
  text: string;
  sessionId: string;
}

/** One figure as the source writes it ("7,22%", "13.330 ha"), with what it measures and its period. */
export interface FigureView {
  label: string;
  value: string;
  period?: string;
}

/** A button: pressing it sends `input` as if the user had typed it (a question or "/command args"). */
export interface Suggestion {
  label: string;
  input: string;
}

export type ReplyKind = "answer" | "not_found" | "info" | "usage" | "refused" | "error";

/** What every command returns. Data only: adapters turn it into HTML, embeds or plain text. */
export interface Reply {
  kind: ReplyKind;
  lang: Lang;
  title?: string;
  /** Body paragraphs, plain text (adapters escape them). */
  lines: string[];
  figures?: FigureView[];
  citations?: Citation[];
  suggestions?: Suggestion[];
  footer?: string;
  /** Shown only to the asker where the platform can (Discord ephemeral replies). */
  ephemeral?: boolean;
  /**
   * The reply asks its reader to confirm an action (also offered as buttons in `suggestions`):
   * the inputs that confirm and cancel it. The console turns it into a y/N prompt.
   */
  confirmation?: { confirm: string; cancel: string };
}

export interface Choice {
  name: string;
  value: string;
}
