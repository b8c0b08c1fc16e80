// Diacritic folding: "Thủy sản", "thuỷ sản", "THUY SAN" and NFD input all compare equal.
/** Lower case, no diacritics, đ → d. Keeps everything else (digits, punctuation, spaces). */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
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
  for (const ch of nfcText) {
    if (ch.length !== 1) {
      out += ch; // astral characters (emoji) keep their two code units
      continue;
    }
    if (ch === "đ" || ch === "Đ") out += "d";
    else {
      const base = ch.normalize("NFD")[0]!;
      out += /\p{M}/u.test(base) ? " " : base.toLowerCase().length === 1 ? base.toLowerCase() : base;
    }
  }
  // "tỷ"/"tỉ", "kỳ"/"kì": a final y after consonants folds to i, as tokens do (same length).
  return out.replace(/(?<![a-z])([bcdghklmnprstvx]+)y(?![a-z])/g, "$1i");
}
