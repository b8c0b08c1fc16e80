// The digest's content for a fixed date, asserted exactly, and its limits.
import { beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../src/app.js";
import { createLogger } from "../src/log.js";
import { buildDigest, DIGEST_MAX_CHARS, highlightFor, replyTextLength } from "../src/digest/content.js";
import type { PetitionDigestSource } from "../src/digest/types.js";
import type { KnowledgeBase } from "../src/knowledge/types.js";
import { openStore } from "../src/store/store.js";

let knowledge: KnowledgeBase;
beforeAll(() => {
  knowledge = createServices({ log: createLogger("silent"), env: {}, store: openStore(":memory:") }).knowledge;
});

const FRIDAY_0700 = new Date("2026-11-27T00:00:00Z"); // 07:00, Friday 27/11/2026 in Vietnam
const TZ = "Asia/Ho_Chi_Minh";

const petitions: PetitionDigestSource = {
  summary: (since) => ({
    countsByStatus: [
      { status: "da_tiep_nhan", label: "Đã tiếp nhận", count: 1 },
      { status: "cho_tra_loi_van_ban", label: "Chờ trả lời bằng văn bản", count: 2 },
      { status: "da_bao_cao_chinh_phu", label: "Đã báo cáo Chính phủ", count: 1 },
      { status: "da_giai_quyet", label: "Đã giải quyết", count: 0 },
    ],
    changes:
      since === null
        ? []
        : [
            {
              id: "KN-03",
              title: "Kiến nghị mới với Chính phủ",
              from: "Đã tiếp nhận",
              to: "Đã báo cáo Chính phủ",
              at: "2026-11-26T08:04:00Z",
            },
          ],
  }),
};

describe("digest content", () => {
  it("is exactly this on Friday 27/11/2026 (Vietnamese, with petitions)", async () => {
    const reply = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang: "vi", petitions, since: { at: "2026-11-26T00:00:03Z", kind: "previous_digest" }, mode: "scheduled" });
    expect(reply).toMatchInlineSnapshot(`
      {
        "citations": [
          {
            "sessionId": "lang-son-2023",
            "text": "trong năm 2022, tổng kim ngạch xuất, nhập khẩu hàng hoá qua địa bàn đạt 3,1 tỷ USD",
          },
          {
            "sessionId": "lang-son-2023",
            "text": "Tổng kim ngạch xuất, nhập khẩu qua địa bàn đạt 1,345 tỷ USD",
          },
          {
            "sessionId": "lang-son-2023",
            "text": "trong 4 tháng đầu năm 2023, hoạt động xuất, nhập khẩu hàng hoá diễn ra tương đối thuận lợi",
          },
          {
            "sessionId": "lang-son-2023",
            "text": "tăng 120,5% so với cùng kỳ 2022",
          },
        ],
        "footer": "Nguồn: Đoàn công tác của Chính phủ làm việc với tỉnh Lạng Sơn (năm 2022 và 4 tháng đầu năm 2023). Ngừng nhận: /bantin huy",
        "kind": "info",
        "lang": "vi",
        "lines": [
          "Chỉ số chính:",
          "• Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP): đạt 7,22% (năm 2022 và 4 tháng đầu năm 2023).",
          "• Cơ cấu kinh tế chuyển dịch đúng hướng — nông, lâm, thuỷ sản: chiếm 21,1% (năm 2022 và 4 tháng đầu năm 2023).",
          "• Cơ cấu kinh tế chuyển dịch đúng hướng — công nghiệp - xây dựng: tỷ trọng 24,4% (năm 2022 và 4 tháng đầu năm 2023).",
          "• GRDP bình quân đầu người: đạt 51,72 triệu đồng (năm 2022 và 4 tháng đầu năm 2023).",
          "• 86 xã đạt chuẩn nông thôn mới (đến hết tháng 4/2023).",
          "• Giải ngân vốn đầu tư được giao đầu năm: đạt 92,8% kế hoạch (năm 2022).",
          "• Giải ngân vốn chương trình mục tiêu quốc gia: đạt 75,3% (năm 2022).",
          "Nổi bật hôm nay — Tổng kim ngạch xuất, nhập khẩu hàng hoá qua địa bàn:",
          "• Tổng kim ngạch xuất, nhập khẩu hàng hoá qua địa bàn: đạt 3,1 tỷ USD (năm 2022).",
          "• Tổng kim ngạch xuất, nhập khẩu qua địa bàn: đạt 1,345 tỷ USD (4 tháng đầu năm 2023).",
          "• Tổng kim ngạch xuất, nhập khẩu qua địa bàn: tăng 120,5% so với cùng kỳ 2022 (4 tháng đầu năm 2023).",
          "Kiến nghị theo trạng thái:",
          "• Đã tiếp nhận: 1",
          "• Chờ trả lời bằng văn bản: 2",
          "• Đã báo cáo Chính phủ: 1",
          "Thay đổi từ bản tin trước (26/11/2026 07:00):",
          "• KN-03 Kiến nghị mới với Chính phủ: Đã tiếp nhận → Đã báo cáo Chính phủ (26/11/2026 15:04)",
        ],
        "suggestions": [
          {
            "input": "/chiso tong-kim-ngach-xuat-nhap-khau",
            "label": "Tổng kim ngạch xuất, nhập khẩu hàng hoá qua địa bàn",
          },
        ],
        "title": "Bản tin chỉ số — Thứ Sáu, 27/11/2026",
      }
    `);
  });

  it("every citation stands word for word in the source", async () => {
    const source = knowledge.sessions[0]!.sourceText;
    for (let day = 0; day < 20; day++) {
      const now = new Date(FRIDAY_0700.getTime() + day * 86_400_000);
      const reply = await buildDigest({ knowledge, now, timeZone: TZ, lang: "vi", since: null, mode: "scheduled" });
      expect(reply.citations!.length).toBeGreaterThan(0);
      for (const c of reply.citations!) expect(source).toContain(c.text);
    }
  });

  it("leaves the petition part out when there is no petition registry", async () => {
    const reply = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang: "vi", since: null, mode: "on_demand" });
    expect(reply.lines.at(-1)).toMatchInlineSnapshot(`"• Tổng kim ngạch xuất, nhập khẩu qua địa bàn: tăng 120,5% so với cùng kỳ 2022 (4 tháng đầu năm 2023)."`);
    expect(reply.lines.join("\n")).not.toMatch(/Kiến nghị/);
    expect(reply.footer).toBe("Nguồn: Đoàn công tác của Chính phủ làm việc với tỉnh Lạng Sơn (năm 2022 và 4 tháng đầu năm 2023). Nhận mỗi ngày: /bantin dangky 7h");
  });

  it("goes out without the petition part when the registry throws, and says why in the log", async () => {
    const errors: unknown[] = [];
    const broken: PetitionDigestSource = {
      summary: () => {
        throw new Error("database is locked");
      },
    };
    const reply = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang: "vi", petitions: broken, since: null, mode: "scheduled", onPetitionError: (e) => errors.push(e) });
    expect(reply.title).toBe("Bản tin chỉ số — Thứ Sáu, 27/11/2026");
    expect(reply.lines.join("\n")).not.toMatch(/Kiến nghị/);
    expect(errors).toHaveLength(1);
  });

  it("says when nothing changed since the previous digest, and for a first digest", async () => {
    const quiet: PetitionDigestSource = { summary: () => ({ countsByStatus: [{ status: "x", label: "Đã tiếp nhận", count: 4 }], changes: [] }) };
    const again = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang: "vi", petitions: quiet, since: { at: "2026-11-26T00:00:00Z", kind: "previous_digest" }, mode: "scheduled" });
    expect(again.lines.slice(-3)).toEqual(["Kiến nghị theo trạng thái:", "• Đã tiếp nhận: 4", "Không có thay đổi trạng thái nào từ bản tin trước."]);
    const first = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang: "vi", petitions: quiet, since: null, mode: "scheduled" });
    expect(first.lines.at(-1)).toBe("Chưa có thay đổi trạng thái nào gần đây.");
  });

  it("before a chat's first digest, counts changes since it subscribed; initial states are not changes", async () => {
    const source: PetitionDigestSource = {
      summary: (since) => ({
        countsByStatus: [{ status: "da_tiep_nhan", label: "Đã tiếp nhận", count: 4 }],
        changes: [
          { id: "KN-02", title: "Kiến nghị các bộ, ngành", from: "Đã tiếp nhận", to: "Đã giải quyết", at: "2026-11-26T09:00:00Z" },
          { id: "KN-01", title: "Kiến nghị Chính phủ", from: "", to: "Đã tiếp nhận", at: "2023-05-01T00:00:00Z" },
          { id: "KN-01", title: "Kiến nghị Chính phủ", from: "Đã tiếp nhận", to: "Đã báo cáo Chính phủ", at: "2026-11-26T08:00:00Z" },
        ].filter((c) => since === null || c.at > since),
      }),
    };
    const reply = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang: "vi", petitions: source, since: { at: "2026-11-25T10:00:00Z", kind: "subscribed" }, mode: "scheduled" });
    expect(reply.lines.slice(-3)).toEqual([
      "Thay đổi từ khi đăng ký nhận bản tin (25/11/2026 17:00):",
      "• KN-01 Kiến nghị Chính phủ: Đã tiếp nhận → Đã báo cáo Chính phủ (26/11/2026 15:00)",
      "• KN-02 Kiến nghị các bộ, ngành: Đã tiếp nhận → Đã giải quyết (26/11/2026 16:00)",
    ]);
    const all = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang: "vi", petitions: source, since: null, mode: "on_demand" });
    expect(all.lines.slice(-3)).toEqual([
      "Thay đổi gần đây:",
      "• KN-01 Kiến nghị Chính phủ: Đã tiếp nhận → Đã báo cáo Chính phủ (26/11/2026 15:00)",
      "• KN-02 Kiến nghị các bộ, ngành: Đã tiếp nhận → Đã giải quyết (26/11/2026 16:00)",
    ]);
  });

  it("in English, with the weekday in English", async () => {
    const reply = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang: "en", petitions, since: { at: "2026-11-26T00:00:03Z", kind: "previous_digest" }, mode: "scheduled" });
    expect(reply.title).toBe("Indicator digest — Friday, 27/11/2026");
    expect(reply.lines[0]).toBe("Key indicators:");
    expect(reply.lines[1]).toMatchInlineSnapshot(`"• Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP): 7.22% (7,22%) — “đạt 7,22%” (2022 and the first 4 months of 2023)."`);
    expect(reply.lines.find((l) => l.startsWith("Today's highlight"))).toMatchInlineSnapshot(`"Today's highlight — Tổng kim ngạch xuất, nhập khẩu hàng hoá qua địa bàn:"`);
    expect(reply.lines).toContain("Changes since the previous digest (26/11/2026 07:00):");
    expect(reply.footer).toBe("Source: Government working delegation's session with Lạng Sơn province. Stop: /digest unsubscribe");
  });

  it("the date is the digest time zone's, not UTC's", async () => {
    // 00:30 on Friday 27/11 in Vietnam is still Thursday 26/11 in UTC.
    const reply = await buildDigest({ knowledge, now: new Date("2026-11-26T17:30:00Z"), timeZone: TZ, lang: "vi", since: null, mode: "scheduled" });
    expect(reply.title).toBe("Bản tin chỉ số — Thứ Sáu, 27/11/2026");
    const utc = await buildDigest({ knowledge, now: new Date("2026-11-26T17:30:00Z"), timeZone: "UTC", lang: "vi", since: null, mode: "scheduled" });
    expect(utc.title).toBe("Bản tin chỉ số — Thứ Năm, 26/11/2026");
  });

  it("names every weekday in Vietnamese", async () => {
    const titles = await Promise.all(
      Array.from({ length: 7 }, async (_, i) => (await buildDigest({ knowledge, now: new Date(Date.UTC(2026, 10, 22 + i, 1)), timeZone: TZ, lang: "vi", since: null, mode: "scheduled" })).title),
    );
    expect(titles).toEqual([
      "Bản tin chỉ số — Chủ Nhật, 22/11/2026",
      "Bản tin chỉ số — Thứ Hai, 23/11/2026",
      "Bản tin chỉ số — Thứ Ba, 24/11/2026",
      "Bản tin chỉ số — Thứ Tư, 25/11/2026",
      "Bản tin chỉ số — Thứ Năm, 26/11/2026",
      "Bản tin chỉ số — Thứ Sáu, 27/11/2026",
      "Bản tin chỉ số — Thứ Bảy, 28/11/2026",
    ]);
  });

  it("highlights a different indicator each day, cycling through all of them", async () => {
    const session = knowledge.sessions[0]!;
    const ids: string[] = [];
    for (let day = 1; day <= 28; day++) ids.push(highlightFor(session, `2026-02-${String(day).padStart(2, "0")}`, TZ)!.indicator.id);
    const distinct = new Set(ids);
    expect(distinct.size).toBeGreaterThan(10);
    expect(distinct.has("petitions")).toBe(false);
    for (let i = 1; i < ids.length; i++) expect(ids[i]).not.toBe(ids[i - 1]);
    // The same day always gives the same highlight.
    expect(highlightFor(session, "2026-02-03", TZ)!.indicator.id).toBe(ids[2]);
  });

  it("fits Telegram's and Discord's limits however many petitions changed", async () => {
    const busy: PetitionDigestSource = {
      summary: () => ({
        countsByStatus: Array.from({ length: 12 }, (_, i) => ({ status: `s${i}`, label: `Trạng thái số ${i} `.repeat(10), count: i + 1 })),
        changes: Array.from({ length: 500 }, (_, i) => ({
          id: `KN-${String(i % 100).padStart(2, "0")}`,
          title: "Kiến nghị về giải phóng mặt bằng và chuyển đổi mục đích sử dụng đất lúa, đất rừng ".repeat(5),
          from: "Đã tiếp nhận",
          to: "Đã giải quyết",
          at: "2026-11-26T08:00:00Z",
        })),
      }),
    };
    for (const lang of ["vi", "en"] as const) {
      const reply = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang, petitions: busy, since: { at: "2026-11-26T00:00:00Z", kind: "previous_digest" }, mode: "scheduled" });
      expect(replyTextLength(reply)).toBeLessThanOrEqual(DIGEST_MAX_CHARS);
      expect(reply.title!.length).toBeLessThanOrEqual(256); // Discord embed title
      expect(reply.lines.at(-1)).toMatch(/^… (và|and) \d+/);
      expect(reply.lines[0]).toBe(lang === "en" ? "Key indicators:" : "Chỉ số chính:");
    }
  });
});
