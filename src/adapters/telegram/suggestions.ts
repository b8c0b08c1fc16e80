// Inline-keyboard buttons carry at most 64 bytes of callback_data. A suggestion whose input fits
// travels inside the button itself ("t:<input>", so it works after a restart and on any worker).
// A longer one is kept in the store behind a random nonce ("k:<nonce>", src/store/buttons.ts), so
// that a button sent by one worker is understood by another, survives a restart, expires, and an
// old one never resolves to another question. Without a backing store (unit tests), or when the
// store cannot take it right now, the key lives in a bounded in-memory LRU map of this process.
import { randomBytes } from "node:crypto";
import { STORED_BUTTON_KEY as STORED_KEY, SUGGESTION_TTL_MS, type SuggestionBacking } from "../../store/buttons.js";
import { isStoreUnavailable } from "../../store/sql.js";

export const CALLBACK_DATA_MAX_BYTES = 64;

const INLINE = "t:";
const KEYED = "k:";

export class SuggestionStore {
  private readonly byKey = new Map<string, string>();
  private readonly byInput = new Map<string, string>();
  /** When each stored key was stored: reused for half its life, then a fresh one is made. */
  private readonly storedAt = new Map<string, number>();
  /** Distinguishes this process's in-memory keys from those of an earlier run (the counter restarts at 0). */
  private readonly nonce = randomBytes(3).toString("base64url");
  private counter = 0;

  constructor(
    readonly capacity = 5000,
    private readonly backing?: SuggestionBacking,
  ) {}

  get size(): number {
    return this.byKey.size;
  }

  /**
   * Puts the long inputs among `inputs` in the store, so that `encode` gives them stored keys.
   * Call before rendering; an input that could not be stored falls back to a key of this process.
   */
  async prepare(inputs: readonly string[]): Promise<void> {
    if (!this.backing) return;
    const now = this.backing.clock.now().getTime();
    for (const input of new Set(inputs)) {
      if (fitsInline(input)) continue;
      const known = this.byInput.get(input);
      if (known !== undefined && now - (this.storedAt.get(known) ?? -Infinity) < SUGGESTION_TTL_MS / 2) continue;
      try {
        const key = `${KEYED}${await this.backing.buttons.put(input, new Date(now + SUGGESTION_TTL_MS))}`;
        this.remember(key, input);
        this.storedAt.set(key, now);
      } catch (err) {
        if (!isStoreUnavailable(err)) throw err;
        this.backing.log?.warn("suggestion not stored (store busy): its button works on this worker only");
      }
    }
  }

  /** The callback_data for a button that asks `input`; always ≤ 64 bytes of UTF-8. */
  encode(input: string): string {
    if (fitsInline(input)) return INLINE + input;
    const known = this.byInput.get(input);
    if (known !== undefined) {
      this.touch(known, input);
      return known;
    }
    const key = `${KEYED}${this.nonce}:${(this.counter++).toString(36)}`;
    this.remember(key, input);
    return key;
  }

  /** The input a button asks, or undefined when the key is unknown (expired, or from an earlier run). */
  async decode(data: string | undefined): Promise<string | undefined> {
    if (!data) return undefined;
    if (data.startsWith(INLINE)) return data.slice(INLINE.length) || undefined;
    if (!data.startsWith(KEYED)) return undefined;
    // A stored key is answered by the store (any worker's button, expiry applied); others by this process.
    if (this.backing && STORED_KEY.test(data)) return this.backing.buttons.get(data.slice(KEYED.length));
    const input = this.byKey.get(data);
    if (input !== undefined) this.touch(data, input);
    return input;
  }

  private remember(key: string, input: string): void {
    const previous = this.byInput.get(input);
    if (previous !== undefined) {
      this.byKey.delete(previous);
      this.storedAt.delete(previous);
    }
    this.byKey.set(key, input);
    this.byInput.set(input, key);
    while (this.byKey.size > this.capacity) {
      const oldest = this.byKey.keys().next().value as string;
      const oldInput = this.byKey.get(oldest)!;
      this.byKey.delete(oldest);
      this.byInput.delete(oldInput);
      this.storedAt.delete(oldest);
    }
  }

  private touch(key: string, input: string): void {
    this.byKey.delete(key);
    this.byKey.set(key, input);
  }
}

function fitsInline(input: string): boolean {
  return Buffer.byteLength(INLINE + input, "utf8") <= CALLBACK_DATA_MAX_BYTES;
}
