import type { CommandDef, Citation, FigureView, Reply } from "./types.js";
import { indicatorViews, type IndicatorView } from "../src/knowledge/indicators.js";
import type { Figure } from "../src/knowledge/schema.js";
import type { LoadedSession } from "../src/knowledge/types.js";
import { pickSession, sessionLabel, takeSessionSelector } from "../src/knowledge/sessions.js";
import { sessionOption } from "./session-option.js";
import { byLang, inBoth, messages } from "../src/core/messages.js";
import { periodFit, periodLabel } from "../src/text/periods.js";
import { rankByName } from "../src/text/rank.js";
import { figureCitations } from "../src/engine/compose.js";
import type { Lang } from "../src/core/types.js";

/** What a figure of a series is, beside the series' name: its part ("dịch vụ"), or its own label. */
function partOf(f: Figure, view: IndicatorView, lang: Lang): string {
  const name = byLang(lang, view.indicator.name);
  const label = byLang(lang, f.label);
  const rest = label.startsWith(name) ? label.slice(name.length).replace(/^\s*—\s*/, "") : label === name ? "" : label;
  return rest || f.subject;
}

function valueText(f: Figure, view: IndicatorView, lang: Lang): string {
  const part = partOf(f, view, lang);
  const value = f.kind === "share" && !/^(?:chiếm|tỷ trọng|tỉ trọng)/iu.test(f.phrase) ? f.display : f.phrase;
  return `${part ? `${part}: ` : ""}${value} (${byLang(lang, { vi: f.period.label, en: f.period.labelEn })})`;
}

function figuresOf(figures: Figure[], lang: Lang): FigureView[] {
  return figures.map((f) => ({ label: byLang(lang, f.label), value: f.display, period: byLang(lang, { vi: f.period.label, en: f.period.labelEn }) }));
}

function citationsOf(figures: Figure[], session: LoadedSession): Citation[] {
  const out: Citation[] = [];
  for (const f of figures) for (const text of figureCitations(f)) if (!out.some((c) => c.text === text)) out.push({ text, sessionId: session.file.session.id });
  return out;
}

const MAX_OVERVIEW_LINES = 15;

export const indicatorCommand: CommandDef = {
  name: "indicator",
  nameVi: "chiso",
  aliases: ["chỉsố", "chi_so"],
  description: inBoth("descIndicator"),
  options: [
    {
      name: "name",
      nameVi: "ten",
      description: inBoth("optIndicatorName"),
      type: "string",
      rest: true,
      autocomplete: (partial, ctx) => {
        const session = ctx.services.knowledge.sessions[0];
        if (!session) return [];
        const items = indicatorViews(session).map((v) => ({ value: v.indicator.id, name: v.indicator.name.vi, keys: [v.indicator.name.en, ...v.figures.map((f) => f.label.vi)], v }));
        return rankByName(items, partial, 25).map((r) => ({ name: byLang(ctx.lang, r.item.v.indicator.name).slice(0, 100), value: r.item.value }));
      },
    },
    sessionOption,
  ],
  handler(input, ctx): Reply {
    const lang = ctx.lang;
    const m = messages(lang);
    const text = input.options.session ? { rest: input.options.name ?? "", selector: input.options.session } : takeSessionSelector(input.options.name ?? "");
    const pick = pickSession(ctx.services.knowledge, text.selector, lang);
    if ("error" in pick) return noSession(pick.error, pick.closest, lang, "/chiso");
    const session = pick.session;
    const views = indicatorViews(session).filter((v) => v.figures.length > 0);
    const typed = text.rest.trim();
    const suggestion = (v: IndicatorView) => ({ label: byLang(lang, v.indicator.name).slice(0, 60), input: `${m.indicatorCommand} ${v.indicator.name.vi}` });
    if (!typed) {
      return {
        kind: "info",
        lang,
        title: m.indicatorsTitle,
        lines: views.slice(0, MAX_OVERVIEW_LINES).map((v) => `• ${byLang(lang, v.indicator.name)} — ${v.figures.slice(0, 4).map((f) => valueText(f, v, lang)).join("; ")}${v.figures.length > 4 ? "; …" : ""}`),
        suggestions: views.slice(0, 4).map(suggestion),
        footer: sessionLabel(session, lang),
      };
    }
    const found = ctx.services.engine.lookupIndicator(session, typed);
    const view = views.find((v) => v.indicator.id === found.indicatorId);
    if (!view) {
      const closest = found.closest.map((id) => views.find((v) => v.indicator.id === id)).filter((v): v is IndicatorView => !!v);
      return {
        kind: "not_found",
        lang,
        lines: [m.noIndicator(typed.slice(0, 80)), ...(closest.length ? [m.closestIndicators, ...closest.map((v) => `• ${byLang(lang, v.indicator.name)}`)] : [])],
        suggestions: (closest.length ? closest : views.slice(0, 3)).map(suggestion),
      };
    }
    const figures = found.period.length ? view.figures.filter((f) => periodFit(found.period, f.period.atoms) !== null) : view.figures;
    const name = byLang(lang, view.indicator.name);
    if (!figures.length) {
      return { kind: "not_found", lang, lines: [m.indicatorNotForPeriod(name, periodLabel(found.period, lang))], suggestions: [suggestion(view)] };
    }
    return {
      kind: "answer",
      lang,
      title: name,
      lines: figures.map((f) => `• ${valueText(f, view, lang)}`),
      figures: figuresOf(figures, lang),
      citations: citationsOf(figures, session),
      suggestions: views.filter((v) => v !== view).slice(0, 3).map(suggestion),
      footer: sessionLabel(session, lang),
    };
  },
};

/** A selector that names no session: say so, and offer the closest ones. */
export function noSession(error: string, closest: LoadedSession[], lang: "vi" | "en", command: string): Reply {
  return {
    kind: "not_found",
    lang,
    lines: [error, messages(lang).sessionSelectorHint],
    suggestions: closest.map((s) => ({ label: sessionLabel(s, lang).slice(0, 60), input: `${command} @${s.file.session.id}` })),
  };
}
