// /bantin (Discord /digest): today's indicator digest now, or a daily subscription for this chat.
//   /bantin                  today's digest
//   /bantin dangky [giờ]     subscribe (or change the time); default DIGEST_DEFAULT_TIME
//   /bantin huy              unsubscribe
//   /bantin trangthai        this chat's subscription
import type { Choice, CommandContext, CommandDef, Lang, Reply } from "./types.js";
import { buildDigest, digestSince } from "../src/digest/content.js";
import { petitionSourceOf } from "../src/digest/types.js";
import { digestSettings } from "../src/digest/settings.js";
import { parseDigestTime, TIME_EXAMPLES } from "../src/digest/time.js";
import { displayLocalDate, instantAt, localDateOf, nextLocalDate, shortLocalDateTime, timeZoneLabel } from "../src/digest/calendar.js";
import type { Subscription } from "../src/store/subscriptions.js";

function info(ctx: CommandContext, lines: string[], extra: Partial<Reply> = {}): Reply {
  return { kind: "info", lang: ctx.lang, lines, ...extra };
}

function cmd(en: boolean, sub: "subscribe" | "unsubscribe" | "status" | "", arg = ""): string {
  const vi = { subscribe: "dangky", unsubscribe: "huy", status: "trangthai", "": "" }[sub];
  return [en ? "/digest" : "/bantin", en ? sub : vi, arg].filter(Boolean).join(" ");
}

function usageForTime(ctx: CommandContext, typed: string): Reply {
  const en = ctx.lang === "en";
  const { timeZone } = digestSettings(ctx.services.config);
  const zone = timeZoneLabel(timeZone, ctx.lang);
  const examples = TIME_EXAMPLES.join(", ");
  return {
    kind: "usage",
    lang: ctx.lang,
    lines: en
      ? [`"${typed.slice(0, 40)}" is not a time I can read. Write it like ${examples} (${zone}, from 0:00 to 23:59).`, `Example: ${cmd(true, "subscribe", "7h30")}`]
      : [`Không đọc được giờ "${typed.slice(0, 40)}". Hãy viết giờ theo kiểu ${examples} (${zone}, từ 0:00 đến 23:59).`, `Ví dụ: ${cmd(false, "subscribe", "7h30")}`],
    suggestions: [{ label: "07:00", input: cmd(en, "subscribe", "07:00") }, { label: "07:30", input: cmd(en, "subscribe", "07:30") }],
  };
}

/** When this chat's next scheduled digest comes, in words. */
async function nextDeliveryText(ctx: CommandContext, sub: Subscription): Promise<string> {
  const en = ctx.lang === "en";
  const store = ctx.services.store.subscriptions;
  const now = ctx.services.clock.now();
  const today = localDateOf(now, sub.timezone);
  const at = instantAt(today, sub.time, sub.timezone);
  const done = await store.getDelivery(sub.chatId, today);
  const tomorrow = () => {
    const d = displayLocalDate(nextLocalDate(today, sub.timezone));
    return en ? `tomorrow (${d}) at ${sub.time}` : `ngày mai (${d}) lúc ${sub.time}`;
  };
  if (done && (done.status === "sent" || done.status === "sending" || done.status === "unknown")) return tomorrow();
  if (new Date(sub.createdAt).getTime() > at.getTime()) return tomorrow();
  if (now.getTime() < at.getTime()) return en ? `today at ${sub.time}` : `hôm nay lúc ${sub.time}`;
  return en ? "within the next minute" : "trong ít phút tới";
}

const COMMON_TIMES = ["06:00", "06:30", "07:00", "07:30", "08:00", "08:30", "09:00", "12:00", "17:00", "18:00", "19:00", "20:00", "21:00"];

/** Discord autocomplete for the time: what was typed (once readable), then common times. */
function timeChoices(partial: string): Choice[] {
  const p = partial.trim();
  const parsed = parseDigestTime(p);
  const values = parsed.ok ? [parsed.time] : [];
  for (const t of COMMON_TIMES) if (!values.includes(t) && (t.startsWith(p) || t.startsWith(p.padStart(2, "0")))) values.push(t);
  return values.slice(0, 25).map((v) => ({ name: v, value: v }));
}

