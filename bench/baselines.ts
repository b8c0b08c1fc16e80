// The fair baselines: a plain search over the sentences of the session the question is about —
// given the right session for free, as the engine would select it — whose best sentence is the
// answer (cited as itself). No refusal, except when nothing matches at all.
// - BM25: MiniSearch over the session's sentences, terms folded (case, diacritics, đ → d) so that
//   questions typed without tones match, any term may match (OR), fuzzy 0.2 for terms of 4+
//   letters (typos), no prefix search.
// - Fuse.js: token search (TF-IDF with fuzzy terms) over the folded sentences, location ignored,
//   threshold 0.4.
import MiniSearch from "minisearch";
import Fuse from "fuse.js";
import { fold } from "../src/text/fold.js";

export interface BaselineAnswer {
  found: boolean;
  answer: string;
  citations: { text: string; sessionId: string }[];
}

export interface Baseline {
  answer(q: string): BaselineAnswer;
}

/** The source's sentences: lines, then sentence ends before a capital or a digit, list items on their own. */
export function sentencesOf(source: string): string[] {
  return source
    .normalize("NFC")
    .split(/\n+/)
    .flatMap((line) => line.split(/(?<=[.!?…;:])\s+(?=[\p{Lu}\d“"(-])/u))
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}

const TERMS = /[\p{L}\p{N}%]+(?:[.,]\d+)*/gu;
const terms = (text: string) => fold(text).match(TERMS) ?? [];

export function bm25Baseline(sessionId: string, source: string): Baseline {
  const sentences = sentencesOf(source);
  const index = new MiniSearch<{ id: number; text: string }>({
    fields: ["text"],
    tokenize: (t) => t.match(TERMS) ?? [],
    processTerm: (t) => fold(t),
    searchOptions: { combineWith: "OR", fuzzy: (term) => (term.length >= 4 ? 0.2 : false), prefix: false },
  });
  index.addAll(sentences.map((text, id) => ({ id, text })));
  return {
    answer(q) {
      const hit = index.search(q)[0];
      return hit ? found(sentences[hit.id as number]!, sessionId) : notFound();
    },
  };
}

export function fuseBaseline(sessionId: string, source: string): Baseline {
  const sentences = sentencesOf(source);
  const fuse = new Fuse(sentences.map((text) => ({ text, folded: fold(text) })), {
    keys: ["folded"],
    useTokenSearch: true,
    ignoreLocation: true,
    threshold: 0.4,
    includeScore: true,
  });
  return {
    answer(q) {
      const words = terms(q).join(" ");
      const hit = words ? fuse.search(words, { limit: 1 })[0] : undefined;
      return hit ? found(hit.item.text, sessionId) : notFound();
    },
  };
}

const found = (text: string, sessionId: string): BaselineAnswer => ({ found: true, answer: text, citations: [{ text, sessionId }] });
const notFound = (): BaselineAnswer => ({ found: false, answer: "", citations: [] });
