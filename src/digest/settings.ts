// DIGEST_TIMEZONE and DIGEST_DEFAULT_TIME, checked: a wrong value is a clear startup error, not a
// digest sent at the wrong hour.
import type { Config } from "../config.js";
import { isValidTimeZone } from "./calendar.js";
import { parseDigestTime } from "./time.js";

export interface DigestSettings {
  timeZone: string;
  /** "HH:MM" */
  defaultTime: string;
}

export function digestSettings(config: Pick<Config, "DIGEST_TIMEZONE" | "DIGEST_DEFAULT_TIME">): DigestSettings {
  const timeZone = config.DIGEST_TIMEZONE.trim();
  if (!isValidTimeZone(timeZone)) {
    throw new Error(`DIGEST_TIMEZONE: "${config.DIGEST_TIMEZONE}" không phải múi giờ IANA hợp lệ (not a valid IANA time zone), ví dụ Asia/Ho_Chi_Minh`);
  }
  const time = parseDigestTime(config.DIGEST_DEFAULT_TIME);
  if (!time.ok) {
    throw new Error(`DIGEST_DEFAULT_TIME: "${config.DIGEST_DEFAULT_TIME}" không phải giờ hợp lệ (not a valid time), ví dụ 07:00`);
  }
  return { timeZone, defaultTime: time.time };
}
