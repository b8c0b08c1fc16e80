// Checks everything a schema cannot: every citation word for word in the source, every value
// inside its citation, unique ids. A figure that cannot be traced to its source is never served.
import type { SessionFile } from "./schema.js";
import { toNfc } from "../text/normalize.js";

/** Collapses white space the way the citation check (and the scorer) compare text. */
export const comparable = (s: string) => toNfc(s).replace(/\s+/g, " ").trim();

export function validateSession(file: SessionFile, sourceText: string): string[] {
  const problems: string[] = [];
  const source = comparable(sourceText);
  const ids = new Set<string>();
  const cited = (where: string, text: string) => {
    if (!source.includes(comparable(text))) problems.push(`${where}: trích dẫn không có nguyên văn trong văn bản nguồn: "${text}"`);
  };
  const unique = (where: string, id: string) => {
    if (ids.has(id)) problems.push(`${where}: mã "${id}" bị trùng`);
    ids.add(id);
  };
  const indicatorIds = new Set(file.indicators.map((i) => i.id));
  const figureIds = new Set(file.figures.map((f) => f.id));
  for (const f of file.figures) {
    const where = `figures[${f.id}]`;
    unique(where, f.id);
    cited(where, f.cite);
    cited(`${where}.phrase`, f.phrase);
    f.context.forEach((c, i) => cited(`${where}.context[${i}]`, c));
    if (f.period.cite) cited(`${where}.period`, f.period.cite);
    if (!comparable(f.cite).includes(comparable(f.display))) problems.push(`${where}: giá trị "${f.display}" không có nguyên văn trong trích dẫn của nó`);
    if (!comparable(f.phrase).includes(comparable(f.display))) problems.push(`${where}: giá trị "${f.display}" không có trong cụm "${f.phrase}"`);
    if (!indicatorIds.has(f.indicator)) problems.push(`${where}: chỉ số "${f.indicator}" không có trong danh sách indicators`);
    for (const ref of [f.parent, f.whole]) if (ref && !figureIds.has(ref)) problems.push(`${where}: tham chiếu "${ref}" không phải số liệu nào`);
  }
  for (const p of file.people) {
    unique(`people[${p.id}]`, p.id);
    cited(`people[${p.id}]`, p.cite);
    if (p.name && !comparable(p.cite).includes(comparable(p.name))) problems.push(`people[${p.id}]: tên "${p.name}" không có trong trích dẫn`);
  }
  for (const g of file.petitionGroups) {
    const where = `petitionGroups[${g.id}]`;
    unique(where, g.id);
    cited(where, g.cite);
    if (g.topicsCite) cited(`${where}.topicsCite`, g.topicsCite);
    g.statusCites.forEach((c, i) => cited(`${where}.statusCites[${i}]`, c));
    if (!comparable(g.cite).includes(comparable(g.countDisplay)) && !comparable(g.topicsCite ?? "").includes(comparable(g.countDisplay)))
      problems.push(`${where}: số lượng "${g.countDisplay}" không có nguyên văn trong trích dẫn`);
    for (const t of g.topics) if (!comparable(g.topicsCite ?? "").includes(comparable(t))) problems.push(`${where}: chủ đề "${t}" không có trong trích dẫn chủ đề`);
  }
  for (const s of file.statements) {
    unique(`statements[${s.id}]`, s.id);
    cited(`statements[${s.id}]`, s.cite);
  }
  return problems;
}
