// Group permissions for the daily digest (issue 14): in a Telegram group or a Discord server,
// subscribing, changing the time and cancelling need a chat admin; a private chat (a DM) is its
// own admin. Through the real grammY bot and the fake Bot API (getChatMember), the real
// discord.js gateway client and the HTTP interactions endpoint against the fake Discord, on a
// real SQLite file. Refusals are polite, say who can, and change nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { User } from "grammy/types";
import type { Services } from "../src/services.js";
import { startTelegramBot, type RunningTelegram } from "../src/adapters/telegram/index.js";
import { createDiscordBot, type DiscordBot } from "../src/adapters/discord/bot.js";
import { createInteractionsEndpoint } from "../src/adapters/discord/interactions.js";
import { commandPayload } from "../src/adapters/discord/deploy.js";
import { alice, bob, carol, FakeTelegramApi, groupChat, privateChat, textMessage, type ApiCall, type Chat } from "./fakes/telegram-api.js";
import { FakeDiscord } from "./fakes/discord-api.js";
import { DiscordSigner } from "./helpers/workers.js";
import { makeWorld, type TestWorld } from "./petitions-helpers.js";

let world: TestWorld;
const cleanups: Array<() => Promise<void>> = [];

beforeEach(() => {
  world = makeWorld("permissions-");
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await world.cleanup();
});

/** Services on the world's store and clock (closed by its cleanup), not slowed by the rate limit. */
const services = (config: Record<string, unknown>): Services => world.open({ RATE_LIMIT_PER_MINUTE: 1000, ...config });

describe("Telegram: the group's digest needs a group admin", () => {
  let fake: FakeTelegramApi;
  let s: Services;
  let bot: RunningTelegram;
  const dan: User = { id: 4205, is_bot: false, first_name: "Đan", language_code: "vi" };

  beforeEach(async () => {
    fake = await FakeTelegramApi.start();
    fake.setChatMember(groupChat.id, bob.id, "administrator");
    fake.setChatMember(groupChat.id, dan.id, "creator");
    s = services({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot });
    bot = await startTelegramBot(s, { webhookUrl: "" });
    cleanups.push(() => fake.close(), () => bot.stop());
  });

  const textOf = (c: ApiCall) => String(c.payload.text);
  async function say(text: string, from: User, chat: Chat = groupChat): Promise<ApiCall> {
    const before = fake.delivered().length;
    fake.pushUpdate(textMessage(text, { from, chat }));
    return (await fake.waitForDelivered(before + 1))[before]!;
  }
  const subscription = () => s.store.subscriptions.getSubscription(`telegram:${groupChat.id}`);

  it("refuses a member's /bantin dangky and /bantin huy politely, saying who can; an admin and the creator are accepted", async () => {
    const refused = await say("/bantin dangky 7h30", alice);
    expect(textOf(refused)).toContain("Xin lỗi, trong nhóm này chỉ người tạo nhóm và các quản trị viên của nhóm mới đăng ký, đổi giờ hoặc hủy bản tin hằng ngày của nhóm.");
    expect(textOf(refused)).toContain("Bạn vẫn xem được bản tin hôm nay bằng /bantin.");
    expect(await subscription()).toBeNull();
    expect(fake.callsOf("getChatMember").at(-1)!.payload).toMatchObject({ chat_id: groupChat.id, user_id: alice.id });

    const accepted = await say("/bantin dangky 7h30", bob);
    expect(textOf(accepted)).toContain("Đã đăng ký: cuộc trò chuyện này sẽ nhận bản tin chỉ số mỗi ngày lúc 07:30");
    expect((await subscription())?.time).toBe("07:30");

    // A member can neither change the time nor cancel.
    expect(textOf(await say("/bantin dangky 19h", alice))).toContain("chỉ người tạo nhóm và các quản trị viên");
    expect(textOf(await say("/bantin huy", alice))).toContain("chỉ người tạo nhóm và các quản trị viên");
    expect((await subscription())?.time).toBe("07:30");
    // Anyone may still read the digest and the subscription.
    expect(textOf(await say("/bantin trangthai", alice))).toContain("Đang đăng ký: nhận bản tin chỉ số mỗi ngày lúc 07:30");
    // In English for an English reader.
    expect(textOf(await say("/bantin huy", carol))).toContain("Sorry, in this group only the group's creator and administrators can subscribe");

    const changed = await say("/bantin dangky 19h", dan);
    expect(textOf(changed)).toContain("Đã đổi giờ nhận bản tin từ 07:30 sang 19:00");
    const cancelled = await say("/bantin huy", bob);
    expect(textOf(cancelled)).toContain("Đã hủy đăng ký");
    expect(await subscription()).toBeNull();
  });

  it("a private chat is its own admin (no getChatMember asked); a member's verdict is remembered briefly", async () => {
    const own = await say("/bantin dangky 6h", alice, privateChat(alice));
    expect(textOf(own)).toContain("Đã đăng ký");
    expect(fake.callsOf("getChatMember")).toHaveLength(0);
    await say("/bantin huy", alice);
    await say("/bantin dangky", alice);
    expect(fake.callsOf("getChatMember")).toHaveLength(1);
  });
});

