import type { SessionFile } from "./schema.js";

/** One loaded session: its validated file and its source text (NFC). */
export interface LoadedSession {
  file: SessionFile;
  sourceText: string;
}

export interface KnowledgeBase {
  /** Most recent first (by `coversUntil`). */
  sessions: LoadedSession[];
  byId: Map<string, LoadedSession>;
}
