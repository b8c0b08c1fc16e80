// The petition registry: the groups come from the knowledge base (what the source says), their
// current status and history from the store (what happened since). Lookup by ID or by topic,
// admin updates through the lifecycle, live status for answers and the digest's summary.
import type { Clock } from "../clock.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import type { PetitionGroup } from "../knowledge/schema.js";
import type { Lang } from "../core/types.js";
import type { PetitionChangeKind, PetitionHistoryRow, PetitionStore } from "../store/petitions.js";
import { CONFIRMATION_TTL_MS } from "../store/confirmations.js";
import type { JsonObject } from "../store/json.js";
import type { Store } from "../store/store.js";
import type { UpdateClaim } from "../store/unit-of-work.js";
import { fold, foldForMatch } from "../text/fold.js";
import { rankByName, type Rankable } from "../text/rank.js";
import { checkTransition, isStatusId, statusLabel, STATUSES, type PetitionStatusId, type TransitionRefusal } from "./statuses.js";
import { sessionInfo } from "../knowledge/info.js";
import { messages } from "../core/messages.js";
import { countLabel, groupShort, groupTitle, lastChangeText, SOURCE_AUTHOR, toLabel } from "./format.js";
import type { PetitionDigestSource } from "../digest/types.js";

export interface PetitionEntry {
  sessionId: string;
  sessionTitle: string;
  group: PetitionGroup;
}

export interface PetitionState extends PetitionEntry {
  current: PetitionHistoryRow;
}

export type PetitionLookup =
  | { kind: "id"; entries: [PetitionEntry] }
  | { kind: "topic"; entries: PetitionEntry[] }
  | { kind: "none"; closest: PetitionEntry[] };

export interface UpdateRequest {
  /** A petition ID as typed ("KN-01", "kn1"). */
  id: string;
  status: PetitionStatusId;
  /** Platform-qualified user id. */
  by: string;
  byName?: string;
  note?: string;
  reference?: string;
  /**
   * The platform update that asks for this change: claimed in the same transaction as the
   * appended row, so a redelivered update appends nothing (see src/store/unit-of-work.ts).
   */
  claim?: UpdateClaim;
  /** "change" (the lifecycle applies), or an admin's "undo"/"correction" (any other status, with a note). */
  kind?: PetitionChangeKind;
  /** The row an undo or a correction is about. */
  correctsSeq?: number;
  /** The change was shown as starting from this row: refused as stale when the status has moved since. */
  expectSeq?: number;
  /** The confirmation this change comes from: used in the same transaction, so it applies once. */
  confirmation?: { nonce: string; userId: string };
}

/** A status change as it waits for its confirmation (stored in the confirmation's payload). */
export interface PendingChange {
  op: PetitionChangeKind;
  sessionId: string;
  petitionId: string;
  status: PetitionStatusId;
  note: string | null;
  reference: string | null;
  expectSeq: number;
  correctsSeq: number | null;
}

export type UpdateResult =
  | { ok: true; entry: PetitionEntry; row: PetitionHistoryRow; previous: PetitionHistoryRow | undefined }
  | { ok: false; kind: "unknown_id"; closest: PetitionEntry[] }
  | { ok: false; kind: "refused"; entry: PetitionEntry; current: PetitionHistoryRow | undefined; refusal: TransitionRefusal }
  /** The update was handled by an earlier run (a redelivery after a crash): nothing was written, nothing is to be answered. */
  | { ok: false; kind: "duplicate"; entry: PetitionEntry }
  /** The status moved after the change was shown (another admin, another worker): nothing was written. */
  | { ok: false; kind: "stale"; entry: PetitionEntry; current: PetitionHistoryRow | undefined };

export type ConfirmResult =
  | UpdateResult
  /** The confirmation is unknown, expired, used already or someone else's: nothing was written. */
  | { ok: false; kind: "confirmation"; reason: "unknown" | "expired" | "used" | "other_user"; change?: PendingChange };

/** What the digest reads (see src/digest): counts by status, and changes since a chat's previous digest. */
export interface PetitionSummary {
  countsByStatus: { status: string; label: string; count: number }[];
  changes: { id: string; title: string; from: string; to: string; at: string }[];
}

/** A chat's first digest (no previous one) shows at most this many of the latest changes. */
const LATEST_CHANGES_WITHOUT_PREVIOUS_DIGEST = 5;

interface Indexed extends Rankable {
  entry: PetitionEntry;
}

