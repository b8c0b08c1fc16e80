// JSON values as the store keeps them: TEXT on SQLite (checked by json_valid), JSONB on
// PostgreSQL (which node-postgres already parses). Reading goes through `fromJsonColumn`.
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function fromJsonColumn<T = JsonObject>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/** A JSON object, serialised; anything else is a caller's bug, refused before it reaches a table. */
export function toJsonColumn(value: unknown): string {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new TypeError("expected a JSON object");
  return JSON.stringify(value);
}