async function todaysDigest(ctx: CommandContext): Promise<Reply> {
  const { services } = ctx;
  const settings = digestSettings(services.config);
  const sub = await services.store.subscriptions.getSubscription(ctx.chatId);
  const previous = await services.store.subscriptions.lastSentDelivery(ctx.chatId);
  return buildDigest({
    knowledge: services.knowledge,
    now: services.clock.now(),
    timeZone: sub?.timezone ?? settings.timeZone,
    lang: ctx.lang,
    petitions: petitionSourceOf(services),
    since: digestSince(previous, sub),
    mode: sub ? "scheduled" : "on_demand",
    onPetitionError: (err) => services.log.error({ err, chatId: ctx.chatId }, "digest: petition summary failed; shown without it"),
  });
}

export const digestCommand: CommandDef = {
  name: "digest",
  nameVi: "bantin",
  aliases: ["bản_tin", "bantinchiso"],
  description: { vi: "Bản tin chỉ số hôm nay; đăng ký nhận mỗi ngày", en: "Today's indicator digest; daily subscription" },
  options: [],
  subcommands: [
    {
      name: "subscribe",
      nameVi: "dangky",
      aliases: ["dangki", "dk", "đăngký"],
      description: { vi: "Nhận bản tin mỗi ngày vào giờ đã chọn (mặc định 07:00)", en: "Get the digest every day at a time you choose (default 07:00)" },
      options: [
        {
          name: "time",
          nameVi: "gio",
          description: { vi: "Giờ nhận, ví dụ 7h, 7h30, 07:30, 19:05", en: "Time, e.g. 7h, 7h30, 07:30, 19:05" },
          type: "string",
          rest: true,
          autocomplete: (partial) => timeChoices(partial),
        },
      ],
      async handler(input, ctx): Promise<Reply> {
        const en = ctx.lang === "en";
        const settings = digestSettings(ctx.services.config);
        const typed = input.options.time?.trim() ?? "";
        const parsed = typed ? parseDigestTime(typed) : parseDigestTime(settings.defaultTime);
        if (!parsed.ok) return usageForTime(ctx, typed);
        const { subscription, previous } = await ctx.services.store.subscriptions.upsertSubscription({
          chatId: ctx.chatId,
          time: parsed.time,
          timezone: settings.timeZone,
          lang: ctx.lang,
          now: ctx.services.clock.now(),
        });
        const zone = timeZoneLabel(subscription.timezone, ctx.lang);
        const first =
          !previous
            ? en
              ? `Subscribed: this chat will get the indicator digest every day at ${parsed.time} (${zone}).`
              : `Đã đăng ký: cuộc trò chuyện này sẽ nhận bản tin chỉ số mỗi ngày lúc ${parsed.time} (${zone}).`
            : previous.time === parsed.time
              ? en
                ? `This chat already gets the digest every day at ${parsed.time} (${zone}).`
                : `Cuộc trò chuyện này đã đăng ký nhận bản tin lúc ${parsed.time} (${zone}) rồi.`
              : en
                ? `Changed: the daily digest now comes at ${parsed.time} instead of ${previous.time} (${zone}).`
                : `Đã đổi giờ nhận bản tin từ ${previous.time} sang ${parsed.time} (${zone}).`;
        const next = await nextDeliveryText(ctx, subscription);
        return info(ctx, [
          first,
          en ? `Next digest: ${next}.` : `Bản tin tiếp theo: ${next}.`,
          en
            ? `Change the time: ${cmd(true, "subscribe", "<time>")} · stop: ${cmd(true, "unsubscribe")}`
            : `Đổi giờ: ${cmd(false, "subscribe", "<giờ>")} · hủy: ${cmd(false, "unsubscribe")}`,
        ]);
      },
    },
    {
      name: "unsubscribe",
      nameVi: "huy",
      aliases: ["huỷ", "huydangky", "ngung", "stop"],
      description: { vi: "Ngừng nhận bản tin hằng ngày", en: "Stop the daily digest" },
      options: [],
      async handler(_input, ctx): Promise<Reply> {
        const en = ctx.lang === "en";
        const removed = await ctx.services.store.subscriptions.deleteSubscription(ctx.chatId);
        if (!removed) {
          return info(ctx, [
            en
              ? `This chat is not subscribed to the daily digest, so there is nothing to cancel. To subscribe: ${cmd(true, "subscribe", "7:00")}`
              : `Cuộc trò chuyện này chưa đăng ký nhận bản tin hằng ngày, nên không có gì để hủy. Muốn đăng ký: ${cmd(false, "subscribe", "7h")}`,
          ]);
        }
        return info(ctx, [
          en
            ? `Unsubscribed: this chat will no longer get the daily digest. You can still see today's with ${cmd(true, "")}.`
            : `Đã hủy đăng ký: cuộc trò chuyện này sẽ không nhận bản tin hằng ngày nữa. Bạn vẫn xem được bản tin hôm nay bằng ${cmd(false, "")}.`,
        ]);
      },
    },
    {
      name: "status",
      nameVi: "trangthai",
      aliases: ["tt", "trạngthái"],
      description: { vi: "Xem đăng ký bản tin của cuộc trò chuyện này", en: "This chat's digest subscription" },
      options: [],
      async handler(_input, ctx): Promise<Reply> {
        const en = ctx.lang === "en";
        const store = ctx.services.store.subscriptions;
        const sub = await store.getSubscription(ctx.chatId);
        if (!sub) {
          const { defaultTime } = digestSettings(ctx.services.config);
          return info(ctx, [
            en
              ? `This chat is not subscribed to the daily digest. To subscribe: ${cmd(true, "subscribe", "[time]")} (default ${defaultTime}).`
              : `Cuộc trò chuyện này chưa đăng ký nhận bản tin hằng ngày. Đăng ký: ${cmd(false, "subscribe", "[giờ]")} (mặc định ${defaultTime}).`,
          ]);
        }
        const zone = timeZoneLabel(sub.timezone, ctx.lang);
        const since = displayLocalDate(localDateOf(new Date(sub.createdAt), sub.timezone));
        const last = await store.lastSentDelivery(ctx.chatId);
        const lastText = last?.sentAt
          ? shortLocalDateTime(new Date(last.sentAt), sub.timezone)
          : null;
        return info(ctx, [
          en
            ? `Subscribed: the indicator digest every day at ${sub.time} (${zone}), since ${since}.`
            : `Đang đăng ký: nhận bản tin chỉ số mỗi ngày lúc ${sub.time} (${zone}), từ ngày ${since}.`,
          lastText
            ? en
              ? `Last digest: ${lastText}.`
              : `Bản tin gần nhất: ${lastText}.`
            : en
              ? "No digest delivered yet."
              : "Chưa nhận bản tin nào.",
          en ? `Next digest: ${await nextDeliveryText(ctx, sub)}.` : `Bản tin tiếp theo: ${await nextDeliveryText(ctx, sub)}.`,
        ]);
      },
    },
  ],
  handler(input, ctx): Reply | Promise<Reply> {
    const en = ctx.lang === "en";
    const typed = input.raw.trim();
    if (!typed) return todaysDigest(ctx);
    const asTime = parseDigestTime(typed);
    if (asTime.ok) {
      return {
        kind: "usage",
        lang: ctx.lang,
        lines: [
          en
            ? `To get the digest every day at ${asTime.time}, type: ${cmd(true, "subscribe", asTime.time)}`
            : `Để nhận bản tin mỗi ngày lúc ${asTime.time}, gõ: ${cmd(false, "subscribe", typed)}`,
        ],
        suggestions: [{ label: en ? `Subscribe at ${asTime.time}` : `Đăng ký lúc ${asTime.time}`, input: cmd(en, "subscribe", asTime.time) }],
      };
    }
    return usageReply(ctx.lang, typed);
  },
};

function usageReply(lang: Lang, typed: string): Reply {
  const en = lang === "en";
  return {
    kind: "usage",
    lang,
    lines: en
      ? [
          `I don't know "${typed.slice(0, 40)}" here. The digest commands:`,
          `${cmd(true, "")} — today's digest`,
          `${cmd(true, "subscribe", "[time]")} — every day at that time (e.g. 7h30, 07:30, 19:05)`,
          `${cmd(true, "unsubscribe")} — stop`,
          `${cmd(true, "status")} — this chat's subscription`,
        ]
      : [
          `Không hiểu "${typed.slice(0, 40)}". Các lệnh bản tin:`,
          `${cmd(false, "")} — bản tin hôm nay`,
          `${cmd(false, "subscribe", "[giờ]")} — nhận mỗi ngày vào giờ đó (ví dụ 7h30, 07:30, 19:05)`,
          `${cmd(false, "unsubscribe")} — ngừng nhận`,
          `${cmd(false, "status")} — xem đăng ký của cuộc trò chuyện này`,
        ],
  };
}
