// Petition tracking: the lifecycle, lookup by ID and topic, the /kiennghi command (list, details,
// admin updates and refusals), live status in answers and the digest summary. Real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { runText } from "../commands/dispatch.js";
import { petitionCommand } from "../commands/kiennghi.js";
import type { Reply } from "../commands/types.js";
import { checkTransition, parseStatus, STATUSES, statusIds, TRANSITIONS } from "../src/petitions/statuses.js";
import { normalizePetitionId } from "../src/petitions/registry.js";
import { extractReference } from "../src/petitions/format.js";
import type { Answer } from "../src/engine/types.js";
import type { QueryEngine } from "../src/engine/engine.js";
import type { Services } from "../src/services.js";
import { confirmed, ctxFor, makeWorld, registry, type TestWorld } from "./petitions-helpers.js";

const sourceText = readFileSync(new URL("../data/sources/lang-son-2023.txt", import.meta.url), "utf8").normalize("NFC").replace(/\s+/g, " ");
const text = (r: Reply) => [r.title ?? "", ...r.lines].join("\n");

let world: TestWorld;
let services: Services;

beforeEach(() => {
  world = makeWorld();
  services = world.open();
});
afterEach(() => world.cleanup());

const admin = () => ctxFor(services, { admin: true });
const user = () => ctxFor(services, { admin: false });

describe("status lifecycle", () => {
  it("has the six statuses with Vietnamese and English labels, and every data file status is one of them", () => {
    expect(STATUSES.map((s) => s.id)).toEqual(["da_tiep_nhan", "da_giai_dap", "cho_tra_loi_van_ban", "da_bao_cao_cp", "da_giai_quyet", "con_ton_dong"]);
    expect(STATUSES.find((s) => s.id === "da_giai_dap")!.vi).toBe("Đã giải đáp tại buổi làm việc");
    for (const e of registry(services).entries) expect(statusIds).toContain(e.group.sourceStatus);
  });

  it.each([
    ["da_giai_quyet", "da_giai_quyet"],
    ["Đã giải quyết", "da_giai_quyet"],
    ["da giai quyet", "da_giai_quyet"],
    ["ĐÃ GIẢI QUYẾT", "da_giai_quyet"],
    ["Đã giải quyết".normalize("NFD"), "da_giai_quyet"],
    ["resolved", "da_giai_quyet"],
    ["Chờ trả lời bằng văn bản", "cho_tra_loi_van_ban"],
    ["cho tra loi van ban", "cho_tra_loi_van_ban"],
    ["da bao cao chinh phu", "da_bao_cao_cp"],
    ["con ton dong", "con_ton_dong"],
    ["Đã giải đáp tại buổi làm việc", "da_giai_dap"],
  ])("parses %j as %s", (typed, id) => {
    const p = parseStatus(typed);
    expect(p.ok && p.status.id).toBe(id);
  });

  it("never guesses a status from a fragment or a typo, but offers the closest", () => {
    for (const typed of ["giai", "da giai quyett", "abc", ""]) expect(parseStatus(typed).ok).toBe(false);
    const p = parseStatus("da giai quyett");
    expect(!p.ok && p.closest.map((s) => s.id)).toContain("da_giai_quyet");
  });

  it("allows the lifecycle's changes and says why the others are refused", () => {
    expect(checkTransition("cho_tra_loi_van_ban", "da_giai_quyet")).toBeNull();
    expect(checkTransition("da_giai_quyet", "con_ton_dong")).toBeNull();
    const back = checkTransition("cho_tra_loi_van_ban", "da_tiep_nhan")!;
    expect(back.reason.vi).toMatch(/trạng thái ban đầu/);
    const closed = checkTransition("da_giai_quyet", "cho_tra_loi_van_ban")!;
    expect(closed.reason.vi).toMatch(/chỉ có thể mở lại/);
    expect(closed.allowed).toEqual(["con_ton_dong"]);
    expect(checkTransition("con_ton_dong", "con_ton_dong")!.reason.vi).toMatch(/rồi/);
    // Every status can be left, and nothing leads back to the starting status.
    for (const id of statusIds) {
      expect(TRANSITIONS[id].length).toBeGreaterThan(0);
      expect(TRANSITIONS[id]).not.toContain("da_tiep_nhan");
      expect(TRANSITIONS[id]).not.toContain(id);
    }
  });
});

