// Petition tracking end to end through Discord: real discord.js over HTTP and WebSocket against
// the fake Discord, the petition history in a real SQLite file. Bodies are compared exactly with
// what the renderer makes of the Reply a second set of services (same file, same clock) computes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { petitionCommand } from "../commands/kiennghi.js";
import { runText } from "../commands/dispatch.js";
import type { Reply } from "../commands/types.js";
import { editBody, replyBody, startHarness, str, DEFER_BODY, type Harness } from "./discord-harness.js";
import { makeWorld, registry, type TestWorld } from "./petitions-helpers.js";

const ADMIN = "1300000000000000077";
const USER = "1300000000000000001";
const CHANNEL = "1200000000000000501";

let world: TestWorld;
let h: Harness;

beforeEach(async () => {
  world = makeWorld("petitions-discord-");
  h = await startHarness({ config: { DATABASE_PATH: world.path, ADMIN_DISCORD_IDS: [ADMIN] } });
});

afterEach(async () => {
  await h.close();
  await world.cleanup();
});

interface Body {
  type: number;
  data: { flags?: number; embeds: Array<{ title?: string; description?: string }>; components: Array<{ components: Array<{ custom_id: string; label: string }> }> };
}
const textOf = (body: unknown) =>
  (body as Body).data.embeds
    .map((e) => [e.title ?? "", e.description ?? ""].join("\n"))
    .join("\n")
    .replace(/\\([_*~`|>-])/g, "$1"); // markdown escapes off, for reading

/**
 * Dispatches an interaction. On a loaded machine the bot may be between gateway connections (a
 * missed heartbeat makes discord.js reconnect): then wait for it to identify or resume, and send.
 */
async function dispatch<T>(make: () => T): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const seen = h.fake.gatewayFrames.length;
    try {
      return make();
    } catch (err) {
      if (attempt >= 5 || !/no ready gateway connection/.test(String(err))) throw err;
      await h.fake.waitForGateway((f) => h.fake.gatewayFrames.indexOf(f) >= seen && (f.op === 2 || f.op === 6), "the bot back on the gateway");
    }
  }
}

const reg = () => registry(h.expected.services);
const historyCount = async () => {
  let n = 0;
  for (const e of reg().entries) n += (await reg().history(e)).length;
  return n;
};
const show = (query?: string, user = USER) =>
  dispatch(() =>
    h.fake.chatInput("petition", [{ name: "show", type: 1, options: query === undefined ? [] : [str("query", query)] }], { channelId: CHANNEL, user: { id: user } }),
  );
const update = (id: string, status: string, note?: string, user = ADMIN) =>
  dispatch(() =>
    h.fake.chatInput("petition", [{ name: "update", type: 1, options: [str("id", id), str("status", status), ...(note ? [str("note", note)] : [])] }], {
      channelId: CHANNEL,
      user: { id: user, globalName: user === ADMIN ? "Quản trị viên" : "Khách" },
    }),
  );
const expectedShow = (query: string | undefined, isAdmin = false): Promise<Reply> =>
  h.expected.run(petitionCommand.handler, query === undefined ? {} : { query }, { channelId: CHANNEL, userId: USER, isAdmin }, "petition");

describe("petitions through Discord", () => {
  it("lists the groups with buttons; pressing one shows that group", async () => {
    const i = await show();
    const [callback] = await h.fake.waitForResponses(i, 1);
    expect(callback!.body).toEqual(replyBody(h.expected.render(await expectedShow(undefined))));
    const buttons = (callback!.body as Body).data.components.flatMap((r) => r.components);
    expect(buttons.map((b) => b.custom_id)).toEqual(["q:/kiennghi KN-01", "q:/kiennghi KN-02", "q:/kiennghi KN-03", "q:/kiennghi KN-04"]);

    const press = await dispatch(() => h.fake.button("q:/kiennghi KN-04", { channelId: CHANNEL }));
    const [deferred, edit] = await h.fake.waitForResponses(press, 2);
    expect(deferred!.body).toEqual(DEFER_BODY);
    expect(edit!.body).toEqual(editBody(h.expected.render(await runText("/kiennghi KN-04", h.expected.ctx({ channelId: CHANNEL })))));
    expect(textOf({ data: edit!.body })).toContain("Nội dung liên quan: kế hoạch - đầu tư; xây dựng; tài nguyên - môi trường; nông nghiệp và phát triển nông thôn");
  });

  it("autocompletes IDs and topics, and statuses for the update", async () => {
    const a = await dispatch(() => h.fake.autocomplete("petition", [{ name: "show", type: 1, options: [str("query", "dat lua", true)] }], { channelId: CHANNEL }));
    const [topics] = await h.fake.waitForResponses(a, 1);
    const choices = (topics!.body as { data: { choices: Array<{ name: string; value: string }> } }).data.choices;
    expect(choices.slice(0, 2).map((c) => c.value).sort()).toEqual(["KN-01", "KN-02"]);

    const s = await dispatch(() => h.fake.autocomplete("petition", [{ name: "update", type: 1, options: [str("id", "KN-02"), str("status", "giai quyet", true)] }], { channelId: CHANNEL, user: { id: ADMIN } }));
    const [statuses] = await h.fake.waitForResponses(s, 1);
    expect((statuses!.body as { data: { choices: unknown[] } }).data.choices[0]).toEqual({ name: "Đã giải quyết", value: "da_giai_quyet" });
  });

  it("refuses an update from a non-admin, privately, and changes nothing", async () => {
    await reg().init();
    const before = await historyCount();
    const i = await update("KN-02", "da_giai_quyet", "đã xong", USER);
    const [callback] = await h.fake.waitForResponses(i, 1);
    expect((callback!.body as Body).data.flags).toBe(64);
    expect(textOf(callback!.body)).toContain("Xin lỗi, chỉ quản trị viên mới có thể cập nhật trạng thái kiến nghị.");
    expect(await historyCount()).toBe(before);
  });

  it("records an admin's update, shown in the next lookup and the next answer", async () => {
    const i = await update("KN-02", "da_giai_quyet", "Bộ TN&MT trả lời tại Công văn số 55/BTNMT-QLĐĐ");
    const [asked] = await h.fake.waitForResponses(i, 1);
    // First what will change, privately, with a Confirm button; nothing written yet.
    expect((asked!.body as Body).data.flags).toBe(64);
    expect(textOf(asked!.body)).toContain("Sẽ chuyển KN-02 (9 nội dung, các bộ, ngành): Chờ trả lời bằng văn bản → Đã giải quyết.");
    expect(await reg().history(reg().byId("KN-02")!)).toHaveLength(1);
    const confirm = (asked!.body as Body).data.components.flatMap((r) => r.components).find((b) => b.label === "✅ Xác nhận")!;
    const press = await dispatch(() => h.fake.button(confirm.custom_id, { channelId: CHANNEL, user: { id: ADMIN, globalName: "Quản trị viên" } }));
    const [, applied] = await h.fake.waitForResponses(press, 2);
    const callback = { body: { data: applied!.body } };
    expect(textOf(callback.body)).toContain("Đã cập nhật KN-02");
    expect(textOf(callback.body)).toContain("Người cập nhật: Quản trị viên (discord:1300000000000000077), lúc 01/06/2023 08:00.");
    expect(await reg().current(reg().byId("KN-02")!)).toMatchObject({
      by: `discord:${ADMIN}`,
      byName: "Quản trị viên",
      fromStatus: "cho_tra_loi_van_ban",
      toStatus: "da_giai_quyet",
      reference: "55/BTNMT-QLĐĐ",
    });

    const lookup = await show("KN-02");
    const [shown] = await h.fake.waitForResponses(lookup, 1);
    expect(shown!.body).toEqual(replyBody(h.expected.render(await expectedShow("KN-02"))));
    expect(textOf(shown!.body)).toContain("Trạng thái hiện tại: Đã giải quyết — cập nhật lần cuối 01/06/2023 08:00");

    const q = await dispatch(() => h.fake.chatInput("ask", [str("question", "kiến nghị về đất lúa đã được xử lý chưa?")], { channelId: "1200000000000000502" }));
    const [, edit] = await h.fake.waitForResponses(q, 2);
    expect(textOf({ data: edit!.body })).toContain(
      "Trạng thái hiện tại của KN-02 (9 nội dung, các bộ, ngành): Đã giải quyết — cập nhật lần cuối 01/06/2023 08:00 (văn bản/liên kết: 55/BTNMT-QLĐĐ).",
    );
  });

  it("answers an invalid status with the valid ones, and a refused change with the reason", async () => {
    const bad = await update("KN-01", "đang xử lý");
    const [usage] = await h.fake.waitForResponses(bad, 1);
    expect((usage!.body as Body).data.flags).toBe(64);
    expect(textOf(usage!.body)).toContain("“đang xử lý” không phải là trạng thái hợp lệ.");
    expect(textOf(usage!.body)).toContain("• Đã báo cáo Chính phủ (da_bao_cao_cp)");

    const back = await update("KN-02", "da_tiep_nhan");
    const [refused] = await h.fake.waitForResponses(back, 1);
    expect(textOf(refused!.body)).toContain("Không thể chuyển KN-02 từ “Chờ trả lời bằng văn bản” sang “Đã tiếp nhận”");
    expect(await reg().history(reg().byId("KN-02")!)).toHaveLength(1);
  });
});
