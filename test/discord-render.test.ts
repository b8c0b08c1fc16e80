// Reply → Discord embeds and buttons: the shape of an answer, and Discord's limits for any Reply.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Reply } from "../commands/types.js";
import { embedChars, LIMITS, renderReply, SuggestionStore } from "../src/adapters/discord/render.js";

const answer: Reply = {
  kind: "answer",
  lang: "vi",
  title: "Đoàn công tác của Chính phủ làm việc với tỉnh Lạng Sơn",
  lines: ["Tốc độ tăng GRDP: 7,22% (năm 2022 và 4 tháng đầu năm 2023)."],
  figures: [{ label: "Tốc độ tăng GRDP", value: "7,22%", period: "năm 2022 và 4 tháng đầu năm 2023" }],
  citations: [
    { text: "Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) đạt 7,22%", sessionId: "lang-son-2023" },
    { text: "trong đó lĩnh vực vực nông, lâm nghiệp tăng 5,01%", sessionId: "lang-son-2023" },
  ],
  suggestions: [
    { label: "Còn dịch vụ?", input: "còn dịch vụ?" },
    { label: "Chỉ số", input: "/chiso grdp-growth" },
  ],
  footer: "Nguồn: Đoàn công tác của Chính phủ làm việc với tỉnh Lạng Sơn",
};

