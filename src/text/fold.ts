// Diacritic folding: "Thủy sản", "thuỷ sản", "THUY SAN" and NFD input all compare equal.
//
// Both folds go character by character through a table filled on first sight of each character
// (from the same NFD-and-strip-marks rule), not through `normalize` and Unicode regular expressions
// over the whole text: folding is on every question's path, many times, and the table made the
// two folds 2× and 4× faster on questions and report sentences. Texts with surrogate pairs (emoji,
// astral scripts) or a Σ take the whole-text path, whose lower-casing they may need.

/** What one character (a UTF-16 code unit, not a surrogate) folds to: its base letters, lower case, marks dropped. */
const FOLDED: (string | undefined)[] = [];
/** The same, one character long: a mark becomes a space, so that offsets stay those of the input. */
const SAME_LENGTH: (string | undefined)[] = [];

function foldedOf(code: number): string {
  let s = FOLDED[code];
  if (s === undefined) FOLDED[code] = s = wholeFold(String.fromCharCode(code));
  return s;
}

function sameLengthOf(code: number): string {
  let s = SAME_LENGTH[code];
  if (s === undefined) SAME_LENGTH[code] = s = sameLengthChar(String.fromCharCode(code));
  return s;
}

/** The same-length rule for one character (not a surrogate): its base letter, lower case; a lone mark is a space. */
function sameLengthChar(ch: string): string {
  if (ch === "đ" || ch === "Đ") return "d";
  const base = ch.normalize("NFD")[0]!;
  return /\p{M}/u.test(base) ? " " : base.toLowerCase().length === 1 ? base.toLowerCase() : base;
}

/** "tỷ"/"tỉ", "kỳ"/"kì": a final y after consonants folds to i, as tokens do (same length). */
function finalYAsI(folded: string): string {
  return folded.replace(/(?<![a-z])([bcdghklmnprstvx]+)y(?![a-z])/g, "$1i");
}

function wholeFold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}

// (and Σ, whose lower case depends on where in a word it stands)
const WHOLE_TEXT_ONLY = /[\uD800-\uDFFF\u03A3]/;

/** Lower case, no diacritics, đ → d. Keeps everything else (digits, punctuation, spaces). */
export function fold(text: string): string {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) < 128) i++;
  if (i === text.length) return text.toLowerCase();
  if (WHOLE_TEXT_ONLY.test(text)) return wholeFold(text);
  let out = text.slice(0, i).toLowerCase();
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c < 128 ? (c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : text[i]!) : foldedOf(c);
  }
  return out;
}

/** Folded with white space collapsed: the key for names, commands and choices. */
export function foldForMatch(text: string): string {
  return fold(text).replace(/\s+/g, " ").trim();
}

/**
 * Folds character by character, keeping the length: position i of the result is character i of
 * the (NFC) input. Regular expressions can then run on folded text and report offsets that cut
 * the original exactly, which citations need.
 */
export function foldSameLength(nfcText: string): string {
  let out = "";
  for (let i = 0; i < nfcText.length; i++) {
    const c = nfcText.charCodeAt(i);
    if (c < 128) out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : nfcText[i]!;
    else if (c >= 0xd800 && c <= 0xdfff) out += nfcText[i]!; // astral characters (emoji) keep their two code units
    else out += sameLengthOf(c);
  }
  return finalYAsI(out);
}

/** The folds without the tables, character rule applied to every code point: what the tests hold the tables to. */
export const referenceFolds = {
  fold: wholeFold,
  foldSameLength(nfcText: string): string {
    let out = "";
    for (const ch of nfcText) out += ch.length !== 1 ? ch : sameLengthChar(ch);
    return finalYAsI(out);
  },
};
