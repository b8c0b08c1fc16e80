// Shortening a quotation without breaking it: the first clauses of a long sentence, cut where a
// clause ends, are still word for word the source.
export function clauseOf(sentence: string, max = 240): string {
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(0, max);
  const at = Math.max(cut.lastIndexOf("; "), cut.lastIndexOf(", "));
  return (at > max / 3 ? cut.slice(0, at) : cut.slice(0, cut.lastIndexOf(" "))).replace(/[,;:\s]+$/, "");
}
