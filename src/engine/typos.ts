// Typo correction at a cost that does not grow with the vocabulary: a symmetric-delete index
// (every known word under each of its one-letter deletions), so that a word one edit away from
// a known one — "tăg" → "tăng", "rừg" → "rừng", "bao nhiu" → "nhiêu" — is found by a few map
// lookups whatever the number of sessions.

export class TypoIndex {
  private readonly counts = new Map<string, number>();
  private readonly deletes = new Map<string, string[]>();

  /** Adds folded words (each once per occurrence: frequent words win ties). */
  add(word: string, times = 1): void {
    if (word.length < 2 || /\d/.test(word)) return;
    const known = this.counts.get(word);
    this.counts.set(word, (known ?? 0) + times);
    if (known !== undefined || word.length < 3) return;
    for (let i = 0; i < word.length; i++) {
      const d = word.slice(0, i) + word.slice(i + 1);
      const list = this.deletes.get(d);
      if (!list) this.deletes.set(d, [word]);
      else if (!list.includes(word) && list.length < 16) list.push(word);
    }
  }

  has(word: string): boolean {
    return this.counts.has(word);
  }

  get size(): number {
    return this.counts.size;
  }

  /** A known word one edit away (insertion, deletion, substitution, neighbour swap), or null. */
  correct(word: string): string | null {
    if (word.length < 3 || this.counts.has(word) || /\d/.test(word)) return null;
    const found = new Set<string>();
    // the typed word lost a letter: it is a deletion of a known word
    for (const w of this.deletes.get(word) ?? []) found.add(w);
    for (let i = 0; i < word.length; i++) {
      const d = word.slice(0, i) + word.slice(i + 1);
      // the typed word has an extra letter
      if (this.counts.has(d) && d.length >= 2) found.add(d);
      // one letter replaced, or two swapped: both share a deletion
      for (const w of this.deletes.get(d) ?? []) if (w.length === word.length && oneEdit(word, w)) found.add(w);
    }
    let best: string | null = null;
    let bestScore = -Infinity;
    for (const w of found) {
      // keep the first letter, then the more frequent word
      const score = (w[0] === word[0] ? 1000 : 0) + Math.log(1 + (this.counts.get(w) ?? 0)) - Math.abs(w.length - word.length) * 0.1;
      if (score > bestScore) {
        best = w;
        bestScore = score;
      }
    }
    return best;
  }
}

function oneEdit(a: string, b: string): boolean {
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
  if (diff <= 1) return true;
  // a swap of neighbours
  for (let i = 0; i + 1 < a.length; i++) if (a[i] !== b[i]) return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  return false;
}
