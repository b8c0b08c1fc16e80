// Inline-keyboard buttons carry at most 64 bytes of callback_data. A suggestion whose input fits
// travels inside the button itself ("t:<input>", so it still works after a restart); a longer one
// is kept in a bounded in-memory LRU map and the button carries its key ("k:<nonce>:<n>").
import { randomBytes } from "node:crypto";

export const CALLBACK_DATA_MAX_BYTES = 64;

const INLINE = "t:";
const KEYED = "k:";

export class SuggestionStore {
  private readonly byKey = new Map<string, string>();
  private readonly byInput = new Map<string, string>();
  /** Distinguishes this process's keys from those of an earlier run (the counter restarts at 0). */
  private readonly nonce = randomBytes(3).toString("base64url");
  private counter = 0;

  constructor(readonly capacity = 5000) {}

  get size(): number {
    return this.byKey.size;
  }

  /** The callback_data for a button that asks `input`; always ≤ 64 bytes of UTF-8. */
  encode(input: string): string {
    const inline = INLINE + input;
    if (Buffer.byteLength(inline, "utf8") <= CALLBACK_DATA_MAX_BYTES) return inline;
    const known = this.byInput.get(input);
    if (known !== undefined) {
      this.touch(known, input);
      return known;
    }
    const key = `${KEYED}${this.nonce}:${(this.counter++).toString(36)}`;
    this.byKey.set(key, input);
    this.byInput.set(input, key);
    while (this.byKey.size > this.capacity) {
      const oldest = this.byKey.keys().next().value as string;
      const oldInput = this.byKey.get(oldest)!;
      this.byKey.delete(oldest);
      this.byInput.delete(oldInput);
    }
    return key;
  }

  /** The input a button asks, or undefined when the key is unknown (expired, or from an earlier run). */
  decode(data: string | undefined): string | undefined {
    if (!data) return undefined;
    if (data.startsWith(INLINE)) return data.slice(INLINE.length) || undefined;
    if (data.startsWith(KEYED)) {
      const input = this.byKey.get(data);
      if (input !== undefined) this.touch(data, input);
      return input;
    }
    return undefined;
  }

  private touch(key: string, input: string): void {
    this.byKey.delete(key);
    this.byKey.set(key, input);
  }
}
