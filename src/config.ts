// Every setting the bot reads, validated once at startup; .env.example documents each one.
import { z } from "zod";

const idList = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? "")
      .split(/[\s,;]+/)
      .map((x) => x.trim())
      .filter(Boolean),
  );

const optionalText = z
  .string()
  .optional()
  .transform((s) => (s && s.trim() ? s.trim() : undefined));

export const configSchema = z.object({
  TELEGRAM_BOT_TOKEN: optionalText,
  TELEGRAM_API_ROOT: optionalText.pipe(z.url().optional()),
  TELEGRAM_WEBHOOK_URL: optionalText.pipe(z.url().optional()),
  TELEGRAM_WEBHOOK_SECRET: optionalText,
  TELEGRAM_WEBHOOK_HOST: z.string().default("0.0.0.0"),
  TELEGRAM_WEBHOOK_PORT: z.coerce.number().int().min(0).max(65535).default(8443),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_GUILD_ID: optionalText,
  DISCORD_API_ROOT: optionalText.pipe(z.url().optional()),
  ADMIN_TELEGRAM_IDS: idList,
  ADMIN_DISCORD_IDS: idList,
  DATABASE_PATH: z.string().default("var/bot.sqlite"),
  // Set: PostgreSQL is the store (several workers); unset: the SQLite file DATABASE_PATH.
  DATABASE_URL: optionalText.pipe(z.string().regex(/^postgres(?:ql)?:\/\//i, "must be a postgres:// URL").optional()),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  STORE_WRITE_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  // single: one process (long polling, or a webhook it registers itself, and the Discord
  // gateway); worker: one of N identical HTTP workers behind a load balancer.
  RUN_MODE: z.enum(["single", "worker"]).default("single"),
  WORKER_HOST: z.string().default("0.0.0.0"),
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DISCORD_PUBLIC_KEY: optionalText.pipe(z.string().regex(/^[0-9a-fA-F]{64}$/, "must be the application's public key: 64 hex characters").optional()),
  DISCORD_INTERACTIONS_PATH: z.string().regex(/^\//, "must start with /").default("/discord/interactions"),
  DIGEST_TICK_CRON: z.string().default("* * * * *"),
  DIGEST_STALE_CLAIM_SECONDS: z.coerce.number().int().min(1).default(600),
  DIGEST_SEND_GAP_MS: z.coerce.number().int().min(0).default(0),
  DIGEST_TIMEZONE: z.string().default("Asia/Ho_Chi_Minh"),
  DIGEST_DEFAULT_TIME: z.string().default("07:00"),
  /** The data folder: sessions/*.json and their sources/*.txt. */
  DATA_DIR: z.string().default("data"),
  CONTEXT_TTL_MINUTES: z.coerce.number().positive().default(30),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  // The console (npm start with no token, or --console; npm run ask) may run admin commands: 1/true/yes.
  CONSOLE_ADMIN: z
    .string()
    .optional()
    .transform((s) => /^(1|true|yes|on)$/i.test(s?.trim() ?? "")),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = z.infer<typeof configSchema>;

/** Reads the environment (after .env, if the caller loaded it); a bad value names the key. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Cấu hình không hợp lệ (invalid configuration): ${issues}`);
  }
  return parsed.data;
}
