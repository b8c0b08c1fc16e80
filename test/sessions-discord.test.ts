// Adding a report through Discord, end to end: `/sessions add` with an attachment option, through
// the real discord.js client (gateway) and through the HTTP interactions endpoint, against the
// fake Discord (REST, gateway, and the attachment's URL), on a real SQLite file. The attachment is
// downloaded only for an admin and only when Discord reports a size within 1 MiB.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDiscordBot, type DiscordBot } from "../src/adapters/discord/bot.js";
import { buildSlashCommands } from "../src/adapters/discord/commands.js";
import { createInteractionsEndpoint, type InteractionsEndpoint } from "../src/adapters/discord/interactions.js";
import { allCommands } from "../commands/index.js";
import type { Services } from "../src/services.js";
import { createServices } from "../src/app.js";
import { createLogger } from "../src/log.js";
import { FakeDiscord, type AttachmentPayload, type RecordedRequest } from "./fakes/discord-api.js";
import { DiscordSigner } from "./helpers/workers.js";
import { LogCapture } from "./discord-harness.js";

const NGHE_AN = readFileSync("test/fixtures/reports/nghe-an-2024.vi.txt");
const NGHE_AN_QUESTION = "GRDP Nghệ An 9 tháng năm 2024 tăng bao nhiêu?";
const ADMIN = "1300000000000000099";
const USER = "1300000000000000001";
const ATTACHMENT = 11;
const SUB_COMMAND = 1;

let fake: FakeDiscord;
let dir: string;
const opened: Services[] = [];

function services(logs?: LogCapture): Services {
  const s = createServices({
    env: {},
    config: { DATABASE_PATH: join(dir, "bot.sqlite"), ADMIN_DISCORD_IDS: [ADMIN], RATE_LIMIT_PER_MINUTE: 1000, DISCORD_TOKEN: fake.token },
    log: createLogger(logs ? "debug" : "silent", logs?.stream ?? { write: () => undefined }),
  });
  opened.push(s);
  return s;
}

beforeEach(async () => {
  fake = await FakeDiscord.start();
  dir = mkdtempSync(join(tmpdir(), "sessions-discord-"));
});
afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((s) => s.store.close()));
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The text of every embed of a message body (title, description, fields, footer). */
const textOf = (body: unknown) => JSON.stringify(body);
const addOption = (a: AttachmentPayload) => [{ name: "add", type: SUB_COMMAND, options: [{ name: "file", type: ATTACHMENT, value: a.id }] }];
const resolved = (a: AttachmentPayload) => ({ attachments: { [a.id]: a } });
/** The last answer an interaction got: the edited original, or an ephemeral follow-up. */
async function answerTo(token: string, what: string): Promise<RecordedRequest> {
  return fake.waitForRequest((r) => r.params.token === token && ((r.method === "PATCH" && r.route.includes("/messages/")) || (r.method === "POST" && r.route === "POST /webhooks/:app/:token")), what);
}

describe("the published command", () => {
  it("/sessions has list, add (a required attachment option), remove and the default show, with Vietnamese names", () => {
    const json = buildSlashCommands(allCommands).json.find((c) => c.name === "sessions")!;
    expect(json.name_localizations).toEqual({ vi: "phien" });
    const subs = (json.options ?? []) as Array<{ name: string; options?: Array<{ name: string; type: number; required?: boolean; name_localizations?: Record<string, string> }> }>;
    expect(subs.map((s) => s.name)).toEqual(["list", "add", "remove", "show"]);
    expect(subs.find((s) => s.name === "add")!.options).toEqual([expect.objectContaining({ name: "file", type: ATTACHMENT, required: true, name_localizations: { vi: "tep" } })]);
  });
});

