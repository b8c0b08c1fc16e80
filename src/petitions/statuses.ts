// The petition status lifecycle: a small fixed set of statuses, which changes are allowed, and
// why the others are not. Ids are stable (they are stored in the history and used by the data
// files' `sourceStatus`); labels are what people read and type.
import { fold, foldForMatch } from "../text/fold.js";
import { rankByName, type Rankable } from "../text/rank.js";
import type { Lang } from "../core/types.js";

export const statusIds = [
  "da_tiep_nhan",
  "da_giai_dap",
  "cho_tra_loi_van_ban",
  "da_bao_cao_cp",
  "da_giai_quyet",
  "con_ton_dong",
] as const;

export type PetitionStatusId = (typeof statusIds)[number];

export interface PetitionStatus {
  id: PetitionStatusId;
  vi: string;
  en: string;
  /** Other ways people write it (folded comparison), beyond the id and the two labels. */
  aliases: string[];
}

export const STATUSES: readonly PetitionStatus[] = [
  { id: "da_tiep_nhan", vi: "Đã tiếp nhận", en: "Received", aliases: ["tiếp nhận", "đã ghi nhận", "ghi nhận"] },
  {
    id: "da_giai_dap",
    vi: "Đã giải đáp tại buổi làm việc",
    en: "Answered at the working session",
    aliases: ["đã giải đáp", "giải đáp", "answered"],
  },
  {
    id: "cho_tra_loi_van_ban",
    vi: "Chờ trả lời bằng văn bản",
    en: "Awaiting a written answer",
    aliases: ["chờ trả lời", "chờ văn bản", "trả lời bằng văn bản", "awaiting answer", "awaiting written answer"],
  },
  {
    id: "da_bao_cao_cp",
    vi: "Đã báo cáo Chính phủ",
    en: "Reported to the Government",
    aliases: ["báo cáo Chính phủ", "đã báo cáo", "reported"],
  },
  { id: "da_giai_quyet", vi: "Đã giải quyết", en: "Resolved", aliases: ["giải quyết", "xong", "hoàn thành", "done"] },
  { id: "con_ton_dong", vi: "Còn tồn đọng", en: "Still outstanding", aliases: ["tồn đọng", "chưa giải quyết", "outstanding", "pending"] },
];

const byId = new Map<string, PetitionStatus>(STATUSES.map((s) => [s.id, s]));

export function isStatusId(value: string): value is PetitionStatusId {
  return byId.has(value);
}

export function getStatus(id: string): PetitionStatus | undefined {
  return byId.get(id);
}

/** The label in the reader's language; an unknown id (an old row) is shown as it is. */
export function statusLabel(id: string, lang: Lang = "vi"): string {
  const s = byId.get(id);
  return s ? (lang === "en" ? s.en : s.vi) : id;
}

/**
 * Allowed changes. "Đã tiếp nhận" is only ever the starting point; "Đã giải đáp tại buổi làm việc"
 * is what happens at the session itself, so only a petition just received can get it; "Đã giải
 * quyết" is final unless it is reopened as "Còn tồn đọng" (a solution that did not hold).
 */
export const TRANSITIONS: Readonly<Record<PetitionStatusId, readonly PetitionStatusId[]>> = {
  da_tiep_nhan: ["da_giai_dap", "cho_tra_loi_van_ban", "da_bao_cao_cp", "da_giai_quyet", "con_ton_dong"],
  da_giai_dap: ["cho_tra_loi_van_ban", "da_bao_cao_cp", "da_giai_quyet", "con_ton_dong"],
  cho_tra_loi_van_ban: ["da_bao_cao_cp", "da_giai_quyet", "con_ton_dong"],
  da_bao_cao_cp: ["cho_tra_loi_van_ban", "da_giai_quyet", "con_ton_dong"],
  da_giai_quyet: ["con_ton_dong"],
  con_ton_dong: ["cho_tra_loi_van_ban", "da_bao_cao_cp", "da_giai_quyet"],
};

