// One session made searchable: every figure, statement and person as folded text fields, with
// document frequencies so that a word weighs what it says in this report (a word every sentence
// uses says little; "FDI" in one clause says a lot). Built on first use, then kept.
import type { LoadedSession } from "../knowledge/types.js";
import type { Figure, Person, Statement } from "../knowledge/schema.js";
import { tokenize } from "../text/tokens.js";
import { FUNCTION_WORDS, VALUE_VERBS } from "../text/genre.js";
import { QUESTION_WORDS } from "./thesaurus.js";

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

  /** True when the session's text holds the phrase at all. */
  mentions(phrase: string): boolean {
    return this.text.folded.includes(phrase);
  }
}

const PERIOD_WORDS = new Set(["thang", "dau", "nam", "quy", "cuoi", "het", "den", "ngay"]);

/** Content words of a clause: what distinguishes it (not function words, verbs of value, numbers). */
export function contentOf(text: string): string[] {
  return tokenize(text)
    .filter((t) => !/\d/.test(t.folded) && !FUNCTION_WORDS.has(t, true) && !VALUE_VERBS.has(t, true) && !QUESTION_WORDS.has(t, true))
    .map((t) => t.folded);
}
