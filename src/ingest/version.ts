// The ingester's version on its own, so that the session catalogue (src/knowledge/catalogue.ts)
// can key on it without importing the ingester at start.

/** Bumped whenever what the ingester writes changes: sessions it wrote before are re-ingested. */
export const INGESTER_VERSION = 1;
