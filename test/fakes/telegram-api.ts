// A small fake of the Telegram Bot API for end-to-end tests: node:http on 127.0.0.1 (port 0),
// `POST /bot<TOKEN>/<method>` with a JSON body (what grammY sends), every call recorded.
//
// It behaves like the real server where the bot depends on it: getUpdates long-polls a queue the
// test pushes into (offset confirms, timeout 0 answers at once, an aborted poll is dropped);
// sendMessage checks the HTML the way Telegram does (known tags, balanced, escaped, ≤ 4,096
// characters after parsing, callback_data ≤ 64 bytes) and returns a message with an incrementing
// message_id; blocked / missing chats answer 403 / 400; the next N calls of a method can be told
// to fail with 429 (parameters.retry_after), 5xx, 409 or 401.
//
// Faults for the fault suite: `conflict` (another poller: getUpdates answers 409) and `revoked`
// (every call answers 401) as switches; `inject(method, fault)` for the next matching calls:
// "reset-before" (the request is read, then the connection is destroyed, nothing processed),
// "reset-after" (processed — the message is delivered — then the connection is destroyed without
// an answer), "hang" (never answered, nothing processed), "hang-after" (processed, never answered);
// `floodChat` answers 429 to a chat's next sends.
//
// Files: `addFile(bytes)` keeps a file the way Telegram keeps a document a user sent; `getFile`
// answers its file_path, and `GET /file/bot<TOKEN>/<file_path>` serves its bytes (every download
// recorded in `downloads`). `documentMessage` builds the message that carries it.
//
// Chat members: `getChatMember` answers the status `setChatMember(chat, user, status)` gave
// ("creator", "administrator", …), "member" for anyone else, as Telegram does for a group.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Chat, Message, MessageEntity, Update, User, UserFromGetMe } from "grammy/types";

export type { Chat, Message, Update, User } from "grammy/types";

export interface ApiCall {
  method: string;
  payload: Record<string, any>;
  /** HTTP status the fake answered with; 0 while a long poll is still open (or after it was aborted). */
  status: number;
  ok: boolean;
  result?: unknown;
  description?: string;
}

export interface Failure {
  status: number;
  description: string;
  retryAfter?: number;
}

export type Fault = "reset-before" | "reset-after" | "hang" | "hang-after";

interface Injection {
  method: string;
  fault: Fault;
  left: number;
  match?: (payload: Record<string, any>) => boolean;
}

type NewUpdate = Omit<Update, "update_id">;

const TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji"]);

