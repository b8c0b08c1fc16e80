// Slash-command building (names, localizations, subcommands, limits) and the small helpers of the
// Discord adapter, without any network.
import { describe, expect, it } from "vitest";
import type { CommandDef, Handler, OptionDef, Reply } from "../commands/types.js";
import { allCommands } from "../commands/index.js";
import { buildSlashCommands, checkCommandPayload, clip, discordName, DISCORD_NAME_RE } from "../src/adapters/discord/commands.js";
import { langOf, resolve, toDiscordChoices } from "../src/adapters/discord/bot.js";
import { UserRateLimiter } from "../src/adapters/rate-limit.js";
import { openStore } from "../src/store/store.js";
import { ManualClock } from "../src/clock.js";

const noop: Handler = (): Reply => ({ kind: "info", lang: "vi", lines: ["ok"] });
const d = (vi: string, en: string) => ({ vi, en });

/** Shaped like the `digest` command another engineer adds: bantin dangky/huy/trangthai. */
const digestLike: CommandDef = {
  name: "digest",
  nameVi: "bantin",
  description: d("Bản tin chỉ số hằng ngày", "Daily indicator digest"),
  options: [],
  subcommands: [
    {
      name: "subscribe",
      nameVi: "dangky",
      description: d("Đăng ký nhận bản tin", "Subscribe this chat"),
      options: [{ name: "time", nameVi: "gio", type: "string", description: d("Giờ gửi, ví dụ 7h30", "Time, e.g. 07:30") }],
      handler: noop,
    },
    { name: "unsubscribe", nameVi: "huy", description: d("Hủy đăng ký", "Unsubscribe"), options: [], handler: noop },
    { name: "status", nameVi: "trangthai", description: d("Trạng thái đăng ký", "Subscription status"), options: [], handler: noop },
  ],
  handler: noop,
};

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("slash commands from commands/", () => {
  const { json, index } = buildSlashCommands(allCommands);

  it("publishes every visible command under its English name with the Vietnamese one as the vi localization", () => {
    const visible = allCommands.filter((c) => !c.hidden);
    expect(json.map((c) => c.name)).toEqual(visible.map((c) => c.name));
    for (const [i, c] of json.entries()) {
      expect(c.name_localizations?.vi).toBe(visible[i]!.nameVi);
      expect(c.description).toBe(visible[i]!.description.en);
      expect(c.description_localizations?.vi).toBe(visible[i]!.description.vi);
    }
    const byName = Object.fromEntries(json.map((c) => [c.name, c.name_localizations?.vi]));
    expect(byName).toMatchObject({ ask: "hoi", indicator: "chiso", conclusions: "ketluan", help: "help" });
  });

  it("satisfies Discord's rules for names, descriptions and sizes", () => {
    for (const c of json) {
      expect(checkCommandPayload(c)).toEqual([]);
      const walk = (node: Json) => {
        expect(node.name).toMatch(DISCORD_NAME_RE);
        expect(node.name_localizations?.vi).toMatch(DISCORD_NAME_RE);
        expect(node.description.length).toBeGreaterThan(0);
        expect(node.description.length).toBeLessThanOrEqual(100);
        expect(node.description_localizations?.vi.length).toBeLessThanOrEqual(100);
        for (const o of node.options ?? []) walk(o);
      };
      walk(c as Json);
    }
  });

  it("types and localizes options, with autocomplete where the definition offers it", () => {
    const ask = json.find((c) => c.name === "ask") as Json;
    expect(ask.options).toEqual([
      {
        type: 3,
        name: "question",
        name_localizations: { vi: "cauhoi" },
        description: "Your question, in Vietnamese or English",
        description_localizations: { vi: "Câu hỏi của bạn, có dấu hoặc không dấu" },
        required: true,
      },
    ]);
    const indicator = json.find((c) => c.name === "indicator") as Json;
    expect(indicator.options[0]).toMatchObject({ type: 3, name: "name", name_localizations: { vi: "ten" }, autocomplete: true, required: false });
    // The optional session selector (many sessions), autocompleted like the indicator name.
    expect(indicator.options[1]).toMatchObject({ type: 3, name: "session", name_localizations: { vi: "phien" }, autocomplete: true, required: false });
    expect(resolve(index, "indicator", null)?.options.map((o) => o.def.name)).toEqual(["name", "session"]);
  });

  it("turns subcommands into Discord subcommands, plus show/xem for the command's own handler and options", () => {
    const withTopic: CommandDef = { ...digestLike, options: [{ name: "topic", nameVi: "chude", type: "string", description: d("Chủ đề", "Topic") }] };
    const built = buildSlashCommands([withTopic]);
    const cmd = built.json[0] as Json;
    expect(cmd.name).toBe("digest");
    expect(cmd.name_localizations).toEqual({ vi: "bantin" });
    expect(cmd.options.map((o: Json) => [o.type, o.name, o.name_localizations.vi])).toEqual([
      [1, "subscribe", "dangky"],
      [1, "unsubscribe", "huy"],
      [1, "status", "trangthai"],
      [1, "show", "xem"],
    ]);
    expect(cmd.options[0].options[0]).toMatchObject({ type: 3, name: "time", name_localizations: { vi: "gio" } });
    expect(cmd.options[3].options[0]).toMatchObject({ type: 3, name: "topic", name_localizations: { vi: "chude" } });
    expect(checkCommandPayload(built.json[0]!)).toEqual([]);
    expect(resolve(built.index, "digest", "show")?.handler).toBe(withTopic.handler);
    expect(resolve(built.index, "digest", "subscribe")?.what).toBe("digest subscribe");
    expect(resolve(built.index, "digest", null)).toBeUndefined();
  });

  it("picks another default subcommand name when show/xem is taken", () => {
    const taken: CommandDef = { ...digestLike, subcommands: [{ ...digestLike.subcommands![0]!, name: "show", nameVi: "xem" }] };
    const cmd = buildSlashCommands([taken]).json[0] as Json;
    expect(cmd.options.map((o: Json) => o.name)).toEqual(["show", "default"]);
  });

  it("puts required options first, carries choices (typed), and never mixes choices with autocomplete", () => {
    const options: OptionDef[] = [
      { name: "note", nameVi: "ghichu", type: "string", description: d("Ghi chú", "Note") },
      {
        name: "status",
        nameVi: "trangthai",
        type: "string",
        required: true,
        description: d("Trạng thái", "Status"),
        choices: [
          { name: "Đã giải quyết", value: "resolved" },
          { name: "Đang xử lý", value: "in_progress" },
        ],
        autocomplete: () => [],
      },
      { name: "days", nameVi: "songay", type: "integer", description: d("Số ngày", "Days"), choices: [{ name: "Một tuần", value: "7" }] },
    ];
    const cmd = buildSlashCommands([{ name: "petition", nameVi: "kiennghi", description: d("Kiến nghị", "Petitions"), options, handler: noop }]).json[0] as Json;
    expect(cmd.options.map((o: Json) => o.name)).toEqual(["status", "note", "days"]);
    expect(cmd.options[0].choices).toEqual([
      { name: "Đã giải quyết", value: "resolved" },
      { name: "Đang xử lý", value: "in_progress" },
    ]);
    expect(cmd.options[0].autocomplete).toBeUndefined();
    expect(cmd.options[2]).toMatchObject({ type: 4, choices: [{ name: "Một tuần", value: 7 }] });
    expect(checkCommandPayload(cmd as never)).toEqual([]);
  });

  it("cuts long descriptions to 100 characters and fills empty ones", () => {
    const long = "Mô tả rất dài ".repeat(20);
    const cmd = buildSlashCommands([{ name: "x", nameVi: "x", description: d(long, ""), options: [], handler: noop }]).json[0]!;
    expect(cmd.description).toBe("x");
    expect(cmd.description_localizations?.vi?.length).toBe(100);
    expect(cmd.description_localizations?.vi?.endsWith("…")).toBe(true);
  });

  it("leaves hidden commands out and refuses two commands with one name", () => {
    const hidden: CommandDef = { name: "start", nameVi: "batdau", hidden: true, description: d("a", "a"), options: [], handler: noop };
    expect(buildSlashCommands([hidden]).json).toEqual([]);
    const one: CommandDef = { name: "ask", nameVi: "hoi", description: d("a", "a"), options: [], handler: noop };
    expect(() => buildSlashCommands([one, { ...one, nameVi: "hoi2" }])).toThrow(/two commands/);
  });

  it("makes names Discord accepts", () => {
    expect(discordName("Hỏi Đáp")).toBe("hỏi_đáp");
    expect(discordName("hỏi".normalize("NFD"))).toBe("hỏi");
    expect(discordName("Bản-tin!")).toBe("bản-tin");
    expect(discordName("a".repeat(40))).toBe("a".repeat(32));
    expect(() => discordName("!!!")).toThrow();
  });
});

