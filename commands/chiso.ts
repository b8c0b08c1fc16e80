import type { CommandDef, Citation, FigureView, Reply } from "./types.js";
import { findIndicators, indicatorViews, type IndicatorView } from "../src/knowledge/indicators.js";
import type { LoadedSession } from "../src/knowledge/types.js";
import { pickSession, sessionLabel, takeSessionSelector } from "../src/knowledge/sessions.js";
import { sessionOption } from "./session-option.js";

function figuresOf(view: IndicatorView, en: boolean): FigureView[] {
  return view.figures.map((f) => ({ label: en ? f.label.en : f.label.vi, value: f.display, period: en ? f.period.labelEn : f.period.label }));
}

function citationsOf(view: IndicatorView, session: LoadedSession): Citation[] {
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const f of view.figures)
    for (const text of [f.cite, f.period.cite]) if (text && !seen.has(text)) (seen.add(text), out.push({ text, sessionId: session.file.session.id }));
  return out;
}

export const indicatorCommand: CommandDef = {
  name: "indicator",
  nameVi: "chiso",
  aliases: ["chỉsố", "chi_so"],
  description: { vi: "Các chỉ số chính, hoặc một chỉ số với mọi kỳ số liệu", en: "Key indicators, or one indicator across all its periods" },
  options: [
    {
      name: "name",
      nameVi: "ten",
      description: { vi: "Tên chỉ số, ví dụ: GRDP, trồng rừng, xuất nhập khẩu", en: "Indicator name, e.g. GRDP, forest, import-export" },
      type: "string",
      rest: true,
      autocomplete: (partial, ctx) =>
        findIndicators(ctx.services.knowledge.sessions[0]!, partial, 25).map((v) => ({
          name: ctx.lang === "en" ? v.indicator.name.en : v.indicator.name.vi,
          value: v.indicator.id,
        })),
    },
    sessionOption,
  ],
  handler(input, ctx): Reply {
    const en = ctx.lang === "en";
    const text = input.options.session ? { rest: input.options.name ?? "", selector: input.options.session } : takeSessionSelector(input.options.name ?? "");
    const pick = pickSession(ctx.services.knowledge, text.selector, ctx.lang);
    if ("error" in pick) return noSession(pick.error, pick.closest, ctx.lang, "/chiso");
    const session = pick.session;
    const typed = text.rest.trim();
    if (!typed) {
      const views = indicatorViews(session).filter((v) => v.figures.length > 0);
      return {
        kind: "info",
        lang: ctx.lang,
        title: en ? "Indicators of the session" : "Các chỉ số của buổi làm việc",
        lines: views.map((v) => {
          const name = en ? v.indicator.name.en : v.indicator.name.vi;
          const values = v.figures.map((f) => `${f.display} (${en ? f.period.labelEn : f.period.label})`).join("; ");
          return `• ${name}: ${values}`;
        }),
        suggestions: views.slice(0, 4).map((v) => ({ label: en ? v.indicator.name.en : v.indicator.name.vi, input: `/chiso ${v.indicator.id}` })),
        footer: sessionLabel(session, ctx.lang),
      };
    }
    const found = findIndicators(session, typed, 5);
    const best = found[0];
    if (!best) {
      return {
        kind: "not_found",
        lang: ctx.lang,
        lines: [en ? `No indicator is called "${typed.slice(0, 80)}". Type /indicator to see them all.` : `Không có chỉ số "${typed.slice(0, 80)}". Gõ /chiso để xem danh sách.`],
      };
    }
    return {
      kind: "answer",
      lang: ctx.lang,
      title: en ? best.indicator.name.en : best.indicator.name.vi,
      lines: best.figures.map((f) => `${en ? f.label.en : f.label.vi}: ${f.display} (${en ? f.period.labelEn : f.period.label})`),
      figures: figuresOf(best, en),
      citations: citationsOf(best, session),
      suggestions: found.slice(1, 4).map((v) => ({ label: en ? v.indicator.name.en : v.indicator.name.vi, input: `/chiso ${v.indicator.id}` })),
      footer: sessionLabel(session, ctx.lang),
    };
  },
};

/** A selector that names no session: say so, and offer the closest ones. */
export function noSession(error: string, closest: LoadedSession[], lang: "vi" | "en", command: string): Reply {
  return {
    kind: "not_found",
    lang,
    lines: [error, lang === "en" ? "Write the session as @id, e.g. @lang-son-2023." : "Ghi phiên dạng @mã, ví dụ @lang-son-2023."],
    suggestions: closest.map((s) => ({ label: sessionLabel(s, lang).slice(0, 60), input: `${command} @${s.file.session.id}` })),
  };
}
