// Digest subscriptions and deliveries: every SQL statement the digest needs, behind typed functions.
//
// Exactly once per chat per local day — the claim protocol
// ---------------------------------------------------------
// A delivery row is keyed UNIQUE(chat_id, local_date). Its life:
//
//   (none) --claim--> claimed --markSending--> sending --markSent--> sent
//                        |                        `--markFailed--> failed --claim (next tick)--> claimed ...
//                        `-- (stale: owner died before sending) --claim--> claimed (new token)
//
// * `claimDelivery` reads the row and writes the claim inside one BEGIN IMMEDIATE transaction, so
//   it holds SQLite's write lock from the check to the write: two ticks, two schedulers or two
//   processes on the same file cannot both claim the same (chat, day). The UNIQUE constraint backs
//   this up at the schema level.
// * Every claim gets a fresh random token. `markSending` flips `claimed` → `sending` only if the row
//   still carries the caller's token, in one UPDATE. The sender is called only after that flip
//   succeeded. So a row still `claimed` proves nobody has called the platform for it yet.
// * A `claimed` row older than the stale limit (its owner crashed or hung between claim and send)
//   may be claimed again with a new token. That is safe: the old owner can no longer flip it to
//   `sending` (its token is gone), hence can never send it.
// * A `sending` row whose owner died is *uncertain*: the message may have reached the platform. It
//   is never retried: the chat may miss that day's digest, but never gets two.
// * `failed` means the platform answered with an error (nothing was delivered); it is claimed
//   again on a later tick, up to a maximum number of attempts.
import type { Db } from "./db.js";

export type DeliveryStatus = "claimed" | "sending" | "sent" | "failed";
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
  };
}

