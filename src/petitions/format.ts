// How petition groups, statuses and history rows read, in Vietnamese or English. Plain text:
// adapters escape and style it.
import { format } from "date-fns/format";
import { tz } from "@date-fns/tz";
import type { Lang } from "../core/types.js";
import type { PetitionGroup } from "../knowledge/schema.js";
import type { PetitionHistoryRow } from "../store/petitions.js";
import { statusLabel } from "./statuses.js";
import { byLang, messages } from "../core/messages.js";

/** Who the source's row is by: shown in the history as it is. */
export const SOURCE_AUTHOR = "nguồn: báo cáo buổi làm việc";

export function formatWhen(iso: string, timezone: string): string {
  return format(new Date(iso), "dd/MM/yyyy HH:mm", { in: tz(timezone) });
}

export function formatDay(iso: string, timezone: string): string {
  return format(new Date(iso), "dd/MM/yyyy", { in: tz(timezone) });
}

export function toLabel(g: PetitionGroup, lang: Lang): string {
  const kind = g.to === "government" ? "government" : g.toLabel.includes("liên quan") ? "concerned" : "ministries";
  return messages(lang).petitionTo(kind, g.toLabel);
}

export function countLabel(g: PetitionGroup, lang: Lang): string {
  const unit = /vấn đề/.test(g.countDisplay) ? "issues" : /kiến nghị mới/.test(g.countDisplay) ? "new" : "items";
  return messages(lang).petitionCount(g.count, unit, g.countDisplay);
}

export function originLabel(g: PetitionGroup, lang: Lang): string {
  return messages(lang).petitionOrigin(g.origin === "new" ? "new" : "old");
}

export function groupTitle(g: PetitionGroup, lang: Lang): string {
  return byLang(lang, { vi: g.title, en: g.titleEn });
}

/** "KN-02 (9 nội dung, các bộ, ngành)" */
export function groupShort(g: PetitionGroup, lang: Lang): string {
  return `${g.id} (${countLabel(g, lang)}, ${toLabel(g, lang)})`;
}

/** When the status last changed: a date, or "as the source records it" for the source's row. */
export function lastChangeText(row: PetitionHistoryRow, lang: Lang, timezone: string): string {
  const m = messages(lang);
  return row.fromSource ? m.petitionFromSource : m.petitionLastChanged(formatWhen(row.at, timezone));
}

export function authorText(row: PetitionHistoryRow): string {
  if (row.fromSource) return row.by;
  return row.byName ? `${row.byName} (${row.by})` : row.by;
}

/**
 * One history row as a line: "2. 12/06/2023 09:30 — An (telegram:42): A → B · Ghi chú: … · Văn bản: …";
 * an undo or a correction says so, and which row it is about (`corrects`, its number in the history).
 */
export function historyLine(row: PetitionHistoryRow, n: number, lang: Lang, timezone: string, corrects?: number): string {
  const m = messages(lang);
  if (row.fromSource) return `${n}. ${m.petitionHistorySource}: ${statusLabel(row.toStatus, lang)}${row.note ? ` — ${row.note}` : ""} (${row.by})`;
  const kind = row.kind === "undo" ? ` (${m.petitionKindUndo(corrects)})` : row.kind === "correction" ? ` (${m.petitionKindCorrection(corrects)})` : "";
  const parts = [`${n}. ${formatWhen(row.at, timezone)} — ${authorText(row)}: ${statusLabel(row.fromStatus ?? "", lang)} → ${statusLabel(row.toStatus, lang)}${kind}`];
  if (row.note) parts.push(row.kind === "change" ? m.petitionNote(row.note) : m.petitionReason(row.note));
  if (row.reference) parts.push(m.petitionReference(row.reference));
  return parts.join(" · ");
}

/** A document number ("số 1234/BKHĐT-KTĐPLT") or a link found in a note, kept as the row's reference. */
export function extractReference(note: string): string | undefined {
  const url = /\bhttps?:\/\/[^\s<>"]+/iu.exec(note);
  if (url) return url[0].replace(/[.,;:)]+$/u, "");
  const labelled = /(?:tham chiếu|ref|reference)\s*[:：]\s*(\S(?:[^;\n]*\S)?)/iu.exec(note);
  if (labelled) return labelled[1]!.slice(0, 200);
  // "1234/BKHĐT-KTĐPLT", "56/2023/NĐ-CP": digits, a slash, then a code with a capital letter (not a date like 12/6/2023).
  const docNo = /(?<![\p{L}\p{N}/])(\d{1,6}\/(?:\d{4}\/)?(?=[\p{L}\p{N}\-/.]*\p{Lu})[\p{Lu}\p{N}][\p{L}\p{N}\-/.]*[\p{L}\p{N}])/u.exec(note);
  return docNo?.[1];
}
