// One session made searchable: every figure, statement and person as folded text fields, with
// document frequencies so that a word weighs what it says in this report (a word every sentence
// uses says little; "FDI" in one clause says a lot). Built on first use, then kept.
import { wordsNear } from "./proximity.js";
import type { LoadedSession } from "../knowledge/types.js";
import type { Figure, Person, Statement } from "../knowledge/schema.js";
import { tokenize } from "../text/tokens.js";
import { FUNCTION_WORDS, VALUE_VERBS } from "../text/genre.js";
import { QUESTION_WORDS } from "./thesaurus.js";
import type { Unit } from "./query.js";

/** Folded text as " w1 w2 … " (so that " phrase " tests whole words), and the same with tones kept. */
export interface Field {
  folded: string;
  toned: string;
}

export function field(text: string): Field {
  const tokens = tokenize(text);
  return { folded: ` ${tokens.map((t) => t.folded).join(" ")} `, toned: ` ${tokens.map((t) => t.toned).join(" ")} ` };
}

export interface FigureDoc {
  figure: Figure;
  /** The figure's own clause. */
  near: Field;
  /** Its value with the words that say what it is. */
  phrase: Field;
  /** The clause of the figure it continues (its measure), when it has no words of its own. */
  inherit?: Field;
  /** The total it is a part of. */
  whole?: Field;
  /** Lead-in, heading, linked figure. */
  context?: Field;
  /** The rest of its sentence. */
  far?: Field;
  /** The paragraph's opening sentence (what the paragraph is about). */
  topic?: Field;
  /** Content words of its own clause: words a question that means this figure would likely use. */
  ownWords: string[];
  /** For a part of a total: the words that set it apart from the total ("vượt kế hoạch", "nâng cao"). */
  partWords: string[];
  /** The sentence (statement) it sits in. */
  sentence?: Statement;
  unitFolded: string;
  parts: FigureDoc[];
  /** The petition group this figure counts. */
  petition?: string;
}

export interface StatementDoc {
  statement: Statement;
  text: Field;
  index: number;
  /** Folded text of the speaker's name and offices. */
  speaker?: Field;
}

export interface PersonDoc {
  person: Person;
  roles: Field[];
  name?: Field;
}

export class SessionIndex {
  readonly figures: FigureDoc[];
  readonly statements: StatementDoc[];
  readonly people: PersonDoc[];
  readonly byId = new Map<string, FigureDoc>();
  private readonly dfCache = new Map<string, number>();
  private readonly mentionCache = new Map<string, boolean>();
  private readonly wordIdfCache = new Map<string, number>();
  /** Field texts that are not a stretch of the source (keys, petition labels): a phrase may be there and not in the source. */
  private readonly extraText: string[] = [];
  private readonly narrowed = new WeakMap<Unit, Unit>();
  /** A unit's weight (match.ts `unitIdf`), remembered by its ways of writing (a thesaurus group shares one array). */
  readonly altsIdf = new WeakMap<string[], number>();
  /** Every field of every entry, and per phrase the fields that hold it (found once, then looked up). */
  private readonly fields: Field[];
  private readonly foldedHolding = new Map<string, Set<Field>>();
  private readonly tonedHolding = new Map<string, Set<Field>>();
  private readonly docs: string[];
  /** Every folded syllable of the session's text. */
  readonly words: Set<string>;
  readonly latestYear: number;
  /** The whole source as one folded field. */
  readonly text: Field;