const TIME_RE = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export class SubscriptionStore {
  private readonly q;

  constructor(private readonly db: Db) {
    this.q = {
      getSub: db.prepare<[string], SubscriptionRow>("SELECT * FROM digest_subscriptions WHERE chat_id = ?"),
      listSubs: db.prepare<[], SubscriptionRow>("SELECT * FROM digest_subscriptions ORDER BY time, chat_id"),
      insertSub: db.prepare<[string, string, string, string, string, string]>(
        "INSERT INTO digest_subscriptions (chat_id, time, timezone, lang, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      updateSub: db.prepare<[string, string, string, string, string]>(
        "UPDATE digest_subscriptions SET time = ?, timezone = ?, lang = ?, updated_at = ? WHERE chat_id = ?",
      ),
      deleteSub: db.prepare<[string]>("DELETE FROM digest_subscriptions WHERE chat_id = ?"),
      getDelivery: db.prepare<[string, string], DeliveryRow>("SELECT * FROM digest_deliveries WHERE chat_id = ? AND local_date = ?"),
      insertClaim: db.prepare<[string, string, string, string]>(
        "INSERT INTO digest_deliveries (chat_id, local_date, status, attempts, claim_token, claimed_at) VALUES (?, ?, 'claimed', 1, ?, ?)",
      ),
      reclaim: db.prepare<[string, string, string, string]>(
        `UPDATE digest_deliveries
            SET status = 'claimed', attempts = attempts + 1, claim_token = ?, claimed_at = ?, send_started_at = NULL
          WHERE chat_id = ? AND local_date = ?`,
      ),
      markSending: db.prepare<[string, string, string, string]>(
        `UPDATE digest_deliveries SET status = 'sending', send_started_at = ?
          WHERE chat_id = ? AND local_date = ? AND claim_token = ? AND status = 'claimed'`,
      ),
      markSent: db.prepare<[string, string, string, string]>(
        `UPDATE digest_deliveries SET status = 'sent', sent_at = ?, last_error = NULL
          WHERE chat_id = ? AND local_date = ? AND claim_token = ? AND status = 'sending'`,
      ),
      markFailed: db.prepare<[string, string, string, string, string]>(
        `UPDATE digest_deliveries SET status = 'failed', failed_at = ?, last_error = ?
          WHERE chat_id = ? AND local_date = ? AND claim_token = ? AND status IN ('claimed', 'sending')`,
      ),
      lastSent: db.prepare<[string], DeliveryRow>(
        "SELECT * FROM digest_deliveries WHERE chat_id = ? AND status = 'sent' ORDER BY local_date DESC LIMIT 1",
      ),
      lastSentBefore: db.prepare<[string, string], DeliveryRow>(
        "SELECT * FROM digest_deliveries WHERE chat_id = ? AND status = 'sent' AND local_date < ? ORDER BY local_date DESC LIMIT 1",
      ),
      listDeliveries: db.prepare<[string], DeliveryRow>("SELECT * FROM digest_deliveries WHERE chat_id = ? ORDER BY local_date"),
    };
  }

  getSubscription(chatId: string): Subscription | null {
    const row = this.q.getSub.get(chatId);
    return row ? toSubscription(row) : null;
  }

  /** Every subscription, earliest time first. */
  listSubscriptions(): Subscription[] {
    return this.q.listSubs.all().map(toSubscription);
  }

  /** Subscribes a chat, or changes its time (and zone, language) if it already is. `createdAt` is kept. */
  upsertSubscription(input: UpsertSubscriptionInput): UpsertSubscriptionResult {
    if (!TIME_RE.test(input.time)) throw new Error(`invalid digest time "${input.time}" (expected HH:MM)`);
    const now = input.now.toISOString();
    const run = this.db.transaction((): UpsertSubscriptionResult => {
      const before = this.q.getSub.get(input.chatId);
      if (before) this.q.updateSub.run(input.time, input.timezone, input.lang, now, input.chatId);
      else this.q.insertSub.run(input.chatId, input.time, input.timezone, input.lang, now, now);
      return {
        subscription: toSubscription(this.q.getSub.get(input.chatId)!),
        previous: before ? toSubscription(before) : null,
      };
    });
    return run.immediate();
  }

  /** Unsubscribes; false when the chat was not subscribed. Delivery history is kept. */
  deleteSubscription(chatId: string): boolean {
    return this.q.deleteSub.run(chatId).changes > 0;
  }

  getDelivery(chatId: string, localDate: string): Delivery | null {
    const row = this.q.getDelivery.get(chatId, localDate);
    return row ? toDelivery(row) : null;
  }

  listDeliveries(chatId: string): Delivery[] {
    return this.q.listDeliveries.all(chatId).map(toDelivery);
  }

  /** The chat's most recent delivered digest (optionally only those of days before `beforeLocalDate`). */
  lastSentDelivery(chatId: string, beforeLocalDate?: string): Delivery | null {
    const row = beforeLocalDate ? this.q.lastSentBefore.get(chatId, beforeLocalDate) : this.q.lastSent.get(chatId);
    return row ? toDelivery(row) : null;
  }

  /**
   * Checks and claims the (chat, day) delivery in one IMMEDIATE transaction (see the top of this
   * file). Only a successful claim may go on to `markSending` and send.
   */
  claimDelivery(input: ClaimInput): ClaimResult {
    if (!DATE_RE.test(input.localDate)) throw new Error(`invalid local date "${input.localDate}"`);
    const now = input.now.toISOString();
    const staleBefore = input.staleBefore.toISOString();
    const run = this.db.transaction((): ClaimResult => {
      // Unsubscribed since the caller listed it (by /bantin huy, or another process): nothing to send.
      if (!this.q.getSub.get(input.chatId)) return { ok: false, reason: "unsubscribed" };
      const row = this.q.getDelivery.get(input.chatId, input.localDate);
      if (!row) {
        this.q.insertClaim.run(input.chatId, input.localDate, input.token, now);
        return { ok: true, attempt: 1, reclaimedStale: false };
      }
      const delivery = toDelivery(row);
      switch (delivery.status) {
        case "sent":
          return { ok: false, reason: "already_sent", delivery };
        case "sending":
          return { ok: false, reason: "uncertain", delivery };
        case "claimed":
          if (delivery.claimedAt >= staleBefore) return { ok: false, reason: "in_progress", delivery };
          this.q.reclaim.run(input.token, now, input.chatId, input.localDate);
          return { ok: true, attempt: delivery.attempts + 1, reclaimedStale: true };
        case "failed":
          if (delivery.attempts >= input.maxAttempts) return { ok: false, reason: "gave_up", delivery };
          this.q.reclaim.run(input.token, now, input.chatId, input.localDate);
          return { ok: true, attempt: delivery.attempts + 1, reclaimedStale: false };
      }
    });
    return run.immediate();
  }

  /**
   * claimed → sending, only for the holder of `token`. Call it right before handing the message to
   * the platform; false means the claim was lost (taken over as stale) and nothing must be sent.
   */
  markSending(chatId: string, localDate: string, token: string, now: Date): boolean {
    return this.q.markSending.run(now.toISOString(), chatId, localDate, token).changes === 1;
  }

  /** sending → sent. */
  markSent(chatId: string, localDate: string, token: string, now: Date): boolean {
    return this.q.markSent.run(now.toISOString(), chatId, localDate, token).changes === 1;
  }

  /** claimed/sending → failed: the platform refused it, so nothing was delivered; a later tick may retry. */
  markFailed(chatId: string, localDate: string, token: string, now: Date, error: string): boolean {
    return this.q.markFailed.run(now.toISOString(), error.slice(0, 500), chatId, localDate, token).changes === 1;
  }
}
