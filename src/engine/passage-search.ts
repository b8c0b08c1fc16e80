// Finds the sentences that answer a "what / which / how" question: ranked by the question's
// phrases, preferring statements of the kind asked (difficulties, tasks, requests…), said by the
// person or side asked about, in the direction asked (who asked whom).
import type { Field, SessionIndex, StatementDoc } from "./session-index.js";
import type { Query, StatementWanted, Unit } from "./query.js";
import { cover, holds } from "./match.js";
import type { StatementKind } from "../knowledge/schema.js";

export interface PassageHit {
  doc: StatementDoc;
  score: number;
  coverage: number;
}

const WANTED_KINDS: Record<StatementWanted, StatementKind[]> = {
  difficulty: ["difficulty"],
  task: ["task"],
  request: ["request", "wish"],
  assessment: ["assessment"],
  outcome: ["petition_outcome", "acceptance"],
  situation: ["situation", "policy"],
};

export interface PassageQuery {
  units: Unit[];
  statementWanted?: StatementWanted;
  direction?: Query["direction"];
  /** People the question names (person ids of this session). */
  speakers: string[];
}

export function searchPassages(index: SessionIndex, q: PassageQuery): PassageHit[] {
  const hits: PassageHit[] = [];
  const kinds = q.statementWanted ? WANTED_KINDS[q.statementWanted] : undefined;
  const kindWords = q.units.some((u) => !u.soft && isKindWord(u)) && q.units.some((u) => !u.soft && !isKindWord(u));
  const kindSoftened = kindWords ? q.units.map((u) => (!u.soft && isKindWord(u) ? { ...u, soft: true } : u)) : undefined;
  for (const doc of index.statements) {
    const s = doc.statement;
    if (s.kind === "participants" && !q.speakers.length) continue;
    const kindFits = kinds?.includes(s.kind) ?? false;
    // "kiến nghị với Bộ Công Thương là gì": in a request, "kiến nghị" is said by its kind; what decides is the ministry
    const units = kindFits && kindWords ? kindSoftened! : q.units;
    const c = cover(units, fieldsOf(doc), index);
    let score = c.lexical + c.coverage * 3;
    if (kinds) score += kindFits ? 3 : -1.5;
    // the centre tasking its ministries is still the centre answering the province
    if (q.direction && s.direction) score += s.direction === q.direction ? 2 : q.direction === "central_to_province" && s.direction === "central_to_ministries" ? 1 : -4;
    if (q.speakers.length && s.speaker && q.speakers.includes(s.speaker)) score += 2;
    // shorter sentences say one thing; long ones are less likely to be the point
    score -= Math.max(0, doc.text.folded.length - 400) / 400;
    const coverage = kindFits ? Math.max(c.coverage, Math.min(1, c.coverage + 0.34)) : c.coverage;
    if (coverage < 0.5 && !(kindFits && q.units.every((u) => u.soft || holds(doc.text, u) || isKindWord(u)))) continue;
    hits.push({ doc, score, coverage });
  }
  hits.sort((a, b) => b.score - a.score);
  return hits;
}

// A statement's fields with their weights: the same for every question, so made once.
const docFields = new WeakMap<StatementDoc, [Field | undefined, number][]>();
function fieldsOf(doc: StatementDoc): [Field | undefined, number][] {
  let fields = docFields.get(doc);
  if (!fields) docFields.set(doc, (fields = [[doc.text, 1], [doc.speaker, 0.7]]));
  return fields;
}

/** Words that only say which kind of statement is asked ("khó khăn", "nhiệm vụ"). */
function isKindWord(u: Unit): boolean {
  return u.alts.some((a) => / (?:kho khan|vuong mac|han che|nhiem vu|giai phap|kien nghi|de xuat|danh gia cao|bieu duong) /.test(a));
}

/** The sentence after the best one, when it carries on ("Đặc biệt, …", "Trong đó, …", "Cụ thể, …"). */
export function continuation(index: SessionIndex, hit: PassageHit): StatementDoc | undefined {
  const next = index.statements[hit.doc.index + 1];
  if (!next) return undefined;
  return /^(?:Đặc biệt|Trong đó|Cụ thể|Nhất là|Ngoài ra|Bên cạnh đó|Đồng thời)\b/u.test(next.statement.cite) ? next : undefined;
}
