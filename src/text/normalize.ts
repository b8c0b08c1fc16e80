// Vietnamese text normalisation: one place decides how text is compared.

/** Canonical composed form. Input may arrive NFD (macOS, some Android keyboards). */
export function toNfc(text: string): string {
  return text.normalize("NFC");
}

// Combining tone marks (huyền, sắc, ngã, hỏi, nặng). Vowel-quality marks (â ă ê ô ơ ư) are not tones.
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/u;
const TONE_MARKS_G = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/**
 * A key for one syllable that ignores where the tone mark sits: "thuỷ" and "thủy", "hoá" and
 * "hóa", "Uỷ" and "ủy" all give the same key. The tone is moved to the end of the syllable.
 */
export function toneKey(syllable: string): string {
  const nfd = syllable.normalize("NFD").toLowerCase();
  const tone = nfd.match(TONE_MARKS)?.[0] ?? "";
  // "tỷ"/"tỉ", "kỳ"/"kì": both spellings are in use, as in the folded form.
  const base = nfd.replace(TONE_MARKS_G, "").replace(/^([bcdghklmnprstvx]+)y$/, "$1i");
  return (base + tone).normalize("NFC");
}

/** True when the text carries any Vietnamese diacritic (or đ): a sign the writer typed them. */
export function hasDiacritics(text: string): boolean {
  return /[\u0300-\u036f]|đ|Đ/u.test(text.normalize("NFD"));
}