  constructor(readonly session: LoadedSession) {
    const file = session.file;
    this.latestYear = Math.max(...file.session.years);
    this.people = file.people.map((p) => ({ person: p, roles: p.roles.map(field), name: p.name ? field(p.name) : undefined }));
    const personById = new Map(file.people.map((p) => [p.id, p]));
    this.statements = file.statements.map((s, index) => {
      const sp = s.speaker ? personById.get(s.speaker) : undefined;
      return { statement: s, text: field(s.cite), index, speaker: sp ? field([sp.name ?? "", ...sp.roles].join(" ")) : undefined };
    });
    this.figures = file.figures.map((f) => {
      const sentence = file.statements.find((s) => s.cite.includes(f.cite));
      const doc: FigureDoc = {
        figure: f,
        near: field(`${f.cite} ${f.keys.join(" ")}`),
        phrase: field(f.phrase),
        context: f.context.length ? field(f.context.join(" . ")) : undefined,
        far: sentence ? field(sentence.cite) : undefined,
        topic: f.topic ? field(f.topic) : undefined,
        ownWords: contentOf(f.cite),
        partWords: [],
        sentence,
        unitFolded: field(f.unit).folded.trim(),
        parts: [],
      };
      this.byId.set(f.id, doc);
      return doc;
    });
    for (const d of this.figures) {
      const f = d.figure;
      if (f.parent) {
        const p = this.root(f.parent);
        if (p) d.inherit = field([p.figure.cite, ...p.figure.context].join(" . "));
      }
      if (f.whole) {
        const w = this.byId.get(f.whole);
        if (w) {
          d.whole = field([w.figure.cite, ...w.figure.context].join(" . "));
          w.parts.push(d);
          const inWhole = new Set(d.whole.folded.split(" "));
          // "64 sản phẩm 4 sao": the "4" and the "sao" set this part apart (not its own value, not a period)
          const own = new Set(tokenize(f.display).map((t) => t.folded));
          d.partWords = tokenize(f.cite)
            .filter((t) => (/\d/.test(t.folded) ? !own.has(t.folded) && !/^(?:19|20)\d{2}$/.test(t.folded) : !FUNCTION_WORDS.has(t, true) && !QUESTION_WORDS.has(t, true) || /^sao$/.test(t.folded)) && !inWhole.has(t.folded) && !PERIOD_WORDS.has(t.folded))
            .map((t) => t.folded);
        }
      }
    }
    // A petition group's count figure also says to whom, how old, and about what (read from the report).
    for (const g of file.petitionGroups) {
      const d = this.figures.find((x) => x.figure.cite === g.cite && g.cite.includes(x.figure.display));
      if (!d) continue;
      const origin = g.origin === "long_standing" ? "tồn đọng" : g.origin === "new" ? "mới" : "";
      d.near = field(`${d.figure.cite} kiến nghị ${g.toLabel} ${origin} ${g.topics.join(" ")}`);
      d.petition = g.id;
    }
    this.docs = [...this.figures.map((d) => d.near.folded + (d.context?.folded ?? "")), ...this.statements.map((s) => s.text.folded)];
    this.text = field(session.sourceText);
    this.words = new Set(this.text.folded.split(" ").filter(Boolean));
    const extra = new Set<string>();
    const add = (f: Field | undefined) => f && !this.text.folded.includes(f.folded) && extra.add(f.folded);
    for (const d of this.figures) [d.near, d.phrase, d.inherit, d.whole, d.context, d.far].forEach(add);
    for (const st of this.statements) [st.text, st.speaker].forEach(add);
    for (const p of this.people) [p.name, ...p.roles].forEach(add);
    this.extraText = [...extra];
    this.fields = [];
    for (const d of this.figures) for (const f of [d.near, d.phrase, d.inherit, d.whole, d.context, d.far, d.topic]) if (f) this.fields.push(f);
    for (const st of this.statements) for (const f of [st.text, st.speaker]) if (f) this.fields.push(f);
    for (const p of this.people) for (const f of [p.name, ...p.roles]) if (f) this.fields.push(f);
  }

  /**
   * `holds()` of match.ts for a field of this session's entries, by lookup: the fields that hold
   * a phrase are found once (one pass over the session's fields) and remembered, instead of
   * searching every field's text for every phrase of every question.
   */
  holds(f: Field | undefined, u: Unit): boolean {
    if (!f) return false;
    if (u.loose) return wordsNear(f, u.loose);
    if (u.toned && !u.group) return this.holding(u.toned, true).has(f);
    const alts = u.alts;
    for (let i = 0; i < alts.length; i++) if (this.holding(alts[i]!, false).has(f)) return true;
    return false;
  }