describe("/sessions add through the gateway bot (discord.js)", () => {
  let bot: DiscordBot;
  let s: Services;
  let logs: LogCapture;
  beforeEach(async () => {
    logs = new LogCapture();
    s = services(logs);
    bot = createDiscordBot(s, { token: fake.token, apiRoot: fake.apiRoot });
    await bot.start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it("an admin's attachment is ingested and summarised, then anyone's question is answered from it", async () => {
    const a = fake.addAttachment("nghe-an-2024.txt", NGHE_AN, { contentType: "text/plain; charset=utf-8" });
    const i = fake.chatInput("sessions", addOption(a), { user: { id: ADMIN } }, resolved(a));
    const [callback] = await fake.waitForResponses(i, 1);
    expect(callback!.body).toMatchObject({ type: 5 }); // deferred: ingesting may take longer than Discord's 3 s
    const edit = await answerTo(i.token, "the summary");
    expect(edit.method).toBe("PATCH");
    expect(textOf(edit.body)).toContain("Đã thêm phiên nghe-an-2024");
    expect(textOf(edit.body)).toContain("Tỉnh/thành phố: Nghệ An");
    expect(fake.attachmentDownloads).toHaveLength(1);

    const q = fake.chatInput("ask", [{ name: "question", type: 3, value: NGHE_AN_QUESTION }], { user: { id: USER } });
    expect(textOf((await answerTo(q.token, "the answer")).body)).toContain("8,3%");
    expect(logs.text).not.toContain(fake.token);
  });

  it("a non-admin is refused politely and the attachment is never downloaded", async () => {
    const a = fake.addAttachment("nghe-an-2024.txt", NGHE_AN);
    const i = fake.chatInput("sessions", addOption(a), { user: { id: USER } }, resolved(a));
    const follow = await answerTo(i.token, "the refusal");
    expect(follow.body).toMatchObject({ flags: 64 }); // ephemeral
    expect(textOf(follow.body)).toContain("chỉ quản trị viên của bot");
    expect(fake.attachmentDownloads).toEqual([]);
    expect(await s.store.sessions.list()).toEqual([]);
  });

  it("an attachment Discord reports over 1 MiB is refused from its size, without a download", async () => {
    const a = fake.addAttachment("lon.txt", Buffer.from("nhỏ"), { reportedSize: 3 * 1024 * 1024 });
    const i = fake.chatInput("sessions", addOption(a), { user: { id: ADMIN } }, resolved(a));
    expect(textOf((await answerTo(i.token, "the refusal")).body)).toContain("Tệp quá lớn (khoảng 3.072 KB)");
    expect(fake.attachmentDownloads).toEqual([]);
  });

  it("list, then remove with the confirmation button: the session no longer answers", async () => {
    const a = fake.addAttachment("nghe-an-2024.txt", NGHE_AN);
    await answerTo(fake.chatInput("sessions", addOption(a), { user: { id: ADMIN } }, resolved(a)).token, "the summary");
    const list = fake.chatInput("sessions", [{ name: "list", type: SUB_COMMAND, options: [] }], { user: { id: USER }, locale: "en-US" });
    const listed = textOf((await answerTo(list.token, "the list")).body);
    expect(listed).toContain("nghe-an-2024");
    expect(listed).toContain("added in a chat");
    expect(listed).toContain("shipped with the bot");

    const rm = fake.chatInput("sessions", [{ name: "remove", type: SUB_COMMAND, options: [{ name: "id", type: 3, value: "nghe-an-2024" }] }], { user: { id: ADMIN } });
    const asked = await answerTo(rm.token, "the confirmation");
    expect(textOf(asked.body)).toContain("Sẽ xoá phiên nghe-an-2024");
    const button = (asked.body as { components: Array<{ components: Array<{ custom_id: string; label: string }> }> }).components[0]!.components[0]!;
    expect(button.label).toBe("Xác nhận xoá nghe-an-2024");
    expect(s.sessions!.list().map((x) => x.id)).toContain("nghe-an-2024");

    const press = fake.button(button.custom_id, { user: { id: ADMIN } });
    expect(textOf((await answerTo(press.token, "the removal")).body)).toContain("Đã xoá phiên nghe-an-2024");
    expect(await s.store.sessions.list()).toEqual([]);
    const q = fake.chatInput("ask", [{ name: "question", type: 3, value: NGHE_AN_QUESTION }], { user: { id: USER } });
    expect(textOf((await answerTo(q.token, "the answer")).body)).not.toContain("8,3%");
  });
});

describe("/sessions add through the HTTP interactions endpoint", () => {
  let signer: DiscordSigner;
  let endpoint: InteractionsEndpoint;
  let s: Services;
  let n = 0;
  beforeEach(() => {
    signer = new DiscordSigner();
    s = services();
    endpoint = createInteractionsEndpoint(s, { publicKey: signer.publicKeyHex, apiRoot: fake.apiRoot });
  });
  afterEach(async () => {
    await endpoint.stop();
  });

  const post = async (user: string, options: unknown[], res?: unknown) => {
    const id = `17000000000000${String(n++).padStart(5, "0")}`;
    const body = { id, application_id: fake.applicationId, type: 2, token: `tok-${id}`, version: 1, data: { id: "1", name: "sessions", type: 1, options, ...(res ? { resolved: res } : {}) }, channel_id: "1200000000000000901", user: { id: user, username: "u" }, locale: "vi" };
    const raw = Buffer.from(JSON.stringify(body));
    const answer = await endpoint.handle(signer.headers(raw.toString()), raw);
    await endpoint.idle();
    return { answer, token: body.token };
  };

  it("an admin's attachment is ingested (deferred, then the original response edited into the summary)", async () => {
    const a = fake.addAttachment("nghe-an-2024.txt", NGHE_AN);
    const { answer, token } = await post(ADMIN, addOption(a), resolved(a));
    expect(answer).toEqual({ status: 200, body: { type: 5 } });
    const edit = await answerTo(token, "the summary");
    expect(edit.method).toBe("PATCH");
    expect(textOf(edit.body)).toContain("Đã thêm phiên nghe-an-2024");
    expect(fake.attachmentDownloads).toHaveLength(1);
    expect(s.engine.answer(NGHE_AN_QUESTION).answer.answer).toContain("8,3%");
  });

  it("a non-admin is refused and nothing is downloaded; an attachment on another host is not fetched", async () => {
    const a = fake.addAttachment("nghe-an-2024.txt", NGHE_AN);
    expect(textOf((await answerTo((await post(USER, addOption(a), resolved(a))).token, "the refusal")).body)).toContain("chỉ quản trị viên của bot");
    const elsewhere = { ...a, url: "http://127.0.0.2:9/evil.txt", proxy_url: "http://127.0.0.2:9/evil.txt" };
    expect(textOf((await answerTo((await post(ADMIN, addOption(elsewhere), resolved(elsewhere))).token, "the refusal")).body)).toContain("Chưa tải được tệp từ Discord");
    expect(fake.attachmentDownloads).toEqual([]);
    expect(await s.store.sessions.list()).toEqual([]);
  });
});
