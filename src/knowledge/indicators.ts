// Indicators (named series of figures) of a session, looked up by what people type.
import type { Figure, Indicator } from "./schema.js";
import type { LoadedSession } from "./types.js";
import { rankByName, type Rankable } from "../text/rank.js";

export interface IndicatorView {
  indicator: Indicator;
  figures: Figure[];
}

export function indicatorViews(session: LoadedSession): IndicatorView[] {
  return session.file.indicators.map((indicator) => ({
    indicator,
    figures: session.file.figures.filter((f) => f.indicator === indicator.id),
  }));
}

interface IndicatorItem extends Rankable {
  view: IndicatorView;
}

const itemCache = new WeakMap<LoadedSession, IndicatorItem[]>();

function items(session: LoadedSession): IndicatorItem[] {
  let list = itemCache.get(session);
  if (!list) {
    list = indicatorViews(session).map((view) => ({
      value: view.indicator.id,
      name: view.indicator.name.vi,
      keys: [view.indicator.name.en, ...view.figures.map((f) => f.label.vi)],
      view,
    }));
    itemCache.set(session, list);
  }
  return list;
}

/** The indicators that best match `typed`, best first (exact > prefix > fuzzy). */
export function findIndicators(session: LoadedSession, typed: string, limit = 25): IndicatorView[] {
  return rankByName(items(session), typed, limit).map((r) => r.item.view);
}
