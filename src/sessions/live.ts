// The sessions the bot answers from while it runs: those shipped in the data folder, plus those
// an admin added in a chat (kept in the store, so that every worker has them). Adding one
// ingests the report's text, stores it, and swaps in a new knowledge base, engine catalogue and
// petition registry; every other worker does the same when the store says the set changed.
import type { Clock } from "../clock.js";
import type { Logger } from "../log.js";
import type { Config } from "../config.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import type { QueryEngine } from "../engine/engine.js";
import type { Store } from "../store/store.js";
import type { LoadedSession } from "../knowledge/types.js";
import { extendKnowledgeBase, parseSession } from "../knowledge/loader.js";
import { sessionInfo } from "../knowledge/info.js";
import { IngestError, ingestReport, MAX_REPORT_BYTES, type IngestErrorCode, type IngestSummary } from "../ingest/ingest.js";
import { PetitionRegistry } from "../petitions/registry.js";
import type { IngestedSession } from "../store/ingested-sessions.js";
import type { JsonObject } from "../store/json.js";

export type AddOutcome =
  | { ok: true; summary: IngestSummary }
  | { ok: false; reason: IngestErrorCode | "duplicate_content" | "duplicate_id"; message?: string; existingId?: string };

export type RemoveOutcome = { ok: true } | { ok: false; reason: "shipped" | "unknown" };

export interface SessionListing {
  id: string;
  title: string;
  period: string;
  origin: "shipped" | "chat";
}

/** The parts of the services a change of sessions touches (the services object itself, mutated). */
interface Wired {
  store: Store;
  engine: QueryEngine;
  log: Logger;
  clock: Clock;
  config: Config;
  knowledge: KnowledgeBase;
  petitions?: PetitionRegistry;
}

export class LiveSessions {
  private readonly shipped: LoadedSession[];
  private readonly shippedIds: Set<string>;
  /** The knowledge base of the shipped sessions (a catalogue's, lazily loaded, stays so). */
  private readonly base: KnowledgeBase;
  private fromStore = new Set<string>();
  private stopWatching: (() => void) | undefined;
  private refreshing: Promise<void> = Promise.resolve();

  constructor(private readonly services: Wired) {
    this.base = services.knowledge;
    this.shipped = [...services.knowledge.sessions];
    this.shippedIds = new Set(this.shipped.map((s) => sessionInfo(s).id));
  }

  /**
   * Loads the sessions added in chats and follows the store's changes. A store that cannot be read
   * at start leaves the shipped sessions, and is followed all the same: the first change check
   * that reaches it loads what it holds (the error is still thrown, for the caller's log).
   */
  async start(): Promise<void> {
    let version = -1;
    try {
      const snapshot = await this.services.store.sessions.snapshot();
      this.apply(snapshot.sessions);
      version = snapshot.version;
    } finally {
      this.stopWatching?.();
      this.stopWatching = this.services.store.sessions.watch(() => void this.refresh(), version);
    }
  }

  stop(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  /** Re-reads the store's sessions (one refresh at a time, in order). */
  refresh(): Promise<void> {
    this.refreshing = this.refreshing
      .then(async () => this.apply((await this.services.store.sessions.snapshot()).sessions))
      .catch((err: unknown) => this.services.log.error({ err }, "sessions: could not reload the sessions added in chats"));
    return this.refreshing;
  }

  /** Ingests a report's text and makes it answerable at once (here, and on every worker). */
  async add(text: string, opts: { id?: string } = {}): Promise<AddOutcome> {
    // The ingester checks bytes only through checkReportBytes; text handed over directly is held to the same bound.
    if (Buffer.byteLength(text, "utf8") > MAX_REPORT_BYTES) return { ok: false, reason: "too_large" };
    let result;
    try {
      result = ingestReport(text, opts.id ? { id: opts.id } : {});
    } catch (err) {
      if (err instanceof IngestError) return { ok: false, reason: err.code, message: err.message };
      throw err;
    }
    const shippedSame = this.shipped.find((s) => s.sourceText.normalize("NFC").replace(/\r\n?/g, "\n") === result.sourceText);
    if (shippedSame) return { ok: false, reason: "duplicate_content", existingId: sessionInfo(shippedSame).id };
    const base = result.file.session.id;
    if (opts.id && this.taken(opts.id)) return { ok: false, reason: "duplicate_id", existingId: opts.id };
    // A second report of the same province and year gets its own id ("lang-son-2023-2"). This
    // worker's list may be behind the store (another worker just added that id): the store
    // refuses the id, the list is re-read and the next free id is tried.
    const refused = new Set<string>();
    const free = (id: string) => !this.taken(id) && !refused.has(id);
    for (let attempt = 0; ; attempt++) {
      let id = opts.id ?? base;
      for (let k = 2; !opts.id && !free(id); k++) id = `${base}-${k}`;
      const file = { ...result.file, session: { ...result.file.session, id, sourceFile: `store:${id}` } };
      const stored = await this.services.store.sessions.add({
        id,
        title: file.session.title,
        province: file.session.province,
        content: file as unknown as JsonObject,
        sourceText: result.sourceText,
      });
      if (stored.ok) {
        await this.refresh();
        return { ok: true, summary: { ...result.summary, id } };
      }
      if (stored.reason === "duplicate_content" || opts.id || attempt >= 3) return { ok: false, reason: stored.reason, existingId: stored.existing.id };
      refused.add(id);
      await this.refresh();
    }
  }

  /** Removes a session added in a chat; the shipped ones stay (they are files of the deployment). */
  async remove(id: string): Promise<RemoveOutcome> {
    if (this.shippedIds.has(id)) return { ok: false, reason: "shipped" };
    const { removed } = await this.services.store.sessions.remove(id);
    if (!removed) return { ok: false, reason: "unknown" };
    await this.refresh();
    return { ok: true };
  }

  list(): SessionListing[] {
    return this.services.knowledge.sessions.map((s) => ({
      id: sessionInfo(s).id,
      title: sessionInfo(s).title,
      period: sessionInfo(s).reportPeriod,
      origin: this.fromStore.has(sessionInfo(s).id) ? "chat" : "shipped",
    }));
  }

  private taken(id: string): boolean {
    return this.services.knowledge.byId.has(id);
  }

  private apply(rows: IngestedSession[]): void {
    const loaded: LoadedSession[] = [];
    for (const row of rows) {
      if (this.shippedIds.has(row.id)) {
        this.services.log.warn({ session: row.id }, "sessions: a session added in a chat has the id of a shipped one; the shipped one is kept");
        continue;
      }
      try {
        loaded.push(parseSession(row.content, row.sourceText, `store:${row.id}`));
      } catch (err) {
        // a stored session this version cannot read is left out, not fatal to the others
        this.services.log.error({ err, session: row.id }, "sessions: a stored session does not validate; it is left out");
      }
    }
    const knowledge = extendKnowledgeBase(this.base, loaded);
    const before = [...this.fromStore].sort().join(",");
    this.fromStore = new Set(loaded.map((s) => s.file.session.id));
    if ([...this.fromStore].sort().join(",") !== before) this.services.log.info({ shipped: this.shipped.length, added: [...this.fromStore] }, "sessions: answering from a new set of sessions");
    this.services.knowledge = knowledge;
    this.services.engine.setKnowledge(knowledge);
    this.services.petitions = new PetitionRegistry({ knowledge, store: this.services.store, clock: this.services.clock, timezone: this.services.config.DIGEST_TIMEZONE });
  }
}
