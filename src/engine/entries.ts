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
  const make = (ref: EntryRef, primaryIds: string[], extra: Partial<Entry> = {}) => {
    const { primary: primaryTexts, incidental: incidentalTexts } = textsOf(ref);
    const primaryTokens = primaryTexts.map(tokensOf);
    const incidentalTokens = incidentalTexts.map(tokensOf);
    const primarySet = new Set([...primaryIds, ...conceptsOf(primaryTokens)]);
    const primary = sharedList([...primarySet]);
    const incidental = sharedList([...conceptsOf(incidentalTokens)].filter((id) => !primarySet.has(id)));
    entries.push({
      ordinal: entries.length,
      sessionId,
      ref,
      primary,
      incidental,
      origin: [...primary].find((id) => id.startsWith("origin-")),
      ...extra,
    });
  };

  for (const f of session.file.figures) {
    const subject = SUBJECT_CONCEPT[f.subject] ?? (f.subject === "total" ? undefined : `subject:${f.subject}`);
    const subjectRef = subject ? { family: vocab.info.get(subject)?.family ?? "other", id: subject } : undefined;
    const kind = KIND_CONCEPT[f.kind];
    const ids = [f.measure, ...(subject ? [subject] : []), ...(kind ? [kind] : []), ...(f.kind === "change_same_period" ? ["growth"] : [])];
    make({ type: "figure", figure: f }, ids, {
      subject: subjectRef,
      kind,
      periodAtoms: f.period.atoms,
      group: f.group,
    });
  }
  for (const p of session.file.people) {
    const ids = [...(p.name ? [`person:${foldForMatch(p.name)}`] : []), "position", "participants"];
    make({ type: "person", person: p }, ids);
  }
  for (const g of session.file.petitionGroups) {
    const recipient = g.to === "government" ? "recipient-government" : "recipient-ministries";
    const origin = g.origin === "new" ? "origin-new" : "origin-long-standing";
    make({ type: "petition", group: g }, ["petitions", recipient, origin, `petition-id:${g.id}`], { subject: { family: "recipient", id: recipient }, origin });
  }
  for (const s of session.file.statements) {
    // The conclusions are the head of the delegation's words: they are about what she said.
    const head = `person:${foldForMatch(session.file.session.delegationHead)}`;
    const ids = [...STATEMENT_CONCEPTS[s.kind], ...(s.conclusion ? ["role-head", "delegation", "conclusion", head] : [])];
    make({ type: "statement", statement: s }, ids);
  }
  return entries;
}

/**
 * The texts an entry's concepts and wording come from: what it is (primary) and the words of
 * its citation (incidental). Vietnamese only: concepts are language-neutral ids, and English
 * questions reach them through the lexicon's English phrases.
 */
export function textsOf(ref: EntryRef): { primary: string[]; incidental: string[] } {
  switch (ref.type) {
    case "figure":
      return { primary: ref.figure.keys, incidental: [ref.figure.label.vi, ref.figure.cite] };
    case "person":
      return { primary: [...ref.person.roles, ...ref.person.keys], incidental: [ref.person.cite] };
    case "petition": {
      const g = ref.group;
      return { primary: [...g.topics, ...g.keys], incidental: [g.title, g.cite, g.topicsCite, g.sourceStatusNote, ...g.statusCites] };
    }
    case "statement":
      return { primary: ref.statement.keys, incidental: [ref.statement.cite, ref.statement.summary.vi] };
  }
}

/** A stable id for an entry: "lang-son-2023/figure/grdp-growth". */
export function entryKey(e: Entry): string {
  const r = e.ref;
  const id = r.type === "figure" ? r.figure.id : r.type === "person" ? r.person.id : r.type === "petition" ? r.group.id : r.statement.id;
  return `${e.sessionId}/${r.type}/${id}`;
}

/**
 * The entries that share at least one concept with the question, in data order. A session has a
 * few dozen entries with a handful of concepts each: a scan is a few microseconds and needs no
 * index to keep in memory; only sessions the question is about are scanned.
 */
export function candidates(entries: readonly Entry[], concepts: ReadonlySet<string>): Entry[] {
  const sectors = concepts.has("sector-any");
  return entries.filter(
    (e) => e.primary.some((c) => concepts.has(c)) || e.incidental.some((c) => concepts.has(c)) || (sectors && e.subject?.family === "sector"),
  );
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
  const { primary, incidental } = textsOf(e.ref);
  const tokens = [...primary, ...incidental].map((t) => tokenize(t).map((x) => x.folded));
  w = { words: new Set(tokens.flat().filter((x) => !filler.has(x))), text: ` ${tokens.map((t) => t.join(" ")).join(" | ")} ` };
  wordings.set(e, w);
  if (wordings.size > MAX_WORDINGS) wordings.delete(wordings.keys().next().value!);
  return w;
}
