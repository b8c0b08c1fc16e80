// What the digest needs from the rest of the bot: the petition registry (src/petitions implements
// it: counts by status, and the status changes since the chat's previous digest) and the sessions
// added in chats since then (the store's ingested sessions, with the moment each was added).
import type { Lang } from "../core/types.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import type { IngestedSessionStore } from "../store/ingested-sessions.js";

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
  /**
   * The sessions added since, when this source knows them (petitionSourceOf attaches them, so that
   * a caller that passes only `petitions` still gets them; DigestInput.sessions takes precedence).
   */
  sessions?: SessionDigestSource;
}

/** A session added in a chat (ingested at run time), as the digest lists it. */
export interface AddedSession {
  id: string;
  title: string;
  /** The report's period ("năm 2024"), when the session is loaded. */
  period?: string;
  /** ISO instant it was added. */
  at: string;
}

export interface SessionDigestSource {
  /** Sessions added after `sinceIso`, oldest first; with null, the latest few. */
  added(sinceIso: string | null): AddedSession[] | Promise<AddedSession[]>;
}

/** With no previous digest, "recent" lists at most this many of the latest sessions added. */
export const LATEST_SESSIONS_WITHOUT_PREVIOUS_DIGEST = 3;

function isSource(x: unknown): x is PetitionDigestSource {
  return typeof x === "object" && x !== null && typeof (x as { summary?: unknown }).summary === "function";
}

interface DigestServices {
  petitions?: unknown;
  store?: { sessions?: IngestedSessionStore };
  knowledge?: KnowledgeBase;
}

interface SessionMeta {
  id: string;
  title: string;
  createdAt: string;
}

/** Per store: the live sessions' ids, titles and dates at a version (a round of 1,000 digests reads the rows once). */
const metaByStore = new WeakMap<IngestedSessionStore, { version: number; rows: SessionMeta[] }>();

async function sessionMeta(store: IngestedSessionStore): Promise<SessionMeta[]> {
  const cached = metaByStore.get(store);
  if (cached && cached.version === (await store.version())) return cached.rows;
  const { version, sessions } = await store.snapshot();
  const rows = sessions.map((s) => ({ id: s.id, title: s.title, createdAt: s.createdAt }));
  metaByStore.set(store, { version, rows });
  return rows;
}

/**
 * The sessions added in chats, from the store (each row's createdAt): only those the knowledge
 * base holds (a stored session that does not validate is not announced). `services.knowledge` is
 * read at each call, since a change of sessions replaces it. The rows are read again only when the
 * store's version of the set has changed.
 */
export function sessionSourceOf(services: DigestServices): SessionDigestSource | undefined {
  const store = services.store?.sessions;
  if (!store || typeof store.snapshot !== "function" || typeof store.version !== "function") return undefined;
  return {
    async added(sinceIso) {
      const since = sinceIso === null ? null : Date.parse(sinceIso);
      const rows = (await sessionMeta(store))
        .filter((r) => since === null || Date.parse(r.createdAt) > since)
        .filter((r) => !services.knowledge || services.knowledge.byId.has(r.id))
        .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
      const shown = since === null ? rows.slice(-LATEST_SESSIONS_WITHOUT_PREVIOUS_DIGEST) : rows;
      return shown.map((r) => {
        const period = services.knowledge?.byId.get(r.id)?.file.session.reportPeriod;
        return { id: r.id, title: r.title, ...(period ? { period } : {}), at: r.createdAt };
      });
    },
  };
}

/**
 * The petition source of these services, if the petition module is wired in: `services.petitions`
 * itself when it has `summary()`, or its `digest` member when that has; with the sessions added
 * (sessionSourceOf) attached. Undefined otherwise, and the digest then leaves the petition part out.
 */
export function petitionSourceOf(services: DigestServices): PetitionDigestSource | undefined {
  const p = services.petitions;
  const nested = typeof p === "object" && p !== null ? (p as { digest?: unknown }).digest : undefined;
  const source = isSource(p) ? p : isSource(nested) ? nested : undefined;
  if (!source) return undefined;
  const sessions = source.sessions ?? sessionSourceOf(services);
  return sessions ? { summary: (sinceIso, lang) => source.summary(sinceIso, lang), sessions } : source;
}
