// Suggestion buttons whose input is too long to travel inside the button (Telegram callback_data:
// 64 bytes; Discord custom_id: 100 characters). The input is stored behind a random nonce of 128
// bits, so an old button (of an earlier run, another worker, a purged row) can only resolve to its
// own question or to nothing, never to another one; and it expires.
import { randomBytes } from "node:crypto";
import type { Clock } from "../clock.js";
import type { Logger } from "../log.js";
import { ms, type Sql } from "./sql.js";

export interface SuggestionButtonStore {
  /**
   * Stores `input` behind a fresh nonce (22 characters of base64url) until `expiresAt`; returns the
   * nonce. Makes one attempt when the store is busy and throws StoreUnavailableError: the answer
   * carrying the button must not wait for it (the front door falls back to a key of its own).
   */
  put(input: string, expiresAt: Date): Promise<string>;
  /** The input behind `nonce`, or undefined when it is unknown or has expired. */
  get(nonce: string): Promise<string | undefined>;
  /** Deletes expired payloads; returns how many. */
  purgeExpired(now?: Date): Promise<number>;
}

export const newNonce = () => randomBytes(16).toString("base64url");

/** A stored button key as the front doors write it: "k:" and a nonce. */
export const STORED_BUTTON_KEY = /^k:[A-Za-z0-9_-]{22}$/;

/** How long a stored suggestion stays pressable. */
export const SUGGESTION_TTL_MS = 7 * 24 * 3600_000;

/** What a front door's suggestion map needs to keep long inputs in the store. */
export interface SuggestionBacking {
  buttons: SuggestionButtonStore;
  clock: Clock;
  log?: Logger;
}

export class SqlSuggestionButtons implements SuggestionButtonStore {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
  ) {}

  async put(input: string, expiresAt: Date): Promise<string> {
    const nonce = newNonce();
    await this.sql.run("INSERT INTO suggestion_buttons (nonce, input, expires_at) VALUES ($1, $2, $3)", [nonce, input, ms(expiresAt)], { waitMs: 0 });
    return nonce;
  }

  async get(nonce: string): Promise<string | undefined> {
    const row = await this.sql.get<{ input: string }>("SELECT input FROM suggestion_buttons WHERE nonce = $1 AND expires_at > $2", [nonce, ms(this.clock.now())]);
    return row?.input;
  }

  async purgeExpired(now: Date = this.clock.now()): Promise<number> {
    return (await this.sql.run("DELETE FROM suggestion_buttons WHERE expires_at <= $1", [ms(now)])).changes;
  }
}
