// Digest times the way people type them: "7h", "7h30", "07:30", "19:05", "7:05", "7 giờ 30",
// "7 giờ 30 phút", "7 gio", "7h tối", "7pm". The result is always "HH:MM" (24-hour).
import { fold } from "../text/fold.js";

export type TimeParse = { ok: true; time: string; hour: number; minute: number } | { ok: false };

const DAY_PART = "(sang|trua|chieu|toi|am|pm)";
// 07:30, 7:05, 19:05 (minutes always two digits: "7:5" is refused as ambiguous)
const COLON = new RegExp(`^(\\d{1,2})\\s*[:.]\\s*(\\d{2})(?:\\s*${DAY_PART})?$`);
// 7h, 7h30, 7 h 30, 7 gio, 7 gio 30, 7 gio 30 phut, 7h30p, 7g30
const HOUR_WORD = new RegExp(`^(\\d{1,2})\\s*(?:h|g|gio)\\s*(?:(\\d{2})\\s*(?:p|ph|phut)?)?(?:\\s*${DAY_PART})?$`);
// 7pm, 7 am
const BARE_AMPM = /^(\d{1,2})\s*(am|pm)$/;

/** The hour on a 24-hour clock given a part of the day, or null when they do not fit together. */
function withDayPart(hour: number, part: string | undefined): number | null {
  switch (part) {
    case undefined:
      return hour;
    case "am":
      return hour >= 1 && hour <= 12 ? hour % 12 : null;
    case "pm":
      return hour >= 1 && hour <= 12 ? (hour % 12) + 12 : null;
    case "sang": // sáng: morning
      return hour <= 11 ? hour : null;
    case "trua": // trưa: around noon
      return hour === 11 || hour === 12 ? hour : hour >= 1 && hour <= 2 ? hour + 12 : null;
    case "chieu": // chiều: afternoon
      return hour >= 1 && hour <= 11 ? hour + 12 : hour >= 12 && hour <= 18 ? hour : null;
    case "toi": // tối: evening
      return hour >= 6 && hour <= 11 ? hour + 12 : hour >= 18 && hour <= 23 ? hour : null;
    default:
      return null;
  }
}

export function formatTime(hour: number, minute: number): string {
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/** Parses a digest time; `{ ok: false }` for anything that is not a valid time of day. */
export function parseDigestTime(input: string): TimeParse {
  const text = fold(String(input ?? "").normalize("NFC"))
    .replace(/\s+/g, " ")
    .trim();
  if (!text || text.length > 40) return { ok: false };
  const m = COLON.exec(text) ?? HOUR_WORD.exec(text);
  let hour: number;
  let minute: number;
  let part: string | undefined;
  if (m) {
    hour = Number(m[1]);
    minute = m[2] === undefined ? 0 : Number(m[2]);
    part = m[3];
  } else {
    const b = BARE_AMPM.exec(text);
    if (!b) return { ok: false };
    hour = Number(b[1]);
    minute = 0;
    part = b[2];
  }
  if (hour > 23 || minute > 59) return { ok: false };
  const h24 = withDayPart(hour, part);
  if (h24 === null) return { ok: false };
  return { ok: true, time: formatTime(h24, minute), hour: h24, minute };
}

/** The examples shown when a time is refused. */
export const TIME_EXAMPLES = ["7h", "7h30", "07:30", "19:05", "7 giờ 30"];
