// GET /healthz of a worker, for the load balancer: the store reachable and migrated to the
// version this code needs, and at least one platform configured. 200 when all holds, 503 otherwise.
import type { Store, StoreHealth } from "../store/store.js";

export interface WorkerHealth {
  ok: boolean;
  store: StoreHealth;
  platforms: { telegram: "webhook" | "off"; discord: "interactions" | "off" };
}

export async function workerHealth(store: Pick<Store, "health">, platforms: WorkerHealth["platforms"]): Promise<WorkerHealth> {
  const s = await store.health();
  const anyPlatform = platforms.telegram !== "off" || platforms.discord !== "off";
  return { ok: s.ok && anyPlatform, store: s, platforms };
}
