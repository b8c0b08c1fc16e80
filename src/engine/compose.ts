// Selected entries → the answer text, figures and citations, in the language of the question.
// Figures are given as the source writes them; in English the number format is converted and
// the source's own form follows in brackets, so that nothing is lost in translation.
import type { Citation, FigureView, Lang } from "../core/types.js";
import type { Entry } from "./entries.js";
import type { LoadedSession } from "../knowledge/types.js";
import { viNumbersToEnglish } from "../text/numbers.js";

export interface Composed {
  lines: string[];
  figures: FigureView[];
  citations: Citation[];
}

export function compose(entries: Entry[], session: LoadedSession, lang: Lang, notes: string[] = []): Composed {
  const en = lang === "en";
  const lines: string[] = [];
  const figures: FigureView[] = [];
  const citations: Citation[] = [];
  const seen = new Set<string>();
  const cite = (text: string | undefined) => {
    if (!text || seen.has(text)) return;
    seen.add(text);
    citations.push({ text, sessionId: session.file.session.id });
  };
  for (const e of entries) {
    const ref = e.ref;
    if (ref.type === "figure") {
      const f = ref.figure;
      const value = en ? `${viNumbersToEnglish(f.display)}${viNumbersToEnglish(f.display) !== f.display ? ` (source: ${f.display})` : ""}` : f.display;
      const period = en ? f.period.labelEn : f.period.label;
      lines.push(`${en ? f.label.en : f.label.vi}: ${value} (${period}).`);
      figures.push({ label: en ? f.label.en : f.label.vi, value: f.display, period });
      cite(f.cite);
      cite(f.period.cite);
    } else if (ref.type === "person") {
      const p = ref.person;
      const roles = (en ? p.rolesEn : p.roles).join(", ");
      if (p.name) lines.push(`${p.name} — ${roles}.`);
      else lines.push(en ? `${roles} (the report does not give a name).` : `${roles} (báo cáo không nêu tên).`);
      cite(p.cite);
    } else if (ref.type === "petition") {
      const g = ref.group;
      if (en) lines.push(`${g.id} · ${g.titleEn}: ${g.count} items — on ${g.topics.join("; ")}. At the session: ${g.sourceStatusNote}`);
      else lines.push(`${g.id} · ${g.title}: ${g.countDisplay} — liên quan đến ${g.topics.join("; ")}. Theo báo cáo: ${g.sourceStatusNote}`);
      cite(g.cite);
      cite(g.topicsCite);
      for (const c of g.statusCites) cite(c);
    } else {
      const s = ref.statement;
      lines.push(en ? s.summary.en : s.summary.vi);
      cite(s.cite);
    }
  }
  lines.push(...notes);
  return { lines, figures, citations };
}
