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
