// A message mostly of words that no report, the thesaurus or the question words know (a paste of
// random text, keyboard mashing, another language) is refused before it is parsed: parsing it
// would try to correct every word and score every entry against hundreds of phrases. The check
// is one tokenization and a set lookup per word, whatever the number of sessions.
import { tokenize } from "../text/tokens.js";
import { fold } from "../text/fold.js";
import { ABBREVIATIONS } from "./thesaurus.js";
import { detectLanguage, type Lexicon } from "./query.js";
import type { Lang } from "../core/types.js";

/** At least this many unknown words, and at least half of the words: short questions are never cut here. */
const MIN_UNKNOWN = 12;
const MAX_TOKENS = 200;
/** Enough text for MAX_TOKENS words of common length: the rest is never read. */
const MAX_CHARS = 1600;
const ABBR = new Set(Object.keys(ABBREVIATIONS).map((k) => fold(k)));

export interface UnknownWords {
  unknown: number;
  words: number;
  lang: Lang;
}

/** The message's unknown words when it is mostly made of them; undefined otherwise. */
export function mostlyUnknown(text: string, lex: Lexicon): UnknownWords | undefined {
  const tokens = tokenize(text.slice(0, MAX_CHARS));
  if (tokens.length < MIN_UNKNOWN) return undefined;
  let words = 0;
  let unknown = 0;
  for (let i = 0; i < tokens.length && i < MAX_TOKENS; i++) {
    const w = tokens[i]!.folded;
    if (w.length < 2 || /\d/.test(w)) continue;
    words++;
    if (!lex.typos.has(w) && !ABBR.has(w)) unknown++;
  }
  if (unknown < MIN_UNKNOWN || unknown * 2 < words) return undefined;
  return { unknown, words, lang: detectLanguage(text, tokens.slice(0, MAX_TOKENS)) };
}
