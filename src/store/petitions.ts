// Petition status history (migration 2). Every change is one appended row; the current status of
// a petition is its latest row. The state the source records is the first row of each history.
//
// Two admins updating one petition at once, on one machine or two: `append` reads the current
// status, checks the change and appends inside one transaction that holds the petition's lock
// (SQLite: the file's write lock, BEGIN IMMEDIATE; PostgreSQL: pg_advisory_xact_lock on the
// petition, released at commit). The second update waits for the first and starts from the
// status it left, so both are recorded, in order, and neither is based on a stale read.
import { LOCK_NAMESPACE } from "./locks.js";
import type { Sql } from "./sql.js";

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
  /** An ordinary change, an admin's undo of the latest change, or an admin's correction. */
  kind: PetitionChangeKind;
  /** The row an undo or a correction is about. */
  correctsSeq: number | null;
}

export type PetitionChangeKind = "change" | "undo" | "correction";

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
  kind?: PetitionChangeKind;
  correctsSeq?: number | null;
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
  kind?: string | null;
  corrects_seq?: number | string | null;
}

const toRow = (r: RawRow): PetitionHistoryRow => ({
  seq: Number(r.seq),
  sessionId: r.session_id,
  petitionId: r.petition_id,
  at: r.at,
  by: r.by,
  byName: r.by_name,
  fromStatus: r.from_status,
  toStatus: r.to_status,
  note: r.note,
  reference: r.reference,
  fromSource: Number(r.from_source) === 1,
  kind: r.kind === "undo" || r.kind === "correction" ? r.kind : "change",
  correctsSeq: r.corrects_seq === null || r.corrects_seq === undefined ? null : Number(r.corrects_seq),
});

const LATEST = 'SELECT * FROM petition_history WHERE session_id = $1 AND petition_id = $2 ORDER BY seq DESC LIMIT 1';

export class PetitionStore {
  constructor(private readonly sql: Sql) {}

  /** Records the source's state as the first row of each petition that has no history yet. Returns how many were added. */
  async seedFromSource(seeds: readonly SourceSeed[]): Promise<number> {
    // The partial unique index (one source row per petition) settles two workers seeding at once.
    const conflict = this.sql.dialect === "postgres" ? " ON CONFLICT (session_id, petition_id) WHERE from_source = 1 DO NOTHING" : "";
    return this.sql.transaction(async (tx) => {
      let added = 0;
      for (const s of seeds) {
        const r = await tx.run(
          `INSERT INTO petition_history (session_id, petition_id, at, "by", from_status, to_status, note, from_source)
           SELECT $1, $2, $3, $4, NULL, $5, $6, 1
           WHERE NOT EXISTS (SELECT 1 FROM petition_history WHERE session_id = $1 AND petition_id = $2)${conflict}`,
          [s.sessionId, s.petitionId, s.at, s.by, s.status, s.note],
        );
        added += r.changes;
      }
      return added;
    });
  }

  async history(key: PetitionKey): Promise<PetitionHistoryRow[]> {
    return (await this.sql.all<RawRow>("SELECT * FROM petition_history WHERE session_id = $1 AND petition_id = $2 ORDER BY seq", [key.sessionId, key.petitionId])).map(toRow);
  }

  /** How many history rows a petition has (for paging). */
  async historyCount(key: PetitionKey): Promise<number> {
    const r = await this.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM petition_history WHERE session_id = $1 AND petition_id = $2", [key.sessionId, key.petitionId]);
    return Number(r?.n ?? 0);
  }

  /** One page of a petition's history, oldest first: rows `offset` … `offset + limit - 1`. */
  async historyPage(key: PetitionKey, offset: number, limit: number): Promise<PetitionHistoryRow[]> {
    const rows = await this.sql.all<RawRow>("SELECT * FROM petition_history WHERE session_id = $1 AND petition_id = $2 ORDER BY seq LIMIT $3 OFFSET $4", [
      key.sessionId,
      key.petitionId,
      Math.max(0, Math.floor(limit)),
      Math.max(0, Math.floor(offset)),
    ]);
    return rows.map(toRow);
  }

  async current(key: PetitionKey): Promise<PetitionHistoryRow | undefined> {
    const r = await this.sql.get<RawRow>(LATEST, [key.sessionId, key.petitionId]);
    return r && toRow(r);
  }

  /** The latest row of every petition that has a history. */
  async currentAll(): Promise<PetitionHistoryRow[]> {
    const rows = await this.sql.all<RawRow>(
      `SELECT h.* FROM petition_history h
       JOIN (SELECT MAX(seq) AS seq FROM petition_history GROUP BY session_id, petition_id) m ON m.seq = h.seq
       ORDER BY h.session_id, h.petition_id`,
    );
    return rows.map(toRow);
  }

  /** Changes made after the source (not the source rows), strictly after `sinceIso` when given, oldest first. */
  async changesSince(sinceIso: string | null): Promise<PetitionHistoryRow[]> {
    const rows =
      sinceIso === null
        ? await this.sql.all<RawRow>("SELECT * FROM petition_history WHERE from_source = 0 ORDER BY seq")
        : await this.sql.all<RawRow>("SELECT * FROM petition_history WHERE from_source = 0 AND at > $1 ORDER BY seq", [new Date(sinceIso).toISOString()]);
    return rows.map(toRow);
  }

  /**
   * Appends a status change: under the petition's lock (see the top of this file), reads the
   * current status, asks `check` whether the change from it is allowed, and appends. Inside a
   * unit of work (Store#unitOfWork) it is part of the caller's transaction.
   */
  async append<R>(req: AppendRequest, check: (current: PetitionHistoryRow | undefined) => R | null): Promise<AppendResult<R>> {
    return this.sql.transaction(async (tx): Promise<AppendResult<R>> => {
      if (tx.dialect === "postgres") await tx.run("SELECT pg_advisory_xact_lock($1, hashtext($2))", [LOCK_NAMESPACE.petition, `${req.sessionId}/${req.petitionId}`]);
      const raw = await tx.get<RawRow>(LATEST, [req.sessionId, req.petitionId]);
      const current = raw && toRow(raw);
      const refusal = check(current);
      if (refusal !== null) return { ok: false, current, refusal };
      const inserted = await tx.get<RawRow>(
        `INSERT INTO petition_history (session_id, petition_id, at, "by", by_name, from_status, to_status, note, reference, from_source, kind, corrects_seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $11) RETURNING *`,
        [req.sessionId, req.petitionId, req.at, req.by, req.byName ?? null, current?.toStatus ?? null, req.toStatus, req.note ?? null, req.reference ?? null, req.kind ?? "change", req.correctsSeq ?? null],
      );
      return { ok: true, row: toRow(inserted!), previous: current };
    });
  }
}
