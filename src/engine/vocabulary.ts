// Builds the phrase matcher for a knowledge base: the lexicon, plus the names that come from
// the data (people, petition ids), provinces and ministries, and the words of the sources.
import { concepts, ministries, provinces, fillerWords, abbreviations, type Concept, type Slot } from "./lexicon.js";
import { PhraseMatcher, type PhraseDef } from "./matcher.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import { foldForMatch } from "../text/fold.js";

export interface ConceptInfo {
  id: string;
  slot: Slot | "person" | "province" | "ministry" | "petition-id";
  family?: string;
  label?: { vi: string; en: string };
}

export interface Vocabulary {
  matcher: PhraseMatcher;
  info: Map<string, ConceptInfo>;
  /** Folded province name → the sessions about it. */
  provinceSessions: Map<string, string[]>;
  /** Person concept id → the sessions that name that person. */
  personSessions: Map<string, Set<string>>;
}

export const provinceId = (name: string) => `province:${foldForMatch(name).replace(/\s*-\s*/g, " ")}`;

export function buildVocabulary(kb: KnowledgeBase): Vocabulary {
  const info = new Map<string, ConceptInfo>();
  const phrases: PhraseDef[] = [];
  const add = (c: ConceptInfo, list: string[], implies: string[] = []) => {
    if (!info.has(c.id)) info.set(c.id, c);
    const strictTones = c.slot === "province" || c.slot === "person" || c.slot === "ministry";
    const priority = c.slot === "province" ? 3 : c.slot === "person" ? 2 : c.slot === "ministry" ? 1 : 0;
    for (const p of list) phrases.push({ phrase: p, ids: [c.id, ...implies], strictTones, priority });
  };
  for (const c of concepts as Concept[]) add({ id: c.id, slot: c.slot, family: c.family, label: c.label }, c.phrases, c.implies);

  const provinceSessions = new Map<string, string[]>();
  const allProvinces = new Set(provinces);
  for (const s of kb.sessions) allProvinces.add(s.file.session.province);
  for (const p of allProvinces) {
    const id = provinceId(p);
    add({ id, slot: "province", label: { vi: p, en: p } }, [p, `tỉnh ${p}`]);
  }
  for (const s of kb.sessions) {
    const id = provinceId(s.file.session.province);
    provinceSessions.set(id, [...(provinceSessions.get(id) ?? []), s.file.session.id]);
  }

  // A ministry the sources mention is a role concept already (bộ y tế); any other is "another organisation".
  const sourcesFolded = kb.sessions.map((s) => foldForMatch(s.sourceText)).join("\n");
  for (const m of ministries) {
    if (sourcesFolded.includes(foldForMatch(m))) continue;
    // "bộ tài chính" → "Bộ Tài chính": the office and the first word of its name are capitalised.
    const name = m.split(" ").map((w, i) => (i < 2 ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join(" ");
    add({ id: `ministry:${foldForMatch(m)}`, slot: "ministry", label: { vi: name, en: name } }, [m]);
  }

  const personSessions = new Map<string, Set<string>>();
  for (const s of kb.sessions) {
    for (const p of s.file.people) {
      if (!p.name) continue;
      const id = `person:${foldForMatch(p.name)}`;
      personSessions.set(id, (personSessions.get(id) ?? new Set()).add(s.file.session.id));
      const parts = p.name.split(/\s+/);
      // Full name, and the given name with the middle name ("Hồng Lan"): how officials are referred to.
      add({ id, slot: "person" }, [p.name, parts.slice(1).join(" ")].filter((x) => x.split(/\s+/).length >= 2));
    }
    for (const g of s.file.petitionGroups) {
      const num = Number(g.id.slice(3));
      add({ id: `petition-id:${g.id}`, slot: "petition-id" }, [g.id, `kn ${num}`, `kn${num}`, `kn0${num}`, `kiến nghị ${g.id}`, `kiến nghị số ${num}`, `nhóm ${num}`, `nhóm kiến nghị ${num}`]);
    }
  }

  const knownText = [...kb.sessions.map((s) => s.sourceText), ...Object.values(abbreviations)];
  const matcher = new PhraseMatcher(phrases, knownText, fillerWords);
  matcher.addVocabulary(Object.keys(abbreviations));
  return { matcher, info, provinceSessions, personSessions };
}