  /** `holdsToned()` of match.ts, by lookup. */
  holdsToned(f: Field | undefined, u: Unit): boolean {
    return !!f && !!u.toned && this.holding(u.toned, true).has(f);
  }

  private holding(phrase: string, toned: boolean): Set<Field> {
    const cache = toned ? this.tonedHolding : this.foldedHolding;
    let set = cache.get(phrase);
    if (!set) {
      set = new Set();
      // a folded phrase the source and the few other field texts lack is in no field
      if (toned || this.mentions(phrase) || this.extraText.some((t) => t.includes(phrase)))
        for (const f of this.fields) if ((toned ? f.toned : f.folded).includes(phrase)) set.add(f);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(phrase, set);
    }
    return set;
  }

  /**
   * The unit with only the ways of writing that some field of this session holds (a phrase the
   * session never writes is in none of its fields), so that scoring many entries does not test
   * every alternative of a thesaurus group against each field. Same answers, fewer string searches.
   */
  narrow(u: Unit): Unit {
    if ((u.toned && !u.group) || u.loose) return u;
    let n = this.narrowed.get(u);
    if (!n) {
      const alts = u.alts.filter((a) => this.mentions(a) || this.extraText.some((t) => t.includes(a)));
      n = alts.length === u.alts.length ? u : { ...u, alts };
      this.narrowed.set(u, n);
    }
    return n;
  }

  /** The figure a continuation figure finally hangs from. */
  private root(id: string): FigureDoc | undefined {
    let d = this.byId.get(id);
    for (let guard = 0; d?.figure.parent && guard < 10; guard++) d = this.byId.get(d.figure.parent) ?? d;
    return d;
  }

  /** How many of the session's figures and sentences hold a phrase (folded, " a b "). */
  df(phrase: string): number {
    let n = this.dfCache.get(phrase);
    if (n === undefined) {
      n = 0;
      for (const d of this.docs) if (d.includes(phrase)) n++;
      // bounded: a flood of words nobody uses must not grow a session's memory
      if (this.dfCache.size >= CACHE_LIMIT) this.dfCache.clear();
      this.dfCache.set(phrase, n);
    }
    return n;
  }

  /** Inverse document frequency of a phrase in this session (BM25's, never below a floor). */
  idf(phrase: string): number {
    const N = this.docs.length;
    const n = this.df(phrase);
    return Math.max(0.15, Math.log(1 + (N - n + 0.5) / (n + 0.5)));
  }

  /** `idf(" w ")` of one word, remembered by word. */
  wordIdf(word: string): number {
    let n = this.wordIdfCache.get(word);
    if (n === undefined) {
      n = this.idf(` ${word} `);
      if (this.wordIdfCache.size >= CACHE_LIMIT) this.wordIdfCache.clear();
      this.wordIdfCache.set(word, n);
    }
    return n;
  }

  /** True when the session's text holds the phrase at all. */
  mentions(phrase: string): boolean {
    // asked for every entry a phrase is scored against: remembered (a search of the whole source each time was most of a question's cost)
    let m = this.mentionCache.get(phrase);
    if (m === undefined) {
      m = this.text.folded.includes(phrase);
      if (this.mentionCache.size >= CACHE_LIMIT) this.mentionCache.clear();
      this.mentionCache.set(phrase, m);
    }
    return m;
  }
}

/** Phrases remembered per session (df, mentions) before the memo starts again. */
const CACHE_LIMIT = 4096;

const PERIOD_WORDS = new Set(["thang", "dau", "nam", "quy", "cuoi", "het", "den", "ngay"]);

/** Content words of a clause: what distinguishes it (not function words, verbs of value, numbers). */
export function contentOf(text: string): string[] {
  return tokenize(text)
    .filter((t) => !/\d/.test(t.folded) && !FUNCTION_WORDS.has(t, true) && !VALUE_VERBS.has(t, true) && !QUESTION_WORDS.has(t, true))
    .map((t) => t.folded);
}
