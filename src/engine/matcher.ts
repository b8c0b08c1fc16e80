// Finds lexicon phrases in a question: longest match first over folded syllables, so that
// "nông thôn mới" is one concept and not "nông" + "mới". Single syllables are ambiguous once
// folded ("dat" is both "đạt" and "đất"), so they need their tones when the writer typed tones,
// and without tones they only stand for their most common reading.
import { tokenize, type Token } from "../text/tokens.js";
import { fold } from "../text/fold.js";

export interface PhraseDef {
  phrase: string;
  ids: string[];
  /** Proper names: when the question is typed with tones, the tones must agree ("diễn biến" is not "Điện Biên"). */
  strictTones?: boolean;
  /** Breaks ties between equally long, equally toned phrases: a province before a person's given name. */
  priority?: number;
}

interface CompiledPhrase {
  words: string[];
  toned: string[];
  ids: string[];
  text: string;
  strictTones: boolean;
  priority: number;
}

export interface PhraseHit {
  ids: string[];
  start: number;
  /** Exclusive. */
  end: number;
  phrase: string;
}

export interface MatchResult {
  tokens: Token[];
  hits: PhraseHit[];
  /** Per token: covered by a phrase. */
  consumed: boolean[];
  /** Per token: the folded form after typo correction (same as token.folded when none). */
  words: string[];
  corrected: boolean[];
}

export class PhraseMatcher {
  /** Multi-word phrases by their first two words; single words by themselves. Keyed by two words,
   *  a common first word ("văn" of "văn bản", of a thousand "Văn …" names) costs nothing. */
  private readonly byPair = new Map<string, CompiledPhrase[]>();
  private readonly bySingle = new Map<string, CompiledPhrase[]>();
  /** Every folded word the matcher knows (lexicon, source text, filler words). */
  readonly vocabulary = new Set<string>();
  /** For a folded syllable, its most frequent toned reading in the source and in questions. */
  private readonly dominant = new Map<string, string>();

  constructor(phrases: PhraseDef[], knownText: string[], fillerWords: string[]) {
    const variants = new Map<string, Map<string, number>>();
    const count = (t: Token, n: number) => {
      const m = variants.get(t.folded) ?? new Map<string, number>();
      m.set(t.toned, (m.get(t.toned) ?? 0) + n);
      variants.set(t.folded, m);
      this.vocabulary.add(t.folded);
    };
    for (const text of knownText) for (const t of tokenize(text)) count(t, 1);
    // Filler words are what questions are made of ("đạt", "vậy", "mọi"): they weigh more.
    for (const w of fillerWords) for (const t of tokenize(w)) count(t, 5);
    for (const [folded, m] of variants) this.dominant.set(folded, [...m].sort((a, b) => b[1] - a[1])[0]![0]);

    const merged = new Map<string, CompiledPhrase>();
    for (const def of phrases) {
      const toks = tokenize(def.phrase);
      if (!toks.length) continue;
      const key = toks.map((t) => t.toned).join(" ");
      const existing = merged.get(key);
      if (existing) {
        for (const id of def.ids) if (!existing.ids.includes(id)) existing.ids.push(id);
        continue;
      }
      merged.set(key, { words: toks.map((t) => t.folded), toned: toks.map((t) => t.toned), ids: [...def.ids], text: def.phrase, strictTones: !!def.strictTones, priority: def.priority ?? 0 });
      for (const t of toks) this.vocabulary.add(t.folded);
    }
    for (const p of merged.values()) {
      const [map, key] = p.words.length === 1 ? [this.bySingle, p.words[0]!] : [this.byPair, `${p.words[0]} ${p.words[1]}`];
      const list = map.get(key) ?? [];
      list.push(p);
      map.set(key, list);
    }
    // Longest first; at equal length by priority (untoned "dien bien" is the province; typed
    // with tones, the tone count decides, see match()).
    for (const list of [...this.byPair.values(), ...this.bySingle.values()]) list.sort((a, b) => b.words.length - a.words.length || b.priority - a.priority);
  }

  /** Adds a few words to the vocabulary (e.g. abbreviations), so they are not "corrected". */
  addVocabulary(words: Iterable<string>): void {
    for (const w of words) this.vocabulary.add(fold(w));
  }

