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
  DIGEST_TIMEZONE: z.string().default("Asia/Ho_Chi_Minh"),
  DIGEST_DEFAULT_TIME: z.string().default("07:00"),
  /** The data folder: sessions/*.json and their sources/*.txt. */
  DATA_DIR: z.string().default("data"),
  CONTEXT_TTL_MINUTES: z.coerce.number().positive().default(30),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
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
