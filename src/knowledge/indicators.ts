// Indicators (named series of figures) of a session: one measure at all its periods and parts.
import type { Figure, Indicator } from "./schema.js";
import type { LoadedSession } from "./types.js";

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
