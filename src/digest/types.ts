// What the digest needs from the petition registry (src/petitions implements it). The digest shows
// the counts by status and what changed since the chat's previous digest.
import type { Lang } from "../core/types.js";

export interface PetitionStatusCount {
  /** The status code, e.g. "da_tiep_nhan". */
  status: string;
  /** Its label as shown to people, e.g. "Đã tiếp nhận". */
  label: string;
  count: number;
}

export interface PetitionChange {
  /** The group id people type, e.g. "KN-01". */
  id: string;
  title: string;
  /** Status labels (not codes), before and after. */
  from: string;
  to: string;
  /** ISO instant of the change. */
  at: string;
}

export interface PetitionDigestSummary {
  countsByStatus: PetitionStatusCount[];
  /** Changes after `sinceIso`, oldest first; with `sinceIso` null, the source decides (e.g. none or the latest few). */
  changes: PetitionChange[];
}

export interface PetitionDigestSource {
  /** Status labels in `lang` (Vietnamese when not given). */
  summary(sinceIso: string | null, lang?: Lang): PetitionDigestSummary | Promise<PetitionDigestSummary>;
}

function isSource(x: unknown): x is PetitionDigestSource {
  return typeof x === "object" && x !== null && typeof (x as { summary?: unknown }).summary === "function";
}

/**
 * The petition source of these services, if the petition module is wired in: `services.petitions`
 * itself when it has `summary()`, or its `digest` member when that has. Undefined otherwise, and
 * the digest then leaves the petition part out.
 */
export function petitionSourceOf(services: { petitions?: unknown }): PetitionDigestSource | undefined {
  const p = services.petitions;
  if (isSource(p)) return p;
  const nested = typeof p === "object" && p !== null ? (p as { digest?: unknown }).digest : undefined;
  return isSource(nested) ? nested : undefined;
}
