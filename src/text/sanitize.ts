// What arrives from a chat or a terminal, made safe to process: NFC, control and invisible
// characters removed (they break rendering and logs), white space collapsed, and a hard cap so
// that a 10,000-character paste costs no more than a normal question.
export const MAX_INPUT_CHARS = 4000;

export function sanitizeInput(text: string): string {
  return String(text ?? "")
    .normalize("NFC")
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_INPUT_CHARS);
}
