// Safe admin actions (issue 14), end to end on a real SQLite file: a status change is shown first
// and written only when its admin confirms (a Telegram inline button through the real grammY bot
// and the fake Bot API; a Discord button through the HTTP interactions endpoint and the fake
// Discord; the console's y/N prompt), any admin undoes or corrects it with a reason, and both rows
// stay in the history. A used or expired confirmation button says so politely and writes nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import type { Message, User } from "grammy/types";
import type { Services } from "../src/services.js";
import { startTelegramBot, type RunningTelegram } from "../src/adapters/telegram/index.js";
import { createInteractionsEndpoint } from "../src/adapters/discord/interactions.js";
import { runRepl } from "../src/adapters/console/repl.js";
import { alice, bob, callbackQuery, carol, FakeTelegramApi, groupChat, textMessage, type ApiCall } from "./fakes/telegram-api.js";
import { FakeDiscord } from "./fakes/discord-api.js";
import { DiscordSigner } from "./helpers/workers.js";
import { makeWorld, registry, type TestWorld } from "./petitions-helpers.js";

let world: TestWorld;
const cleanups: Array<() => Promise<void>> = [];
/** A second admin, in Vietnamese. */
const dung: User = { id: 4204, is_bot: false, first_name: "Dũng", language_code: "vi" };

beforeEach(() => {
  world = makeWorld("admin-actions-");
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await world.cleanup();
});

/** Services on the world's store and clock (closed by its cleanup), not slowed by the rate limit. */
const services = (config: Record<string, unknown>): Services => world.open({ RATE_LIMIT_PER_MINUTE: 1000, ...config });

const history = async (s: Services, id: string) => registry(s).history(registry(s).byId(id)!);

// ---------------------------------------------------------------- Telegram

