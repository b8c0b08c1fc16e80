// Digest subscriptions and deliveries: every SQL statement the digest needs, behind typed functions.
//
// Exactly once per chat per local day — the claim protocol
// ---------------------------------------------------------
// A delivery row is keyed UNIQUE(chat_id, local_date). Its life:
//
//   (none) --claim--> claimed --markSending--> sending --markSent--> sent
//                        |                        |--markUnknown--> unknown   (never retried)
//                        |                        `--markFailed--> failed --claim (next tick)--> claimed ...
//                        `-- (stale: owner died before sending) --claim--> claimed (new token)
//
// * The claim checks and writes in one step: on SQLite inside one BEGIN IMMEDIATE transaction
//   (the write lock is held from the check to the write); on PostgreSQL in one statement,
//   INSERT … ON CONFLICT DO UPDATE … WHERE <claimable> RETURNING, where the row lock taken by the
//   conflict decides between two workers. Two ticks, two schedulers or two workers cannot both
//   claim the same (chat, day). The UNIQUE constraint backs this up at the schema level.
// * Every claim gets a fresh random token. `markSending` flips `claimed` → `sending` only if the row
//   still carries the caller's token, in one UPDATE. The sender is called only after that flip
//   succeeded. So a row still `claimed` proves nobody has called the platform for it yet.
// * A `claimed` row older than the stale limit (its owner crashed or hung between claim and send)
//   may be claimed again with a new token. That is safe: the old owner can no longer flip it to
//   `sending` (its token is gone), hence can never send it.
// * A `sending` row whose owner died, and an `unknown` one (the platform never confirmed: a
//   network error after the request was written, a timeout), are *uncertain*: the message may
//   have arrived. They are never retried: the chat may miss that day's digest, but never gets two.
// * `failed` means the platform refused it before delivering anything; it is claimed again on a
//   later tick, up to a maximum number of attempts.
import type { Sql } from "./sql.js";

export type DeliveryStatus = "claimed" | "sending" | "sent" | "failed" | "unknown";
export type SubscriptionLang = "vi" | "en";

export interface Subscription {
  chatId: string;
  /** "HH:MM", 24-hour, local to `timezone`. */
  time: string;
  /** IANA time zone name, e.g. "Asia/Ho_Chi_Minh". */
  timezone: string;
  lang: SubscriptionLang;
  /** ISO instants (UTC). */
  createdAt: string;
  updatedAt: string;
}

export interface Delivery {
  chatId: string;
  /** The chat's local calendar day, "yyyy-MM-dd". */
  localDate: string;
  status: DeliveryStatus;
  attempts: number;
  claimToken: string;
  claimedAt: string;
  sendStartedAt: string | null;
  sentAt: string | null;
  failedAt: string | null;
  lastError: string | null;
  /** When the send ended without a verdict (status "unknown"). */
  unknownAt: string | null;
}

export interface UpsertSubscriptionInput {
  chatId: string;
  time: string;
  timezone: string;
  lang: SubscriptionLang;
  now: Date;
}

export interface UpsertSubscriptionResult {
  subscription: Subscription;
  /** The subscription before this call; null when the chat was not subscribed. */
  previous: Subscription | null;
}

export interface ClaimInput {
  chatId: string;
  localDate: string;
  /** A fresh random value identifying this claim (fencing token). */
  token: string;
  now: Date;
  /** A `claimed` row claimed before this instant is considered abandoned and may be claimed again. */
  staleBefore: Date;
  /** A `failed` row with this many attempts is not tried again that day. */
  maxAttempts: number;
}

export type ClaimResult =
  | { ok: true; attempt: number; reclaimedStale: boolean }
  | { ok: false; reason: "unsubscribed" | "already_sent" | "in_progress" | "uncertain" | "gave_up"; delivery?: Delivery };

interface SubscriptionRow {
  chat_id: string;
  time: string;
  timezone: string;
  lang: string;
  created_at: string;
  updated_at: string;
}

