// Local days and times of the digest, in the subscription's time zone, with date-fns and
// @date-fns/tz: "today" is the chat's calendar day, not UTC's.
import { TZDate, tz } from "@date-fns/tz";
// Per-function and per-locale entry points: the "date-fns" and "date-fns/locale" barrels load every
// function and every locale (over a thousand files, ~0.3 s at start) for the few used here.
import { addDays } from "date-fns/addDays";
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { format } from "date-fns/format";
import { enUS } from "date-fns/locale/en-US";
import { vi } from "date-fns/locale/vi";
import { byLang, messages } from "../core/messages.js";

/** True when `name` is an IANA time zone this runtime knows. */
export function isValidTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The calendar day of `instant` in `timeZone`, "yyyy-MM-dd". */
export function localDateOf(instant: Date, timeZone: string): string {
  return format(instant, "yyyy-MM-dd", { in: tz(timeZone) });
}

/** The wall-clock time of `instant` in `timeZone`, "HH:mm". */
export function localTimeOf(instant: Date, timeZone: string): string {
  return format(instant, "HH:mm", { in: tz(timeZone) });
}

function parts(localDate: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (!m) throw new Error(`invalid local date "${localDate}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The instant at which `time` ("HH:MM") falls on `localDate` in `timeZone`. */
export function instantAt(localDate: string, time: string, timeZone: string): Date {
  const [y, mo, d] = parts(localDate);
  const [h, mi] = time.split(":").map(Number) as [number, number];
  return new Date(new TZDate(y, mo - 1, d, h, mi, timeZone).getTime());
}

/** The day after `localDate`. */
export function nextLocalDate(localDate: string, timeZone: string): string {
  const [y, mo, d] = parts(localDate);
  return format(addDays(new TZDate(y, mo - 1, d, 12, 0, timeZone), 1), "yyyy-MM-dd", { in: tz(timeZone) });
}

/** A day counter for rotations: consecutive local days give consecutive numbers. */
export function dayNumber(localDate: string, timeZone: string): number {
  const [y, mo, d] = parts(localDate);
  return differenceInCalendarDays(new TZDate(y, mo - 1, d, 12, 0, timeZone), new TZDate(2000, 0, 1, 12, 0, timeZone), { in: tz(timeZone) });
}

/** "Thứ Sáu, 27/11/2026" (vi) or "Friday, 27/11/2026" (en). */
export function longLocalDate(instant: Date, timeZone: string, lang: "vi" | "en"): string {
  return format(instant, "EEEE, dd/MM/yyyy", { in: tz(timeZone), locale: byLang(lang, { vi, en: enUS }) });
}

/** "27/11/2026 07:30" in `timeZone`. */
export function shortLocalDateTime(instant: Date, timeZone: string): string {
  return format(instant, "dd/MM/yyyy HH:mm", { in: tz(timeZone) });
}

/** "27/11/2026" from "2026-11-27". */
export function displayLocalDate(localDate: string): string {
  const [y, mo, d] = parts(localDate);
  return `${String(d).padStart(2, "0")}/${String(mo).padStart(2, "0")}/${y}`;
}

/** "giờ Việt Nam" / "Vietnam time" for Vietnam's zone, the IANA name otherwise. */
export function timeZoneLabel(timeZone: string, lang: "vi" | "en"): string {
  const m = messages(lang);
  return timeZone === "Asia/Ho_Chi_Minh" || timeZone === "Asia/Saigon" ? m.timeZoneVietnam : m.timeZoneNamed(timeZone);
}
