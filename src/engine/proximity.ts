// Words of a phrase that a text does not write as such ("sản lượng lúa"): held where they stand
// close together, three in four of them for a long phrase, in any order.
/** The folded text of a field (session-index's Field, which imports this module). */
interface Field {
  folded: string;
}

/** The folded ways of writing each word (" a "). */
export interface Word {
  alts: string[];
}

const WINDOW = 32; // characters of folded text: about six syllables

export function wordsNear(f: Field, words: readonly Word[]): boolean {
  const spots = words.map((w) => {
    const at: number[] = [];
    for (const a of w.alts) for (let i = f.folded.indexOf(a); i >= 0 && at.length < 20; i = f.folded.indexOf(a, i + 1)) at.push(i);
    return at;
  });
  // a long phrase may lose one word ("sản lượng vải" for "sản lượng vải thiều"): three in four, together
  const needed = Math.max(2, Math.ceil(words.length * 0.75));
  if (spots.filter((s) => s.length).length < needed) return false;
  return spots.some((own) => own.some((start) => spots.filter((s) => s.some((i) => Math.abs(i - start) <= WINDOW)).length >= needed));
}
