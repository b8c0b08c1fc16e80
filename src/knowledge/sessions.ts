// Picking a session by what people type: its id, its province (with a year to tell meetings
// apart), or a fuzzy name. Commands take it as an optional selector; no selector means the most
// recent session, as for questions.
import type { KnowledgeBase, LoadedSession } from "./types.js";
import type { Choice, Lang } from "../core/types.js";
import { rankByName, type Rankable } from "../text/rank.js";
import { foldForMatch } from "../text/fold.js";
import { sessionInfo } from "./info.js";

interface SessionItem extends Rankable {
  session: LoadedSession;
}

const itemsCache = new WeakMap<KnowledgeBase, SessionItem[]>();

function items(kb: KnowledgeBase): SessionItem[] {
  let list = itemsCache.get(kb);
  if (!list) {
    list = kb.sessions.map((session) => {
      const s = sessionInfo(session);
      return { value: s.id, name: `${s.province} — ${s.reportPeriod}`, keys: [s.id, s.province, s.title, ...s.years.map((y) => `${s.province} ${y}`)], session };
    });
    itemsCache.set(kb, list);
  }
  return list;
}

export function sessionLabel(session: LoadedSession, lang: Lang): string {
  const s = sessionInfo(session);
  return lang === "en" ? `${s.titleEn} (${s.reportPeriod})` : `${s.title} (${s.reportPeriod})`;
}

export type SessionPick = { session: LoadedSession } | { error: string; closest: LoadedSession[] };

/** The session a selector names; the most recent one when the selector is empty. */
export function pickSession(kb: KnowledgeBase, typed: string | undefined, lang: Lang = "vi"): SessionPick {
  const t = (typed ?? "").trim();
  if (!t) return { session: kb.sessions[0]! };
  const exact = kb.byId.get(t) ?? kb.byId.get(t.toLowerCase());
  if (exact) return { session: exact };
  const folded = foldForMatch(t);
  const year = /\b(19|20)\d{2}\b/.exec(folded)?.[0];
  const province = folded.replace(/\b(19|20)\d{2}\b/, "").trim();
  // Sessions are newest first, so the first match of a province is its latest meeting.
  const byProvince = kb.sessions.find((s) => {
    const info = sessionInfo(s);
    return foldForMatch(info.province) === province && (!year || info.years.includes(Number(year)));
  });
  if (byProvince) return { session: byProvince };
  const ranked = rankByName(items(kb), t, 3);
  const top = ranked[0];
  if (top && top.score >= 2) return { session: top.item.session };
  return {
    error: lang === "en" ? `No session matches "${t.slice(0, 60)}".` : `Không có phiên làm việc nào khớp với "${t.slice(0, 60)}".`,
    closest: ranked.length ? ranked.map((r) => r.item.session) : kb.sessions.slice(0, 3),
  };
}

/** Autocomplete choices for a session selector (Discord): at most 25, best first. */
export function sessionChoices(kb: KnowledgeBase, partial: string): Choice[] {
  return rankByName(items(kb), partial, 25).map((r) => ({ name: r.item.name.slice(0, 100), value: r.item.value }));
}

/**
 * Text front doors have no named options: a selector is written "@lang-son-2023" or
 * "phiên:Cao Bằng 2021" anywhere in the arguments. Returns the arguments without it.
 */
export function takeSessionSelector(raw: string): { rest: string; selector?: string } {
  const m = /(?:^|\s)(?:@([\w-]+)|(?:phiên|phien|session)\s*[:=]\s*(.+?)(?=\s+@|$))/iu.exec(raw);
  if (!m) return { rest: raw.trim() };
  return { rest: (raw.slice(0, m.index) + raw.slice(m.index + m[0].length)).replace(/\s+/g, " ").trim(), selector: (m[1] ?? m[2])!.trim() };
}