  /** `correct: false` for curated texts, which have no typos to forgive (and indexing stays fast). */
  match(tokens: Token[], options: { correct?: boolean } = {}): MatchResult {
    const words = tokens.map((t) => t.folded);
    const corrected = tokens.map(() => false);
    tokens.forEach((t, i) => {
      if (options.correct === false) return;
      if (this.vocabulary.has(t.folded) || t.folded.length < 3 || /\d/.test(t.folded)) return;
      const fix = this.correct(t.folded);
      if (fix) {
        words[i] = fix;
        corrected[i] = true;
      }
    });
    const consumed = tokens.map(() => false);
    const hits: PhraseHit[] = [];
    let i = 0;
    while (i < tokens.length) {
      const pairs = i + 1 < tokens.length ? this.byPair.get(`${words[i]} ${words[i + 1]}`) : undefined;
      const singles = this.bySingle.get(words[i]!);
      const candidates = pairs && singles ? [...pairs, ...singles] : (pairs ?? singles ?? []);
      // The longest phrase that fits; among equally long ones, the one whose tones agree with
      // what was typed ("Điện Biên" is not "diễn biến", though both fold to "dien bien").
      let hit: CompiledPhrase | undefined;
      let hitTones = -1;
      for (const p of candidates) {
        if (hit && p.words.length < hit.words.length) break;
        if (i + p.words.length > tokens.length) continue;
        let ok = true;
        for (let k = 0; k < p.words.length && ok; k++) {
          if (words[i + k] !== p.words[k]) ok = false;
        }
        if (ok && p.strictTones) {
          for (let k = 0; k < p.words.length && ok; k++) {
            const t = tokens[i + k]!;
            if (t.toned !== t.folded && t.toned !== p.toned[k]) ok = false;
          }
        }
        if (ok && p.words.length === 1 && !corrected[i]) ok = this.singleSyllableFits(tokens[i]!, p.toned[0]!);
        if (!ok) continue;
        let tones = 0;
        // Only tones the writer typed count: untoned "quang" says nothing about "Quang" vs "Quảng".
        for (let k = 0; k < p.words.length; k++) {
          const t = tokens[i + k]!;
          if (t.toned !== t.folded && t.toned === p.toned[k]) tones++;
        }
        if (tones > hitTones) {
          hit = p;
          hitTones = tones;
        }
      }
      if (hit) {
        hits.push({ ids: hit.ids, start: i, end: i + hit.words.length, phrase: hit.text });
        for (let k = i; k < i + hit.words.length; k++) consumed[k] = true;
        i += hit.words.length;
      } else i++;
    }
    return { tokens, hits, consumed, words, corrected };
  }

  private singleSyllableFits(token: Token, phraseToned: string): boolean {
    if (token.toned !== token.folded) return token.toned === phraseToned;
    const dominant = this.dominant.get(token.folded);
    return dominant === undefined || dominant === phraseToned || phraseToned === token.folded;
  }

  private readonly corrections = new Map<string, string | null>();

  /** A known word one edit away (insertion, deletion, substitution or swap): "tăg" → "tang". */
  private correct(word: string): string | null {
    const cached = this.corrections.get(word);
    if (cached !== undefined) return cached;
    const found = this.findCorrection(word);
    // Bounded: a flood of gibberish must not grow memory without limit.
    if (this.corrections.size > 50_000) this.corrections.clear();
    this.corrections.set(word, found);
    return found;
  }

  private findCorrection(word: string): string | null {
    let best: string | null = null;
    for (const v of this.vocabulary) {
      if (Math.abs(v.length - word.length) > 1 || v.length < 3) continue;
      if (damerauWithinOne(word, v)) {
        // Prefer a correction that keeps the first letter, then the longer word.
        if (!best || (v[0] === word[0] && best[0] !== word[0]) || (v[0] === best[0] && v.length > best.length)) best = v;
      }
    }
    return best;
  }
}

function damerauWithinOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === b.length) {
    let diff = -1;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        if (diff >= 0) {
          // one swap of neighbours
          return i === diff + 1 && a[diff] === b[i] && a[i] === b[diff] && a.slice(i + 1) === b.slice(i + 1);
        }
        diff = i;
      }
    }
    return true;
  }
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  return s.slice(i) === l.slice(i + 1);
}