/** Parses Telegram-style HTML: the plain text it shows, or why Telegram would refuse it. */
export function parseTelegramHtml(html: string): { text: string } | { error: string } {
  const stack: string[] = [];
  let text = "";
  let i = 0;
  while (i < html.length) {
    const c = html[i]!;
    if (c === "<") {
      const m = /^<(\/?)([a-z-]+)(\s[^<>]*)?>/.exec(html.slice(i));
      if (!m) return { error: `Can't parse entities: unsupported start tag at byte offset ${i}` };
      const [whole, closing, tag] = m;
      if (!TAGS.has(tag!)) return { error: `Can't parse entities: unsupported start tag "${tag}" at byte offset ${i}` };
      if (closing) {
        if (stack.pop() !== tag) return { error: `Can't parse entities: can't find end tag corresponding to start tag "${tag}"` };
      } else stack.push(tag!);
      i += whole!.length;
    } else if (c === ">") {
      return { error: `Can't parse entities: character '>' is reserved at byte offset ${i}` };
    } else if (c === "&") {
      const m = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/.exec(html.slice(i));
      if (!m) return { error: `Can't parse entities: unsupported entity at byte offset ${i}` };
      const name = m[1]!;
      text += name === "lt" ? "<" : name === "gt" ? ">" : name === "amp" ? "&" : name === "quot" ? '"' : String.fromCodePoint(name.startsWith("#x") ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
      i += m[0].length;
    } else {
      text += c;
      i++;
    }
  }
  if (stack.length) return { error: `Can't parse entities: can't find end tag corresponding to start tag "${stack.at(-1)}"` };
  return { text };
}

interface Waiter {
  offset: number;
  limit: number;
  res: ServerResponse;
  timer: NodeJS.Timeout;
  /** Recorded when the poll arrives, completed when it is answered. */
  call: ApiCall;
}

export class FakeTelegramApi {
  readonly calls: ApiCall[] = [];
  /** setMyCommands payloads by language_code ("" for the default list). */
  readonly commands = new Map<string, Array<{ command: string; description: string }>>();
  readonly blockedChats = new Set<number>();
  readonly missingChats = new Set<number>();
  webhook: { url: string; secret_token?: string; allowed_updates?: string[] } | undefined;
  apiRoot = "";
  /**
   * Milliseconds a call waits before the fake handles it (network and server time, as on the real
   * API, where a sendMessage takes tens of milliseconds); 0 by default. Messages are recorded in
   * the order they are handled, after the wait, so a slow call can be overtaken.
   */
  latencyMs: (method: string) => number = () => 0;
  /** Another instance is polling: every getUpdates answers 409 while this is true. */
  conflict = false;
  /** The token was revoked: every call answers 401 while this is true. */
  revoked = false;
  /** sendMessage calls that Telegram acted on (delivered), even if their answer was lost. */
  readonly applied: ApiCall[] = [];
  /** file_path of every file download served (or refused: a wrong token), in order. */
  readonly downloads: Array<{ path: string; status: number }> = [];
  private readonly files = new Map<string, StoredFile>();
  /** Chat member statuses for getChatMember, by "chatId:userId"; anyone else is a "member". */
  private readonly members = new Map<string, string>();
  private nextFileId = 1;

  private readonly queue: Update[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly injections: Injection[] = [];
  private readonly floods = new Map<number, { retryAfter: number; left: number }>();
  private readonly chats = new Map<number, Chat>();
  private readonly callbackIds = new Set<string>();
  private readonly checks = new Set<() => void>();
  private nextUpdateId = 1000;
  private nextMessageId = 1;
  private server!: Server;

  private constructor(
    readonly token: string,
    readonly botInfo: UserFromGetMe,
  ) {}

  static async start(token = "123456:TEST-token_abcdefghijklmnopqrstuvwxyz", username = "LangSonTestBot"): Promise<FakeTelegramApi> {
    const bot: UserFromGetMe = {
      id: Number(token.split(":")[0]),
      is_bot: true,
      first_name: "Trợ lý buổi làm việc",
      username,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
    } as UserFromGetMe;
    const fake = new FakeTelegramApi(token, bot);
    fake.server = createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    fake.apiRoot = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    for (const w of this.waiters) this.answerPoll(w, []);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ---- what a test drives ----

  /** Queues an update (update_id assigned) and wakes a pending long poll. */
  pushUpdate(update: NewUpdate): Update {
    const full = { update_id: this.nextUpdateId++, ...update } as Update;
    const chat = full.message?.chat ?? full.callback_query?.message?.chat;
    if (chat) this.chats.set(chat.id, chat);
    if (full.callback_query) this.callbackIds.add(full.callback_query.id);
    this.queue.push(full);
    for (const w of [...this.waiters]) {
      const ready = this.pending(w.offset, w.limit);
      if (ready.length) this.answerPoll(w, ready);
    }
    return full;
  }

  /**
   * Queues an update that was already delivered once, with its update_id, as Telegram does with
   * updates that were not confirmed before the bot went down (or a webhook call that failed).
   */
  redeliver(update: Update): void {
    const at = this.queue.findIndex((u) => u.update_id > update.update_id);
    this.queue.splice(at < 0 ? this.queue.length : at, 0, update);
    for (const w of [...this.waiters]) {
      const ready = this.pending(w.offset, w.limit);
      if (ready.length) this.answerPoll(w, ready);
    }
  }

  /** The next `times` calls of `method` fail: 429 with retry_after, a 5xx, 409 or 401. */
  failNext(method: string, times: number, kind: 429 | 500 | 502 | 409 | 401, retryAfter = 0): void {
    const list = this.failures.get(method) ?? [];
    const description: Record<number, string> = {
      500: "Internal Server Error",
      502: "Bad Gateway",
      409: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
      401: "Unauthorized",
    };
    for (let i = 0; i < times; i++) {
      list.push(kind === 429 ? { status: 429, description: `Too Many Requests: retry after ${retryAfter}`, retryAfter } : { status: kind, description: description[kind]! });
    }
    this.failures.set(method, list);
  }

  /** The next `times` calls of `method` (whose payload `match`es, if given) meet `fault`. */
  inject(method: string, fault: Fault, times = 1, match?: (payload: Record<string, any>) => boolean): void {
    this.injections.push({ method, fault, left: times, ...(match ? { match } : {}) });
  }

  /** The next `calls` sends to `chatId` answer 429 with this retry_after (a chat's flood limit). */
  floodChat(chatId: number, retryAfter: number, calls: number): void {
    this.floods.set(chatId, { retryAfter, left: calls });
  }

  /** From now on this callback query is "too old" (as when the bot handles a press long after it). */
  forgetCallbackQuery(id: string): void {
    this.callbackIds.delete(id);
  }

  /**
   * Keeps a file as Telegram keeps a document a user sent. `reportedSize` is the size messages and
   * getFile announce (the real one by default), to show a large file without sending a megabyte.
   */
  addFile(bytes: Uint8Array, opts: { reportedSize?: number } = {}): StoredFile {
    const n = this.nextFileId++;
    const file: StoredFile = { file_id: `BQACAgIAAxkBAAI${n}`, file_unique_id: `AgAD${n}`, file_path: `documents/file_${n}.txt`, bytes: Buffer.from(bytes), file_size: opts.reportedSize ?? bytes.length };
    this.files.set(file.file_id, file);
    return file;
  }

  /** What getChatMember answers for this user in this chat: "creator", "administrator", "member", "restricted", "left" or "kicked". */
  setChatMember(chatId: number, userId: number, status: string): void {
    this.members.set(`${chatId}:${userId}`, status);
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages the bot actually delivered (successful sendMessage calls), in order. */
  delivered(): ApiCall[] {
    return this.callsOf("sendMessage").filter((c) => c.ok);
  }

  /** Resolves once `predicate` holds (checked after every call); never time-based. */
  until(predicate: () => boolean): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (predicate()) {
          this.checks.delete(check);
          resolve();
        }
      };
      this.checks.add(check);
    });
  }

  /** Resolves with the first `n` calls of `method` once there are that many. */
  async waitForCalls(method: string, n = 1): Promise<ApiCall[]> {
    await this.until(() => this.callsOf(method).length >= n);
    return this.callsOf(method).slice(0, n);
  }

  async waitForDelivered(n = 1): Promise<ApiCall[]> {
    await this.until(() => this.delivered().length >= n);
    return this.delivered().slice(0, n);
  }

  /** How many long polls are waiting right now (the bot is idle and polling). */
  get pendingPolls(): number {
    return this.waiters.size;
  }

  // ---- the HTTP side ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(req.url ?? "");
    if (download && req.method === "GET") return this.serveFile(res, download[1]!, decodeURIComponent(download[2]!));
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url ?? "");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (!m || req.method !== "POST") return this.send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    if (m[1] !== this.token) return this.send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = m[2]!;
    const raw = Buffer.concat(chunks).toString("utf8");
    let payload: Record<string, any> = {};
    if (raw) {
      if (!/application\/json/.test(req.headers["content-type"] ?? "")) return this.send(res, 400, { ok: false, error_code: 400, description: "Bad Request: the fake only speaks JSON" });
      payload = JSON.parse(raw) as Record<string, any>;
    }

    const wait = method === "getUpdates" ? 0 : this.latencyMs(method);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

    if (this.revoked) return this.record(res, method, payload, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    if (method === "getUpdates" && this.conflict) {
      return this.record(res, method, payload, 409, { ok: false, error_code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running" });
    }
    const injection = this.injections.find((x) => x.left > 0 && x.method === method && (!x.match || x.match(payload)));
    if (injection) {
      injection.left--;
      const call: ApiCall = { method, payload, status: 0, ok: false, description: `fault: ${injection.fault}` };
      this.calls.push(call);
      if (injection.fault === "reset-after" || injection.fault === "hang-after") {
        const outcome = this.apply(method, payload);
        call.ok = outcome.ok;
        if (outcome.ok) call.result = outcome.result;
        if (outcome.ok && method === "sendMessage") this.applied.push(call);
      }
      if (injection.fault.startsWith("reset")) req.socket.destroy();
      // "hang": the response is never written; the connection stays open until the client gives up.
      this.notify();
      return;
    }
    const flood = method === "sendMessage" ? this.floods.get(Number(payload.chat_id)) : undefined;
    if (flood && flood.left > 0) {
      flood.left--;
      return this.record(res, method, payload, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${flood.retryAfter}`, parameters: { retry_after: flood.retryAfter } });
    }
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      return this.record(res, method, payload, failure.status, {
        ok: false,
        error_code: failure.status,
        description: failure.description,
        ...(failure.retryAfter !== undefined ? { parameters: { retry_after: failure.retryAfter } } : {}),
      });
    }
    if (method === "getUpdates") return this.getUpdates(res, payload);
    const outcome = this.apply(method, payload);
    this.record(res, method, payload, outcome.ok ? 200 : outcome.error_code, outcome);
    if (outcome.ok && method === "sendMessage") this.applied.push(this.calls.at(-1)!);
  }

  private apply(method: string, p: Record<string, any>): { ok: true; result: unknown } | { ok: false; error_code: number; description: string } {
    const ok = (result: unknown) => ({ ok: true as const, result });
    const bad = (error_code: number, description: string) => ({ ok: false as const, error_code, description });
    switch (method) {
      case "getMe":
        return ok(this.botInfo);
      case "deleteWebhook":
        this.webhook = undefined;
        return ok(true);
      case "setWebhook":
        if (typeof p.url !== "string" || !p.url.startsWith("https://")) return bad(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
        this.webhook = { url: p.url, secret_token: p.secret_token, allowed_updates: p.allowed_updates };
        return ok(true);
      case "getWebhookInfo":
        return ok({ url: this.webhook?.url ?? "", has_custom_certificate: false, pending_update_count: this.queue.length });
      case "setMyCommands": {
        const list = p.commands as Array<{ command: string; description: string }>;
        if (!Array.isArray(list) || list.length > 100) return bad(400, "Bad Request: too many commands");
        for (const c of list) {
          if (!/^[a-z0-9_]{1,32}$/.test(c.command)) return bad(400, "Bad Request: BOT_COMMAND_INVALID");
          if (!c.description || c.description.length > 256) return bad(400, "Bad Request: command description is empty or too long");
        }
        this.commands.set(p.language_code ?? "", list);
        return ok(true);
      }
      case "deleteMyCommands":
        this.commands.delete(p.language_code ?? "");
        return ok(true);
      case "sendChatAction":
        return ok(true);
      case "getFile": {
        const file = this.files.get(String(p.file_id));
        if (!file) return bad(400, "Bad Request: invalid file_id");
        return ok({ file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size, file_path: file.file_path });
      }
      case "getChatMember": {
        const chatId = Number(p.chat_id);
        const userId = Number(p.user_id);
        if (!Number.isSafeInteger(chatId) || !Number.isSafeInteger(userId)) return bad(400, "Bad Request: invalid user_id specified");
        if (this.missingChats.has(chatId)) return bad(400, "Bad Request: chat not found");
        const status = this.members.get(`${chatId}:${userId}`) ?? "member";
        const user = { id: userId, is_bot: false, first_name: `U${userId}` };
        if (status === "administrator") return ok({ status, user, can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: true, can_manage_video_chats: true, can_restrict_members: true, can_promote_members: false, can_change_info: true, can_invite_users: true });
        if (status === "creator") return ok({ status, user, is_anonymous: false });
        return ok({ status, user });
      }
      case "answerCallbackQuery":
        if (!this.callbackIds.has(String(p.callback_query_id))) return bad(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
        this.callbackIds.delete(String(p.callback_query_id));
        return ok(true);
      case "sendMessage":
      case "editMessageText": {
        const chatId = Number(p.chat_id);
        if (this.blockedChats.has(chatId)) return bad(403, "Forbidden: bot was blocked by the user");
        if (this.missingChats.has(chatId)) return bad(400, "Bad Request: chat not found");
        if (typeof p.text !== "string" || !p.text.trim()) return bad(400, "Bad Request: message text is empty");
        let text = p.text as string;
        if (p.parse_mode === "HTML") {
          const parsed = parseTelegramHtml(p.text);
          if ("error" in parsed) return bad(400, `Bad Request: ${parsed.error}`);
          text = parsed.text;
        } else if (p.parse_mode !== undefined) return bad(400, "Bad Request: unsupported parse_mode in this fake");
        if (text.length > 4096) return bad(400, "Bad Request: message is too long");
        for (const row of p.reply_markup?.inline_keyboard ?? []) {
          for (const button of row) {
            const bytes = Buffer.byteLength(String(button.callback_data ?? ""), "utf8");
            if (!button.text || bytes < 1 || bytes > 64) return bad(400, "Bad Request: BUTTON_DATA_INVALID");
          }
        }
        const chat = this.chats.get(chatId) ?? ({ id: chatId, type: chatId < 0 ? "supergroup" : "private", ...(chatId < 0 ? { title: "Nhóm" } : { first_name: "Người dùng" }) } as Chat);
        const message = {
          message_id: method === "editMessageText" ? Number(p.message_id) : this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat,
          from: this.botInfo as User,
          text,
          ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
        } as Message.TextMessage;
        return ok(message);
      }
      default:
        return bad(404, "Not Found: method not found");
    }
  }

  /** GET /file/bot<token>/<file_path>: the bytes, as api.telegram.org serves them. */
  private serveFile(res: ServerResponse, token: string, path: string): void {
    const file = token === this.token ? [...this.files.values()].find((f) => f.file_path === path) : undefined;
    const status = file ? 200 : token === this.token ? 404 : 401;
    this.downloads.push({ path, status });
    if (!file) {
      res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify({ ok: false, error_code: status, description: status === 404 ? "Not Found" : "Unauthorized" }));
    } else {
      res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": String(file.bytes.length) }).end(file.bytes);
    }
    this.notify();
  }

  private getUpdates(res: ServerResponse, p: Record<string, any>): void {
    const offset = Number(p.offset ?? 0);
    const limit = Math.max(1, Math.min(100, Number(p.limit ?? 100)));
    const timeout = Number(p.timeout ?? 0);
    // An offset confirms every update before it: they are gone for good.
    if (offset > 0) while (this.queue.length && this.queue[0]!.update_id < offset) this.queue.shift();
    const ready = this.pending(offset, limit);
    if (ready.length || timeout <= 0) return this.record(res, "getUpdates", p, 200, { ok: true, result: ready });
    const waiter: Waiter = {
      offset,
      limit,
      res,
      timer: setTimeout(() => this.answerPoll(waiter, []), timeout * 1000),
      call: { method: "getUpdates", payload: p, status: 0, ok: false },
    };
    this.waiters.add(waiter);
    this.calls.push(waiter.call);
    this.notify();
    // The bot aborted the poll (bot.stop / runner stop): forget it, answer nothing.
    res.once("close", () => {
      if (this.waiters.delete(waiter)) clearTimeout(waiter.timer);
    });
  }

  private pending(offset: number, limit: number): Update[] {
    return this.queue.filter((u) => u.update_id >= offset).slice(0, limit);
  }

  private answerPoll(w: Waiter, updates: Update[]): void {
    if (!this.waiters.delete(w)) return;
    clearTimeout(w.timer);
    Object.assign(w.call, { status: 200, ok: true, result: updates });
    this.send(w.res, 200, { ok: true, result: updates });
    this.notify();
  }

  private record(res: ServerResponse, method: string, payload: Record<string, any>, status: number, body: Record<string, any>): void {
    this.calls.push({ method, payload, status, ok: body.ok === true, result: body.result, description: body.description });
    this.send(res, status, body);
    this.notify();
  }

  private notify(): void {
    for (const check of [...this.checks]) check();
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
  }
}

export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_path: string;
  /** What messages and getFile announce. */
  file_size: number;
  bytes: Buffer;
}

// ---- building updates the way Telegram sends them ----

export const alice: User = { id: 4201, is_bot: false, first_name: "Lan", username: "lan_ubnd", language_code: "vi" };
export const bob: User = { id: 4202, is_bot: false, first_name: "Minh", language_code: "vi" };
export const carol: User = { id: 4203, is_bot: false, first_name: "Carol", language_code: "en-US" };

export function privateChat(user: User): Chat.PrivateChat {
  return { id: user.id, type: "private", first_name: user.first_name, ...(user.username ? { username: user.username } : {}) };
}

export const groupChat: Chat.SupergroupChat = { id: -1001234567, type: "supergroup", title: "UBND tỉnh - tổ tổng hợp" };

let nextIncomingId = 5000;

/** Entities Telegram would attach: a leading /command (with its @bot) and @mentions. */
export function entitiesOf(text: string): MessageEntity[] {
  const out: MessageEntity[] = [];
  const cmd = /^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?/.exec(text);
  if (cmd) out.push({ type: "bot_command", offset: 0, length: cmd[0].length });
  for (const m of text.matchAll(/(?<![A-Za-z0-9_/])@[A-Za-z0-9_]{5,32}/g)) out.push({ type: "mention", offset: m.index, length: m[0].length });
  return out;
}

export function textMessage(text: string, opts: { from?: User; chat?: Chat; replyTo?: Message } = {}): NewUpdate {
  const from = opts.from ?? alice;
  const entities = entitiesOf(text);
  return {
    message: {
      message_id: nextIncomingId++,
      date: Math.floor(Date.now() / 1000),
      chat: opts.chat ?? privateChat(from),
      from,
      text,
      ...(entities.length ? { entities } : {}),
      ...(opts.replyTo ? { reply_to_message: opts.replyTo } : {}),
    } as Message & Update.NonChannel,
  };
}

export function callbackQuery(data: string, message: Message, from: User = alice): NewUpdate {
  return { callback_query: { id: `cb${nextIncomingId++}`, from, chat_instance: "ci-1", data, message } };
}

/** A document message carrying a file kept by the fake (`addFile`), as Telegram sends it. */
export function documentMessage(file: StoredFile, opts: { from?: User; chat?: Chat; fileName?: string; mime?: string; caption?: string } = {}): NewUpdate {
  const from = opts.from ?? alice;
  const caption = opts.caption;
  const entities = caption ? entitiesOf(caption) : [];
  return {
    message: {
      message_id: nextIncomingId++,
      date: Math.floor(Date.now() / 1000),
      chat: opts.chat ?? privateChat(from),
      from,
      document: {
        file_id: file.file_id,
        file_unique_id: file.file_unique_id,
        file_name: opts.fileName ?? "bao-cao.txt",
        mime_type: opts.mime ?? "text/plain",
        file_size: file.file_size,
      },
      ...(caption ? { caption, ...(entities.length ? { caption_entities: entities } : {}) } : {}),
    } as Message & Update.NonChannel,
  };
}
