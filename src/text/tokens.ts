// Splits text into syllable tokens, each in three forms: as typed, folded (no diacritics) and
// tone-keyed (diacritics kept, tone placement ignored).
import { fold } from "./fold.js";
import { toneKey } from "./normalize.js";

export interface Token {
  /** As written (NFC). */
  raw: string;
  /** Lower case, no diacritics, đ → d: the matching key. */
  folded: string;
  /** Lower case with diacritics, old/new tone placement unified: the ranking signal. */
  toned: string;
  /** Index of the token's first character in the NFC text. */
  start: number;
}

// A number keeps its separators ("13.330", "7,22", "4/2023"); a word is letters and digits.
const TOKEN = /\d+(?:[.,]\d+)*(?:\/\d+)?%?|[\p{L}\p{M}\p{N}]+/gu;

/**
 * "tỷ"/"tỉ", "kỳ"/"kì", "lý"/"lí", "Mỹ"/"Mĩ": both spellings are in use, so a final y after a
 * consonant folds to i.
 */
export function foldSyllable(raw: string): string {
  return fold(raw).replace(/^([bcdghklmnprstvx]+)y$/, "$1i");
}

// Words repeat endlessly (across questions, and across a thousand sessions' texts): folding each
// distinct word once is most of the cost of indexing. Bounded so that junk input cannot grow it.
const forms = new Map<string, { folded: string; toned: string }>();
const MAX_FORMS = 200_000;

function formsOf(raw: string): { folded: string; toned: string } {
  let f = forms.get(raw);
  if (!f) {
    f = { folded: foldSyllable(raw), toned: toneKey(raw) };
    if (forms.size >= MAX_FORMS) forms.clear();
    forms.set(raw, f);
  }
  return f;
}

/** Drops the word-form cache: after indexing, it holds every word of every source, which questions rarely need. */
export function clearTokenCache(): void {
  forms.clear();
}

export function tokenize(text: string): Token[] {
  const nfc = text.normalize("NFC");
  const out: Token[] = [];
  for (const m of nfc.matchAll(TOKEN)) {
    const raw = m[0];
    const f = formsOf(raw);
    out.push({ raw, folded: f.folded, toned: f.toned, start: m.index ?? 0 });
  }
  return out;
}

/** Folded tokens joined by single spaces: the form lexicon phrases are written in. */
export function foldedWords(text: string): string[] {
  return tokenize(text).map((t) => t.folded);
}
