// The digest scheduler: every minute (croner, real timers) it finds the subscriptions that are due
// in their own time zone, claims today's delivery in the store, sends it through the ChatSender
// and records the outcome. Time comes only from the injected Clock, so tests call `tick()` after
// moving a ManualClock and get exactly what production would do at that moment.
//
// Exactly once per chat per local day: see the claim protocol at the top of
// src/store/subscriptions.ts. The scheduler's part of the contract:
//   1. claim (check + claim in one atomic step: an IMMEDIATE transaction on SQLite, one
//      INSERT … ON CONFLICT statement on PostgreSQL), with a fresh random token;
//   2. build the digest (no side effects);
//   3. markSending(token): only if that flips claimed → sending does it call the platform;
//   4. send; then markSent when delivered, markFailed when not delivered (the platform refused
//      before delivering, or the request never left); an "unknown" outcome (the request left and
//      no answer came) marks the row `unknown`, and is logged.
// A row left `sending` (a crash mid-send) or `unknown` is never retried (at most once): the chat
// may miss a day, never gets two.
// A crash between 1 and 3 leaves it `claimed`: after `staleClaimMs` another tick (or process) takes it over with a new
// token, which is safe because step 3 is the only way to send and the old token can no longer pass it.
//
// Several workers: only the holder of the store's "digest" leadership runs a round (the others'
// ticks return at once, and one of them takes over if it dies), so N workers send at the pace of
// one process, whose senders keep the platforms' flood limits.
//
// Catch-up: `start()` runs one tick at once. A subscription is due from its time today until the
// end of today (local), so a process that was down at 07:00 and starts at 09:00 sends today's
// digest once; yesterday's is never sent, because only today's local date is ever claimed.
import { randomUUID } from "node:crypto";
import { Cron } from "croner";
import type { Services } from "../services.js";
import { SenderRegistry, type ChatSender, type DeliveryOutcome } from "../adapters/sender.js";
import type { Subscription, Delivery } from "../store/subscriptions.js";
import type { Leadership } from "../store/locks.js";
import { instantAt, localDateOf } from "./calendar.js";
import { buildDigest, digestSince } from "./content.js";
import { petitionSourceOf, sessionSourceOf } from "./types.js";

export interface DigestSchedulerOptions {
  services: Services;
  sender: ChatSender;
  /**
   * Deliveries in progress at once (default 8), so that one slow or hung chat holds one slot, not
   * the round. The platforms' flood limits are kept by each sender (Telegram: ≤ 20 messages a
   * second overall, 1 a second per chat; Discord: discord.js's rate-limit buckets).
   */
  concurrency?: number;
  /** A send still running after this is aborted (its outcome is then unknown, or not delivered). Default 30 s. */
  sendTimeoutMs?: number;
  /** Extra pause of each worker between two deliveries. Default 0. */
  sendGapMs?: number;
  /** A claim not turned into a send within this long is abandoned (its owner died). Default 10 minutes. */
  staleClaimMs?: number;
  /** Failed sends of one chat's digest are retried on later ticks up to this many attempts a day. Default 30. */
  maxAttempts?: number;
  /** Cron pattern of the ticks. Default every minute, at second 0. */
  cron?: string;
  /** Waits between sends; tests pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Only the holder sends (default: the store's "digest" leadership: an advisory lock on
   * PostgreSQL, always this process on SQLite), so that N workers together pace like one. The
   * claims alone already make each digest go out once; the leadership keeps the rate down.
   */
  leadership?: Leadership;
}

export type TickOutcome = "sent" | "failed" | "unsubscribed" | "unknown";

export interface TickReport {
  sent: string[];
  failed: string[];
  unsubscribed: string[];
  /** Sent, but no confirmation came: not resent today (it may have arrived). */
  unknown: string[];
}

/**
 * The local day whose digest `sub` is due for at `now`, or null when nothing is due: before its
 * time today, or when it was created after today's time (its first digest is tomorrow's).
 */
export function dueLocalDate(sub: Subscription, now: Date): string | null {
  const localDate = localDateOf(now, sub.timezone);
  const at = instantAt(localDate, sub.time, sub.timezone);
  if (now.getTime() < at.getTime()) return null;
  if (new Date(sub.createdAt).getTime() > at.getTime()) return null;
  return localDate;
}

