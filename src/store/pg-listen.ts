// LISTEN on a connection of its own, reconnecting after a loss. Each (re)connection also fires
// the callback once, since a NOTIFY sent while it was down is lost: the listener then compares
// versions and finds out. Used by the ingested-sessions watcher.
import type pg from "pg";
import type { PgDriver } from "./pg-driver.js";
import type { Logger } from "../log.js";

export function listenFor(driver: PgDriver, channel: string, onSignal: () => void, log?: Logger): () => void {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    if (stopped) return;
    try {
      const c = await driver.dedicatedClient();
      if (stopped) {
        await c.end().catch(() => undefined);
        return;
      }
      c.on("notification", (n) => {
        if (n.channel === channel) onSignal();
      });
      const lost = () => {
        if (client !== c) return;
        client = undefined;
        void c.end().catch(() => undefined);
        schedule();
      };
      c.on("error", lost);
      c.on("end", lost);
      // The channel name is ours (a constant), quoted as an identifier all the same.
      await c.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
      client = c;
      onSignal();
    } catch (err) {
      log?.warn({ err: { message: (err as Error).message }, channel }, "postgres: could not LISTEN; retrying");
      schedule();
    }
  };
  const schedule = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, 1_000);
    retry.unref();
  };

  void connect();
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const c = client;
    client = undefined;
    void c?.end().catch(() => undefined);
  };
}
