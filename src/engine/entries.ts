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
  /** Position in its session's entry list: answers list entries in the order of the data. */
  ordinal: number;
  sessionId: string;
  ref: EntryRef;
  /** Concept ids (a handful each: arrays are smaller than sets and as fast at this size). */
  primary: readonly string[];
  incidental: readonly string[];
  /** Which part it is about, by family (sector, programme, recipient); absent = the whole (total). */
  subject?: { family: string; id: string };
  /** Figure kind as a concept: growth, share, change, percent-of-plan; undefined for plain values. */
  kind?: string;
  periodAtoms?: string[];
  origin?: string;
  group?: string;
  /** The entry's own texts (label, citation, summary…), from which its wording is derived on demand. */
  texts: string[];
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

// Many entries, across sessions above all, are about exactly the same concepts: one array each.
const lists = new Map<string, readonly string[]>();
function sharedList(ids: string[]): readonly string[] {
  const key = ids.join("\u0000");
  let list = lists.get(key);
  if (!list) lists.set(key, (list = Object.freeze(ids)));
  return list;
}

export function buildEntries(session: LoadedSession, vocab: Vocabulary): Entry[] {
  const sessionId = session.file.session.id;
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
    const primarySet = new Set([...primaryIds, ...conceptsOf(primaryTokens)]);
    const primary = sharedList([...primarySet]);
    const incidental = sharedList([...conceptsOf(incidentalTokens)].filter((id) => !primarySet.has(id)));
    entries.push({
      key: `${sessionId}/${key}`,
      ordinal: entries.length,
      sessionId,
      ref,
      primary,
      incidental,
      texts: [...primaryTexts, ...incidentalTexts],
      origin: [...primary].find((id) => id.startsWith("origin-")),
      ...extra,
    });
  };

  for (const f of session.file.figures) {
    const subject = SUBJECT_CONCEPT[f.subject] ?? (f.subject === "total" ? undefined : `subject:${f.subject}`);
    const subjectRef = subject ? { family: vocab.info.get(subject)?.family ?? "other", id: subject } : undefined;
    const kind = KIND_CONCEPT[f.kind];
    const ids = [f.measure, ...(subject ? [subject] : []), ...(kind ? [kind] : []), ...(f.kind === "change_same_period" ? ["growth"] : [])];
    make(`figure/${f.id}`, { type: "figure", figure: f }, ids, f.keys, [f.label.vi, f.label.en, f.cite], {
      subject: subjectRef,
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
      { subject: { family: "recipient", id: recipient }, origin },
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

/**
 * Concept → the entries that mention it (primarily or in their citation). Only these can share a
 * topic with a question, so only these are scored: the cost of a question does not grow with
 * the size of a session, nor with the number of sessions.
 */
export function indexEntries(entries: Entry[]): Map<string, Entry[]> {
  const index = new Map<string, Entry[]>();
  const add = (id: string, e: Entry) => {
    const list = index.get(id);
    if (!list) index.set(id, [e]);
    else if (list[list.length - 1] !== e) list.push(e);
  };
  for (const e of entries) {
    for (const id of e.primary) add(id, e);
    for (const id of e.incidental) add(id, e);
    // "các ngành" asks for every sector: index each sector figure under it too.
    if (e.subject?.family === "sector") add("sector-any", e);
  }
  return index;
}

/** The entries that share at least one of the concepts, in data order. */
export function candidates(index: Map<string, Entry[]>, concepts: Iterable<string>): Entry[] {
  const seen = new Set<Entry>();
  for (const c of concepts) for (const e of index.get(c) ?? []) seen.add(e);
  return [...seen].sort((a, b) => a.ordinal - b.ordinal);
}

export interface Wording {
  /** Folded words of the entry's texts, for the word-overlap tie-breaker. */
  words: Set<string>;
  /** The texts folded, words separated by single spaces and padded: for literal phrase matches. */
  text: string;
}

// Only entries that are candidates for a question need their wording, and a thousand sessions'
// worth of word sets would be most of the memory: derive on demand, keep the recent ones.
const wordings = new Map<Entry, Wording>();
const MAX_WORDINGS = 5_000;

export function wordingOf(e: Entry): Wording {
  let w = wordings.get(e);
  if (w) {
    wordings.delete(e);
    wordings.set(e, w);
    return w;
  }
  const tokens = e.texts.map((t) => tokenize(t).map((x) => x.folded));
  w = { words: new Set(tokens.flat().filter((x) => !filler.has(x))), text: ` ${tokens.map((t) => t.join(" ")).join(" | ")} ` };
  wordings.set(e, w);
  if (wordings.size > MAX_WORDINGS) wordings.delete(wordings.keys().next().value!);
  return w;
}
