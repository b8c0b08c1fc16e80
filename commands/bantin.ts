// /bantin (Discord /digest): today's indicator digest now, or a daily subscription for this chat.
//   /bantin                  today's digest
//   /bantin dangky [giờ]     subscribe (or change the time); default DIGEST_DEFAULT_TIME
//   /bantin huy              unsubscribe
//   /bantin trangthai        this chat's subscription
import type { Choice, CommandContext, CommandDef, Lang, Reply } from "./types.js";
import { byLang, messages } from "../src/core/messages.js";
import { buildDigest, digestSince } from "../src/digest/content.js";
import { petitionSourceOf } from "../src/digest/types.js";
import { digestSettings } from "../src/digest/settings.js";
import { parseDigestTime, TIME_EXAMPLES } from "../src/digest/time.js";
import { displayLocalDate, instantAt, localDateOf, nextLocalDate, shortLocalDateTime, timeZoneLabel } from "../src/digest/calendar.js";
import type { Subscription } from "../src/store/subscriptions.js";

function info(ctx: CommandContext, lines: string[], extra: Partial<Reply> = {}): Reply {
  return { kind: "info", lang: ctx.lang, lines, ...extra };
}

function cmd(lang: Lang, sub: "subscribe" | "unsubscribe" | "status" | "", arg = ""): string {
  const vi = { subscribe: "dangky", unsubscribe: "huy", status: "trangthai", "": "" }[sub];
  return [byLang(lang, { vi: "/bantin", en: "/digest" }), byLang(lang, { vi, en: sub }), arg].filter(Boolean).join(" ");
}

/**
 * Subscribing, changing the time and unsubscribing change the chat's digest: in a group or a
 * Discord server they need a chat admin (the platform says who: Telegram's creator or
 * administrators, Discord's members who can manage the channel); a private chat is its own admin,
 * and the bot's own admins may too. The refusal says who can.
 */
async function refuseUnlessChatAdmin(ctx: CommandContext): Promise<Reply | undefined> {
  if (ctx.isPrivate || ctx.isAdmin || !ctx.chatAdmin) return undefined;
  const verdict = await ctx.chatAdmin();
  if (verdict === "admin") return undefined;
  const m = messages(ctx.lang);
  const who = ctx.platform === "discord" ? m.digestAdminsDiscord : m.digestAdminsTelegram;
  const lines = verdict === "unknown" ? [m.digestAdminUnknown(who)] : [m.digestAdminOnly(who), m.digestAdminOnlyStill(cmd(ctx.lang, ""))];
  ctx.services.log.info({ chatId: ctx.chatId, userId: ctx.userId, verdict }, "digest settings refused: not a chat admin");
  return { kind: "refused", lang: ctx.lang, lines, suggestions: [{ label: m.digestTodayButton, input: cmd(ctx.lang, "") }], ephemeral: true };
}

function usageForTime(ctx: CommandContext, typed: string): Reply {
  const m = messages(ctx.lang);
  const { timeZone } = digestSettings(ctx.services.config);
  const zone = timeZoneLabel(timeZone, ctx.lang);
  return {
    kind: "usage",
    lang: ctx.lang,
    lines: [m.digestBadTime(typed.slice(0, 40), TIME_EXAMPLES.join(", "), zone), m.digestExample(cmd(ctx.lang, "subscribe", "7h30"))],
    suggestions: [{ label: "07:00", input: cmd(ctx.lang, "subscribe", "07:00") }, { label: "07:30", input: cmd(ctx.lang, "subscribe", "07:30") }],
  };
}

