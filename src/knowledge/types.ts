import type { SessionFile } from "./schema.js";

/** One loaded session: its validated file and its source text (NFC). */
export interface LoadedSession {
  /** For a session opened from the catalogue (catalogue.ts), read and validated on first access. */
  readonly file: SessionFile;
  readonly sourceText: string;
  /** What selects and names the session without loading it; present on sessions opened from the catalogue. */
  readonly info?: SessionInfo;
}

/** A session's line in the catalogue: enough to choose it and name it. See `sessionInfo()`. */
export interface SessionInfo {
  id: string;
  title: string;
  titleEn: string;
  province: string;
  reportPeriod: string;
  periodAtoms: string[];
  coversUntil: string;
  years: number[];
  delegationHead: string;
  /** The names of its people, in file order (people without a name left out). */
  people: string[];
}

export interface KnowledgeBase {
  /** Most recent first (by `coversUntil`). */
  sessions: LoadedSession[];
  byId: Map<string, LoadedSession>;
  /**
   * Every folded word of every session's source with its number of occurrences, first seen first
   * (sessions in the order above, each in text order). Given by a catalogue, so that the engine's
   * vocabulary needs no session loaded; without it, the engine reads the sources.
   */
  vocabulary?: ReadonlyMap<string, number>;
}
