import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseDigestTime } from "../src/digest/time.js";

describe("digest time parsing", () => {
  it.each([
    ["7h", "07:00"],
    ["7H", "07:00"],
    ["7h30", "07:30"],
    ["7h05", "07:05"],
    ["7 h 30", "07:30"],
    ["07:30", "07:30"],
    ["7:05", "07:05"],
    ["19:05", "19:05"],
    ["0:00", "00:00"],
    ["23:59", "23:59"],
    ["19h", "19:00"],
    ["7 giờ 30", "07:30"],
    ["7 giờ", "07:00"],
    ["7 giờ 30 phút", "07:30"],
    ["7 gio 30", "07:30"],
    ["7g30", "07:30"],
    ["7h30p", "07:30"],
    ["  7h30  ", "07:30"],
    ["7 giờ tối", "19:00"],
    ["7h30 sáng", "07:30"],
    ["2 giờ chiều", "14:00"],
    ["12 giờ trưa", "12:00"],
    ["7pm", "19:00"],
    ["12am", "00:00"],
    ["7 GIỜ 30", "07:30"],
    ["7 gio\u0300 30".normalize("NFD"), "07:30"],
  ])("accepts %j as %s", (typed, expected) => {
    const r = parseDigestTime(typed);
    expect(r).toMatchObject({ ok: true, time: expected });
  });

  it.each(["25:00", "24:00", "abc", "7h75", "7:5", "7:60", "", "   ", "h30", "7h300", "-1:00", "7 giờ sáng mai", "13 giờ sáng", "3 giờ tối", "13pm", "7,5", "１７:００x"])(
    "refuses %j",
    (typed) => {
      expect(parseDigestTime(typed)).toEqual({ ok: false });
    },
  );

  it("reads back every HH:MM it produces, in both spellings", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        const mm = String(m).padStart(2, "0");
        const expected = `${String(h).padStart(2, "0")}:${mm}`;
        expect(parseDigestTime(`${h}:${mm}`)).toMatchObject({ ok: true, time: expected });
        expect(parseDigestTime(`${h}h${mm}`)).toMatchObject({ ok: true, time: expected });
        expect(parseDigestTime(expected)).toMatchObject({ ok: true, time: expected, hour: h, minute: m });
      }),
    );
  });

  it("never accepts an hour past 23 or minutes past 59", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (h, m) => {
        const r = parseDigestTime(`${h}:${String(m).padStart(2, "0")}`);
        expect(r.ok).toBe(h <= 23 && m <= 59);
      }),
    );
  });
});