describe("lookup", () => {
  it.each(["KN-01", "kn1", "KN 1", "kn-01", "kn_01", "KN01", "kn 01", "kiến nghị số 1"])("finds KN-01 by %j", (typed) => {
    expect(normalizePetitionId(typed)).toBe("KN-01");
    const found = registry(services).lookup(typed);
    expect(found.kind).toBe("id");
    expect(found.kind === "id" && found.entries[0].group.id).toBe("KN-01");
  });

  it.each([
    ["đất lúa", ["KN-01", "KN-02"]],
    ["dat lua", ["KN-01", "KN-02"]],
    ["ĐẤT LÚA".normalize("NFD"), ["KN-01", "KN-02"]],
    ["giải phóng mặt bằng", ["KN-01", "KN-02"]],
    ["giai phong mat bang", ["KN-01", "KN-02"]],
    ["gpmb", ["KN-01", "KN-02"]],
    ["kiến nghị mới", ["KN-03", "KN-04"]],
    ["kien nghi moi", ["KN-03", "KN-04"]],
    ["48 vấn đề", ["KN-04"]],
    ["48 van de", ["KN-04"]],
    ["chính phủ", ["KN-01", "KN-03"]],
    ["chinh phu", ["KN-01", "KN-03"]],
    ["bộ, ngành", ["KN-02", "KN-04"]],
    ["bo nganh", ["KN-02", "KN-04"]],
    ["tai nguyen moi truong", ["KN-04"]],
    ["hệ thống văn bản", ["KN-03"]],
    ["kiến nghị về đất rừng", ["KN-01", "KN-02"]],
  ])("finds %j → %j", (typed, ids) => {
    const found = registry(services).lookup(typed);
    expect(found.kind).toBe("topic");
    expect(found.kind === "topic" && found.entries.map((e) => e.group.id)).toEqual(ids);
  });

  it("answers an unknown ID or topic with the closest matches, never an error", async () => {
    const unknownId = registry(services).lookup("KN-09");
    expect(unknownId.kind === "none" && unknownId.closest.length).toBe(4);
    const typo = registry(services).lookup("dat lau");
    expect(typo.kind).toBe("none");
    expect(typo.kind === "none" && typo.closest.map((e) => e.group.id)).toContain("KN-01");

    const reply = await runText("/kiennghi thủy lợi nội đồng", user());
    expect(reply.kind).toBe("not_found");
    expect(reply.lines[0]).toBe("Không tìm thấy kiến nghị nào khớp với “thủy lợi nội đồng”.");
    expect(reply.suggestions?.length).toBeGreaterThan(0);
    const missing = await runText("/kiennghi KN-09", user());
    expect(missing.lines[0]).toBe("Không có nhóm kiến nghị mã KN-09. Các nhóm hiện có:");
    expect(missing.suggestions?.map((s) => s.input)).toEqual(["/kiennghi KN-01", "/kiennghi KN-02", "/kiennghi KN-03", "/kiennghi KN-04"]);
  });

  it("autocompletes IDs and topics, and statuses", () => {
    const ctx = user();
    const idOpt = petitionCommand.options[0]!;
    expect(idOpt.autocomplete!("dat lua", ctx).map((c) => c.value).slice(0, 2).sort()).toEqual(["KN-01", "KN-02"]);
    expect(idOpt.autocomplete!("kn3", ctx)[0]!.value).toBe("KN-03");
    expect(idOpt.autocomplete!("", ctx)).toHaveLength(4);
    for (const c of idOpt.autocomplete!("", ctx)) expect(c.name.length).toBeLessThanOrEqual(100);
    const update = petitionCommand.subcommands!.find((s) => s.nameVi === "capnhat")!;
    const statusOpt = update.options.find((o) => o.name === "status")!;
    expect(statusOpt.autocomplete!("", ctx)).toHaveLength(6);
    expect(statusOpt.autocomplete!("giai quyet", ctx)[0]).toEqual({ name: "Đã giải quyết", value: "da_giai_quyet" });
    expect(statusOpt.autocomplete!("resol", { ...ctx, lang: "en" })[0]).toEqual({ name: "Resolved", value: "da_giai_quyet" });
  });
});

