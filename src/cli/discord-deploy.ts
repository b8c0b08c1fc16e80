// `npm run discord:deploy`: registers the slash commands (see src/adapters/discord/deploy.ts), as a
// command line tool: reads .env, answers --help.
import "dotenv/config";

const HELP = `Đăng các lệnh slash lên Discord (một lần, và mỗi khi commands/ thay đổi).

Cách dùng:
  npm run discord:deploy        một lệnh PUT toàn bộ danh sách (chạy lại không đổi gì)
  --help                        hướng dẫn này

Cần: DISCORD_TOKEN, DISCORD_APPLICATION_ID (trong .env hoặc môi trường); tùy chọn DISCORD_GUILD_ID
(chỉ một máy chủ, hiện ngay) và DISCORD_API_ROOT.

Registers every slash command with Discord in one idempotent PUT, globally or to DISCORD_GUILD_ID.
Reads .env.`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(HELP + "\n");
    return;
  }
  if (args.length) {
    process.stderr.write(`Không hiểu tham số ${args.join(" ")} (unknown argument). Xem: npm run discord:deploy -- --help\n`);
    process.exitCode = 2;
    return;
  }
  const { deployFromEnv } = await import("../adapters/discord/deploy.js");
  try {
    process.stdout.write((await deployFromEnv(process.env)) + "\n");
    // Exit at once: the HTTP client keeps its connection to Discord alive for a few seconds.
    process.exit(0);
  } catch (err) {
    // The message never holds the token: REST errors name the route, not the Authorization header.
    process.stderr.write(`discord:deploy failed: ${(err as Error)?.message ?? String(err)}\n`);
    process.exit(1);
  }
}

void main();
