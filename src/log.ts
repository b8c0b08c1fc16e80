// One pino logger for the process. Tokens must never reach a log line, so every known secret
// is scrubbed from messages and the usual secret-bearing fields are redacted.
import pino, { type Logger } from "pino";

const secrets = new Set<string>();

/** Registers a secret (a bot token) so that it is masked wherever it would be logged. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 6) secrets.add(value);
}

export function scrubSecrets(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join("[REDACTED]");
  return out;
}

export function createLogger(level: string = process.env.LOG_LEVEL ?? "info", destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ["token", "*.token", "config.TELEGRAM_BOT_TOKEN", "config.DISCORD_TOKEN", "headers.authorization", "*.headers.authorization"],
        censor: "[REDACTED]",
      },
      hooks: {
        // Error messages from HTTP clients can carry the request URL, and Telegram URLs hold the token.
        logMethod(args, method) {
          const cleaned = args.map((a) => (typeof a === "string" ? scrubSecrets(a) : scrubObject(a))) as typeof args;
          method.apply(this, cleaned);
        },
      },
    },
    destination ?? pino.destination({ dest: 2, sync: false }),
  );
}

function scrubObject(value: unknown): unknown {
  if (secrets.size === 0 || value === null || typeof value !== "object") return value;
  try {
    const json = JSON.stringify(value, (_k, v) => (v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v));
    if (json === undefined) return value;
    const scrubbed = scrubSecrets(json);
    return scrubbed === json ? value : JSON.parse(scrubbed);
  } catch {
    return value;
  }
}

export type { Logger };
