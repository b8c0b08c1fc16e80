// `npm run discord:deploy`: one idempotent PUT of the whole command list, globally or to a guild,
// checked against the fake Discord REST server (in-process and through the real npm entry point).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { CommandDef, Reply } from "../commands/types.js";
import { allCommands } from "../commands/index.js";
import { commandPayload, deployCommands, deployFromEnv } from "../src/adapters/discord/deploy.js";
import { DISCORD_NAME_RE } from "../src/adapters/discord/commands.js";
import { FakeDiscord } from "./fakes/discord-api.js";

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake?.close();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function walk(node: Json, visit: (n: Json) => void): void {
  visit(node);
  for (const o of node.options ?? []) walk(o, visit);
}

describe("discord:deploy", () => {
  it("PUTs the whole list once, globally, with Vietnamese localizations and valid names", async () => {
    const before = fake.requests.length;
    const result = await deployCommands({ token: fake.token, applicationId: fake.applicationId, apiRoot: fake.apiRoot });
    const calls = fake.requests.slice(before);
    expect(calls.map((r) => `${r.status} ${r.route}`)).toEqual(["200 PUT /applications/:app/commands"]);
    const put = calls[0]!;
    expect(put.params.app).toBe(fake.applicationId);
    expect(put.headers.authorization).toBe(`Bot ${fake.token}`);
    expect(put.body).toEqual(commandPayload(allCommands));
    expect(result).toMatchObject({ scope: "global", route: `/applications/${fake.applicationId}/commands` });
    expect(result.registered).toHaveLength(allCommands.filter((c) => !c.hidden).length);

    const body = put.body as Json[];
    expect(body.map((c) => [c.name, c.name_localizations.vi])).toEqual(expect.arrayContaining([["ask", "hoi"], ["indicator", "chiso"], ["conclusions", "ketluan"]]));
    for (const cmd of body)
      walk(cmd, (n) => {
        expect(n.name).toMatch(DISCORD_NAME_RE);
        expect(n.name_localizations.vi).toMatch(DISCORD_NAME_RE);
        expect(n.description_localizations.vi.length).toBeGreaterThan(0);
        expect(n.description.length).toBeLessThanOrEqual(100);
      });
  });

  it("is idempotent: the same body again replaces the same set", async () => {
    const before = fake.requests.length;
    await deployCommands({ token: fake.token, applicationId: fake.applicationId, apiRoot: fake.apiRoot });
    await deployCommands({ token: fake.token, applicationId: fake.applicationId, apiRoot: fake.apiRoot });
    const [a, b] = fake.requests.slice(before);
    expect(a!.body).toEqual(b!.body);
    expect(fake.deployed.get("global")).toHaveLength((a!.body as unknown[]).length);
  });

  it("deploys to one guild when DISCORD_GUILD_ID is set, and publishes later commands from the list", async () => {
    const noop = (): Reply => ({ kind: "info", lang: "vi", lines: [] });
    const digestLike: CommandDef = {
      name: "digest",
      nameVi: "bantin",
      description: { vi: "Bản tin", en: "Digest" },
      options: [],
      subcommands: ["dangky", "huy", "trangthai"].map((vi, i) => ({
        name: ["subscribe", "unsubscribe", "status"][i]!,
        nameVi: vi,
        description: { vi, en: vi },
        options: [],
        handler: noop,
      })),
      handler: noop,
    };
    const commands = [...allCommands.filter((c) => c.name !== "digest"), digestLike];
    const before = fake.requests.length;
    await deployCommands({ token: fake.token, applicationId: fake.applicationId, guildId: "1400000000000000001", apiRoot: fake.apiRoot, commands });
    const put = fake.requests[before]!;
    expect(put.route).toBe("PUT /applications/:app/guilds/:guild/commands");
    expect(put.params.guild).toBe("1400000000000000001");
    const digest = (put.body as Json[]).find((c) => c.name === "digest")!;
    expect(digest.options.map((o: Json) => o.name_localizations.vi)).toEqual(["dangky", "huy", "trangthai", "xem"]);
  });

  it("fails without the token Discord expects", async () => {
    await expect(deployCommands({ token: "wrong-token-123", applicationId: fake.applicationId, apiRoot: fake.apiRoot })).rejects.toThrow(/401|Unauthorized/);
  });

  it("runs as `npm run discord:deploy` from the environment", async () => {
    const script = fileURLToPath(new URL("../src/adapters/discord/deploy.ts", import.meta.url));
    const run = (env: Record<string, string>) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", script], {
          env: { PATH: process.env.PATH ?? "", ...env },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        let err = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (err += d));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, out, err }));
      });
    const before = fake.requests.length;
    const ok = await run({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_GUILD_ID: "1400000000000000002", DISCORD_API_ROOT: fake.apiRoot });
    expect(ok.err).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("to guild 1400000000000000002");
    expect(ok.out).toContain("/ask (vi: /hoi)");
    const puts = fake.requests.slice(before);
    expect(puts.map((r) => r.route)).toEqual(["PUT /applications/:app/guilds/:guild/commands"]);
    expect(puts[0]!.body).toEqual(commandPayload(allCommands));
  }, 60_000); // starting a TypeScript process is slow on a busy machine

  it("says which keys are missing", async () => {
    await expect(deployFromEnv({ DISCORD_API_ROOT: fake.apiRoot })).rejects.toThrow(/DISCORD_TOKEN and DISCORD_APPLICATION_ID/);
    await expect(deployFromEnv({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_ROOT: fake.apiRoot })).resolves.toMatch(/^Registered \d+ commands globally/);
  });
});