/** Folded, punctuation as spaces: "các bộ, ngành" and "cac bo nganh" meet. */
const key = (s: string) => foldForMatch(fold(s).replace(/[^\p{L}\p{N}]+/gu, " "));

/** Chat abbreviations officials use for these topics. */
const TOPIC_ABBREVIATIONS: Record<string, string[]> = {
  "giai phong mat bang": ["gpmb"],
  "dau tu cong": ["dtc"],
  "tai nguyen moi truong": ["tnmt"],
  "nong nghiep va phat trien nong thon": ["nnptnt", "nn ptnt", "nong nghiep"],
  "ke hoach dau tu": ["khdt"],
};

/** Words that wrap a topic in a question ("kiến nghị về đất lúa") and are dropped on a second try. */
const FILLER = /\b(kien nghi|ve|nhom|lien quan den|lien quan|cua tinh|cac|trang thai|tinh hinh|xu li|da duoc|chua|petitions?|about|status|of|the)\b/g;

/** "KN-01", "kn1", "KN 1", "kn_01", "kiến nghị số 1" → "KN-01"; anything else → undefined. */
export function normalizePetitionId(text: string): string | undefined {
  const m = /^(?:kn|kien nghi(?: so)?|petition)\s*[-_.#:]?\s*0*(\d{1,3})$/.exec(foldForMatch(text));
  return m ? `KN-${m[1]!.padStart(2, "0")}` : undefined;
}

export interface RegistryOptions {
  knowledge: KnowledgeBase;
  /** The store (opened lazily, on first use; the source's state is seeded then). */
  store: Pick<Store, "petitions" | "unitOfWork" | "ready" | "confirmations">;
  clock: Clock;
  /** Time zone dates are shown in (the bot's local time, Vietnam by default). */
  timezone: string;
}

interface Scoped {
  entries: PetitionEntry[];
  indexed: Indexed[];
}

const NONE: Scoped = { entries: [], indexed: [] };

export class PetitionRegistry implements PetitionDigestSource {
  /** Per session id: its groups, read when the session is first asked about (sessions may be loaded lazily). */
  private readonly perSession = new Map<string, Scoped>();
  /** Sessions whose source state is in the store (seeding is idempotent; this only saves the round trips). */
  private readonly seeded = new Set<string>();
  private seeding: Promise<void> | undefined;

  constructor(private readonly opts: RegistryOptions) {
    // Sessions already in memory are read now, so that a bad status is refused at start as before;
    // sessions opened from a catalogue (not yet loaded) are read on first use.
    for (const s of opts.knowledge.sessions) if (!s.info || (s as { loaded?: boolean }).loaded) this.ofSession(sessionInfo(s).id);
  }

  /** Every group of every session, most recent session first. Reads every session: for tests and small data. */
  get entries(): readonly PetitionEntry[] {
    return this.opts.knowledge.sessions.flatMap((s) => this.ofSession(sessionInfo(s).id).entries);
  }

  /** One session's groups, read once. */
  private ofSession(id: string): Scoped {
    let scoped = this.perSession.get(id);
    if (scoped) return scoped;
    const session = this.opts.knowledge.byId.get(id);
    if (!session) return NONE;
    const entries = session.file.petitionGroups.map((group) => ({ sessionId: id, sessionTitle: sessionInfo(session).title, group }));
    for (const e of entries) {
      if (!isStatusId(e.group.sourceStatus))
        throw new Error(`petitionGroups[${e.group.id}] (${e.sessionId}): sourceStatus "${e.group.sourceStatus}" không thuộc vòng đời kiến nghị (${STATUSES.map((s) => s.id).join(", ")})`);
    }
    scoped = { entries, indexed: entries.map((entry) => ({ entry, value: entry.group.id, name: key(entry.group.title), keys: searchKeys(entry.group) })) };
    this.perSession.set(id, scoped);
    return scoped;
  }

  get timezone(): string {
    return this.opts.timezone;
  }

  /** The store, with the source's state recorded as the first history row of every group read so far (idempotent). */
  private async store(): Promise<PetitionStore> {
    const store = this.opts.store.petitions;
    const pending = [...this.perSession].filter(([id]) => !this.seeded.has(id));
    if (!pending.length && !this.seeding) return store;
    // one seeding at a time: a second caller waits for the first, then seeds what is left
    while (this.seeding) await this.seeding;
    const todo = [...this.perSession].filter(([id]) => !this.seeded.has(id));
    if (!todo.length) return store;
    this.seeding = (async () => {
      const at = this.opts.clock.now().toISOString();
      const rows = todo.flatMap(([, scoped]) => scoped.entries.map((e) => ({ sessionId: e.sessionId, petitionId: e.group.id, status: e.group.sourceStatus, note: e.group.sourceStatusNote, by: SOURCE_AUTHOR, at })));
      if (rows.length) await store.seedFromSource(rows);
      for (const [id] of todo) this.seeded.add(id);
    })().finally(() => {
      this.seeding = undefined; // on failure nothing is marked: seeded on the next use
    });
    await this.seeding;
    return store;
  }

  /** Opens the store and seeds it now (at startup) rather than on first use. */
  async init(): Promise<void> {
    // the store opened and migrated now, and the most recent session's groups seeded (others on first use)
    await this.opts.store.ready();
    this.scope();
    await this.store();
  }

  /** The session a lookup is about: the one named, else the most recent one that has petition groups. */
  private scope(sessionId?: string): Scoped {
    if (sessionId !== undefined) return this.ofSession(sessionId);
    for (const s of this.opts.knowledge.sessions) {
      const scoped = this.ofSession(sessionInfo(s).id);
      if (scoped.entries.length) return scoped;
    }
    return NONE;
  }

  /** An entry by its ID in any accepted spelling, in the session named (the most recent by default). */
  byId(text: string, sessionId?: string): PetitionEntry | undefined {
    const id = normalizePetitionId(text) ?? text.trim().toUpperCase();
    return this.scope(sessionId).entries.find((e) => e.group.id === id);
  }

  /** By ID first; otherwise by topic (every group that matches best: a topic can belong to several). */
  lookup(text: string, sessionId?: string): PetitionLookup {
    const { entries, indexed } = this.scope(sessionId);
    const typed = text.trim();
    const byId = this.byId(typed, sessionId);
    if (byId) return { kind: "id", entries: [byId] };
    if (normalizePetitionId(typed)) return { kind: "none", closest: [...entries] };
    const q = key(typed);
    if (!q) return { kind: "none", closest: [...entries] };
    let ranked = rankByName(indexed, q, indexed.length);
    if ((ranked[0]?.score ?? 0) < 2) {
      const stripped = q.replace(FILLER, " ").replace(/\s+/g, " ").trim();
      if (stripped && stripped !== q) {
        const again = rankByName(indexed, stripped, indexed.length);
        if ((again[0]?.score ?? 0) > (ranked[0]?.score ?? 0)) ranked = again;
      }
    }
    const top = ranked[0]?.score ?? 0;
    if (top >= 2) return { kind: "topic", entries: ranked.filter((r) => r.score >= top - 1e-9).map((r) => r.item.entry) };
    // Nothing close enough: the closest few, or every group when nothing is close at all (there are few).
    return { kind: "none", closest: ranked.length ? ranked.slice(0, 3).map((r) => r.item.entry) : [...entries] };
  }

  /** Autocomplete choices for an ID or topic being typed, in the session named (the most recent by default). */
  suggest(partial: string, lang: Lang, limit = 25, sessionId?: string): { name: string; value: string }[] {
    const { entries, indexed } = this.scope(sessionId);
    const q = key(partial);
    const id = normalizePetitionId(partial);
    const ranked = q ? rankByName(indexed, q, limit).map((r) => r.item.entry) : [...entries];
    if (id) ranked.sort((a, b) => Number(b.group.id === id) - Number(a.group.id === id));
    return ranked.slice(0, limit).map((e) => ({ name: `${groupShort(e.group, lang)} — ${groupTitle(e.group, lang)}`.slice(0, 100), value: e.group.id }));
  }

  async current(entry: PetitionEntry): Promise<PetitionHistoryRow> {
    return (await (await this.store()).current({ sessionId: entry.sessionId, petitionId: entry.group.id }))!;
  }

  async history(entry: PetitionEntry): Promise<PetitionHistoryRow[]> {
    return (await this.store()).history({ sessionId: entry.sessionId, petitionId: entry.group.id });
  }

  /** Every group of a session (the most recent by default) with its current status. */
  async list(sessionId?: string): Promise<PetitionState[]> {
    const { entries } = this.scope(sessionId); // read (and so seeded) before the store is asked
    const latest = new Map((await (await this.store()).currentAll()).map((r) => [`${r.sessionId}\u0000${r.petitionId}`, r]));
    return entries.map((e) => ({ ...e, current: latest.get(`${e.sessionId}\u0000${e.group.id}`)! }));
  }

  /**
   * Changes a group's status. The lifecycle check runs inside the store's write transaction
   * against the status current at that moment, so a concurrent update cannot slip between; the
   * update's claim (when given) commits in the same transaction.
   */
  async update(req: UpdateRequest): Promise<UpdateResult> {
    const entry = this.byId(req.id);
    if (!entry) {
      const found = this.lookup(req.id);
      return { ok: false, kind: "unknown_id", closest: found.kind === "none" ? found.closest : found.entries };
    }
    await this.store(); // seeded before the first change
    const result = await this.opts.store.unitOfWork(async (tx) => {
      if (req.claim && !(await req.claim.claimIn(tx))) return "duplicate" as const;
      return this.appendIn(tx, entry, req);
    });
    if (result === "duplicate") return { ok: false, kind: "duplicate", entry };
    return result;
  }

  private async appendIn(tx: Parameters<Parameters<Store["unitOfWork"]>[0]>[0], entry: PetitionEntry, req: Omit<UpdateRequest, "id" | "claim" | "confirmation">): Promise<UpdateResult> {
    const kind = req.kind ?? "change";
    const note = req.note?.trim() || null;
    type Refusal = { stale: true } | { stale: false; refusal: TransitionRefusal };
    const r = await tx.petitions.append<Refusal>(
      {
        sessionId: entry.sessionId,
        petitionId: entry.group.id,
        toStatus: req.status,
        at: this.opts.clock.now().toISOString(),
        by: req.by,
        byName: req.byName ?? null,
        note,
        reference: req.reference?.trim() || null,
        kind,
        correctsSeq: req.correctsSeq ?? null,
      },
      (current) => {
        if (req.expectSeq !== undefined && current?.seq !== req.expectSeq) return { stale: true };
        const refusal = checkTransition(current?.toStatus ?? null, req.status, { correction: kind !== "change", note });
        return refusal ? { stale: false, refusal } : null;
      },
    );
    if (r.ok) return { ok: true, entry, row: r.row, previous: r.previous };
    if (r.refusal.stale) return { ok: false, kind: "stale", entry, current: r.current };
    return { ok: false, kind: "refused", entry, current: r.current, refusal: r.refusal.refusal };
  }

  /**
   * Keeps a change waiting for `userId`'s confirmation in `chatId`; returns the confirmation's
   * nonce, or "duplicate" when the update asking for it was handled before (claimed in the same
   * transaction: a redelivered update leaves no second pending change).
   */
  async propose(change: PendingChange, who: { chatId: string; userId: string; claim?: UpdateClaim }): Promise<string | "duplicate"> {
    return this.opts.store.unitOfWork(async (tx) => {
      if (who.claim && !(await who.claim.claimIn(tx))) return "duplicate";
      return tx.confirmations.put({ action: "petition", chatId: who.chatId, userId: who.userId, payload: change as unknown as JsonObject, ttlMs: CONFIRMATION_TTL_MS });
    });
  }

  /**
   * Applies the change behind confirmation `nonce`, once: the confirmation is used, the update
   * claimed and the row appended in one transaction. Refused as stale when the status moved
   * since it was shown.
   */
  async confirm(nonce: string, req: { by: string; byName?: string; claim?: UpdateClaim }): Promise<ConfirmResult> {
    await this.store();
    type Out = ConfirmResult | "duplicate";
    const out = await this.opts.store.unitOfWork(async (tx): Promise<Out> => {
      if (req.claim && !(await req.claim.claimIn(tx))) return "duplicate";
      const taken = await tx.confirmations.take(nonce, req.by, "confirmed");
      const change = taken.pending?.action === "petition" ? (taken.pending.payload as unknown as PendingChange) : undefined;
      if (!taken.ok) return { ok: false, kind: "confirmation", reason: taken.reason, ...(change ? { change } : {}) };
      if (!change) return { ok: false, kind: "confirmation", reason: "unknown" };
      const entry = this.byId(change.petitionId, change.sessionId);
      if (!entry) return { ok: false, kind: "unknown_id", closest: [] };
      return this.appendIn(tx, entry, {
        status: change.status,
        by: req.by,
        ...(req.byName ? { byName: req.byName } : {}),
        ...(change.note ? { note: change.note } : {}),
        ...(change.reference ? { reference: change.reference } : {}),
        kind: change.op,
        ...(change.correctsSeq !== null ? { correctsSeq: change.correctsSeq } : {}),
        expectSeq: change.expectSeq,
      });
    });
    if (out === "duplicate") {
      const change = (await this.opts.store.confirmations.peek(nonce))?.payload as unknown as PendingChange | undefined;
      const entry = change ? this.byId(change.petitionId, change.sessionId) : undefined;
      return entry ? { ok: false, kind: "duplicate", entry } : { ok: false, kind: "confirmation", reason: "used" };
    }
    return out;
  }

  /** Cancels confirmation `nonce` (its admin's "Huỷ"): false when it was not theirs to cancel, or no longer pending. */
  async cancel(nonce: string, userId: string): Promise<{ ok: true; change: PendingChange } | { ok: false; reason: "unknown" | "expired" | "used" | "other_user" }> {
    const taken = await this.opts.store.confirmations.take(nonce, userId, "cancelled");
    if (!taken.ok) return { ok: false, reason: taken.reason };
    return { ok: true, change: taken.pending.payload as unknown as PendingChange };
  }

  /** One line per group id: its live status and when it last changed (for answers about petitions). */
  async liveStatusLines(ids: readonly string[], lang: Lang, sessionId?: string): Promise<string[]> {
    const out: string[] = [];
    for (const id of new Set(ids)) {
      const entry = this.byId(id, sessionId);
      if (!entry) continue;
      const row = await this.current(entry);
      out.push(messages(lang).petitionLiveStatus(groupShort(entry.group, lang), statusLabel(row.toStatus, lang), lastChangeText(row, lang, this.opts.timezone), row.reference ?? undefined));
    }
    return out;
  }

  /**
   * The digest's petition summary (src/digest PetitionDigestSource): groups per current status, and
   * the changes after `sinceIso`, the chat's previous digest, oldest first. With no previous
   * digest (null), the latest few changes. Labels in `lang` (Vietnamese unless told).
   */
  async summary(sinceIso: string | null, lang: Lang = "vi"): Promise<PetitionSummary> {
    const counts = new Map<string, number>();
    for (const s of await this.list()) counts.set(s.current.toStatus, (counts.get(s.current.toStatus) ?? 0) + 1);
    const countsByStatus = STATUSES.filter((s) => counts.has(s.id)).map((s) => ({ status: s.id, label: statusLabel(s.id, lang), count: counts.get(s.id)! }));
    const known = new Map(this.entries.map((e) => [`${e.sessionId}\u0000${e.group.id}`, e]));
    const rows = (await (await this.store()).changesSince(sinceIso)).filter((r) => known.has(`${r.sessionId}\u0000${r.petitionId}`));
    const changes = (sinceIso === null ? rows.slice(-LATEST_CHANGES_WITHOUT_PREVIOUS_DIGEST) : rows).map((r) => {
      const e = known.get(`${r.sessionId}\u0000${r.petitionId}`)!;
      return { id: r.petitionId, title: groupTitle(e.group, lang), from: statusLabel(r.fromStatus ?? "", lang), to: statusLabel(r.toStatus, lang), at: r.at };
    });
    return { countsByStatus, changes };
  }
}

function searchKeys(g: PetitionGroup): string[] {
  const keys = new Set<string>();
  const add = (s: string) => {
    const k = key(s);
    if (k) keys.add(k);
  };
  const n = g.id.replace(/^KN-0*/, "");
  [g.id, `kn${n}`, `kn ${n}`, g.titleEn, g.toLabel, g.countDisplay, String(g.count), ...g.keys].forEach(add);
  for (const t of g.topics) {
    add(t);
    t.split(/,\s*/).forEach(add);
    for (const abbr of TOPIC_ABBREVIATIONS[key(t)] ?? []) add(abbr);
  }
  if (g.to === "government") ["chính phủ", "government"].forEach(add);
  else ["bộ ngành", "các bộ ngành", "bộ", "ministries", "ministry", toLabel(g, "en")].forEach(add);
  if (g.origin === "new") ["kiến nghị mới", "mới", "new"].forEach(add);
  else ["tồn đọng", "kiến nghị cũ", "nhiều năm", "long standing", "outstanding"].forEach(add);
  add(countLabel(g, "en"));
  return [...keys];
}

