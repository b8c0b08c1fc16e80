// Turns what was found into the lines people read: each figure as the report writes it with its
// period, one citation per figure (the clause that holds the value, and the clause of its period
// only when the value's clause does not say it), statements quoted as they are.
import type { Citation, FigureView, Lang } from "../core/types.js";
import type { Figure, Person, Statement } from "../knowledge/schema.js";
import { messages } from "../core/messages.js";
import { viNumbersToEnglish } from "../text/numbers.js";
import { capitalise } from "../text/normalize.js";

export interface Composed {
  lines: string[];
  figures: FigureView[];
  citations: Citation[];
}

function cite(out: Citation[], text: string | undefined, sessionId: string): void {
  if (text && !out.some((c) => c.text === text)) out.push({ text, sessionId });
}

/** "7,22%" → "7.22% (7,22%)" for English readers; unchanged when there is nothing to convert. */
export function englishValue(display: string): string {
  const converted = viNumbersToEnglish(display).replace(/\btỷ\b/g, "billion").replace(/\btriệu\b/g, "million").replace(/\bnghìn\b|\bngàn\b/g, "thousand").replace(/\bđồng\b/g, "VND").replace(/\blượt\b/g, "visits");
  return converted === display ? display : `${converted} (${display})`;
}

export function figureLine(f: Figure, lang: Lang): string {
  const m = messages(lang);
  const period = lang === "en" ? f.period.labelEn : f.period.label;
  const notes = [period, f.qualifier === "ước" || f.qualifier === "dự kiến" ? m.estimate : "", f.target ? m.target : ""].filter(Boolean).join("; ");
  if (lang === "en") return `${f.label.en}: ${englishValue(f.display)} — “${f.phrase}” (${notes}).`;
  const phrase = f.kind === "share" && !/^chiếm|^tỷ trọng|^tỉ trọng/iu.test(f.phrase) ? `${m.sharePrefix} ${f.display}` : f.phrase;
  // "Số xã đạt chuẩn nông thôn mới: có 86 xã đạt chuẩn nông thôn mới" says it twice: the phrase alone says it
  if (saysLabel(phrase, f.label.vi)) return `${capitalise(phrase.replace(/^(?:có|là)\s+/u, ""))} (${notes}).`;
  return `${f.label.vi}: ${withoutLabelTail(phrase, f.label.vi)} (${notes}).`;
}

/** "Nền kinh tế … có quy mô: có quy mô gần 129.000 tỷ đồng": the words the label ends with, said once. */
function withoutLabelTail(phrase: string, label: string): string {
  const p = phrase.split(/\s+/u);
  const l = label.split(/\s+/u);
  const same = (a: string, b: string) => a.toLocaleLowerCase("vi") === b.toLocaleLowerCase("vi");
  for (let k = Math.min(p.length - 1, l.length, 6); k >= 1; k--) {
    if (p.slice(0, k).every((w, i) => same(w, l[l.length - k + i]!)) && /\d/.test(p.slice(k).join(" "))) return p.slice(k).join(" ");
  }
  return phrase;
}

function saysLabel(phrase: string, label: string): boolean {
  const words = (t: string) => t.toLocaleLowerCase("vi").split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1 && !/^\d/.test(w));
  const own = new Set(words(phrase));
  const of = words(label).filter((w) => w !== "số");
  return of.length >= 2 && of.every((w) => own.has(w));
}

/**
 * A figure's citations: the clause that holds the value, and the clause of its period only where
 * the value's clause does not say it (one quotation when one holds the other).
 */
export function figureCitations(f: Figure): string[] {
  const period = f.period.cite && f.period.source !== "clause" && f.period.source !== "document" ? f.period.cite : undefined;
  if (!period) return [f.cite];
  if (period.includes(f.cite)) return [period];
  return [f.cite, period];
}

export function composeFigures(figures: Figure[], sessionId: string, lang: Lang, notes: string[] = []): Composed {
  const citations: Citation[] = [];
  for (const f of figures) for (const text of figureCitations(f)) cite(citations, text, sessionId);
  return {
    lines: [...figures.map((f) => figureLine(f, lang)), ...notes],
    figures: figures.map((f) => ({ label: lang === "en" ? f.label.en : f.label.vi, value: f.display, period: lang === "en" ? f.period.labelEn : f.period.label })),
    citations,
  };
}

export function composeStatements(statements: Statement[], sessionId: string, intro?: string): Composed {
  const citations: Citation[] = [];
  for (const s of statements) cite(citations, s.cite, sessionId);
  return { lines: [...(intro ? [intro] : []), ...statements.map((s) => s.cite)], figures: [], citations };
}

export function composePeople(people: Person[], sessionId: string, lang: Lang): Composed {
  const m = messages(lang);
  const citations: Citation[] = [];
  for (const p of people) cite(citations, p.cite, sessionId);
  return {
    lines: people.map((p) => m.roles(p.name ?? m.unnamed, (lang === "en" ? p.rolesEn : p.roles).join(", "))),
    figures: [],
    citations,
  };
}