describe("renderReply", () => {
  it("renders an answer: title, lines, quoted citations, figures as fields, footer, buttons", () => {
    const out = renderReply(answer, { suggestions: new SuggestionStore() });
    expect(out).toEqual({
      embeds: [
        {
          color: 0x2e7d32,
          title: "Đoàn công tác của Chính phủ làm việc với tỉnh Lạng Sơn",
          description:
            "Tốc độ tăng GRDP: 7,22% (năm 2022 và 4 tháng đầu năm 2023).\n\n**Trích dẫn nguyên văn:**\n" +
            "> Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) đạt 7,22%\n\n" +
            "> trong đó lĩnh vực vực nông, lâm nghiệp tăng 5,01%",
          fields: [{ name: "Tốc độ tăng GRDP", value: "7,22% (năm 2022 và 4 tháng đầu năm 2023)", inline: true }],
          footer: { text: "Nguồn: Đoàn công tác của Chính phủ làm việc với tỉnh Lạng Sơn" },
        },
      ],
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 2, label: "Còn dịch vụ?", custom_id: "q:còn dịch vụ?" },
            { type: 2, style: 2, label: "Chỉ số", custom_id: "q:/chiso grdp-growth" },
          ],
        },
      ],
    });
  });

  it("marks ephemeral replies and escapes markdown in plain text", () => {
    const out = renderReply({ kind: "error", lang: "en", lines: ["a*b_c `d` ~~e~~"], ephemeral: true });
    expect(out.flags).toBe(64);
    expect(out.embeds[0]!.description).toBe("a\\*b\\_c \\`d\\` \\~\\~e\\~\\~");
    expect(out.embeds[0]!.color).toBe(0xc62828);
  });

  it("names the cited session in the footer when the Reply has none", () => {
    const out = renderReply(
      { kind: "answer", lang: "en", lines: ["x"], citations: [{ text: "câu gốc", sessionId: "s1" }] },
      { sessionTitle: (id, lang) => (id === "s1" && lang === "en" ? "Working session" : undefined) },
    );
    expect(out.embeds[0]!.footer).toEqual({ text: "Source: Working session" });
    expect(out.embeds[0]!.description).toBe("x\n\n**Quoted from the source:**\n> câu gốc");
  });

  it("never sends an empty embed", () => {
    const out = renderReply({ kind: "info", lang: "vi", lines: [] });
    expect(out.embeds).toEqual([{ color: 0x1565c0, description: "—" }]);
  });

  it("keeps long input out of custom_id with a bounded map; foreign ids are not suggestions", () => {
    const store = new SuggestionStore(3);
    const long = (i: number) => `Câu hỏi rất dài số ${i}: ${"kim ngạch xuất nhập khẩu ".repeat(6)}`;
    const ids = [0, 1, 2, 3, 4].map((i) => store.idFor(long(i)));
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
    expect(store.size).toBe(3);
    expect(store.inputFor(ids[0]!)).toBeUndefined();
    expect(store.inputFor(ids[4]!)).toBe(long(4));
    expect(store.inputFor("q:GRDP?")).toBe("GRDP?");
    expect(store.inputFor("something-else")).toBeNull();
  });

  it("splits a very long reply over embeds within every Discord limit", () => {
    const big: Reply = {
      kind: "info",
      lang: "vi",
      title: "T".repeat(300),
      lines: Array.from({ length: 60 }, (_, i) => `• Dòng ${i}: ${"nội dung ".repeat(30)}`),
      figures: Array.from({ length: 40 }, (_, i) => ({ label: `Chỉ số ${i}`, value: `${i},5%`, period: "năm 2022" })),
      citations: [{ text: "x".repeat(5000), sessionId: "s" }],
      suggestions: Array.from({ length: 30 }, (_, i) => ({ label: `Gợi ý ${i} ${"y".repeat(100)}`, input: `/chiso ${i} ${"z".repeat(120)}` })),
      footer: "F".repeat(3000),
    };
    const out = renderReply(big, { suggestions: new SuggestionStore() });
    expectWithinLimits(out);
    expect(out.embeds[0]!.title!.length).toBe(256);
    expect(out.embeds.at(-1)!.footer!.text.length).toBe(2048);
    expect(embedChars(out.embeds)).toBeLessThanOrEqual(6000);
    expect(out.components).toHaveLength(5);
  });

  it("stays within Discord's limits for any Reply", () => {
    const text = fc.string({ unit: "grapheme", maxLength: 1500 });
    const reply = fc.record({
      kind: fc.constantFrom("answer", "not_found", "info", "usage", "refused", "error"),
      lang: fc.constantFrom("vi", "en"),
      title: fc.option(text, { nil: undefined }),
      lines: fc.array(text, { maxLength: 12 }),
      figures: fc.option(fc.array(fc.record({ label: text, value: text, period: fc.option(text, { nil: undefined }) }), { maxLength: 40 }), { nil: undefined }),
      citations: fc.option(fc.array(fc.record({ text, sessionId: fc.constant("s") }), { maxLength: 6 }), { nil: undefined }),
      suggestions: fc.option(fc.array(fc.record({ label: text, input: text }), { maxLength: 30 }), { nil: undefined }),
      footer: fc.option(text, { nil: undefined }),
      ephemeral: fc.option(fc.boolean(), { nil: undefined }),
    }) as fc.Arbitrary<Reply>;
    fc.assert(
      fc.property(reply, (r) => expectWithinLimits(renderReply(r, { suggestions: new SuggestionStore() }))),
      { numRuns: 150 },
    );
  });
});

function expectWithinLimits(out: ReturnType<typeof renderReply>): void {
  expect(out.embeds.length).toBeGreaterThanOrEqual(1);
  expect(out.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
  expect(embedChars(out.embeds)).toBeLessThanOrEqual(LIMITS.totalPerMessage);
  for (const e of out.embeds) {
    expect(Boolean(e.title || e.description || e.fields?.length || e.footer)).toBe(true);
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThanOrEqual(1);
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeGreaterThanOrEqual(1);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
  }
  expect(out.components.length).toBeLessThanOrEqual(LIMITS.rows);
  const ids = new Set<string>();
  for (const row of out.components) {
    expect(row.components.length).toBeGreaterThanOrEqual(1);
    expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const b of row.components) {
      const button = b as { label?: string; custom_id?: string };
      expect(button.label!.length).toBeGreaterThanOrEqual(1);
      expect(button.label!.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
      expect(button.custom_id!.length).toBeLessThanOrEqual(LIMITS.customId);
      expect(ids.has(button.custom_id!)).toBe(false);
      ids.add(button.custom_id!);
    }
  }
}