/** Whether a delivery row could still be claimed (the claim itself decides, in its transaction). */
function mayClaim(d: Delivery | null, staleBefore: Date, maxAttempts: number): boolean {
  if (!d) return true;
  if (d.status === "failed") return d.attempts < maxAttempts;
  if (d.status === "claimed") return d.claimedAt < staleBefore.toISOString();
  return false;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class DigestScheduler {
  private readonly services: Services;
  private readonly sender: ChatSender;
  private readonly sendGapMs: number;
  private readonly concurrency: number;
  private readonly sendTimeoutMs: number;
  /** Aborted by stop(): sends in flight end at once. */
  private readonly stopping = new AbortController();
  private readonly staleClaimMs: number;
  private readonly maxAttempts: number;
  private readonly cronPattern: string;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly leadership: Leadership;
  private job: Cron | undefined;
  private running: Promise<TickReport> | undefined;
  private readonly warnedUncertain = new Set<string>();

  constructor(options: DigestSchedulerOptions) {
    this.services = options.services;
    this.sender = options.sender;
    this.sendGapMs = options.sendGapMs ?? 0;
    this.concurrency = Math.max(1, options.concurrency ?? 8);
    this.sendTimeoutMs = options.sendTimeoutMs ?? 30_000;
    this.staleClaimMs = options.staleClaimMs ?? 10 * 60_000;
    this.maxAttempts = options.maxAttempts ?? 30;
    this.cronPattern = options.cron ?? "* * * * *";
    this.sleep = options.sleep ?? realSleep;
    this.leadership = options.leadership ?? options.services.store.leadership("digest");
  }

  /** Starts the minute timer and runs the startup catch-up tick; resolves with that tick's report. */
  start(): Promise<TickReport> {
    const { log } = this.services;
    if (!this.job) {
      const onTimer = async (): Promise<void> => {
        await this.tick();
      };
      this.job = new Cron(this.cronPattern, { protect: true, catch: (err: unknown) => log.error({ err }, "digest tick failed") }, onTimer);
    }
    return this.tick().then((report) => {
      log.info({ catchUp: report }, "digest scheduler started");
      return report;
    });
  }

  /** Stops the timer, aborts the sends in flight and waits for the tick to record them. */
  async stop(): Promise<void> {
    this.job?.stop();
    this.job = undefined;
    this.stopping.abort();
    await this.running?.catch(() => undefined);
    await this.leadership.release();
  }

  /** One pass over the subscriptions. Overlapping calls share the pass in progress. */
  tick(): Promise<TickReport> {
    if (!this.running) {
      this.running = this.runTick().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  private canDeliver(chatId: string): boolean {
    if (this.sender instanceof SenderRegistry) return this.sender.has(chatId.split(":", 1)[0]!);
    return true;
  }

  private async runTick(): Promise<TickReport> {
    const { store, clock, log } = this.services;
    const report: TickReport = { sent: [], failed: [], unsubscribed: [], unknown: [] };
    let subs: Subscription[];
    try {
      if (!(await this.leadership.acquire())) return report; // another worker sends this round
      subs = await store.subscriptions.listSubscriptions();
    } catch (err) {
      log.error({ err }, "digest: could not read subscriptions");
      return report;
    }
    // A pool of workers over the list; outcomes are reported in subscription order.
    const outcomes: Array<TickOutcome | undefined> = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      let mine = 0;
      while (next < subs.length && !this.stopping.signal.aborted) {
        const i = next++;
        outcomes[i] = await this.pass(subs[i]!, mine);
        if (outcomes[i]) mine++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, subs.length) }, worker));
    subs.forEach((sub, i) => {
      const outcome = outcomes[i];
      if (outcome) report[outcome].push(sub.chatId);
    });
    if (report.sent.length || report.failed.length || report.unsubscribed.length || report.unknown.length) log.info(report, "digest tick");
    return report;
  }

  /** One chat: due? claimable? then deliver. `done` is how many this worker delivered before. */
  private async pass(sub: Subscription, done: number): Promise<TickOutcome | undefined> {
    const { store, clock, log } = this.services;
    // One chat's trouble (a bad stored zone, a busy database, a throwing sender) never stops the others.
    try {
      // A platform whose front door is not running in this process: leave it unclaimed for the process that runs it.
      if (!this.canDeliver(sub.chatId)) return undefined;
      const now = clock.now();
      const localDate = dueLocalDate(sub, now);
      if (!localDate) return undefined;
      const staleBefore = new Date(now.getTime() - this.staleClaimMs);
      const existing = await store.subscriptions.getDelivery(sub.chatId, localDate);
      if (!mayClaim(existing, staleBefore, this.maxAttempts)) {
        if (existing?.status === "sending") this.warnUncertain(existing);
        return undefined;
      }
      // Pace before claiming, so that a claim is never held while waiting.
      if (done > 0 && this.sendGapMs > 0) await this.sleep(this.sendGapMs);
      return await this.deliver(sub, localDate);
    } catch (err) {
      log.error({ err, chatId: sub.chatId }, "digest: delivery pass failed for this chat");
      return "failed";
    }
  }

  private warnUncertain(d: Delivery): void {
    const key = `${d.chatId} ${d.localDate}`;
    if (this.warnedUncertain.has(key)) return;
    this.warnedUncertain.add(key);
    this.services.log.warn(
      { chatId: d.chatId, localDate: d.localDate, sendStartedAt: d.sendStartedAt },
      "digest: a send was started but never confirmed (process stopped mid-send?); not resending, to avoid a duplicate",
    );
  }

  /** Claim → build → markSending → send → record. Returns undefined when another owner has it. */
  private async deliver(sub: Subscription, localDate: string): Promise<TickOutcome | undefined> {
    const { store, clock, log, knowledge } = this.services;
    const subs = store.subscriptions;
    const chatId = sub.chatId;
    const token = randomUUID();
    const now = clock.now();
    const claim = await subs.claimDelivery({
      chatId,
      localDate,
      token,
      now,
      staleBefore: new Date(now.getTime() - this.staleClaimMs),
      maxAttempts: this.maxAttempts,
    });
    if (!claim.ok) {
      if (claim.reason === "uncertain" && claim.delivery) this.warnUncertain(claim.delivery);
      return undefined;
    }
    if (claim.reclaimedStale) log.warn({ chatId, localDate }, "digest: took over an abandoned claim (its owner stopped before sending)");

    let reply;
    try {
      const previous = await subs.lastSentDelivery(chatId, localDate);
      reply = await buildDigest({
        knowledge,
        now,
        timeZone: sub.timezone,
        lang: sub.lang,
        petitions: petitionSourceOf(this.services),
        sessions: sessionSourceOf(this.services),
        since: digestSince(previous, sub),
        mode: "scheduled",
        onPetitionError: (err) => log.error({ err, chatId }, "digest: petition summary failed; sent without it"),
        onSessionsError: (err) => log.error({ err, chatId }, "digest: the sessions added could not be read; sent without them"),
      });
    } catch (err) {
      await subs.markFailed(chatId, localDate, token, clock.now(), `build: ${(err as Error).message}`);
      log.error({ err, chatId }, "digest: could not build the digest");
      return "failed";
    }

    if (!(await subs.markSending(chatId, localDate, token, clock.now()))) {
      log.warn({ chatId, localDate }, "digest: claim lost before sending (taken over as stale); not sending");
      return undefined;
    }
    let outcome: DeliveryOutcome;
    try {
      outcome = await this.sender.send(chatId, reply, { signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.sendTimeoutMs)]) });
    } catch (err) {
      // A sender must not throw; if one does, the platform may have been called.
      outcome = { status: "unknown", reason: `sender threw: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (outcome.status === "unknown") {
      // Never resent today, since it may have arrived.
      this.warnedUncertain.add(`${chatId} ${localDate}`);
      await subs.markUnknown(chatId, localDate, token, clock.now(), outcome.reason);
      log.warn({ chatId, localDate, reason: outcome.reason }, "digest: delivery outcome unknown (it may have arrived); not resending today");
      return "unknown";
    }
    if (outcome.status === "not_delivered") {
      await subs.markFailed(chatId, localDate, token, clock.now(), outcome.reason);
      if (outcome.permanent) {
        await subs.deleteSubscription(chatId);
        log.warn({ chatId, error: outcome.reason }, "digest: the chat blocked or removed the bot; unsubscribed");
        return "unsubscribed";
      }
      log.warn({ chatId, localDate, attempt: claim.attempt, error: outcome.reason }, "digest: not delivered; will retry on the next tick");
      return "failed";
    }
    if (!(await subs.markSent(chatId, localDate, token, clock.now()))) {
      log.error({ chatId, localDate }, "digest: sent, but the delivery row was no longer ours to mark");
    }
    return "sent";
  }
}
