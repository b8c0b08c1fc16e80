// The webhook inbox of worker mode: an update is written here when it arrives (and the webhook is
// answered at once), then whichever worker holds the chat's lock handles the chat's waiting
// updates in update_id order and deletes each one after it. So updates of one chat are answered
// one at a time and in order whichever workers received them, and an update whose worker died
// after acknowledging it is still in the store for another worker to handle.
// Deleting comes after handling; a crash between the two leaves the update here, and handling it
// again answers nothing, because its id was claimed (handled_updates) before its answer was sent.
import type { Clock } from "../clock.js";
import { fromJsonColumn, toJsonColumn, type JsonObject } from "./json.js";
import { ms, type Sql } from "./sql.js";

export interface InboxItem {
  platform: string;
  updateId: number;
  chatKey: string;
  payload: JsonObject;
  receivedAt: number;
}

export interface UpdateInbox {
  /**
   * Queues a received update. "duplicate" when it was handled already (nothing to do); "queued"
   * otherwise, also when the same update was already waiting (a redelivery).
   */
  receive(platform: string, updateId: number, chatKey: string, payload: JsonObject): Promise<"queued" | "duplicate">;
  /** The waiting updates of a chat, lowest update_id first. */
  pending(platform: string, chatKey: string, limit?: number): Promise<InboxItem[]>;
  /** Removes a handled update. */
  done(platform: string, updateId: number): Promise<void>;
  /** Chats with an update waiting since before `receivedBefore` (its worker died, or is slow). */
  staleChats(platform: string, receivedBefore: Date, limit?: number): Promise<string[]>;
  /** How many updates are waiting (health, tests). */
  size(platform: string): Promise<number>;
}

interface Row {
  platform: string;
  update_id: number;
  chat_key: string;
  payload: unknown;
  received_at: number;
}

export class SqlUpdateInbox implements UpdateInbox {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
  ) {}

  async receive(platform: string, updateId: number, chatKey: string, payload: JsonObject): Promise<"queued" | "duplicate"> {
    // One statement on the common path: queued unless it was handled already (or is queued already).
    const cast = this.sql.dialect === "postgres" ? { id: "$2::bigint", json: "$4::jsonb", at: "$5::bigint" } : { id: "$2", json: "$4", at: "$5" };
    const r = await this.sql.run(
      `INSERT INTO update_inbox (platform, update_id, chat_key, payload, received_at)
       SELECT $1, ${cast.id}, $3, ${cast.json}, ${cast.at}
        WHERE NOT EXISTS (SELECT 1 FROM handled_updates WHERE platform = $1 AND update_id = $6)
       ON CONFLICT (platform, update_id) DO NOTHING`,
      [platform, updateId, chatKey, toJsonColumn(payload), ms(this.clock.now()), String(updateId)],
    );
    if (r.changes === 1) return "queued";
    // Not inserted: handled before, or waiting already (a redelivery while it waits).
    return (await this.sql.get("SELECT 1 AS x FROM handled_updates WHERE platform = $1 AND update_id = $2", [platform, String(updateId)])) ? "duplicate" : "queued";
  }

  async pending(platform: string, chatKey: string, limit = 20): Promise<InboxItem[]> {
    const rows = await this.sql.all<Row>("SELECT * FROM update_inbox WHERE platform = $1 AND chat_key = $2 ORDER BY update_id LIMIT $3", [platform, chatKey, limit]);
    return rows.map((r) => ({ platform: r.platform, updateId: Number(r.update_id), chatKey: r.chat_key, payload: fromJsonColumn(r.payload), receivedAt: Number(r.received_at) }));
  }

  async done(platform: string, updateId: number): Promise<void> {
    await this.sql.run("DELETE FROM update_inbox WHERE platform = $1 AND update_id = $2", [platform, updateId]);
  }

  async staleChats(platform: string, receivedBefore: Date, limit = 100): Promise<string[]> {
    const rows = await this.sql.all<{ chat_key: string }>(
      "SELECT chat_key FROM update_inbox WHERE platform = $1 AND received_at < $2 GROUP BY chat_key ORDER BY MIN(update_id) LIMIT $3",
      [platform, ms(receivedBefore), limit],
    );
    return rows.map((r) => r.chat_key);
  }

  async size(platform: string): Promise<number> {
    return Number((await this.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM update_inbox WHERE platform = $1", [platform]))?.n ?? 0);
  }
}
