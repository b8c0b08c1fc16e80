// What names and selects a session, without loading it when it comes from the catalogue.
import type { SessionFile } from "./schema.js";
import type { LoadedSession, SessionInfo } from "./types.js";

export function infoOf(file: SessionFile): SessionInfo {
  const s = file.session;
  return {
    id: s.id,
    title: s.title,
    titleEn: s.titleEn,
    province: s.province,
    reportPeriod: s.reportPeriod,
    periodAtoms: s.periodAtoms,
    coversUntil: s.coversUntil,
    years: s.years,
    delegationHead: s.delegationHead,
    people: file.people.flatMap((p) => (p.name ? [p.name] : [])),
  };
}

const derived = new WeakMap<LoadedSession, SessionInfo>();

/** A session's catalogue line: the catalogue's own (no load), or read from a loaded file. */
export function sessionInfo(s: LoadedSession): SessionInfo {
  if (s.info) return s.info;
  let info = derived.get(s);
  if (!info) derived.set(s, (info = infoOf(s.file)));
  return info;
}