describe("Telegram: a mistaken change confirmed, then undone by another admin", () => {
  let fake: FakeTelegramApi;
  let bot: RunningTelegram;
  let s: Services;

  beforeEach(async () => {
    fake = await FakeTelegramApi.start();
    s = services({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ADMIN_TELEGRAM_IDS: [String(alice.id), String(dung.id)] });
    bot = await startTelegramBot(s, { webhookUrl: "" });
    cleanups.push(() => fake.close(), () => bot.stop());
  });

  const textOf = (c: ApiCall) => String(c.payload.text);
  async function say(text: string, from: User, chat = groupChat): Promise<ApiCall> {
    const before = fake.delivered().length;
    fake.pushUpdate(textMessage(text, { from, chat }));
    return (await fake.waitForDelivered(before + 1))[before]!;
  }
  function buttonOf(message: ApiCall, label: RegExp): string {
    const rows = (message.payload.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard.flat();
    return rows.find((b) => label.test(b.text))!.callback_data;
  }
  async function press(message: ApiCall, data: string, from: User): Promise<ApiCall> {
    const before = fake.delivered().length;
    fake.pushUpdate(callbackQuery(data, message.result as Message, from));
    return (await fake.waitForDelivered(before + 1))[before]!;
  }

  it("shows what will change (the slip made visible), writes on the button, and any admin undoes it: both rows kept", async () => {
    await registry(s).init();
    // The slip of issue 14: "xong roi" was a resolved status with the note "roi".
    const asked = await say("/kiennghi capnhat KN-01 xong roi", alice);
    expect(textOf(asked)).toContain("<b>Xác nhận cập nhật KN-01?</b>");
    expect(textOf(asked)).toContain("Sẽ chuyển KN-01 (4 nội dung, Chính phủ): Đã tiếp nhận → Đã giải quyết.");
    expect(textOf(asked)).toContain("Đã đọc “xong” là trạng thái “Đã giải quyết”.");
    expect(textOf(asked)).toContain("“roi” ở cuối không được tính là ghi chú.");
    expect(textOf(asked)).toContain("Ghi chú: (không có)");
    expect(await history(s, "KN-01")).toHaveLength(1); // nothing written yet

    // Someone else in the group presses it: not an admin, refused; nothing written.
    const confirm = buttonOf(asked, /Xác nhận/);
    expect(confirm.length).toBeLessThanOrEqual(64);
    const intruder = await press(asked, confirm, bob);
    expect(textOf(intruder)).toContain("chỉ quản trị viên mới có thể cập nhật");
    // Another admin presses it: only the admin who asked confirms.
    const other = await press(asked, confirm, dung);
    expect(textOf(other)).toContain("Chỉ quản trị viên đã yêu cầu thay đổi này mới xác nhận hoặc huỷ được.");
    // In English for a reader whose Telegram is in English (and not an admin here).
    expect(textOf(await press(asked, confirm, carol))).toContain("Sorry, only administrators can update petition statuses.");
    expect(await history(s, "KN-01")).toHaveLength(1);

    const done = await press(asked, confirm, alice);
    expect(textOf(done)).toContain("<b>Đã cập nhật KN-01</b>");
    expect(textOf(done)).toContain("Nhầm? Hoàn tác: /kiennghi hoantac KN-01 &lt;lý do&gt;");
    // The same button again: used, politely; nothing more is written.
    const again = await press(asked, confirm, alice);
    expect(textOf(again)).toContain("Nút này đã được dùng");
    expect(await history(s, "KN-01")).toHaveLength(2);

    // A resolved group cannot go back through the lifecycle, but an admin can undo (typed without diacritics).
    const back = await say("/kiennghi capnhat KN-01 cho tra loi van ban", dung);
    expect(textOf(back)).toContain("Không thể chuyển KN-01 từ “Đã giải quyết” sang “Chờ trả lời bằng văn bản”");
    expect(textOf(back)).toContain("/kiennghi hoantac KN-01 &lt;lý do&gt;");
    const noReason = await say("/kiennghi hoantac KN-01", dung);
    expect(textOf(noReason)).toContain("Hãy ghi lý do");
    const undo = await say("/kiennghi hoantac KN-01 Cập nhật nhầm: chưa có văn bản trả lời", dung);
    expect(textOf(undo)).toContain("<b>Xác nhận hoàn tác KN-01?</b>");
    expect(textOf(undo)).toContain("Sẽ chuyển KN-01 (4 nội dung, Chính phủ): Đã giải quyết → Đã tiếp nhận.");
    expect(textOf(undo)).toContain("Hoàn tác mục 2 của lịch sử");
    const undone = await press(undo, buttonOf(undo, /Xác nhận/), dung);
    expect(textOf(undone)).toContain("<b>Đã hoàn tác KN-01</b>");
    expect(textOf(undone)).toContain("Lý do: Cập nhật nhầm: chưa có văn bản trả lời");

    const rows = await history(s, "KN-01");
    expect(rows.map((r) => [r.kind, r.fromStatus, r.toStatus, r.by])).toEqual([
      ["change", null, "da_tiep_nhan", "nguồn: báo cáo buổi làm việc"],
      ["change", "da_tiep_nhan", "da_giai_quyet", `telegram:${alice.id}`],
      ["undo", "da_giai_quyet", "da_tiep_nhan", `telegram:${dung.id}`],
    ]);
    expect(rows[1]!.note).toBeNull();
    expect(rows[2]!.correctsSeq).toBe(rows[1]!.seq);
    const shown = await say("/kiennghi KN-01", bob);
    expect(textOf(shown)).toContain("Đã giải quyết → Đã tiếp nhận (hoàn tác mục 2) · Lý do: Cập nhật nhầm: chưa có văn bản trả lời");
  });

  it("an expired confirmation button says so and writes nothing; a cancelled one too", async () => {
    await registry(s).init();
    const asked = await say("/kiennghi capnhat KN-02 da_giai_quyet Công văn số 1234/BKHĐT-KTĐPLT", alice, { id: alice.id, type: "private", first_name: alice.first_name } as never);
    world.clock.advance(16 * 60_000);
    const late = await press(asked, buttonOf(asked, /Xác nhận/), alice);
    expect(textOf(late)).toContain("Nút xác nhận này đã hết hạn nên chưa có gì thay đổi.");
    expect(await history(s, "KN-02")).toHaveLength(1);

    const again = await say("/kiennghi capnhat KN-02 da_giai_quyet Công văn số 1234/BKHĐT-KTĐPLT", alice, { id: alice.id, type: "private", first_name: alice.first_name } as never);
    const cancelled = await press(again, buttonOf(again, /Huỷ/), alice);
    expect(textOf(cancelled)).toContain("Đã huỷ: KN-02 không thay đổi.");
    const thenConfirm = await press(again, buttonOf(again, /Xác nhận/), alice);
    expect(textOf(thenConfirm)).toContain("Nút này đã được dùng");
    expect(await history(s, "KN-02")).toHaveLength(1);
  });

  it("corrects a resolved group with a mandatory reason (the correction is a history row of its own)", async () => {
    await registry(s).init();
    const asked = await say("/kiennghi capnhat KN-02 da_giai_quyet", alice);
    await press(asked, buttonOf(asked, /Xác nhận/), alice);
    const noReason = await say("/kiennghi sua KN-02 cho_tra_loi_van_ban", alice);
    expect(textOf(noReason)).toContain("Hãy ghi lý do");
    const fix = await say("/kiennghi sửa KN-02 Chờ trả lời bằng văn bản Bộ chưa gửi văn bản trả lời", alice);
    expect(textOf(fix)).toContain("<b>Xác nhận sửa KN-02?</b>");
    expect(textOf(fix)).toContain("Lý do: Bộ chưa gửi văn bản trả lời");
    const fixed = await press(fix, buttonOf(fix, /Xác nhận/), alice);
    expect(textOf(fixed)).toContain("<b>Đã sửa KN-02</b>");
    const rows = await history(s, "KN-02");
    expect(rows.map((r) => [r.kind, r.toStatus, r.note])).toEqual([
      ["change", "cho_tra_loi_van_ban", expect.any(String)],
      ["change", "da_giai_quyet", null],
      ["correction", "cho_tra_loi_van_ban", "Bộ chưa gửi văn bản trả lời"],
    ]);
  });
});

// ---------------------------------------------------------------- console

describe("console: the y/N prompt", () => {
  it("asks before writing, writes on y, cancels on anything else; the undo is a second row", async () => {
    const s = services({});
    const input = new PassThrough();
    const output = new PassThrough();
    let out = "";
    output.on("data", (d: Buffer) => (out += d.toString("utf8")));
    const done = runRepl(s, input, output, { admin: true, database: world.path });
    input.write("/kiennghi capnhat KN-03 xong roi\n");
    input.write("n\n");
    input.write("/kiennghi capnhat KN-03 xong roi\n");
    input.write("y\n");
    input.write("/kiennghi hoantac KN-03 gõ nhầm nhóm\n");
    input.write("có\n");
    input.end();
    await done;
    expect(out).toContain("== Xác nhận cập nhật KN-03? ==");
    expect(out).toContain("Xác nhận? [y/N]");
    expect(out).toContain("Đã bỏ qua: chưa có gì thay đổi.");
    expect(out).toContain("== Đã cập nhật KN-03 ==");
    expect(out).toContain("== Đã hoàn tác KN-03 ==");
    const rows = await history(s, "KN-03");
    expect(rows.map((r) => [r.kind, r.fromStatus, r.toStatus, r.by, r.note])).toEqual([
      ["change", null, "da_tiep_nhan", "nguồn: báo cáo buổi làm việc", expect.any(String)],
      ["change", "da_tiep_nhan", "da_giai_quyet", "console:local", null],
      ["undo", "da_giai_quyet", "da_tiep_nhan", "console:local", "gõ nhầm nhóm"],
    ]);
  });

  it("--yes at the end of the command confirms at once (the console only)", async () => {
    const s = services({});
    const input = new PassThrough();
    const output = new PassThrough();
    let out = "";
    output.on("data", (d: Buffer) => (out += d.toString("utf8")));
    const done = runRepl(s, input, output, { admin: true });
    input.end("/kiennghi capnhat KN-04 da_bao_cao_cp tổng hợp gửi VPCP --yes\n");
    await done;
    expect(out).toContain("== Đã cập nhật KN-04 ==");
    expect(out).not.toContain("[y/N]");
    expect((await history(s, "KN-04")).at(-1)).toMatchObject({ toStatus: "da_bao_cao_cp", note: "tổng hợp gửi VPCP" });
  });
});

// ---------------------------------------------------------------- Discord (HTTP interactions)

describe("Discord over HTTP interactions: confirm with the button, undo, an old button", () => {
  const ADMIN = "1300000000000000077";
  let fake: FakeDiscord;
  const signer = new DiscordSigner();

  beforeEach(async () => {
    fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
  });

  let n = 0;
  const interaction = (type: number, data: Record<string, unknown>, user = ADMIN) => {
    const id = `17000000000000${String(n++).padStart(5, "0")}`;
    return { id, application_id: fake.applicationId, type, token: `tok-${id}`, version: 1, data, channel_id: "1200000000000000911", user: { id: user, username: "lan", global_name: "Chị Lan" }, locale: "vi" };
  };
  const str = (name: string, value: string) => ({ name, type: 3, value });

  it("a change and its undo, each confirmed with a button; the used button is refused", async () => {
    const s = services({ ADMIN_DISCORD_IDS: [ADMIN] });
    const e = createInteractionsEndpoint(s, { publicKey: signer.publicKeyHex, apiRoot: fake.apiRoot });
    cleanups.push(() => e.stop());
    const call = async (body: unknown) => {
      const raw = Buffer.from(JSON.stringify(body));
      return e.handle(signer.headers(raw.toString()), raw);
    };
    /** The private follow-up an ephemeral answer becomes, and its buttons by label. */
    const followUp = async (i: { token: string }) => {
      const [, follow] = await fake.waitForRequests((r) => r.params.token === i.token, 2);
      const body = follow!.body as { embeds: Array<{ title?: string; description?: string }>; components: Array<{ components: Array<{ custom_id: string; label: string }> }> };
      return { text: JSON.stringify(body.embeds), buttons: new Map(body.components.flatMap((r) => r.components).map((b) => [b.label, b.custom_id])) };
    };
    const edited = async (i: { token: string }) => JSON.stringify((await fake.waitForRequest((r) => r.params.token === i.token && r.route.startsWith("PATCH"))).body);

    const ask = interaction(2, { id: "1", name: "petition", type: 1, options: [{ name: "update", type: 1, options: [str("id", "KN-02"), str("status", "da_giai_quyet"), str("note", "gấp")] }] });
    expect((await call(ask)).body).toEqual({ type: 5 });
    const shown = await followUp(ask);
    expect(shown.text).toContain("Sẽ chuyển KN-02 (9 nội dung, các bộ, ngành): Chờ trả lời bằng văn bản → Đã giải quyết.");
    expect(shown.text).toContain("Lưu ý: ghi chú chỉ có “gấp”.");
    const confirm = shown.buttons.get("✅ Xác nhận")!;
    const press = interaction(3, { custom_id: confirm, component_type: 2 });
    expect((await call(press)).body).toEqual({ type: 5 });
    expect(await edited(press)).toContain("Đã cập nhật KN-02");

    const old = interaction(3, { custom_id: confirm, component_type: 2 });
    await call(old);
    const refused = await followUp(old);
    expect(refused.text).toContain("Nút này đã được dùng");

    const undo = interaction(2, { id: "1", name: "petition", type: 1, options: [{ name: "undo", type: 1, options: [str("id", "KN-02"), str("reason", "chưa có công văn")] }] });
    await call(undo);
    const undoShown = await followUp(undo);
    const pressUndo = interaction(3, { custom_id: undoShown.buttons.get("✅ Xác nhận")!, component_type: 2 });
    await call(pressUndo);
    expect(await edited(pressUndo)).toContain("Đã hoàn tác KN-02");
    await e.idle();
    const rows = await history(s, "KN-02");
    expect(rows.map((r) => [r.kind, r.toStatus, r.by])).toEqual([
      ["change", "cho_tra_loi_van_ban", "nguồn: báo cáo buổi làm việc"],
      ["change", "da_giai_quyet", `discord:${ADMIN}`],
      ["undo", "cho_tra_loi_van_ban", `discord:${ADMIN}`],
    ]);
  });
});