/** When this chat's next scheduled digest comes, in words. */
async function nextDeliveryText(ctx: CommandContext, sub: Subscription): Promise<string> {
  const m = messages(ctx.lang);
  const store = ctx.services.store.subscriptions;
  const now = ctx.services.clock.now();
  const today = localDateOf(now, sub.timezone);
  const at = instantAt(today, sub.time, sub.timezone);
  const done = await store.getDelivery(sub.chatId, today);
  const tomorrow = () => m.digestTomorrowAt(displayLocalDate(nextLocalDate(today, sub.timezone)), sub.time);
  if (done && (done.status === "sent" || done.status === "sending" || done.status === "unknown")) return tomorrow();
  if (new Date(sub.createdAt).getTime() > at.getTime()) return tomorrow();
  if (now.getTime() < at.getTime()) return m.digestTodayAt(sub.time);
  return m.digestWithinMinute;
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

const both = (key: "descDigest" | "descDigestSubscribe" | "descDigestUnsubscribe" | "descDigestStatus" | "optDigestTime") => ({ vi: messages("vi")[key], en: messages("en")[key] });

export const digestCommand: CommandDef = {
  name: "digest",
  nameVi: "bantin",
  aliases: ["bản_tin", "bantinchiso"],
  description: both("descDigest"),
  // Discord: by default only members who can manage channels see it in a server (the chat's
  // subscription is a channel setting); checked again at run time, as a server can change that.
  defaultMemberPermissions: "manage_channels",
  options: [],
  subcommands: [
    {
      name: "subscribe",
      nameVi: "dangky",
      aliases: ["dangki", "dk", "đăngký"],
      description: both("descDigestSubscribe"),
      options: [
        {
          name: "time",
          nameVi: "gio",
          description: both("optDigestTime"),
          type: "string",
          rest: true,
          autocomplete: (partial) => timeChoices(partial),
        },
      ],
      async handler(input, ctx): Promise<Reply> {
        const m = messages(ctx.lang);
        const settings = digestSettings(ctx.services.config);
        const typed = input.options.time?.trim() ?? "";
        const parsed = typed ? parseDigestTime(typed) : parseDigestTime(settings.defaultTime);
        if (!parsed.ok) return usageForTime(ctx, typed);
        const refused = await refuseUnlessChatAdmin(ctx);
        if (refused) return refused;
        const { subscription, previous } = await ctx.services.store.subscriptions.upsertSubscription({
          chatId: ctx.chatId,
          time: parsed.time,
          timezone: settings.timeZone,
          lang: ctx.lang,
          now: ctx.services.clock.now(),
        });
        const zone = timeZoneLabel(subscription.timezone, ctx.lang);
        const first = !previous ? m.digestSubscribed(parsed.time, zone) : previous.time === parsed.time ? m.digestAlreadySubscribed(parsed.time, zone) : m.digestTimeChanged(previous.time, parsed.time, zone);
        const next = await nextDeliveryText(ctx, subscription);
        return info(ctx, [first, m.digestNext(next), m.digestChangeOrStop(cmd(ctx.lang, "subscribe", m.digestTimePlaceholder), cmd(ctx.lang, "unsubscribe"))]);
      },
    },
    {
      name: "unsubscribe",
      nameVi: "huy",
      aliases: ["huỷ", "huydangky", "ngung", "stop"],
      description: both("descDigestUnsubscribe"),
      options: [],
      async handler(_input, ctx): Promise<Reply> {
        const m = messages(ctx.lang);
        const refused = await refuseUnlessChatAdmin(ctx);
        if (refused) return refused;
        const removed = await ctx.services.store.subscriptions.deleteSubscription(ctx.chatId);
        if (!removed) return info(ctx, [m.digestNothingToCancel(cmd(ctx.lang, "subscribe", byLang(ctx.lang, { vi: "7h", en: "7:00" })))]);
        return info(ctx, [m.digestUnsubscribed(cmd(ctx.lang, ""))]);
      },
    },
    {
      name: "status",
      nameVi: "trangthai",
      aliases: ["tt", "trạngthái"],
      description: both("descDigestStatus"),
      options: [],
      async handler(_input, ctx): Promise<Reply> {
        const m = messages(ctx.lang);
        const store = ctx.services.store.subscriptions;
        const sub = await store.getSubscription(ctx.chatId);
        if (!sub) {
          const { defaultTime } = digestSettings(ctx.services.config);
          return info(ctx, [m.digestNotSubscribed(cmd(ctx.lang, "subscribe", m.digestTimeOptional), defaultTime)]);
        }
        const zone = timeZoneLabel(sub.timezone, ctx.lang);
        const since = displayLocalDate(localDateOf(new Date(sub.createdAt), sub.timezone));
        const last = await store.lastSentDelivery(ctx.chatId);
        const lastText = last?.sentAt ? shortLocalDateTime(new Date(last.sentAt), sub.timezone) : null;
        return info(ctx, [m.digestSubscribedSince(sub.time, zone, since), lastText ? m.digestLast(lastText) : m.digestNoneYet, m.digestNext(await nextDeliveryText(ctx, sub))]);
      },
    },
  ],
  handler(input, ctx): Reply | Promise<Reply> {
    const m = messages(ctx.lang);
    const typed = input.raw.trim();
    if (!typed) return todaysDigest(ctx);
    const asTime = parseDigestTime(typed);
    if (asTime.ok) {
      return {
        kind: "usage",
        lang: ctx.lang,
        lines: [m.digestTypeToSubscribe(asTime.time, cmd(ctx.lang, "subscribe", byLang(ctx.lang, { vi: typed, en: asTime.time })))],
        suggestions: [{ label: m.digestSubscribeAt(asTime.time), input: cmd(ctx.lang, "subscribe", asTime.time) }],
      };
    }
    return usageReply(ctx.lang, typed);
  },
};

function usageReply(lang: Lang, typed: string): Reply {
  const m = messages(lang);
  return {
    kind: "usage",
    lang,
    lines: [
      m.digestUnknownArg(typed.slice(0, 40)),
      m.digestUsageToday(cmd(lang, "")),
      m.digestUsageSubscribe(cmd(lang, "subscribe", m.digestTimeOptional)),
      m.digestUsageUnsubscribe(cmd(lang, "unsubscribe")),
      m.digestUsageStatus(cmd(lang, "status")),
    ],
  };
}
