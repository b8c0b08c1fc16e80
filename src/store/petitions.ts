// Petition status history (migration 2). Every change is one appended row; the current status of
// a petition is its latest row. The state the source records is the first row of each history.
import type { Db } from "./db.js";
import type { Store } from "./store.js";

export interface PetitionKey {
  sessionId: string;
  petitionId: string;
}

export interface PetitionHistoryRow extends PetitionKey {
  /** Order of appending, across all petitions. */
  seq: number;
  /** ISO 8601 UTC. */
  at: string;
  /** Who: a platform-qualified user id, or "nguồn: báo cáo buổi làm việc" for the source's row. */
  by: string;
  byName: string | null;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  /** A document number or a link, when there is one. */
  reference: string | null;
  /** True for the row that records what the source says. */
  fromSource: boolean;
}

export interface SourceSeed extends PetitionKey {
  status: string;
  note: string;
  by: string;
  at: string;
}

export interface AppendRequest extends PetitionKey {
  toStatus: string;
  at: string;
  by: string;
  byName?: string | null;
  note?: string | null;
  reference?: string | null;
}

export type AppendResult<R> = { ok: true; row: PetitionHistoryRow; previous: PetitionHistoryRow | undefined } | { ok: false; current: PetitionHistoryRow | undefined; refusal: R };

interface RawRow {
  seq: number;
  session_id: string;
  petition_id: string;
  at: string;
  by: string;
  by_name: string | null;
  from_status: string | null;
  to_status: string;
  note: string | null;
  reference: string | null;
  from_source: number;
}

const toRow = (r: RawRow): PetitionHistoryRow => ({
  seq: r.seq,
  sessionId: r.session_id,
  petitionId: r.petition_id,
  at: r.at,
  by: r.by,
  byName: r.by_name,
  fromStatus: r.from_status,
  toStatus: r.to_status,
  note: r.note,
  reference: r.reference,
  fromSource: r.from_source === 1,
});

export class PetitionStore {
  private readonly q;

  constructor(private readonly db: Db) {
    this.q = {
      seed: db.prepare(
        `INSERT INTO petition_history (session_id, petition_id, at, by, from_status, to_status, note, from_source)
         SELECT @sessionId, @petitionId, @at, @by, NULL, @status, @note, 1
         WHERE NOT EXISTS (SELECT 1 FROM petition_history WHERE session_id = @sessionId AND petition_id = @petitionId)`,
      ),
      history: db.prepare("SELECT * FROM petition_history WHERE session_id = ? AND petition_id = ? ORDER BY seq"),
      latest: db.prepare("SELECT * FROM petition_history WHERE session_id = ? AND petition_id = ? ORDER BY seq DESC LIMIT 1"),
      latestAll: db.prepare(
        `SELECT h.* FROM petition_history h
         JOIN (SELECT MAX(seq) AS seq FROM petition_history GROUP BY session_id, petition_id) m ON m.seq = h.seq
         ORDER BY h.session_id, h.petition_id`,
      ),
      changesSince: db.prepare("SELECT * FROM petition_history WHERE from_source = 0 AND at > ? ORDER BY seq"),
      allChanges: db.prepare("SELECT * FROM petition_history WHERE from_source = 0 ORDER BY seq"),
      insert: db.prepare(
        `INSERT INTO petition_history (session_id, petition_id, at, by, by_name, from_status, to_status, note, reference, from_source)
         VALUES (@sessionId, @petitionId, @at, @by, @byName, @fromStatus, @toStatus, @note, @reference, 0)`,
      ),
      bySeq: db.prepare("SELECT * FROM petition_history WHERE seq = ?"),
    };
  }

  /** Records the source's state as the first row of each petition that has no history yet. Returns how many were added. */
  seedFromSource(seeds: readonly SourceSeed[]): number {
    const run = this.db.transaction((all: readonly SourceSeed[]) => {
      let added = 0;
      for (const s of all) added += this.q.seed.run({ sessionId: s.sessionId, petitionId: s.petitionId, at: s.at, by: s.by, status: s.status, note: s.note }).changes;
      return added;
    });
    return run.immediate(seeds);
  }

  history(key: PetitionKey): PetitionHistoryRow[] {
    return (this.q.history.all(key.sessionId, key.petitionId) as RawRow[]).map(toRow);
  }

  current(key: PetitionKey): PetitionHistoryRow | undefined {
    const r = this.q.latest.get(key.sessionId, key.petitionId) as RawRow | undefined;
    return r && toRow(r);
  }

  /** The latest row of every petition that has a history. */
  currentAll(): PetitionHistoryRow[] {
    return (this.q.latestAll.all() as RawRow[]).map(toRow);
  }

  /** Changes made after the source (not the source rows), strictly after `sinceIso` when given, oldest first. */
  changesSince(sinceIso: string | null): PetitionHistoryRow[] {
    const rows = sinceIso === null ? this.q.allChanges.all() : this.q.changesSince.all(new Date(sinceIso).toISOString());
    return (rows as RawRow[]).map(toRow);
  }

  /**
   * Appends a status change. In one IMMEDIATE transaction: reads the current status, asks `check`
   * whether the change from it is allowed, and appends. A second writer (another process on the
   * same file) waits for the first, so two updates at once are both recorded, in order, each
   * with the status the other left as its `from`.
   */
  append<R>(req: AppendRequest, check: (current: PetitionHistoryRow | undefined) => R | null): AppendResult<R> {
    const run = this.db.transaction((): AppendResult<R> => {
      const current = this.current(req);
      const refusal = check(current);
      if (refusal !== null) return { ok: false, current, refusal };
      const info = this.q.insert.run({
        sessionId: req.sessionId,
        petitionId: req.petitionId,
        at: req.at,
        by: req.by,
        byName: req.byName ?? null,
        fromStatus: current?.toStatus ?? null,
        toStatus: req.toStatus,
        note: req.note ?? null,
        reference: req.reference ?? null,
      });
      const row = toRow(this.q.bySeq.get(Number(info.lastInsertRowid)) as RawRow);
      return { ok: true, row, previous: current };
    });
    return run.immediate();
  }
}

const perStore = new WeakMap<Store, PetitionStore>();

/** The petition history of a store (opens the store's file on first use). */
export function petitionStoreOf(store: Store): PetitionStore {
  let p = perStore.get(store);
  if (!p) perStore.set(store, (p = new PetitionStore(store.db)));
  return p;
}