describe("/kiennghi", () => {
  it("with no argument lists every group with its status and when it last changed, with buttons to each", async () => {
    const reply = await runText("/kiennghi", user());
    expect(reply.kind).toBe("info");
    expect(reply.lines.slice(0, 4)).toEqual([
      "• KN-01 — 4 nội dung, gửi Chính phủ (tồn đọng nhiều năm, chưa được xử lý): Đã tiếp nhận — theo báo cáo buổi làm việc, chưa có cập nhật mới",
      "• KN-02 — 9 nội dung, gửi các bộ, ngành (tồn đọng nhiều năm, chưa được xử lý): Chờ trả lời bằng văn bản — theo báo cáo buổi làm việc, chưa có cập nhật mới",
      "• KN-03 — 10 kiến nghị mới, gửi Chính phủ (kiến nghị mới): Đã tiếp nhận — theo báo cáo buổi làm việc, chưa có cập nhật mới",
      "• KN-04 — 48 vấn đề, gửi các bộ, ngành (kiến nghị mới): Chờ trả lời bằng văn bản — theo báo cáo buổi làm việc, chưa có cập nhật mới",
    ]);
    expect(reply.suggestions).toEqual([
      { label: "KN-01 · 4 nội dung", input: "/kiennghi KN-01" },
      { label: "KN-02 · 9 nội dung", input: "/kiennghi KN-02" },
      { label: "KN-03 · 10 kiến nghị mới", input: "/kiennghi KN-03" },
      { label: "KN-04 · 48 vấn đề", input: "/kiennghi KN-04" },
    ]);
    for (const c of reply.citations ?? []) expect(sourceText).toContain(c.text.replace(/\s+/g, " "));
  });

  it("shows one group's topics, status and history, citing the source word for word", async () => {
    const reply = await runText("/kiennghi kn2", user());
    expect(reply.kind).toBe("answer");
    expect(reply.title).toBe("KN-02 · Kiến nghị tồn đọng với các bộ, ngành (9 nội dung)");
    expect(reply.lines).toEqual([
      "Gửi: các bộ, ngành · Số lượng: 9 nội dung · tồn đọng nhiều năm, chưa được xử lý",
      "Nội dung liên quan: đầu tư công; giải phóng mặt bằng; chuyển đổi mục đích sử dụng đất lúa; đất rừng",
      "Trạng thái hiện tại: Chờ trả lời bằng văn bản — theo báo cáo buổi làm việc, chưa có cập nhật mới",
      "Lịch sử (1):",
      "1. Theo báo cáo buổi làm việc: Chờ trả lời bằng văn bản — Các bộ, ngành đã giải đáp ngay tại buổi làm việc; nội dung chưa rõ sẽ được trả lời bằng văn bản. (nguồn: báo cáo buổi làm việc)",
    ]);
    expect(reply.citations!.length).toBeGreaterThanOrEqual(3);
    for (const c of reply.citations!) expect(sourceText).toContain(c.text.replace(/\s+/g, " "));
    expect(reply.citations!.map((c) => c.text)).toContain(
      "Liên quan đến các kiến nghị của tỉnh, đại diện các bộ, ngành đã tiếp thu và thông tin giải đáp trở lại ngay tại buổi làm việc; đối với những nội dung chưa rõ, các bộ sẽ trả lời tỉnh Lạng Sơn bằng văn bản.",
    );
  });

  it("shows every group a topic belongs to, with and without diacritics alike", async () => {
    const a = await runText("/kiennghi đất lúa", user());
    const b = await runText("/kiennghi dat lua", user());
    expect(a.kind).toBe("answer");
    expect(a.lines[0]).toBe("“đất lúa” liên quan đến 2 nhóm kiến nghị:");
    expect(b.lines.slice(1)).toEqual(a.lines.slice(1));
    expect(a.suggestions?.map((s) => s.input)).toEqual(["/kiennghi KN-01", "/kiennghi KN-02"]);
    const one = await runText("/kiennghi 48 van de", user());
    expect(one.title).toBe("KN-04 · Kiến nghị mới với các bộ, ngành (48 vấn đề)");
  });

  it("answers in English when the user's interface is English", async () => {
    const reply = await runText("/petition KN-03", ctxFor(services, { admin: false, lang: "en" }));
    expect(reply.title).toBe("KN-03 · New petitions to the Government (10)");
    expect(reply.lines[0]).toBe("To: the Government · 10 new petitions · new");
    expect(reply.lines[2]).toBe("Current status: Received — as recorded in the session report, no update since");
  });
});

