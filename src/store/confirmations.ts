// Admin actions waiting for their confirmation (issue 14): "/kiennghi capnhat KN-01 …" shows what
// will change and stores the change here behind a random nonce, as suggestion buttons keep long
// inputs (src/store/buttons.ts): the button carries only the nonce, so any worker can confirm it,
// it expires, and an old one can only resolve to its own action or to nothing. A confirmation is
// used once: `take` marks it used in the caller's transaction (the one that appends the change and
// claims the platform update), so a second press, a replayed update or another worker finds it used.
import type { Clock } from "../clock.js";
import { newNonce } from "./buttons.js";
import { fromJsonColumn, toJsonColumn, type JsonObject } from "./json.js";
import { ms, type Sql } from "./sql.js";

/** How long a confirmation button stays valid. */
export const CONFIRMATION_TTL_MS = 15 * 60_000;
/** Used and expired confirmations are kept this long after they expire, to say why a late press does nothing. */
const KEPT_AFTER_EXPIRY_MS = 24 * 3600_000;

export interface PendingConfirmation {
  nonce: string;
  /** What kind of action: "petition". */
  action: string;
  chatId: string;
  /** Platform-qualified id of the admin who asked; only they can confirm. */
  userId: string;
  payload: JsonObject;
  createdAt: Date;
  expiresAt: Date;
}

export type TakeResult =
  | { ok: true; pending: PendingConfirmation }
  | { ok: false; reason: "unknown" | "expired" | "used" | "other_user"; pending?: PendingConfirmation };

export interface ConfirmationStore {
  /** Stores an action awaiting confirmation for `ttlMs` (by the store's clock, as `take` judges it); returns its nonce (22 characters of base64url). */
  put(req: { action: string; chatId: string; userId: string; payload: JsonObject; ttlMs: number }): Promise<string>;
  /** The action behind `nonce` without using it (undefined when unknown). */
  peek(nonce: string): Promise<(PendingConfirmation & { usedAt: Date | null; outcome: string | null }) | undefined>;
  /**
   * Uses the confirmation `nonce` for `userId`: it must exist, be unexpired, unused and theirs.
   * Marked used with `outcome` ("applied", "refused", "cancelled"); inside a unit of work, in the
   * caller's transaction.
   */
  take(nonce: string, userId: string, outcome: string): Promise<TakeResult>;
  /** Deletes confirmations expired more than a day ago; returns how many. */
  purgeExpired(now?: Date): Promise<number>;
}

interface Raw {
  nonce: string;
  action: string;
  chat_id: string;
  user_id: string;
  payload: unknown;
  created_at: number | string;
  expires_at: number | string;
  used_at: number | string | null;
  outcome: string | null;
}

const toPending = (r: Raw): PendingConfirmation & { usedAt: Date | null; outcome: string | null } => ({
  nonce: r.nonce,
  action: r.action,
  chatId: r.chat_id,
  userId: r.user_id,
  payload: fromJsonColumn<JsonObject>(r.payload),
  createdAt: new Date(Number(r.created_at)),
  expiresAt: new Date(Number(r.expires_at)),
  usedAt: r.used_at === null ? null : new Date(Number(r.used_at)),
  outcome: r.outcome,
});

/** A nonce as this store makes them: anything else is not looked up. */
export const CONFIRMATION_NONCE = /^[A-Za-z0-9_-]{22}$/;

export class SqlConfirmations implements ConfirmationStore {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
  ) {}

  async put(req: { action: string; chatId: string; userId: string; payload: JsonObject; ttlMs: number }): Promise<string> {
    const nonce = newNonce();
    const now = ms(this.clock.now());
    await this.sql.run(
      "INSERT INTO pending_confirmations (nonce, action, chat_id, user_id, payload, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      [nonce, req.action, req.chatId, req.userId, toJsonColumn(req.payload), now, now + req.ttlMs],
    );
    return nonce;
  }

  async peek(nonce: string) {
    if (!CONFIRMATION_NONCE.test(nonce)) return undefined;
    const row = await this.sql.get<Raw>("SELECT * FROM pending_confirmations WHERE nonce = $1", [nonce]);
    return row && toPending(row);
  }

  async take(nonce: string, userId: string, outcome: string): Promise<TakeResult> {
    return this.sql.transaction(async (tx): Promise<TakeResult> => {
      if (!CONFIRMATION_NONCE.test(nonce)) return { ok: false, reason: "unknown" };
      const row = await tx.get<Raw>("SELECT * FROM pending_confirmations WHERE nonce = $1", [nonce]);
      if (!row) return { ok: false, reason: "unknown" };
      const pending = toPending(row);
      if (pending.usedAt) return { ok: false, reason: "used", pending };
      if (pending.expiresAt.getTime() <= this.clock.now().getTime()) return { ok: false, reason: "expired", pending };
      if (pending.userId !== userId) return { ok: false, reason: "other_user", pending };
      // Two presses at once (two workers): the second finds used_at set and changes nothing.
      const r = await tx.run("UPDATE pending_confirmations SET used_at = $2, outcome = $3 WHERE nonce = $1 AND used_at IS NULL", [nonce, ms(this.clock.now()), outcome]);
      if (r.changes !== 1) return { ok: false, reason: "used", pending };
      return { ok: true, pending };
    });
  }

  /** Records the outcome of a confirmation already taken (e.g. "refused" when the change was no longer allowed). */
  async setOutcome(nonce: string, outcome: string): Promise<void> {
    await this.sql.run("UPDATE pending_confirmations SET outcome = $2 WHERE nonce = $1", [nonce, outcome]);
  }

  async purgeExpired(now: Date = this.clock.now()): Promise<number> {
    return (await this.sql.run("DELETE FROM pending_confirmations WHERE expires_at <= $1", [ms(now) - KEPT_AFTER_EXPIRY_MS])).changes;
  }
}
