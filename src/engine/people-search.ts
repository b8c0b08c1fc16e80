// Who holds an office, and what offices a person holds. An office asked about must be held as
// asked: "Bí thư Tỉnh ủy" is not "Phó Bí thư Tỉnh ủy", "Chủ tịch HĐND" is not "Chủ tịch UBND".
import type { PersonDoc, SessionIndex } from "./session-index.js";
import type { Unit } from "./query.js";
import { unitIdf } from "./match.js";

export interface PersonHit {
  doc: PersonDoc;
  /** Share of the office's words the person's best office holds. */
  coverage: number;
  score: number;
}

const LEAD = / (?:truong doan|dan dau doan|head of the delegation|led the|headed the|leader of the delegation|delegation head) /;

export function searchPeople(index: SessionIndex, units: Unit[], names: string[]): PersonHit[] {
  const hits: PersonHit[] = [];
  const askedDeputy = units.some((u) => u.alts.some((a) => / pho /.test(a)));
  for (const doc of index.people) {
    const p = doc.person;
    if (names.length && p.name && names.some((n) => ` ${doc.name?.folded.trim()} `.includes(` ${n} `))) {
      hits.push({ doc, coverage: 1, score: 10 });
      continue;
    }
    if (!units.length) continue;
    let best = 0;
    let bestScore = 0;
    const fields = doc.roles;
    const total = units.reduce((s, u) => s + unitIdf(u, index), 0) || 1;
    for (const role of fields) {
      let found = 0;
      for (const u of units) {
        const ok = u.alts.some((a) => {
          const at = role.folded.indexOf(a);
          if (at < 0) return false;
          // "Phó Bí thư" holds the words of "Bí thư" but is another office
          return askedDeputy || !role.folded.slice(Math.max(0, at - 5), at + 1).endsWith(" pho ");
        });
        const leads = p.leadsDelegation && u.alts.some((a) => LEAD.test(a));
        if (ok || leads) found += unitIdf(u, index);
      }
      const cov = found / total;
      // fewer words beyond those asked: the closer office
      const extra = role.folded.trim().split(" ").length;
      const score = cov * 10 - extra * 0.05;
      if (cov > best || (cov === best && score > bestScore)) {
        best = cov;
        bestScore = score;
      }
    }
    if (p.leadsDelegation && units.some((u) => u.alts.some((a) => LEAD.test(a)))) {
      best = Math.max(best, units.filter((u) => u.alts.some((a) => LEAD.test(a) || / chinh phu | doan cong tac /.test(a))).length / units.length);
      bestScore = Math.max(bestScore, best * 10);
    }
    if (best > 0) hits.push({ doc, coverage: best, score: bestScore });
  }
  hits.sort((a, b) => b.score - a.score);
  return hits;
}
