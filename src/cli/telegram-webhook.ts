// `npm run telegram:webhook [-- --delete]`: the deploy step of worker mode (see
// src/adapters/telegram/deploy-webhook.ts), as a command line tool: reads .env, answers --help.
import "dotenv/config";

const HELP = `Đăng ký (hoặc gỡ) webhook Telegram cho chế độ nhiều worker.

Cách dùng:
  npm run telegram:webhook              đăng ký TELEGRAM_WEBHOOK_URL với TELEGRAM_WEBHOOK_SECRET và đăng menu lệnh
  npm run telegram:webhook -- --delete  gỡ webhook (quay lại long polling)
  --help                                hướng dẫn này

Cần: TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_URL (https://…), TELEGRAM_WEBHOOK_SECRET (trong .env hoặc môi trường);
tùy chọn TELEGRAM_API_ROOT.

Registers the Telegram webhook (TELEGRAM_WEBHOOK_URL with TELEGRAM_WEBHOOK_SECRET) and the command
menus, once for all workers; --delete removes it. Reads .env.`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(HELP + "\n");
    return;
  }
  const unknown = args.filter((a) => a !== "--delete");
  if (unknown.length) {
    process.stderr.write(`Không hiểu tham số ${unknown.join(" ")} (unknown argument). Xem: npm run telegram:webhook -- --help\n`);
    process.exitCode = 2;
    return;
  }
  // Loaded after the help: the tool's module (grammY) is not needed to print it.
  const { registerWebhookFromEnv } = await import("../adapters/telegram/deploy-webhook.js");
  try {
    process.stdout.write((await registerWebhookFromEnv(process.env, { remove: args.includes("--delete") })) + "\n");
    process.exit(0);
  } catch (err) {
    // grammY's errors name the method, never the token (it is masked in any case).
    process.stderr.write(`telegram:webhook failed: ${(err as Error)?.message ?? String(err)}\n`);
    process.exit(1);
  }
}

void main();
