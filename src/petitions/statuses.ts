// The petition status lifecycle: a small fixed set of statuses, which changes are allowed, and
// why the others are not. Ids are stable (they are stored in the history and used by the data
// files' `sourceStatus`); labels are what people read and type.
import { fold, foldForMatch } from "../text/fold.js";
import { rankByName, type Rankable } from "../text/rank.js";
import type { Lang } from "../core/types.js";
import { byLang, messages, type Catalogue } from "../core/messages.js";

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
  return s ? byLang(lang, s) : id;
}

/**
 * Allowed changes. "Đã tiếp nhận" is only ever the starting point; "Đã giải đáp tại buổi làm việc"
 * is what happens at the session itself, so only a petition just received can get it; "Đã giải
 * quyết" is final unless it is reopened as "Còn tồn đọng" (a solution that did not hold), or an
 * admin corrects a mistake (CORRECTION, below).
 */
export const TRANSITIONS: Readonly<Record<PetitionStatusId, readonly PetitionStatusId[]>> = {
  da_tiep_nhan: ["da_giai_dap", "cho_tra_loi_van_ban", "da_bao_cao_cp", "da_giai_quyet", "con_ton_dong"],
  da_giai_dap: ["cho_tra_loi_van_ban", "da_bao_cao_cp", "da_giai_quyet", "con_ton_dong"],
  cho_tra_loi_van_ban: ["da_bao_cao_cp", "da_giai_quyet", "con_ton_dong"],
  da_bao_cao_cp: ["cho_tra_loi_van_ban", "da_giai_quyet", "con_ton_dong"],
  da_giai_quyet: ["con_ton_dong"],
  con_ton_dong: ["cho_tra_loi_van_ban", "da_bao_cao_cp", "da_giai_quyet"],
};

/**
 * An admin's correction (`/kiennghi sua`) or undo (`/kiennghi hoantac`) of a mistaken status: it
 * may go from any status to any other one, "Đã giải quyết" included, but only with a note that
 * says why (the note is mandatory; the row is kept in the history like any other).
 */
export const CORRECTION = { from: "any", to: "any other", noteRequired: true } as const;

export interface TransitionRefusal {
  from: string | null;
  to: PetitionStatusId;
  reason: { vi: string; en: string };
  /** Where the petition may go from its current status. */
  allowed: PetitionStatusId[];
}

export interface TransitionOptions {
  /** A correction or an undo by an admin (CORRECTION): any other status, with a note. */
  correction?: boolean;
  note?: string | null;
}

const both = (pick: (m: Catalogue, lang: Lang) => string) => ({ vi: pick(messages("vi"), "vi"), en: pick(messages("en"), "en") });

/** null when `from → to` is allowed; otherwise why not, in both languages. */
export function checkTransition(from: string | null, to: PetitionStatusId, opts: TransitionOptions = {}): TransitionRefusal | null {
  if (from === null) return null; // the first row of a history (the state the source records)
  const q = (id: string, lang: Lang) => statusLabel(id, lang);
  if (opts.correction) {
    const others = statusIds.filter((s) => s !== from);
    if (from === to) return { from, to, reason: both((m, l) => m.transitionSame(q(to, l))), allowed: others };
    if (!opts.note?.trim()) return { from, to, reason: both((m) => m.transitionCorrectionNeedsNote), allowed: others };
    return null;
  }
  const allowed = isStatusId(from) ? [...TRANSITIONS[from]] : [...statusIds];
  if (allowed.includes(to)) return null;
  let reason: { vi: string; en: string };
  if (from === to) reason = both((m, l) => m.transitionSame(q(to, l)));
  else if (to === "da_tiep_nhan") reason = both((m, l) => m.transitionInitial(q(to, l)));
  else if (to === "da_giai_dap") reason = both((m, l) => m.transitionAnswered(q(to, l), q("da_giai_quyet", l), q("cho_tra_loi_van_ban", l)));
  else if (from === "da_giai_quyet") reason = both((m, l) => m.transitionResolved(q("con_ton_dong", l)));
  else reason = both((m, l) => m.transitionLifecycle(q(from, l), q(to, l)));
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
