// Conversation frames: what a conversation's previous question left for its follow-ups ("còn dịch
// vụ?"), shared by every worker so that a follow-up may be answered by another worker than its
// question. The frame is an opaque JSON object the engine defines; the store keeps it until
// `expiresAt`. Keys are the engine's, e.g. "telegram:chat:123:user:42".
import type { Clock } from "../clock.js";
import { fromJsonColumn, toJsonColumn, type JsonObject } from "./json.js";
import { ms, type Sql } from "./sql.js";

export interface ConversationFrameStore {
  /** The frame saved under `key`, or undefined when there is none or it has expired (by the store's clock). */
  load(key: string): Promise<JsonObject | undefined>;
  /**
   * Saves (replaces) the frame of `key`, to be forgotten at `expiresAt`. Makes one attempt when
   * the store is busy and throws StoreUnavailableError: a lost frame costs one follow-up, while
   * waiting would hold the whole chat.
   */
  save(key: string, frame: JsonObject, expiresAt: Date): Promise<void>;
  /** Forgets a frame; false when there was none. */
  delete(key: string): Promise<boolean>;
  /** Deletes the frames expired at `now` (default: the store's clock); returns how many. */
  purgeExpired(now?: Date): Promise<number>;
}

export class SqlConversationFrames implements ConversationFrameStore {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
  ) {}

  async load(key: string): Promise<JsonObject | undefined> {
    const row = await this.sql.get<{ frame: unknown }>("SELECT frame FROM conversation_frames WHERE key = $1 AND expires_at > $2", [key, ms(this.clock.now())]);
    return row ? fromJsonColumn<JsonObject>(row.frame) : undefined;
  }

  async save(key: string, frame: JsonObject, expiresAt: Date): Promise<void> {
    await this.sql.run(
      `INSERT INTO conversation_frames (key, frame, expires_at, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET frame = EXCLUDED.frame, expires_at = EXCLUDED.expires_at, updated_at = EXCLUDED.updated_at`,
      [key, toJsonColumn(frame), ms(expiresAt), ms(this.clock.now())],
      { waitMs: 0 },
    );
  }

  async delete(key: string): Promise<boolean> {
    return (await this.sql.run("DELETE FROM conversation_frames WHERE key = $1", [key])).changes > 0;
  }

  async purgeExpired(now: Date = this.clock.now()): Promise<number> {
    return (await this.sql.run("DELETE FROM conversation_frames WHERE expires_at <= $1", [ms(now)])).changes;
  }
}