describe("/kiennghi capnhat", () => {
  const historyCount = async () => {
    let n = 0;
    for (const e of registry(services).entries) n += (await registry(services).history(e)).length;
    return n;
  };

  it("refuses anyone who is not an admin, politely, and writes nothing", async () => {
    const before = await historyCount();
    const reply = await runText("/kiennghi capnhat KN-02 da_giai_quyet Đã có văn bản trả lời", user());
    expect(reply.kind).toBe("refused");
    expect(reply.lines[0]).toBe("Xin lỗi, chỉ quản trị viên mới có thể cập nhật trạng thái kiến nghị. Bạn vẫn có thể xem trạng thái và lịch sử bằng lệnh /kiennghi.");
    expect(await historyCount()).toBe(before);
    const entry = registry(services).byId("KN-02")!;
    expect((await registry(services).current(entry)).toStatus).toBe("cho_tra_loi_van_ban");
  });

  it("records an admin's update as a history row, visible in the next lookup, answer and digest", async () => {
    const digestBefore = (await registry(services).summary(null));
    expect(digestBefore.changes).toEqual([]);
    const previousDigestAt = world.clock.now().toISOString();
    world.clock.advance(90 * 60_000); // 10:30 in Vietnam

    const asked = await runText("/kiennghi capnhat KN-02 Đã giải quyết Bộ KH&ĐT đã trả lời bằng Công văn số 1234/BKHĐT-KTĐPLT", admin());
    // First what will change, and nothing written yet.
    expect(asked.title).toBe("Xác nhận cập nhật KN-02?");
    expect(asked.lines[0]).toBe("Sẽ chuyển KN-02 (9 nội dung, các bộ, ngành): Chờ trả lời bằng văn bản → Đã giải quyết.");
    expect(asked.lines).toContain("Ghi chú: “Bộ KH&ĐT đã trả lời bằng Công văn số 1234/BKHĐT-KTĐPLT”");
    expect(await historyCount()).toBe(4);
    const reply = await runText(asked.confirmation!.confirm, admin());
    expect(reply.kind).toBe("info");
    expect(reply.title).toBe("Đã cập nhật KN-02");
    expect(reply.lines).toEqual([
      "KN-02 (9 nội dung, các bộ, ngành): Chờ trả lời bằng văn bản → Đã giải quyết.",
      "Ghi chú: Bộ KH&ĐT đã trả lời bằng Công văn số 1234/BKHĐT-KTĐPLT",
      "Văn bản/liên kết: 1234/BKHĐT-KTĐPLT",
      "Người cập nhật: Chị Lan (Văn phòng UBND) (telegram:1001), lúc 27/11/2026 10:30.",
      "Nhầm? Hoàn tác: /kiennghi hoantac KN-02 <lý do>",
    ]);
    expect(reply.suggestions).toEqual([{ label: "Lịch sử KN-02", input: "/kiennghi KN-02" }]);

    // The history row.
    const history = (await registry(services).history(registry(services).byId("KN-02")!));
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({ fromSource: true, fromStatus: null, toStatus: "cho_tra_loi_van_ban", by: "nguồn: báo cáo buổi làm việc" });
    expect(history[1]).toMatchObject({
      sessionId: "lang-son-2023",
      petitionId: "KN-02",
      at: "2026-11-27T03:30:00.000Z",
      by: "telegram:1001",
      byName: "Chị Lan (Văn phòng UBND)",
      fromStatus: "cho_tra_loi_van_ban",
      toStatus: "da_giai_quyet",
      note: "Bộ KH&ĐT đã trả lời bằng Công văn số 1234/BKHĐT-KTĐPLT",
      reference: "1234/BKHĐT-KTĐPLT",
      fromSource: false,
    });

    // The next lookup.
    const lookup = await runText("/kiennghi KN-02", user());
    expect(lookup.lines).toContain("Trạng thái hiện tại: Đã giải quyết — cập nhật lần cuối 27/11/2026 10:30");
    expect(lookup.lines).toContain(
      "2. 27/11/2026 10:30 — Chị Lan (Văn phòng UBND) (telegram:1001): Chờ trả lời bằng văn bản → Đã giải quyết · Ghi chú: Bộ KH&ĐT đã trả lời bằng Công văn số 1234/BKHĐT-KTĐPLT · Văn bản/liên kết: 1234/BKHĐT-KTĐPLT",
    );
    const list = await runText("/kiennghi", user());
    expect(list.lines[1]).toBe("• KN-02 — 9 nội dung, gửi các bộ, ngành (tồn đọng nhiều năm, chưa được xử lý): Đã giải quyết — cập nhật lần cuối 27/11/2026 10:30");

    // The next answer: an engine answer about KN-02 gets the live status (the engine is stubbed
    // here so that this test depends only on the petition module).
    const cite = registry(services).byId("KN-02")!.group.statusCites[0]!;
    const stub: Answer = {
      found: true,
      answer: "Các bộ, ngành đã giải đáp ngay tại buổi làm việc; nội dung chưa rõ sẽ được trả lời bằng văn bản.",
      lang: "vi",
      sessionId: "lang-son-2023",
      figures: [],
      citations: [{ text: cite, sessionId: "lang-son-2023" }],
      suggestions: [],
      entryIds: ["KN-02"],
      petitionIds: ["KN-02"],
      understood: { lang: "vi", normalized: "", mode: "passage", phrases: [], questionType: "what", followUp: false, sessionIds: [] },
    };
    services.engine = { answer: () => ({ answer: stub }) } as unknown as QueryEngine;
    const answer = await runText("kiến nghị về đất lúa đã được xử lý chưa?", user());
    expect(answer.lines).toEqual([
      "Các bộ, ngành đã giải đáp ngay tại buổi làm việc; nội dung chưa rõ sẽ được trả lời bằng văn bản.",
      "Trạng thái hiện tại của KN-02 (9 nội dung, các bộ, ngành): Đã giải quyết — cập nhật lần cuối 27/11/2026 10:30 (văn bản/liên kết: 1234/BKHĐT-KTĐPLT).",
    ]);
    expect(answer.citations).toEqual([{ text: cite, sessionId: "lang-son-2023" }]);
    expect(answer.suggestions).toContainEqual({ label: "Lịch sử KN-02", input: "/kiennghi KN-02" });

    // The next digest: the change since the chat's previous digest, and the counts by status.
    const digest = (await registry(services).summary(previousDigestAt));
    expect(digest.changes).toEqual([
      { id: "KN-02", title: "Kiến nghị tồn đọng với các bộ, ngành (9 nội dung)", from: "Chờ trả lời bằng văn bản", to: "Đã giải quyết", at: "2026-11-27T03:30:00.000Z" },
    ]);
    expect(digest.countsByStatus).toEqual([
      { status: "da_tiep_nhan", label: "Đã tiếp nhận", count: 2 },
      { status: "cho_tra_loi_van_ban", label: "Chờ trả lời bằng văn bản", count: 1 },
      { status: "da_giai_quyet", label: "Đã giải quyết", count: 1 },
    ]);
    // A digest after that change no longer lists it.
    expect((await registry(services).summary("2026-11-27T03:30:00.000Z")).changes).toEqual([]);
  });

  it("answers an invalid status with the list of valid ones, and writes nothing", async () => {
    const before = await historyCount();
    const reply = await runText("/kiennghi capnhat KN-01 dang_xu_ly còn chờ", admin());
    expect(reply.kind).toBe("usage");
    expect(reply.lines[0]).toMatch(/^“dang_xu_ly” không phải là trạng thái hợp lệ\./);
    for (const s of STATUSES) expect(reply.lines).toContain(`• ${s.vi} (${s.id})`);
    expect(await historyCount()).toBe(before);
  });

  it("accepts a multi-word status typed without diacritics and keeps the rest as the note", async () => {
    const reply = await confirmed("/kiennghi capnhat kn 4 da bao cao chinh phu tổng hợp gửi Văn phòng Chính phủ", admin());
    expect(reply.kind).toBe("info");
    const row = (await registry(services).current(registry(services).byId("KN-04")!));
    expect(row).toMatchObject({ fromStatus: "cho_tra_loi_van_ban", toStatus: "da_bao_cao_cp", note: "tổng hợp gửi Văn phòng Chính phủ", reference: null });
  });

  it("explains a change the lifecycle does not allow, and writes nothing", async () => {
    expect((await confirmed("/kiennghi capnhat KN-03 da_giai_quyet", admin())).kind).toBe("info");
    const before = await historyCount();
    const reply = await runText("/kiennghi capnhat KN-03 cho tra loi van ban", admin());
    expect(reply.kind).toBe("refused");
    expect(reply.lines).toEqual([
      "Không thể chuyển KN-03 từ “Đã giải quyết” sang “Chờ trả lời bằng văn bản”: kiến nghị đã giải quyết chỉ có thể mở lại thành “Còn tồn đọng” (ghi rõ lý do trong ghi chú), hoặc được quản trị viên sửa nếu cập nhật nhầm. Chưa có gì thay đổi.",
      "Từ “Đã giải quyết” có thể chuyển sang: Còn tồn đọng.",
      "Nếu trạng thái hiện tại bị cập nhật nhầm: /kiennghi hoantac KN-03 <lý do>, hoặc /kiennghi sua KN-03 <trạng thái đúng> <lý do>.",
    ]);
    const back = await runText("/kiennghi capnhat KN-03 Đã tiếp nhận", admin());
    expect(back.kind).toBe("refused");
    expect(await historyCount()).toBe(before);
  });

  it("asks for what is missing, and refuses an unknown ID with the closest ones", async () => {
    expect((await runText("/kiennghi capnhat", admin())).kind).toBe("usage");
    expect((await runText("/kiennghi capnhat KN-01", admin())).lines[0]).toBe("Bạn chưa nêu trạng thái mới. Chọn một trong các trạng thái dưới đây.");
    const unknown = await runText("/kiennghi capnhat KN-07 da_giai_quyet", admin());
    expect(unknown.kind).toBe("not_found");
    expect(unknown.lines[0]).toBe("Không có nhóm kiến nghị mã KN-07. Các nhóm hiện có:");
  });

  it("takes a link as the reference, and works with options given separately (Discord)", async () => {
    const update = petitionCommand.subcommands!.find((s) => s.name === "update")!;
    const discordAdmin = { ...admin(), platform: "discord" as const, userId: "discord:77", userName: "lan" };
    const asked = await update.handler({ options: { id: "KN-01", status: "da_bao_cao_cp", note: "Xem https://vpcp.gov.vn/bao-cao/123." }, raw: "" }, discordAdmin);
    const reply = await runText(asked.confirmation!.confirm, discordAdmin);
    expect(reply.kind).toBe("info");
    expect(await registry(services).current(registry(services).byId("KN-01")!)).toMatchObject({ by: "discord:77", toStatus: "da_bao_cao_cp", reference: "https://vpcp.gov.vn/bao-cao/123" });
  });

  it("records two updates sent at once, both, in order", async () => {
    const tuan = ctxFor(services, { admin: true, userId: "discord:5", userName: "Anh Tuấn" });
    const [a, b] = await Promise.all([confirmed("/kiennghi capnhat KN-02 da_bao_cao_cp báo cáo lần 1", admin()), confirmed("/kiennghi capnhat KN-03 con_ton_dong chưa có trả lời", tuan)]);
    expect([a.kind, b.kind]).toEqual(["info", "info"]);
    expect((await confirmed("/kiennghi capnhat KN-02 con_ton_dong chưa có trả lời", tuan)).kind).toBe("info");
    const rows = (await registry(services).history(registry(services).byId("KN-02")!));
    expect(rows.map((r) => [r.fromStatus, r.toStatus])).toEqual([
      [null, "cho_tra_loi_van_ban"],
      ["cho_tra_loi_van_ban", "da_bao_cao_cp"],
      ["da_bao_cao_cp", "con_ton_dong"],
    ]);
  });

  it("two confirmations shown from the same status, pressed at once: one is written, the other is refused as stale", async () => {
    const tuan = ctxFor(services, { admin: true, userId: "discord:5", userName: "Anh Tuấn" });
    const askA = await runText("/kiennghi capnhat KN-02 da_bao_cao_cp báo cáo lần 1", admin());
    const askB = await runText("/kiennghi capnhat KN-02 con_ton_dong chưa có trả lời", tuan);
    const [a, b] = await Promise.all([runText(askA.confirmation!.confirm, admin()), runText(askB.confirmation!.confirm, tuan)]);
    expect([a.kind, b.kind].sort()).toEqual(["info", "refused"]);
    const stale = [a, b].find((r) => r.kind === "refused")!;
    expect(stale.lines[0]).toMatch(/^Trạng thái của KN-02 đã thay đổi kể từ lúc hiển thị yêu cầu/);
    expect(await registry(services).history(registry(services).byId("KN-02")!)).toHaveLength(2);
  });
});

describe("references", () => {
  it.each([
    ["Công văn số 1234/BKHĐT-KTĐPLT ngày 12/6", "1234/BKHĐT-KTĐPLT"],
    ["theo 56/2023/NĐ-CP", "56/2023/NĐ-CP"],
    ["xem https://example.gov.vn/a?b=1, đã đăng", "https://example.gov.vn/a?b=1"],
    ["tham chiếu: hồ sơ HS-77", "hồ sơ HS-77"],
    ["ngày 12/6/2023 có công văn 1234/UBND-KT", "1234/UBND-KT"],
    ["đã họp với Bộ ngày 12/6/2023", undefined],
  ])("%j → %j", (note, ref) => expect(extractReference(note)).toBe(ref));
});
