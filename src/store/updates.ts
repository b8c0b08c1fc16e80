// Handled update ids (Telegram update_id, Discord interaction id): the record that an update has
// been answered, so that a redelivered one (Telegram resends what was not confirmed before a
// crash; a webhook retry; two gateway bots racing) is answered at most once and writes nothing
// twice. A claim made inside a unit of work commits or rolls back with the write it belongs to
// (see unit-of-work.ts).
import type { Clock } from "../clock.js";
import { ms, type QueryOptions, type Sql } from "./sql.js";

export interface HandledUpdates {
  /**
   * Records that (platform, id) is being answered now. True for the first claim; false when it
   * was claimed before (a redelivery: answer nothing). A unique key decides between two workers.
   */
  claim(platform: string, id: string, opts?: QueryOptions): Promise<boolean>;
  isHandled(platform: string, id: string): Promise<boolean>;
  /** Forgets claims made before `before` (platforms redeliver within a day); returns how many. */
  purgeBefore(before: Date): Promise<number>;
}

export class SqlHandledUpdates implements HandledUpdates {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
  ) {}

  async claim(platform: string, id: string, opts?: QueryOptions): Promise<boolean> {
    const r = await this.sql.run("INSERT INTO handled_updates (platform, update_id, handled_at) VALUES ($1, $2, $3) ON CONFLICT (platform, update_id) DO NOTHING", [
      platform,
      id,
      ms(this.clock.now()),
    ], opts);
    return r.changes === 1;
  }

  async isHandled(platform: string, id: string): Promise<boolean> {
    return (await this.sql.get("SELECT 1 AS x FROM handled_updates WHERE platform = $1 AND update_id = $2", [platform, id])) !== undefined;
  }

  async purgeBefore(before: Date): Promise<number> {
    return (await this.sql.run("DELETE FROM handled_updates WHERE handled_at < $1", [ms(before)])).changes;
  }
}
