// Ranks named items against what a user typed: exact > prefix > contains > fuzzy, all on folded
// text so that "dat lua" finds "đất lúa". Used by autocomplete and by lookups by name.
import Fuse from "fuse.js";
import { foldForMatch } from "./fold.js";

export interface Rankable {
  value: string;
  name: string;
  /** Other names the item answers to (ids, synonyms). */
  keys?: string[];
}

export interface Ranked<T extends Rankable> {
  item: T;
  score: number;
}

const fuseCache = new WeakMap<readonly Rankable[], Fuse<{ i: number; text: string }>>();

export function rankByName<T extends Rankable>(items: readonly T[], typed: string, limit = 25): Ranked<T>[] {
  const q = foldForMatch(typed);
  if (!q) return items.slice(0, limit).map((item) => ({ item, score: 0 }));
  const best = new Map<number, number>();
  const note = (i: number, s: number) => best.set(i, Math.max(best.get(i) ?? -Infinity, s));
  items.forEach((item, i) => {
    for (const raw of [item.name, item.value, ...(item.keys ?? [])]) {
      const k = foldForMatch(raw);
      if (k === q) note(i, 4);
      else if (k.startsWith(q)) note(i, 3);
      else if (k.split(" ").some((w) => w.startsWith(q))) note(i, 2.5);
      else if (k.includes(q)) note(i, 2);
    }
  });
  let fuse = fuseCache.get(items);
  if (!fuse) {
    const docs = items.flatMap((item, i) => [item.name, item.value, ...(item.keys ?? [])].map((t) => ({ i, text: foldForMatch(t) })));
    fuse = new Fuse(docs, { keys: ["text"], includeScore: true, threshold: 0.4, ignoreLocation: true });
    fuseCache.set(items, fuse);
  }
  for (const hit of fuse.search(q, { limit: limit * 3 })) note(hit.item.i, 1 - (hit.score ?? 1));
  return [...best]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([i, score]) => ({ item: items[i]!, score }));
}