interface DeliveryRow {
  chat_id: string;
  local_date: string;
  status: string;
  attempts: number;
  claim_token: string;
  claimed_at: string;
  send_started_at: string | null;
  sent_at: string | null;
  failed_at: string | null;
  last_error: string | null;
  unknown_at: string | null;
}

function toSubscription(r: SubscriptionRow): Subscription {
  return {
    chatId: r.chat_id,
    time: r.time,
    timezone: r.timezone,
    lang: r.lang === "en" ? "en" : "vi",
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toDelivery(r: DeliveryRow): Delivery {
  return {
    chatId: r.chat_id,
    localDate: r.local_date,
    status: r.status as DeliveryStatus,
    attempts: r.attempts,
    claimToken: r.claim_token,
    claimedAt: r.claimed_at,
    sendStartedAt: r.send_started_at,
    sentAt: r.sent_at,
    failedAt: r.failed_at,
    lastError: r.last_error,
    unknownAt: r.unknown_at ?? null,
  };
}

const TIME_RE = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

const GET_SUB = "SELECT * FROM digest_subscriptions WHERE chat_id = $1";
const GET_DELIVERY = "SELECT * FROM digest_deliveries WHERE chat_id = $1 AND local_date = $2";
const RECLAIM = `UPDATE digest_deliveries
    SET status = 'claimed', attempts = attempts + 1, claim_token = $1, claimed_at = $2, send_started_at = NULL
  WHERE chat_id = $3 AND local_date = $4`;

/**
 * PostgreSQL's claim in one statement: insert the claim, or take over a failed (under the attempt
 * limit) or stale row; anything else is left alone and returns no row. `before` reads the row as
 * the statement found it, only to tell a stale takeover apart in the log.
 */
const PG_CLAIM = `
  WITH before AS (SELECT status FROM digest_deliveries WHERE chat_id = $1 AND local_date = $2),
  claimed AS (
    INSERT INTO digest_deliveries (chat_id, local_date, status, attempts, claim_token, claimed_at)
    SELECT $1, $2, 'claimed', 1, $3, $4 WHERE EXISTS (SELECT 1 FROM digest_subscriptions WHERE chat_id = $1)
    ON CONFLICT (chat_id, local_date) DO UPDATE
      SET status = 'claimed', attempts = digest_deliveries.attempts + 1, claim_token = EXCLUDED.claim_token,
          claimed_at = EXCLUDED.claimed_at, send_started_at = NULL
      WHERE (digest_deliveries.status = 'failed' AND digest_deliveries.attempts < $6)
         OR (digest_deliveries.status = 'claimed' AND digest_deliveries.claimed_at < $5)
    RETURNING attempts
  )
  SELECT claimed.attempts, (SELECT status FROM before) AS before_status FROM claimed`;

export class SubscriptionStore {
  constructor(private readonly sql: Sql) {}

  async getSubscription(chatId: string): Promise<Subscription | null> {
    const row = await this.sql.get<SubscriptionRow>(GET_SUB, [chatId]);
    return row ? toSubscription(row) : null;
  }

  /** Every subscription, earliest time first. */
  async listSubscriptions(): Promise<Subscription[]> {
    return (await this.sql.all<SubscriptionRow>("SELECT * FROM digest_subscriptions ORDER BY time, chat_id")).map(toSubscription);
  }

  /** Subscribes a chat, or changes its time (and zone, language) if it already is. `createdAt` is kept. */
  async upsertSubscription(input: UpsertSubscriptionInput): Promise<UpsertSubscriptionResult> {
    if (!TIME_RE.test(input.time)) throw new Error(`invalid digest time "${input.time}" (expected HH:MM)`);
    const now = input.now.toISOString();
    return this.sql.transaction(async (tx) => {
      // FOR UPDATE on PostgreSQL: two workers subscribing one chat at once each see the other's row.
      const lock = tx.dialect === "postgres" ? " FOR UPDATE" : "";
      const before = await tx.get<SubscriptionRow>(GET_SUB + lock, [input.chatId]);
      if (before) {
        await tx.run("UPDATE digest_subscriptions SET time = $1, timezone = $2, lang = $3, updated_at = $4 WHERE chat_id = $5", [input.time, input.timezone, input.lang, now, input.chatId]);
      } else {
        await tx.run(
          `INSERT INTO digest_subscriptions (chat_id, time, timezone, lang, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
           ON CONFLICT (chat_id) DO UPDATE SET time = EXCLUDED.time, timezone = EXCLUDED.timezone, lang = EXCLUDED.lang, updated_at = EXCLUDED.updated_at`,
          [input.chatId, input.time, input.timezone, input.lang, now],
        );
      }
      const after = await tx.get<SubscriptionRow>(GET_SUB, [input.chatId]);
      return { subscription: toSubscription(after!), previous: before ? toSubscription(before) : null };
    });
  }

  /** Unsubscribes; false when the chat was not subscribed. Delivery history is kept. */
  async deleteSubscription(chatId: string): Promise<boolean> {
    return (await this.sql.run("DELETE FROM digest_subscriptions WHERE chat_id = $1", [chatId])).changes > 0;
  }

  async getDelivery(chatId: string, localDate: string): Promise<Delivery | null> {
    const row = await this.sql.get<DeliveryRow>(GET_DELIVERY, [chatId, localDate]);
    return row ? toDelivery(row) : null;
  }

  async listDeliveries(chatId: string): Promise<Delivery[]> {
    return (await this.sql.all<DeliveryRow>("SELECT * FROM digest_deliveries WHERE chat_id = $1 ORDER BY local_date", [chatId])).map(toDelivery);
  }

  /** The chat's most recent delivered digest (optionally only those of days before `beforeLocalDate`). */
  async lastSentDelivery(chatId: string, beforeLocalDate?: string): Promise<Delivery | null> {
    const row = beforeLocalDate
      ? await this.sql.get<DeliveryRow>("SELECT * FROM digest_deliveries WHERE chat_id = $1 AND status = 'sent' AND local_date < $2 ORDER BY local_date DESC LIMIT 1", [chatId, beforeLocalDate])
      : await this.sql.get<DeliveryRow>("SELECT * FROM digest_deliveries WHERE chat_id = $1 AND status = 'sent' ORDER BY local_date DESC LIMIT 1", [chatId]);
    return row ? toDelivery(row) : null;
  }

  /** How many deliveries of `localDate` are in each status (operators, tests). */
  async countByStatus(localDate: string): Promise<Partial<Record<DeliveryStatus, number>>> {
    const rows = await this.sql.all<{ status: DeliveryStatus; n: number }>("SELECT status, COUNT(*) AS n FROM digest_deliveries WHERE local_date = $1 GROUP BY status", [localDate]);
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /**
   * Checks and claims the (chat, day) delivery in one step (see the top of this file). Only a
   * successful claim may go on to `markSending` and send.
   */
  async claimDelivery(input: ClaimInput): Promise<ClaimResult> {
    if (!DATE_RE.test(input.localDate)) throw new Error(`invalid local date "${input.localDate}"`);
    if (this.sql.dialect === "postgres") return this.claimPostgres(input);
    const now = input.now.toISOString();
    const staleBefore = input.staleBefore.toISOString();
    return this.sql.transaction(async (tx): Promise<ClaimResult> => {
      // Unsubscribed since the caller listed it (by /bantin huy, or another process): nothing to send.
      if (!(await tx.get(GET_SUB, [input.chatId]))) return { ok: false, reason: "unsubscribed" };
      const row = await tx.get<DeliveryRow>(GET_DELIVERY, [input.chatId, input.localDate]);
      if (!row) {
        await tx.run("INSERT INTO digest_deliveries (chat_id, local_date, status, attempts, claim_token, claimed_at) VALUES ($1, $2, 'claimed', 1, $3, $4)", [
          input.chatId,
          input.localDate,
          input.token,
          now,
        ]);
        return { ok: true, attempt: 1, reclaimedStale: false };
      }
      const verdict = refusal(toDelivery(row), staleBefore, input.maxAttempts);
      if (verdict) return verdict;
      await tx.run(RECLAIM, [input.token, now, input.chatId, input.localDate]);
      return { ok: true, attempt: row.attempts + 1, reclaimedStale: row.status === "claimed" };
    });
  }

  private async claimPostgres(input: ClaimInput): Promise<ClaimResult> {
    const staleBefore = input.staleBefore.toISOString();
    const won = await this.sql.get<{ attempts: number; before_status: string | null }>(PG_CLAIM, [
      input.chatId,
      input.localDate,
      input.token,
      input.now.toISOString(),
      staleBefore,
      input.maxAttempts,
    ]);
    if (won) return { ok: true, attempt: won.attempts, reclaimedStale: won.before_status === "claimed" };
    // Not claimed: say why (read afterwards, for the caller's log; the statement above decided).
    if (!(await this.getSubscription(input.chatId))) return { ok: false, reason: "unsubscribed" };
    const d = await this.getDelivery(input.chatId, input.localDate);
    return (d && refusal(d, staleBefore, input.maxAttempts)) || { ok: false, reason: "in_progress", ...(d ? { delivery: d } : {}) };
  }

  /**
   * claimed → sending, only for the holder of `token`. Call it right before handing the message to
   * the platform; false means the claim was lost (taken over as stale) and nothing must be sent.
   */
  async markSending(chatId: string, localDate: string, token: string, now: Date): Promise<boolean> {
    const r = await this.sql.run(
      "UPDATE digest_deliveries SET status = 'sending', send_started_at = $1 WHERE chat_id = $2 AND local_date = $3 AND claim_token = $4 AND status = 'claimed'",
      [now.toISOString(), chatId, localDate, token],
    );
    return r.changes === 1;
  }

  /** sending → sent. */
  async markSent(chatId: string, localDate: string, token: string, now: Date): Promise<boolean> {
    const r = await this.sql.run(
      "UPDATE digest_deliveries SET status = 'sent', sent_at = $1, last_error = NULL WHERE chat_id = $2 AND local_date = $3 AND claim_token = $4 AND status = 'sending'",
      [now.toISOString(), chatId, localDate, token],
    );
    return r.changes === 1;
  }

  /** claimed/sending → failed: the platform refused it, so nothing was delivered; a later tick may retry. */
  async markFailed(chatId: string, localDate: string, token: string, now: Date, error: string): Promise<boolean> {
    const r = await this.sql.run(
      "UPDATE digest_deliveries SET status = 'failed', failed_at = $1, last_error = $2 WHERE chat_id = $3 AND local_date = $4 AND claim_token = $5 AND status IN ('claimed', 'sending')",
      [now.toISOString(), error.slice(0, 500), chatId, localDate, token],
    );
    return r.changes === 1;
  }

  /**
   * sending → unknown: the send was handed over and no verdict came back (a network error after
   * the request was written, a timeout). It may have arrived, so it is never sent again that day.
   */
  async markUnknown(chatId: string, localDate: string, token: string, now: Date, error: string): Promise<boolean> {
    const r = await this.sql.run(
      "UPDATE digest_deliveries SET status = 'unknown', unknown_at = $1, last_error = $2 WHERE chat_id = $3 AND local_date = $4 AND claim_token = $5 AND status = 'sending'",
      [now.toISOString(), error.slice(0, 500), chatId, localDate, token],
    );
    return r.changes === 1;
  }
}

/** Why an existing delivery row may not be claimed now; undefined when it may. */
function refusal(d: Delivery, staleBeforeIso: string, maxAttempts: number): ClaimResult | undefined {
  switch (d.status) {
    case "sent":
      return { ok: false, reason: "already_sent", delivery: d };
    case "sending":
    case "unknown":
      return { ok: false, reason: "uncertain", delivery: d };
    case "claimed":
      return d.claimedAt >= staleBeforeIso ? { ok: false, reason: "in_progress", delivery: d } : undefined;
    case "failed":
      return d.attempts >= maxAttempts ? { ok: false, reason: "gave_up", delivery: d } : undefined;
  }
}
