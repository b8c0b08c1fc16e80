// Numbered schema migrations, applied in order at startup, each inside a transaction.
// Append only: a migration that has shipped is never edited, a change is a new number.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  // 1: digest subscriptions and deliveries (src/store/subscriptions.ts)
  // 2: petition statuses and history (src/store/petitions.ts)
];
