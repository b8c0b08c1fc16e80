// How a question's phrases meet a session's text: which field of an entry holds each phrase,
// and what that is worth given how rare the phrase is in the session.
import type { Field, SessionIndex } from "./session-index.js";
import type { Unit } from "./query.js";
import { wordsNear } from "./proximity.js";

/** The phrases of a question as they stand in this session: a merged phrase the report never writes falls back to its words. */
export function resolveUnits(units: Unit[], index: SessionIndex): Unit[] {
  const out: Unit[] = [];
  for (const u of units) {
    // Words the report never writes side by side are each asked about on their own.
    if (u.pieces && !mentioned(u, index)) {
      // "sản lượng lúa" is not "sản lượng … tôm - lúa" a clause away: the words must stand together
      const hard = u.pieces.filter((p) => !p.soft);
      out.push(...u.pieces.filter((p) => p.soft));
      if (hard.length > 1) out.push({ text: hard.map((p) => p.text).join(" "), alts: hard.flatMap((p) => p.alts), loose: hard, ...(u.at !== undefined ? { at: u.at } : {}) });
      else out.push(...hard);
    } else out.push(u);
  }
  return out;
}

/** True when a field holds the phrase (any of its ways of writing). */
export function holds(f: Field | undefined, u: Unit): boolean {
  if (!f) return false;
  if (u.loose) return wordsNear(f, u.loose);
  // A word typed with tones is that word: "đô" (thị) is not "độ", "trồng" is not "trong".
  if (u.toned && !u.group) return f.toned.includes(u.toned);
  for (const a of u.alts) if (f.folded.includes(a)) return true;
  return false;
}

/** Same, and written with the same tones as the question. */
export function holdsToned(f: Field | undefined, u: Unit): boolean {
  return !!f && !!u.toned && f.toned.includes(u.toned);
}

/** The phrase occurs somewhere in the session. */
export function mentioned(u: Unit, index: SessionIndex): boolean {
  if (u.loose) return wordsNear(index.text, u.loose);
  if (u.toned && !u.group) return index.text.toned.includes(u.toned);
  return u.alts.some((a) => index.mentions(a));
}

/** A phrase's weight in a session: the rarest of its ways of writing that the session uses. */
export function unitIdf(u: Unit, index: SessionIndex): number {
  const known = index.altsIdf.get(u.alts);
  if (known !== undefined) return known;
  let best = 0;
  for (const a of u.alts) if (index.mentions(a)) best = Math.max(best, index.idf(a));
  const idf = best || index.idf(u.alts[0]!);
  index.altsIdf.set(u.alts, idf);
  return idf;
}

export interface FieldWeights {
  [name: string]: number;
}

export interface Coverage {
  /** Sum of idf × field weight of the phrases found. */
  lexical: number;
  /** Share of the question's (non-soft) weight found in fields worth at least `strong`. */
  coverage: number;
}

// One result reused: callers read it at once, and a new object per entry per question was a fifth
// of what answering a question allocates (the garbage collector's pauses are the latency tail).
const scratch: Coverage = { lexical: 0, coverage: 0 };

/** Scores an entry's named fields against the phrases; soft phrases count less and are never missing. */
export function cover(units: Unit[], fields: [Field | undefined, number][], index: SessionIndex, strong = 0.6): Readonly<Coverage> {
  let lexical = 0;
  let total = 0;
  let found = 0;
  // plain loops, nothing allocated: this runs for every entry of a session for every question
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    const idf = unitIdf(u, index);
    let best = 0;
    let toned = false;
    const n = index.narrow(u);
    if (n.alts.length || (n.toned && !n.group))
      for (let k = 0; k < fields.length; k++) {
        const f = fields[k]![0];
        const w = fields[k]![1];
        if (w > best && index.holds(f, n)) {
          best = w;
          toned = index.holdsToned(f, n);
        }
      }
    const weight = u.soft ? 0.35 : 1;
    lexical += idf * best * weight * (toned ? 1.1 : 1);
    if (!u.soft) {
      total += idf;
      found += idf * Math.min(1, best / strong);
    }
  }
  scratch.lexical = lexical;
  scratch.coverage = total ? found / total : 1;
  return scratch;
}
