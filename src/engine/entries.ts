// Every answerable thing of a session (figure, person, petition group, statement) as an entry
// with the concepts it is about: primary (what it is) and incidental (words of its citation).
import type { Figure, Person, PetitionGroup, Statement } from "../knowledge/schema.js";
import type { LoadedSession } from "../knowledge/types.js";
import type { Vocabulary } from "./vocabulary.js";
import { tokenize, type Token } from "../text/tokens.js";
import { foldForMatch } from "../text/fold.js";
import { fillerWords } from "./lexicon.js";

export type EntryRef =
  | { type: "figure"; figure: Figure }
  | { type: "person"; person: Person }
  | { type: "petition"; group: PetitionGroup }
  | { type: "statement"; statement: Statement };

export interface Entry {
  key: string;
  sessionId: string;
  ref: EntryRef;
  primary: Set<string>;
  incidental: Set<string>;
  /** Subject concept per family (sector, programme, recipient); absent = the whole (total). */
  subjects: Map<string, string>;
  /** Figure kind as a concept: growth, share, change, percent-of-plan; undefined for plain values. */
  kind?: string;
  periodAtoms?: string[];
  origin?: string;
  group?: string;
  /** Folded words of the entry's texts, for the word-overlap tie-breaker. */
  words: Set<string>;
  /** The entry's texts folded, words separated by single spaces and padded: for literal phrase matches. */
  text: string;
}

const SUBJECT_CONCEPT: Record<string, string | undefined> = {
  agriculture: "sector-agriculture",
  industry: "sector-industry",
  services: "sector-services",
  "product-taxes": "sector-product-taxes",
  "national-programmes": "national-programmes",
  government: "recipient-government",
  ministries: "recipient-ministries",
  total: undefined,
};

const KIND_CONCEPT: Record<string, string | undefined> = {
  growth: "growth",
  share: "share",
  change_same_period: "change",
  percent_of_plan: "percent-of-plan",
  value: undefined,
  count: undefined,
};

const STATEMENT_CONCEPTS: Record<Statement["kind"], string[]> = {
  situation: ["situation"],
  policy: [],
  participants: ["participants"],
  assessment: ["assessment"],
  difficulty: ["difficulty"],
  petition_outcome: ["petitions", "petition-outcome"],
  acceptance: ["petitions", "petition-outcome", "report-to-government"],
  task: ["task"],
  wish: ["wish"],
};

const filler = new Set(fillerWords.flatMap((w) => tokenize(w).map((t) => t.folded)));

export function buildEntries(session: LoadedSession, vocab: Vocabulary): Entry[] {
  const sessionId = session.file.session.id;
  // Each text is tokenized once and serves concepts, overlap words and literal phrases.
  const tokensOf = (t: string) => tokenize(t);
  const conceptsOf = (tokenLists: Token[][]): Set<string> => {
    const out = new Set<string>();
    for (const toks of tokenLists) for (const hit of vocab.matcher.match(toks, { correct: false }).hits) for (const id of hit.ids) out.add(id);
    return out;
  };
  const entries: Entry[] = [];
  const make = (key: string, ref: EntryRef, primaryIds: string[], primaryTexts: string[], incidentalTexts: string[], extra: Partial<Entry> = {}) => {
    const primaryTokens = primaryTexts.map(tokensOf);
    const incidentalTokens = incidentalTexts.map(tokensOf);
    const allTokens = [...primaryTokens, ...incidentalTokens];
    const primary = new Set([...primaryIds, ...conceptsOf(primaryTokens)]);
    const incidental = conceptsOf(incidentalTokens);
    for (const p of primary) incidental.delete(p);
    entries.push({
      key: `${sessionId}/${key}`,
      sessionId,
      ref,
      primary,
      incidental,
      subjects: new Map(),
      words: new Set(allTokens.flatMap((toks) => toks.map((x) => x.folded)).filter((w) => !filler.has(w))),
      text: ` ${allTokens.map((toks) => toks.map((x) => x.folded).join(" ")).join(" | ")} `,
      origin: [...primary].find((id) => id.startsWith("origin-")),
      ...extra,
    });
  };

  for (const f of session.file.figures) {
    const subject = SUBJECT_CONCEPT[f.subject] ?? (f.subject === "total" ? undefined : `subject:${f.subject}`);
    const subjects = new Map<string, string>();
    if (subject) subjects.set(vocab.info.get(subject)?.family ?? "other", subject);
    const kind = KIND_CONCEPT[f.kind];
    const ids = [f.measure, ...(subject ? [subject] : []), ...(kind ? [kind] : []), ...(f.kind === "change_same_period" ? ["growth"] : [])];
    make(`figure/${f.id}`, { type: "figure", figure: f }, ids, f.keys, [f.label.vi, f.label.en, f.cite], {
      subjects,
      kind,
      periodAtoms: f.period.atoms,
      group: f.group,
    });
  }
  for (const p of session.file.people) {
    const ids = [...(p.name ? [`person:${foldForMatch(p.name)}`] : []), "position", "participants"];
    make(`person/${p.id}`, { type: "person", person: p }, ids, [...p.roles, ...p.rolesEn, ...p.keys], [p.cite]);
  }
  for (const g of session.file.petitionGroups) {
    const recipient = g.to === "government" ? "recipient-government" : "recipient-ministries";
    const origin = g.origin === "new" ? "origin-new" : "origin-long-standing";
    make(
      `petition/${g.id}`,
      { type: "petition", group: g },
      ["petitions", recipient, origin, `petition-id:${g.id}`],
      [...g.topics, ...g.keys],
      [g.title, g.titleEn, g.cite, g.topicsCite, g.sourceStatusNote, ...g.statusCites],
      { subjects: new Map([["recipient", recipient]]), origin },
    );
  }
  for (const s of session.file.statements) {
    // The conclusions are the head of the delegation's words: they are about what she said.
    const head = `person:${foldForMatch(session.file.session.delegationHead)}`;
    const ids = [...STATEMENT_CONCEPTS[s.kind], ...(s.conclusion ? ["role-head", "delegation", "conclusion", head] : [])];
    make(`statement/${s.id}`, { type: "statement", statement: s }, ids, s.keys, [s.cite, s.summary.vi, s.summary.en]);
  }
  return entries;
}