export interface TransitionRefusal {
  from: string | null;
  to: PetitionStatusId;
  reason: { vi: string; en: string };
  /** Where the petition may go from its current status. */
  allowed: PetitionStatusId[];
}

/** null when `from → to` is allowed; otherwise why not, in both languages. */
export function checkTransition(from: string | null, to: PetitionStatusId): TransitionRefusal | null {
  if (from === null) return null; // the first row of a history (the state the source records)
  const allowed = isStatusId(from) ? [...TRANSITIONS[from]] : [...statusIds];
  if (allowed.includes(to)) return null;
  const q = (id: string, lang: Lang) => `“${statusLabel(id, lang)}”`;
  let reason: { vi: string; en: string };
  if (from === to) {
    reason = { vi: `kiến nghị đang ở trạng thái ${q(to, "vi")} rồi`, en: `the petition is already ${q(to, "en")}` };
  } else if (to === "da_tiep_nhan") {
    reason = {
      vi: `${q(to, "vi")} chỉ là trạng thái ban đầu, không thể quay lại sau khi kiến nghị đã được xử lý tiếp`,
      en: `${q(to, "en")} is only the starting status; a petition cannot go back to it`,
    };
  } else if (to === "da_giai_dap") {
    reason = {
      vi: `${q(to, "vi")} chỉ dùng cho kiến nghị vừa tiếp nhận được giải đáp ngay tại buổi làm việc; sau đó, hãy dùng ${q("da_giai_quyet", "vi")} hoặc ${q("cho_tra_loi_van_ban", "vi")}`,
      en: `${q(to, "en")} only applies to a petition answered at the session itself; afterwards use ${q("da_giai_quyet", "en")} or ${q("cho_tra_loi_van_ban", "en")}`,
    };
  } else if (from === "da_giai_quyet") {
    reason = {
      vi: `kiến nghị đã giải quyết chỉ có thể mở lại thành ${q("con_ton_dong", "vi")} (ghi rõ lý do trong ghi chú)`,
      en: `a resolved petition can only be reopened as ${q("con_ton_dong", "en")} (give the reason in the note)`,
    };
  } else {
    reason = { vi: `quy trình không cho phép chuyển từ ${q(from, "vi")} sang ${q(to, "vi")}`, en: `the lifecycle does not allow ${q(from, "en")} → ${q(to, "en")}` };
  }
  return { from, to, reason, allowed };
}

/** Folded, punctuation and "_"/"-" as spaces: "da_giai_quyet", "Đã giải quyết", "da giai quyet" all meet. */
const key = (s: string) => foldForMatch(fold(s).replace(/[^\p{L}\p{N}]+/gu, " "));

const rankables: (Rankable & { status: PetitionStatus })[] = STATUSES.map((s) => ({
  value: s.id,
  name: s.vi,
  keys: [s.en, ...s.aliases],
  status: s,
}));

export type StatusParse = { ok: true; status: PetitionStatus } | { ok: false; closest: PetitionStatus[] };

/**
 * Reads a status as typed: the id, the Vietnamese or English label (with or without diacritics,
 * any case), or a listed alias. Only whole matches count: a status change must never be guessed.
 * On failure, the closest statuses are returned for a "did you mean".
 */
export function parseStatus(text: string): StatusParse {
  const k = key(text);
  if (k) {
    for (const s of STATUSES) if ([s.id, s.vi, s.en, ...s.aliases].some((x) => key(x) === k)) return { ok: true, status: s };
  }
  const closest = k ? rankByName(rankables, k, 3).map((r) => r.item.status) : [];
  return { ok: false, closest };
}

/** Choices for autocomplete while typing a status. */
export function rankStatuses(partial: string, limit = 25): PetitionStatus[] {
  const k = key(partial);
  if (!k) return [...STATUSES];
  return rankByName(rankables, k, limit).map((r) => r.item.status);
}