describe("adapter helpers", () => {
  it("clips on code points, with an ellipsis", () => {
    expect(clip("abc", 3)).toBe("abc");
    expect(clip("abcdef", 4)).toBe("abc…");
    const emoji = "😀".repeat(10); // 20 UTF-16 units
    const out = clip(emoji, 7);
    expect(out.length).toBeLessThanOrEqual(7);
    expect(out).toBe("😀😀😀…");
  });

  it("limits autocomplete choices to 25 valid ones", () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ name: `Chỉ số ${i} ${"x".repeat(120)}`, value: `id-${i}` }));
    const out = toDiscordChoices(many, "string");
    expect(out).toHaveLength(25);
    for (const c of out) expect(c.name.length).toBeLessThanOrEqual(100);
    expect(toDiscordChoices([{ name: "too long", value: "v".repeat(101) }, { name: "ok", value: "v" }], "string")).toEqual([{ name: "ok", value: "v" }]);
    expect(toDiscordChoices([{ name: "Bảy", value: "7" }, { name: "x", value: "abc" }], "integer")).toEqual([{ name: "Bảy", value: 7 }]);
  });

  it("maps Discord locales to the reply language", () => {
    expect(langOf("en-US")).toBe("en");
    expect(langOf("en-GB")).toBe("en");
    expect(langOf("vi")).toBe("vi");
    expect(langOf("fr")).toBe("vi");
    expect(langOf(undefined)).toBe("vi");
  });

  it("rate-limits per user over a minute, counted in the store", async () => {
    const clock = new ManualClock("2023-06-01T00:00:00Z");
    const store = openStore(":memory:", { clock });
    const limiter = new UserRateLimiter(store, 2);
    const allow = async (user: string) => (await limiter.check(user)).allowed;
    expect(await allow("a")).toBe(true);
    clock.advance(30_000);
    expect(await allow("a")).toBe(true);
    expect(await limiter.check("a")).toEqual({ allowed: false, firstRefusal: true });
    expect(await limiter.check("a")).toEqual({ allowed: false, firstRefusal: false });
    expect(await allow("b")).toBe(true);
    clock.advance(30_000);
    expect(await allow("a")).toBe(true);
    await store.close();
  });
});
