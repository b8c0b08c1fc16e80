// How petition groups, statuses and history rows read, in Vietnamese or English. Plain text:
// adapters escape and style it.
import { format } from "date-fns/format";
import { tz } from "@date-fns/tz";
import type { Lang } from "../core/types.js";
import type { PetitionGroup } from "../knowledge/schema.js";
import type { PetitionHistoryRow } from "../store/petitions.js";
import { statusLabel } from "./statuses.js";

/** Who the source's row is by: shown in the history as it is. */
export const SOURCE_AUTHOR = "nguồn: báo cáo buổi làm việc";

export function formatWhen(iso: string, timezone: string): string {
  return format(new Date(iso), "dd/MM/yyyy HH:mm", { in: tz(timezone) });
}

export function formatDay(iso: string, timezone: string): string {
  return format(new Date(iso), "dd/MM/yyyy", { in: tz(timezone) });
}

export function toLabel(g: PetitionGroup, lang: Lang): string {
  if (lang !== "en") return g.toLabel;
  return g.to === "government" ? "the Government" : g.toLabel.includes("liên quan") ? "the ministries concerned" : "the ministries";
}

export function countLabel(g: PetitionGroup, lang: Lang): string {
  if (lang !== "en") return g.countDisplay;
  if (/vấn đề/.test(g.countDisplay)) return `${g.count} issues`;
  if (/kiến nghị mới/.test(g.countDisplay)) return `${g.count} new petitions`;
  return `${g.count} items`;
}

export function originLabel(g: PetitionGroup, lang: Lang): string {
  if (g.origin === "new") return lang === "en" ? "new" : "kiến nghị mới";
  return lang === "en" ? "long-standing, still unresolved" : "tồn đọng nhiều năm, chưa được xử lý";
}

export function groupTitle(g: PetitionGroup, lang: Lang): string {
  return lang === "en" ? g.titleEn : g.title;
}

/** "KN-02 (9 nội dung, các bộ, ngành)" */
export function groupShort(g: PetitionGroup, lang: Lang): string {
  return `${g.id} (${countLabel(g, lang)}, ${toLabel(g, lang)})`;
}

/** When the status last changed: a date, or "as the source records it" for the source's row. */
export function lastChangeText(row: PetitionHistoryRow, lang: Lang, timezone: string): string {
  if (row.fromSource) return lang === "en" ? "as recorded in the session report, no update since" : "theo báo cáo buổi làm việc, chưa có cập nhật mới";
  return lang === "en" ? `last changed ${formatWhen(row.at, timezone)}` : `cập nhật lần cuối ${formatWhen(row.at, timezone)}`;
}

export function authorText(row: PetitionHistoryRow): string {
  if (row.fromSource) return row.by;
  return row.byName ? `${row.byName} (${row.by})` : row.by;
}

/** One history row as a line: "2. 12/06/2023 09:30 — An (telegram:42): A → B. Ghi chú: … Văn bản: …" */
export function historyLine(row: PetitionHistoryRow, n: number, lang: Lang, timezone: string): string {
  const en = lang === "en";
  if (row.fromSource) {
    const src = en ? "As the session report records it" : "Theo báo cáo buổi làm việc";
    const note = row.note ? ` — ${row.note}` : "";
    return `${n}. ${src}: ${statusLabel(row.toStatus, lang)}${note} (${row.by})`;
  }
  const parts = [`${n}. ${formatWhen(row.at, timezone)} — ${authorText(row)}: ${statusLabel(row.fromStatus ?? "", lang)} → ${statusLabel(row.toStatus, lang)}`];
  if (row.note) parts.push(`${en ? "Note" : "Ghi chú"}: ${row.note}`);
  if (row.reference) parts.push(`${en ? "Reference" : "Văn bản/liên kết"}: ${row.reference}`);
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
