// The digest's content for a fixed date, asserted exactly, and its limits: what is new since the
// chat's previous digest first (sessions added, petition status changes, with dates), the key
// figures of the most recent session, the petitions by status, and one highlight that changes
// every day, with its source sentence.
import { beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../src/app.js";
import { createLogger } from "../src/log.js";
import { buildDigest, DIGEST_MAX_CHARS, highlightCandidates, highlightFor, replyTextLength, sourceSentence } from "../src/digest/content.js";
import type { PetitionDigestSource, SessionDigestSource } from "../src/digest/types.js";
import type { KnowledgeBase } from "../src/knowledge/types.js";
import { openStore } from "../src/store/store.js";
import { renderHtmlChunks } from "../src/adapters/telegram/render.js";
import { embedChars, renderEmbeds } from "../src/adapters/discord/render.js";

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
            "text": "Về tình hình đầu tư xây dựng và triển khai các dự án trọng điểm, trong năm 2022, toàn tỉnh đã giải ngân vốn đầu tư được giao đầu năm đạt 92,8% kế hoạch; giải ngân vốn chương trình mục tiêu quốc gia đạt 75,3%, đối với kế hoạch vốn năm 2023, tính đến hết quý I/2023 toàn tỉnh giải ngân được 589 tỷ đồng, tương đương 15,2% kế hoạch.",
          },
        ],
        "footer": "Nguồn: Đoàn công tác của Chính phủ làm việc với tỉnh Lạng Sơn (năm 2022 và 4 tháng đầu năm 2023). Ngừng nhận: /bantin huy",
        "kind": "info",
        "lang": "vi",
        "lines": [
          "Mới kể từ bản tin trước (26/11/2026 07:00):",
          "• KN-03 Kiến nghị mới với Chính phủ: Đã tiếp nhận → Đã báo cáo Chính phủ (26/11/2026 15:04)",
          "Số liệu chính — Lạng Sơn, năm 2022 và 4 tháng đầu năm 2023:",
          "• Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP): đạt 7,22% (năm 2022 và 4 tháng đầu năm 2023).",
          "• Cơ cấu kinh tế chuyển dịch đúng hướng — nông, lâm, thuỷ sản: chiếm 21,1% (năm 2022 và 4 tháng đầu năm 2023).",
          "• Cơ cấu kinh tế chuyển dịch đúng hướng — công nghiệp - xây dựng: tỷ trọng 24,4% (năm 2022 và 4 tháng đầu năm 2023).",
          "• GRDP bình quân đầu người: đạt 51,72 triệu đồng (năm 2022 và 4 tháng đầu năm 2023).",
          "• 86 xã đạt chuẩn nông thôn mới (đến hết tháng 4/2023).",
          "• Giải ngân vốn đầu tư được giao đầu năm: đạt 92,8% kế hoạch (năm 2022).",
          "• Giải ngân vốn chương trình mục tiêu quốc gia: đạt 75,3% (năm 2022).",
          "Kiến nghị theo trạng thái:",
          "• Đã tiếp nhận: 1",
          "• Chờ trả lời bằng văn bản: 2",
          "• Đã báo cáo Chính phủ: 1",
          "Nổi bật hôm nay:",
          "• Giải ngân — kế hoạch vốn năm 2023: tương đương 15,2% kế hoạch (quý I/2023).",
        ],
        "suggestions": [
          {
            "input": "/chiso giai-ngan-ke-hoach-von",
            "label": "Giải ngân — kế hoạch vốn năm 2023",
          },
        ],
        "title": "Bản tin chỉ số — Thứ Sáu, 27/11/2026",
      }
    `);
  });

  it("every citation stands word for word in the source", async () => {
    const source = knowledge.sessions[0]!.sourceText;
    for (let day = 0; day < 40; day++) {
      const now = new Date(FRIDAY_0700.getTime() + day * 86_400_000);
      const reply = await buildDigest({ knowledge, now, timeZone: TZ, lang: "vi", since: null, mode: "scheduled" });
      expect(reply.citations!.length).toBeGreaterThan(0);
      for (const c of reply.citations!) expect(source).toContain(c.text);
    }
  });

  it("leaves the petition part out when there is no petition registry", async () => {
    const reply = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang: "vi", since: null, mode: "on_demand" });
    expect(reply.lines.join("\n")).not.toMatch(/Kiến nghị/);
    expect(reply.lines[0]).toBe("Chưa có thay đổi nào gần đây.");
    expect(reply.footer).toBe("Nguồn: Đoàn công tác của Chính phủ làm việc với tỉnh Lạng Sơn (năm 2022 và 4 tháng đầu năm 2023). Nhận mỗi ngày: /bantin dangky 7h");
  });

  it("goes out without the petition part when the registry throws, says why in the log, and claims no 'nothing new'", async () => {
    const errors: unknown[] = [];
    const broken: PetitionDigestSource = {
      summary: () => {
        throw new Error("database is locked");
      },
    };
    const reply = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang: "vi", petitions: broken, since: { at: "2026-11-26T00:00:00Z", kind: "previous_digest" }, mode: "scheduled", onPetitionError: (e) => errors.push(e) });
    expect(reply.title).toBe("Bản tin chỉ số — Thứ Sáu, 27/11/2026");
    expect(reply.lines.join("\n")).not.toMatch(/Kiến nghị|Không có gì mới/);
    expect(reply.lines[0]).toBe("Số liệu chính — Lạng Sơn, năm 2022 và 4 tháng đầu năm 2023:");
    expect(errors).toHaveLength(1);
  });

  it("goes out without the new sessions when they cannot be read, and says why in the log", async () => {
    const errors: unknown[] = [];
    const broken: SessionDigestSource = {
      added: async () => {
        throw new Error("connection reset");
      },
    };
    const reply = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang: "vi", petitions, sessions: broken, since: { at: "2026-11-26T00:00:03Z", kind: "previous_digest" }, mode: "scheduled", onSessionsError: (e) => errors.push(e) });
    expect(reply.lines.slice(0, 2)).toEqual(["Mới kể từ bản tin trước (26/11/2026 07:00):", "• KN-03 Kiến nghị mới với Chính phủ: Đã tiếp nhận → Đã báo cáo Chính phủ (26/11/2026 15:04)"]);
    expect(errors).toHaveLength(1);
  });
});

describe("what is new since the chat's previous digest comes first", () => {
  const added = (list: { id: string; title: string; period?: string; at: string }[]): SessionDigestSource => ({
    added: (since) => list.filter((s) => since === null || Date.parse(s.at) > Date.parse(since)),
  });
  const caoBang = { id: "cao-bang-2024", title: "Đoàn công tác làm việc với tỉnh Cao Bằng", period: "năm 2024", at: "2026-11-26T03:15:00Z" };
  const older = { id: "ha-giang-2023", title: "Đoàn công tác làm việc với tỉnh Hà Giang", period: "năm 2023", at: "2026-11-20T03:15:00Z" };

  it("sessions added and petition status changes since the previous digest, each with its date", async () => {
    const reply = await buildDigest({
      knowledge,
      now: FRIDAY_0700,
      timeZone: TZ,
      lang: "vi",
      petitions,
      sessions: added([older, caoBang]),
      since: { at: "2026-11-26T00:00:03Z", kind: "previous_digest" },
      mode: "scheduled",
    });
    expect(reply.lines.slice(0, 4)).toEqual([
      "Mới kể từ bản tin trước (26/11/2026 07:00):",
      "• Phiên mới: Đoàn công tác làm việc với tỉnh Cao Bằng (năm 2024) — thêm lúc 26/11/2026 10:15",
      "• KN-03 Kiến nghị mới với Chính phủ: Đã tiếp nhận → Đã báo cáo Chính phủ (26/11/2026 15:04)",
      "Số liệu chính — Lạng Sơn, năm 2022 và 4 tháng đầu năm 2023:",
    ]);
    const en = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang: "en", petitions, sessions: added([caoBang]), since: { at: "2026-11-26T00:00:03Z", kind: "previous_digest" }, mode: "scheduled" });
    expect(en.lines.slice(0, 2)).toEqual(["New since the previous digest (26/11/2026 07:00):", "• New session: Đoàn công tác làm việc với tỉnh Cao Bằng (năm 2024) — added 26/11/2026 10:15"]);
  });

  it("the sessions ride along with the petition source, as commands/bantin.ts passes it", async () => {
    const reply = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang: "vi", petitions: { ...petitions, sessions: added([caoBang]) }, since: { at: "2026-11-26T00:00:03Z", kind: "previous_digest" }, mode: "on_demand" });
    expect(reply.lines[1]).toBe("• Phiên mới: Đoàn công tác làm việc với tỉnh Cao Bằng (năm 2024) — thêm lúc 26/11/2026 10:15");
  });

  it("nothing new: 'Không có gì mới kể từ bản tin trước (…)', or since subscribing, or nothing recent for a first look", async () => {
    const quiet: PetitionDigestSource = { summary: () => ({ countsByStatus: [{ status: "x", label: "Đã tiếp nhận", count: 4 }], changes: [] }) };
    const none = added([older]);
    const again = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang: "vi", petitions: quiet, sessions: none, since: { at: "2026-11-26T00:00:00Z", kind: "previous_digest" }, mode: "scheduled" });
    expect(again.lines[0]).toBe("Không có gì mới kể từ bản tin trước (26/11/2026 07:00).");
    expect(again.lines[1]).toBe("Số liệu chính — Lạng Sơn, năm 2022 và 4 tháng đầu năm 2023:");
    expect(again.lines).toContain("• Đã tiếp nhận: 4");
    const first = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang: "vi", petitions: quiet, sessions: none, since: { at: "2026-11-25T10:00:00Z", kind: "subscribed" }, mode: "scheduled" });
    expect(first.lines[0]).toBe("Không có gì mới kể từ khi đăng ký nhận bản tin (25/11/2026 17:00).");
    const en = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang: "en", petitions: quiet, sessions: none, since: { at: "2026-11-26T00:00:00Z", kind: "previous_digest" }, mode: "scheduled" });
    expect(en.lines[0]).toBe("Nothing new since the previous digest (26/11/2026 07:00).");
    const look = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang: "vi", petitions: quiet, sessions: added([]), since: null, mode: "on_demand" });
    expect(look.lines[0]).toBe("Chưa có thay đổi nào gần đây.");
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
    expect(reply.lines.slice(0, 3)).toEqual([
      "Mới kể từ khi đăng ký nhận bản tin (25/11/2026 17:00):",
      "• KN-01 Kiến nghị Chính phủ: Đã tiếp nhận → Đã báo cáo Chính phủ (26/11/2026 15:00)",
      "• KN-02 Kiến nghị các bộ, ngành: Đã tiếp nhận → Đã giải quyết (26/11/2026 16:00)",
    ]);
    const all = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang: "vi", petitions: source, since: null, mode: "on_demand" });
    expect(all.lines.slice(0, 3)).toEqual([
      "Thay đổi gần đây:",
      "• KN-01 Kiến nghị Chính phủ: Đã tiếp nhận → Đã báo cáo Chính phủ (26/11/2026 15:00)",
      "• KN-02 Kiến nghị các bộ, ngành: Đã tiếp nhận → Đã giải quyết (26/11/2026 16:00)",
    ]);
  });
});

describe("digest form", () => {
  it("in English, with the weekday in English", async () => {
    const reply = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang: "en", petitions, since: { at: "2026-11-26T00:00:03Z", kind: "previous_digest" }, mode: "scheduled" });
    expect(reply.title).toBe("Indicator digest — Friday, 27/11/2026");
    expect(reply.lines.slice(0, 4)).toMatchInlineSnapshot(`
      [
        "New since the previous digest (26/11/2026 07:00):",
        "• KN-03 Kiến nghị mới với Chính phủ: Đã tiếp nhận → Đã báo cáo Chính phủ (26/11/2026 15:04)",
        "Key figures — Lạng Sơn, 2022–2023:",
        "• Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP): 7.22% (7,22%) — “đạt 7,22%” (2022 and the first 4 months of 2023).",
      ]
    `);
    expect(reply.lines.slice(-2)).toMatchInlineSnapshot(`
      [
        "Today's highlight:",
        "• Giải ngân — kế hoạch vốn năm 2023: 15.2% (15,2%) — “tương đương 15,2% kế hoạch” (Q1 2023).",
      ]
    `);
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

  it("fits Telegram's and Discord's limits however many petitions changed and sessions were added", async () => {
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
      sessions: {
        added: () => Array.from({ length: 300 }, (_, i) => ({ id: `s-${i}`, title: "Đoàn công tác của Chính phủ làm việc với tỉnh ".repeat(4) + i, period: "năm 2024", at: "2026-11-26T05:00:00Z" })),
      },
    };
    for (const lang of ["vi", "en"] as const) {
      const reply = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang, petitions: busy, since: { at: "2026-11-26T00:00:00Z", kind: "previous_digest" }, mode: "scheduled" });
      expect(replyTextLength(reply)).toBeLessThanOrEqual(DIGEST_MAX_CHARS);
      expect(reply.title!.length).toBeLessThanOrEqual(256); // Discord embed title
      expect(reply.lines.some((l) => /^… (và|and) \d+/.test(l))).toBe(true);
      expect(reply.lines[0]).toBe(lang === "en" ? "New since the previous digest (26/11/2026 07:00):" : "Mới kể từ bản tin trước (26/11/2026 07:00):");
      // The key figures and the highlight are kept: it is the lists of changes that shrink.
      expect(reply.lines.some((l) => l.startsWith(lang === "en" ? "Key figures" : "Số liệu chính"))).toBe(true);
      expect(reply.lines.at(-2)).toBe(lang === "en" ? "Today's highlight:" : "Nổi bật hôm nay:");
      // The same reply on every front door, in one piece: one Telegram message, one Discord embed.
      const html = renderHtmlChunks(reply);
      expect(html).toHaveLength(1);
      expect(html[0]!.length).toBeLessThanOrEqual(4096);
      const embeds = renderEmbeds(reply);
      expect(embeds).toHaveLength(1);
      expect(embeds[0]!.description!.length).toBeLessThanOrEqual(4096);
      expect(embedChars(embeds)).toBeLessThanOrEqual(6000);
    }
  });
});

describe("the highlight rotates, one figure a day, from the date alone", () => {
  const days = (n: number, from = "2026-02-01") => Array.from({ length: n }, (_, i) => new Date(Date.parse(`${from}T12:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));

  it("a different figure each day; over as many days as there are candidates, each once", () => {
    const candidates = highlightCandidates(knowledge);
    expect(candidates.length).toBeGreaterThan(10);
    const picks = days(candidates.length).map((d) => highlightFor(knowledge, d, TZ)!.figure.id);
    expect(new Set(picks).size).toBe(candidates.length);
    for (let i = 1; i < picks.length; i++) expect(picks[i]).not.toBe(picks[i - 1]);
    // Two days running are not neighbours in the report (the stride jumps).
    const order = candidates.map((c) => c.figure.id);
    for (let i = 1; i < picks.length; i++) expect(Math.abs(order.indexOf(picks[i]!) - order.indexOf(picks[i - 1]!))).toBeGreaterThan(1);
  });

  it("is the same for every caller on a date, whatever the time of day", async () => {
    expect(highlightFor(knowledge, "2026-02-03", TZ)!.figure.id).toBe(highlightFor(knowledge, "2026-02-03", TZ)!.figure.id);
    const morning = await buildDigest({ knowledge, now: new Date("2026-11-27T00:00:00Z"), timeZone: TZ, lang: "vi", since: null, mode: "scheduled" });
    const evening = await buildDigest({ knowledge, now: new Date("2026-11-27T14:00:00Z"), timeZone: TZ, lang: "vi", since: null, mode: "scheduled" });
    expect(evening.lines.at(-1)).toBe(morning.lines.at(-1));
    expect(evening.citations).toEqual(morning.citations);
  });

  it("never a key figure nor a petition count: those have their own parts", () => {
    const session = knowledge.sessions[0]!;
    const petitionCites = new Set(session.file.petitionGroups.map((g) => g.cite));
    const keys = new Set(session.file.indicators.filter((i) => i.key).map((i) => i.id));
    for (const c of highlightCandidates(knowledge)) {
      expect(petitionCites.has(c.figure.cite)).toBe(false);
      if (keys.has(c.figure.indicator)) expect(c.figure.parent).toBeDefined();
    }
  });

  it("two days running, the digest's highlight and its source sentence differ", async () => {
    const fri = await buildDigest({ knowledge, now: FRIDAY_0700, timeZone: TZ, lang: "vi", since: null, mode: "scheduled" });
    const sat = await buildDigest({ knowledge, now: new Date(FRIDAY_0700.getTime() + 86_400_000), timeZone: TZ, lang: "vi", since: null, mode: "scheduled" });
    expect(fri.lines.at(-2)).toBe("Nổi bật hôm nay:");
    expect(sat.lines.at(-1)).not.toBe(fri.lines.at(-1));
    expect(sat.citations).not.toEqual(fri.citations);
    expect(sat.lines.slice(0, -1)).toEqual(fri.lines.slice(0, -1));
  });

  it("quotes the whole sentence of the figure's clause, or the part between semicolons of a long one", () => {
    const source = knowledge.sessions[0]!.sourceText;
    expect(sourceSentence(source, "dịch vụ tăng 6,6%")).toMatch(/^Tốc độ tăng tổng sản phẩm .*dịch vụ tăng 6,6%\.$/);
    expect(sourceSentence(source, "tỉnh đã hỗ trợ vay ưu đãi 319 tỷ đồng")).toBe(
      "Các chính sách đặc thù khuyến khích đầu tư, phát triển hợp tác, liên kết sản xuất và tiêu thụ sản phẩm nông nghiệp, nông thôn được triển khai hiệu quả, tỉnh đã hỗ trợ vay ưu đãi 319 tỷ đồng",
    );
    expect(sourceSentence(source, "không có trong báo cáo")).toBe("không có trong báo cáo");
  });
});