describe("Discord: the channel's digest needs Manage Channels (or Manage Server) in a server", () => {
  const GUILD = "1400000000000000001";
  const MANAGE_CHANNELS = String(1 << 4);
  const MANAGE_GUILD = String(1 << 5);
  let fake: FakeDiscord;

  beforeEach(async () => {
    fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
  });

  it("deploys /digest with default_member_permissions Manage Channels", () => {
    const digest = commandPayload().find((c) => c.name === "digest")!;
    expect(digest.default_member_permissions).toBe(MANAGE_CHANNELS);
    expect(commandPayload().find((c) => c.name === "ask")!.default_member_permissions ?? null).toBeNull();
  });

  it("gateway: a member without the permission is refused on subscribe and unsubscribe; a manager and a DM are accepted", async () => {
    const s = services({ DISCORD_TOKEN: fake.token });
    const bot: DiscordBot = createDiscordBot(s, { token: fake.token, apiRoot: fake.apiRoot });
    await bot.start();
    cleanups.push(() => bot.stop());
    const sub = (name: "subscribe" | "unsubscribe", channelId: string, init: { guildId?: string; permissions?: string; user?: string }) =>
      fake.chatInput("digest", [{ name, type: 1, options: name === "subscribe" ? [{ name: "time", type: 3, value: "7h30" }] : [] }], {
        channelId,
        ...(init.guildId ? { guildId: init.guildId } : {}),
        ...(init.permissions ? { permissions: init.permissions } : {}),
        user: { id: init.user ?? "1300000000000000001" },
      });
    const text = async (i: ReturnType<typeof sub>) => JSON.stringify((await fake.waitForResponses(i, 1))[0]!.body);
    const CHANNEL = "1200000000000000701";

    const refused = await text(sub("subscribe", CHANNEL, { guildId: GUILD }));
    expect(refused).toContain("chỉ thành viên có quyền Quản lý kênh (Manage Channels) hoặc Quản lý máy chủ (Manage Server)");
    expect(refused).toContain('"flags":64');
    expect(await s.store.subscriptions.getSubscription(`discord:${CHANNEL}`)).toBeNull();

    expect(await text(sub("subscribe", CHANNEL, { guildId: GUILD, permissions: MANAGE_CHANNELS, user: "1300000000000000002" }))).toContain("Đã đăng ký");
    expect(await text(sub("unsubscribe", CHANNEL, { guildId: GUILD }))).toContain("Quản lý kênh");
    expect(await s.store.subscriptions.getSubscription(`discord:${CHANNEL}`)).not.toBeNull();
    expect(await text(sub("unsubscribe", CHANNEL, { guildId: GUILD, permissions: MANAGE_GUILD, user: "1300000000000000003" }))).toContain("Đã hủy đăng ký");

    // A DM: no guild, no member: the user is the chat's admin.
    expect(await text(sub("subscribe", "1200000000000000702", {}))).toContain("Đã đăng ký");
  });

  it("HTTP interactions: the member's permissions as the payload carries them", async () => {
    const s = services({});
    const signer = new DiscordSigner();
    const e = createInteractionsEndpoint(s, { publicKey: signer.publicKeyHex, apiRoot: fake.apiRoot });
    cleanups.push(() => e.stop());
    let n = 0;
    const call = async (name: "subscribe" | "unsubscribe", permissions: string | undefined, channel = "1200000000000000801") => {
      const id = `18000000000000${String(n++).padStart(5, "0")}`;
      const user = { id: `13000000000000000${n}`, username: "u", global_name: null };
      const body = {
        id,
        application_id: fake.applicationId,
        type: 2,
        token: `tok-${id}`,
        version: 1,
        data: { id: "1", name: "digest", type: 1, options: [{ name, type: 1, options: [] }] },
        channel_id: channel,
        locale: "vi",
        ...(permissions !== undefined ? { guild_id: GUILD, member: { user, permissions } } : { user }),
      };
      const raw = Buffer.from(JSON.stringify(body));
      expect((await e.handle(signer.headers(raw.toString()), raw)).body).toEqual({ type: 5 });
      await e.idle();
      return JSON.stringify(fake.requests.filter((r) => r.params.token === body.token).map((r) => r.body));
    };
    expect(await call("subscribe", "0")).toContain("Quản lý kênh (Manage Channels)");
    expect(await s.store.subscriptions.getSubscription("discord:1200000000000000801")).toBeNull();
    expect(await call("subscribe", MANAGE_CHANNELS)).toContain("Đã đăng ký");
    expect(await call("unsubscribe", "0")).toContain("Quản lý kênh (Manage Channels)");
    expect(await call("unsubscribe", String(1 << 3))).toContain("Đã hủy đăng ký"); // Administrator
    expect(await call("subscribe", undefined, "1200000000000000802")).toContain("Đã đăng ký"); // a DM
  });
});
