// `npm run discord:deploy`: registers every slash command with one idempotent PUT of the whole
// list, globally or to DISCORD_GUILD_ID (guild commands update at once; global ones may take a while
// to show). Running it twice changes nothing; a command removed from commands/ disappears.
import { pathToFileURL } from "node:url";
import { REST, Routes, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import type { CommandDef } from "../../../commands/types.js";
import { allCommands } from "../../../commands/index.js";
import { loadConfig } from "../../config.js";
import { buildSlashCommands, checkCommandPayload } from "./commands.js";

export interface DeployOptions {
  token: string;
  applicationId: string;
  /** Deploy to this guild only (instant); global when absent. */
  guildId?: string;
  /** REST root, e.g. "http://127.0.0.1:PORT/api" in tests; default https://discord.com/api. */
  apiRoot?: string;
  commands?: CommandDef[];
}

export interface DeployResult {
  scope: "global" | "guild";
  route: string;
  payload: RESTPostAPIChatInputApplicationCommandsJSONBody[];
  /** What Discord answered: the registered commands. */
  registered: unknown[];
}

/** The exact body `deployCommands` PUTs; also checked against Discord's limits. */
export function commandPayload(commands: CommandDef[] = allCommands): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const { json } = buildSlashCommands(commands);
  const problems = json.flatMap((c) => checkCommandPayload(c));
  if (problems.length) throw new Error(`Discord would refuse these commands:\n- ${problems.join("\n- ")}`);
  return json;
}

export async function deployCommands(options: DeployOptions): Promise<DeployResult> {
  const payload = commandPayload(options.commands ?? allCommands);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const rest = new REST(options.apiRoot ? { api: options.apiRoot.replace(/\/+$/, "") } : {}).setToken(options.token);
  try {
    const registered = (await rest.put(route, { body: payload })) as unknown[];
    return { scope: options.guildId ? "guild" : "global", route, payload, registered };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

/** What the npm script does with an environment: deploy, and describe the result in one line. */
export async function deployFromEnv(env: NodeJS.ProcessEnv): Promise<string> {
  const config = loadConfig(env);
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    throw new Error("set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example) to deploy the slash commands");
  }
  const result = await deployCommands({
    token: config.DISCORD_TOKEN,
    applicationId: config.DISCORD_APPLICATION_ID,
    guildId: config.DISCORD_GUILD_ID,
    apiRoot: config.DISCORD_API_ROOT,
  });
  const names = result.payload.map((c) => `/${c.name} (vi: /${c.name_localizations?.vi ?? c.name})`).join(", ");
  const where = result.scope === "guild" ? `to guild ${config.DISCORD_GUILD_ID}` : "globally (may take up to an hour to appear)";
  return `Registered ${result.registered.length} commands ${where}: ${names}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  import("dotenv/config")
    .then(() => deployFromEnv(process.env))
    .then((line) => {
      process.stdout.write(line + "\n");
      // Exit at once: the HTTP client keeps its connection to Discord alive for a few seconds.
      process.exit(0);
    })
    .catch((err) => {
      // The message never holds the token: REST errors name the route, not the Authorization header.
      process.stderr.write(`discord:deploy failed: ${(err as Error)?.message ?? String(err)}\n`);
      process.exit(1);
    });
}
