// `npm run telegram:webhook`: the deploy step of worker mode, run once (and again when the URL
// or the secret changes), never by the workers themselves. Registers TELEGRAM_WEBHOOK_URL with
// the fixed TELEGRAM_WEBHOOK_SECRET, so that every worker checks the same secret, and publishes
// the command menus. `-- --delete` removes the webhook (to go back to long polling).
import { pathToFileURL } from "node:url";
import { Api } from "grammy";
import { allCommands } from "../../../commands/index.js";
import { loadConfig } from "../../config.js";
import { createLogger, registerSecret } from "../../log.js";
import { ALLOWED_UPDATES } from "./bot.js";
import { publishCommandMenus } from "./commands.js";
import { WEBHOOK_SECRET } from "./worker.js";

export interface WebhookDeployResult {
  url: string;
  menus: boolean;
}

export async function registerWebhookFromEnv(env: NodeJS.ProcessEnv, opts: { remove?: boolean } = {}): Promise<string> {
  const config = loadConfig(env);
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error("set TELEGRAM_BOT_TOKEN (see .env.example)");
  registerSecret(token);
  registerSecret(config.TELEGRAM_WEBHOOK_SECRET);
  const api = new Api(token, config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, "") } : undefined);
  if (opts.remove) {
    await api.deleteWebhook({ drop_pending_updates: false });
    return "Webhook removed: the bot can long-poll again (RUN_MODE=single without TELEGRAM_WEBHOOK_URL).";
  }
  const url = config.TELEGRAM_WEBHOOK_URL;
  const secret = config.TELEGRAM_WEBHOOK_SECRET;
  if (!url || !url.startsWith("https://")) throw new Error("set TELEGRAM_WEBHOOK_URL to the public https:// URL the load balancer serves");
  if (!secret || !WEBHOOK_SECRET.test(secret)) throw new Error("set TELEGRAM_WEBHOOK_SECRET (1-256 characters of A-Z a-z 0-9 _ -): the workers check it on every call");
  await api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false });
  const menus = await publishCommandMenus(api, allCommands, createLogger("warn"));
  return `Webhook registered: ${url} (secret set; updates: ${ALLOWED_UPDATES.join(", ")})${menus ? "; command menus published" : "; command menus NOT published (see the log)"}.`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  import("dotenv/config")
    .then(() => registerWebhookFromEnv(process.env, { remove: process.argv.includes("--delete") }))
    .then((line) => {
      process.stdout.write(line + "\n");
      process.exit(0);
    })
    .catch((err) => {
      // grammY's errors name the method, never the token (it is masked in any case).
      process.stderr.write(`telegram:webhook failed: ${(err as Error)?.message ?? String(err)}\n`);
      process.exit(1);
    });
}
