// A small fake Discord for end-to-end tests: one node:http server on 127.0.0.1 (REST under
// /api/v10) with a `ws` WebSocketServer on the same port (the gateway). The real discord.js client
// is pointed at it with `rest: { api: fake.apiRoot }`; it finds the gateway through
// GET /gateway/bot like it does in production.
//
// What it does: HELLO / IDENTIFY / READY, heartbeat ACKs, RESUME after an op 7 RECONNECT, any
// dispatch the test asks for (INTERACTION_CREATE builders for slash commands, autocomplete and
// buttons); REST routes for interaction callbacks, webhook edits/follow-ups/deletes, command
// deployment and channel messages. Every request is recorded; any route can be told to answer
// 429 (Retry-After) or another error for its next N calls, or meet a connection fault ("reset-before":
// destroyed unprocessed, "reset-after": processed then destroyed unanswered, "hang": never answered).
// Channel messages honour `nonce` + `enforce_nonce` as Discord does: a second POST with the same
// nonce returns the first message and creates nothing.
// Attachments: `addAttachment(name, bytes)` keeps a file as Discord's CDN would and returns the
// attachment object an interaction's `data.resolved.attachments` carries; its URL is served on
// this same port (GET /attachments/…, every download recorded in `attachmentDownloads`).
// What it does not do: sharding, zlib compression, event replay on resume, session-start limits,
// invalid-session flows, real rate-limit buckets.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { WebSocketServer, type WebSocket } from "ws";

export interface RecordedRequest {
  /** Order of arrival, from 1. */
  seq: number;
  method: string;
  /** Decoded path after /api/v10, e.g. "/webhooks/1/tok/messages/@original". */
  path: string;
  /** The matched route template, e.g. "PATCH /webhooks/:app/:token/messages/:message" ("" when none). */
  route: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (undefined when there was none). */
  body: unknown;
  /** The status the fake answered with. */
  status: number;
}

export interface GatewayFrame {
  /** Which gateway connection (from 1) sent it. */
  connection: number;
  op: number;
  d: unknown;
}

export interface FailureSpec {
  /** An HTTP status to answer with; ignored when `fault` is set. */
  status?: number;
  fault?: "reset-before" | "reset-after" | "hang";
  /** How many of the next matching calls fail (default 1). */
  times?: number;
  /** For 429: seconds, sent in Retry-After and as retry_after. Default 0.05. */
  retryAfter?: number;
  /** Discord JSON error code (e.g. 10003 Unknown Channel). */
  code?: number;
  message?: string;
}

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  botUserId?: string;
  /** HELLO's heartbeat_interval in ms; small so that tests see heartbeats. */
  heartbeatIntervalMs?: number;
}

export interface InteractionUser {
  id: string;
  username?: string;
  globalName?: string;
}

export interface BaseInteractionInit {
  channelId?: string;
  /** When set, the interaction comes from a guild (with `member`); otherwise a DM-style `user`. */
  guildId?: string;
  /** Malformed on purpose: neither `member` nor `user`. */
  noUser?: boolean;
  user?: InteractionUser;
  locale?: string;
  /** In a guild: the member's permissions in the channel, a decimal bit set (default "0"). */
  permissions?: string;
}

export interface CommandOptionPayload {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: CommandOptionPayload[];
}

export interface AttachmentPayload {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type?: string;
}

export interface SentInteraction {
  id: string;
  token: string;
  payload: Record<string, unknown>;
}

interface Route {
  method: string;
  template: string;
  regex: RegExp;
  keys: string[];
  auth: boolean;
  handle: (ctx: RouteContext) => { status: number; body?: unknown };
}

interface RouteContext {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

const DISCORD_EPOCH = 1420070400000n;
let snowflakeCounter = 0n;

/** A valid, increasing snowflake (discord.js reads timestamps out of ids). */
export function snowflake(): string {
  snowflakeCounter = (snowflakeCounter + 1n) % 4096n;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | snowflakeCounter).toString();
}

export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly heartbeatIntervalMs: number;
  readonly requests: RecordedRequest[] = [];
  readonly gatewayFrames: GatewayFrame[] = [];
  /** Commands stored by the last PUT, per scope ("global" or the guild id). */
  readonly deployed = new Map<string, unknown[]>();
  /** How many gateway connections were opened. */
  connections = 0;
  /** Messages actually created in channels (after nonce de-duplication), in order. */
  readonly channelMessages: Array<{ channelId: string; body: unknown }> = [];
  private readonly byNonce = new Map<string, unknown>();
  /** Paths of the attachment downloads served, in order. */
  readonly attachmentDownloads: string[] = [];
  private readonly attachments = new Map<string, Buffer>();

  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private readonly sessions = new Map<WebSocket, { connection: number; ready: boolean }>();
  private readonly failures: Array<{ match: string; spec: FailureSpec; left: number }> = [];
  private readonly waiters: Array<() => void> = [];
  private readonly routes: Route[] = [];
  private seq = 0;
  private requestSeq = 0;
  private sessionId = randomBytes(8).toString("hex");
  private port = 0;

  private constructor(options: FakeDiscordOptions) {
    this.token = options.token ?? "fake-bot-token-" + randomBytes(12).toString("hex");
    this.applicationId = options.applicationId ?? "1100000000000000001";
    this.botUserId = options.botUserId ?? "1100000000000000002";
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 200;
    this.server = createServer((req, res) => void this.onHttp(req, res));
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on("connection", (ws, req) => this.onGateway(ws, req));
    this.defineRoutes();
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** What discord.js takes as `rest.api`. */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  // ---------------------------------------------------------------- control

  /**
   * The next `times` calls matching `match` fail with `spec.status`. `match` is a route template
   * ("POST /interactions/:id/:token/callback") or a concrete path ("POST /channels/42/messages").
   */
  failNext(match: string, spec: FailureSpec): void {
    this.failures.push({ match, spec, left: spec.times ?? 1 });
  }

  /** Resolves with the first recorded request (from `fromSeq` on) that matches. */
  async waitForRequest(predicate: (r: RecordedRequest) => boolean, what = "a matching request"): Promise<RecordedRequest> {
    const [r] = await this.waitForRequests(predicate, 1, what);
    return r!;
  }

  /** Resolves once `count` recorded requests match; fails after a generous bound instead of hanging. */
  async waitForRequests(predicate: (r: RecordedRequest) => boolean, count: number, what = "matching requests"): Promise<RecordedRequest[]> {
    return this.waitUntil(() => {
      const found = this.requests.filter(predicate);
      return found.length >= count ? found.slice(0, count) : undefined;
    }, what);
  }

  /** Every request an interaction caused (callback and webhook calls carry its id or token). */
  requestsFor(interaction: SentInteraction): RecordedRequest[] {
    return this.requests.filter(
      (r) => (r.params.id === interaction.id && r.params.token === interaction.token) || (r.params.token === interaction.token && r.route.includes("/webhooks/")),
    );
  }

  /** Waits until the interaction has produced `count` successful (2xx) requests. */
  async waitForResponses(interaction: SentInteraction, count: number): Promise<RecordedRequest[]> {
    return this.waitUntil(() => {
      const ok = this.requestsFor(interaction).filter((r) => r.status < 300);
      return ok.length >= count ? ok : undefined;
    }, `${count} response(s) to interaction ${interaction.id}`);
  }

  async waitForGateway(predicate: (f: GatewayFrame) => boolean, what = "a gateway frame"): Promise<GatewayFrame> {
    return this.waitUntil(() => this.gatewayFrames.find(predicate), what);
  }

  /** Sends a dispatch (op 0) to every connection that finished IDENTIFY or RESUME. */
  dispatch(t: string, d: unknown): void {
    const frame = JSON.stringify({ op: 0, t, s: ++this.seq, d });
    let sent = 0;
    for (const [ws, session] of this.sessions) {
      if (session.ready && ws.readyState === ws.OPEN) {
        ws.send(frame);
        sent++;
      }
    }
    if (sent === 0) throw new Error(`fake discord: no ready gateway connection to dispatch ${t} to`);
  }

  /** Asks the client to reconnect (op 7); it comes back with RESUME on resume_gateway_url. */
  requestReconnect(): void {
    for (const [ws, session] of this.sessions) if (session.ready) ws.send(JSON.stringify({ op: 7, d: null }));
  }

  /** Closes every gateway connection with `code` (e.g. 4004 Authentication failed: unrecoverable). */
  closeGateway(code: number, reason = "closed by the test"): void {
    for (const ws of this.sockets) ws.close(code, reason);
  }

  /** A slash command (type 2, chat input); `resolved` carries the attachments its options name. */
  chatInput(name: string, options: CommandOptionPayload[] = [], init: BaseInteractionInit = {}, resolved?: { attachments: Record<string, AttachmentPayload> }): SentInteraction {
    return this.interaction(2, { id: snowflake(), name, type: 1, options, ...(resolved ? { resolved } : {}) }, init);
  }

  /**
   * Keeps a file as Discord's CDN keeps an attachment a user sent. `reportedSize` is the size the
   * interaction announces (the real one by default), to show a large file without sending it.
   */
  addAttachment(filename: string, bytes: Uint8Array, opts: { contentType?: string; reportedSize?: number } = {}): AttachmentPayload {
    const id = snowflake();
    const path = `/attachments/1200000000000000001/${id}/${encodeURIComponent(filename)}`;
    this.attachments.set(path, Buffer.from(bytes));
    const url = `http://127.0.0.1:${this.port}${path}?ex=0&is=0&hm=fake`;
    return { id, filename, size: opts.reportedSize ?? bytes.length, url, proxy_url: url, ...(opts.contentType ? { content_type: opts.contentType } : {}) };
  }

  /** An autocomplete request (type 4); mark the option being typed with `focused: true`. */
  autocomplete(name: string, options: CommandOptionPayload[], init: BaseInteractionInit = {}): SentInteraction {
    return this.interaction(4, { id: snowflake(), name, type: 1, options }, init);
  }

  /** A button press (type 3) on a message the bot sent earlier. */
  button(customId: string, init: BaseInteractionInit = {}): SentInteraction {
    const channelId = init.channelId ?? "1200000000000000001";
    const message = this.botMessage(channelId);
    return this.interaction(3, { custom_id: customId, component_type: 2 }, init, { message });
  }

  /** Builds and dispatches an INTERACTION_CREATE with everything discord.js needs. */
  interaction(type: number, data: Record<string, unknown>, init: BaseInteractionInit = {}, extra: Record<string, unknown> = {}): SentInteraction {
    const id = snowflake();
    const token = `itok-${id}-${randomBytes(6).toString("hex")}`;
    const channelId = init.channelId ?? "1200000000000000001";
    const u = init.user ?? { id: "1300000000000000001" };
    const user = { id: u.id, username: u.username ?? `user${u.id.slice(-4)}`, discriminator: "0", global_name: u.globalName ?? null, avatar: null };
    const payload: Record<string, unknown> = {
      id,
      application_id: this.applicationId,
      type,
      token,
      version: 1,
      data,
      channel_id: channelId,
      channel: init.guildId ? { id: channelId, type: 0, guild_id: init.guildId, name: "general" } : { id: channelId, type: 1 },
      locale: init.locale ?? "vi",
      app_permissions: "0",
      entitlements: [],
      authorizing_integration_owners: init.guildId ? { "0": init.guildId } : { "1": u.id },
      context: init.guildId ? 0 : 1,
      attachment_size_limit: 10485760,
      ...extra,
    };
    if (init.noUser) {
      // neither member nor user
    } else if (init.guildId) {
      payload.guild_id = init.guildId;
      payload.guild_locale = "vi";
      payload.member = { user, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, permissions: init.permissions ?? "0" };
    } else {
      payload.user = user;
    }
    this.dispatch("INTERACTION_CREATE", payload);
    return { id, token, payload };
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---------------------------------------------------------------- gateway

  private onGateway(ws: WebSocket, req: IncomingMessage): void {
    const connection = ++this.connections;
    this.sockets.add(ws);
    this.sessions.set(ws, { connection, ready: false });
    const url = new URL(req.url ?? "/", "http://x");
    if (url.searchParams.get("encoding") !== "json") {
      ws.close(4002, "fake discord speaks json only");
      return;
    }
    ws.on("close", () => {
      this.sockets.delete(ws);
      this.sessions.delete(ws);
      this.notify();
    });
    ws.on("message", (raw) => {
      let frame: { op: number; d: unknown };
      try {
        frame = JSON.parse(String(raw));
      } catch {
        ws.close(4002, "decode error");
        return;
      }
      this.gatewayFrames.push({ connection, op: frame.op, d: frame.d });
      this.onFrame(ws, connection, frame);
      this.notify();
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs } }));
  }

  private onFrame(ws: WebSocket, connection: number, frame: { op: number; d: unknown }): void {
    const session = this.sessions.get(ws);
    if (!session) return;
    switch (frame.op) {
      case 1: // heartbeat
        ws.send(JSON.stringify({ op: 11 }));
        return;
      case 2: {
        // identify
        const d = frame.d as { token?: string; intents?: number };
        if (d.token !== this.token) {
          ws.close(4004, "Authentication failed.");
          return;
        }
        session.ready = true;
        this.sessionId = randomBytes(8).toString("hex");
        ws.send(
          JSON.stringify({
            op: 0,
            t: "READY",
            s: ++this.seq,
            d: {
              v: 10,
              user: { id: this.botUserId, username: "fake-bot", discriminator: "0", global_name: null, avatar: null, bot: true, verified: true, flags: 0 },
              guilds: [],
              session_id: this.sessionId,
              resume_gateway_url: this.gatewayUrl,
              shard: [0, 1],
              application: { id: this.applicationId, flags: 0 },
            },
          }),
        );
        return;
      }
      case 6: {
        // resume: the fake keeps no backlog, so there is nothing to replay
        const d = frame.d as { token?: string; session_id?: string };
        if (d.token !== this.token || d.session_id !== this.sessionId) {
          ws.send(JSON.stringify({ op: 9, d: false }));
          return;
        }
        session.ready = true;
        ws.send(JSON.stringify({ op: 0, t: "RESUMED", s: ++this.seq, d: {} }));
        return;
      }
      default:
        void connection;
    }
  }

  /** A message as Discord returns it, sent by the bot (REST answers and button presses share it). */
  private botMessage(channelId: string): Record<string, unknown> {
    return {
      id: snowflake(),
      channel_id: channelId,
      type: 0,
      content: "",
      author: { id: this.botUserId, username: "fake-bot", discriminator: "0", global_name: null, avatar: null, bot: true },
      embeds: [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      pinned: false,
      mention_everyone: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: 0,
    };
  }

  // ---------------------------------------------------------------- REST

  private defineRoutes(): void {
    const message = (channelId: string, body: unknown, extra: Record<string, unknown> = {}) => ({
      ...this.botMessage(channelId),
      ...(body && typeof body === "object" ? body : {}),
      ...extra,
    });
    const commandsOf = (scope: string, params: Record<string, string>, body: unknown) => {
      const list = (Array.isArray(body) ? body : []).map((c: Record<string, unknown>) => ({
        id: snowflake(),
        application_id: params.app,
        version: snowflake(),
        default_member_permissions: null,
        type: 1,
        ...c,
        ...(scope === "global" ? {} : { guild_id: scope }),
      }));
      this.deployed.set(scope, list);
      return list;
    };
    this.route("GET", "/gateway/bot", true, () => ({
      status: 200,
      body: {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      },
    }));
    this.route("GET", "/gateway", false, () => ({ status: 200, body: { url: this.gatewayUrl } }));
    this.route("POST", "/interactions/:id/:token/callback", false, ({ query, body }) => {
      const withResponse = query.with_response === "true";
      if (!withResponse) return { status: 204 };
      return { status: 200, body: { interaction: { id: "0", type: (body as { type?: number })?.type ?? 0 }, resource: null } };
    });
    this.route("GET", "/webhooks/:app/:token/messages/:message", false, () => ({ status: 200, body: message("0", {}) }));
    this.route("PATCH", "/webhooks/:app/:token/messages/:message", false, ({ body }) => ({ status: 200, body: message("0", body) }));
    this.route("DELETE", "/webhooks/:app/:token/messages/:message", false, () => ({ status: 204 }));
    this.route("POST", "/webhooks/:app/:token", false, ({ body }) => ({ status: 200, body: message("0", body) }));
    this.route("GET", "/applications/:app/commands", true, ({ params }) => ({ status: 200, body: this.deployed.get("global") ?? [] }));
    this.route("PUT", "/applications/:app/commands", true, ({ params, body }) => ({ status: 200, body: commandsOf("global", params, body) }));
    this.route("PUT", "/applications/:app/guilds/:guild/commands", true, ({ params, body }) => ({
      status: 200,
      body: commandsOf(params.guild!, params, body),
    }));
    this.route("POST", "/channels/:id/messages", true, ({ params, body }) => {
      const b = (body ?? {}) as { nonce?: unknown; enforce_nonce?: unknown };
      const key = b.enforce_nonce === true && (typeof b.nonce === "string" || typeof b.nonce === "number") ? `${params.id}:${b.nonce}` : undefined;
      if (key && this.byNonce.has(key)) return { status: 200, body: this.byNonce.get(key) };
      const created = message(params.id!, body);
      this.channelMessages.push({ channelId: params.id!, body });
      if (key) this.byNonce.set(key, created);
      return { status: 200, body: created };
    });
  }

  private route(method: string, template: string, auth: boolean, handle: Route["handle"]): void {
    const keys: string[] = [];
    const pattern = template.replace(/:([a-z]+)/g, (_m, k: string) => {
      keys.push(k);
      return "([^/]+)";
    });
    this.routes.push({ method, template, regex: new RegExp(`^${pattern}$`), keys, auth, handle });
  }

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://x");
    const method = (req.method ?? "GET").toUpperCase();
    const prefix = "/api/v10";
    const rawPath = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    const path = rawPath
      .split("/")
      .map((s) => decodeURIComponent(s))
      .join("/");
    let body: unknown;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const record: RecordedRequest = {
      seq: ++this.requestSeq,
      method,
      path,
      route: "",
      params: {},
      query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers },
      body,
      status: 0,
    };
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      this.requests.push(record);
      const text = payload === undefined ? "" : JSON.stringify(payload);
      res.writeHead(status, { ...(text ? { "content-type": "application/json" } : {}), ...headers });
      res.end(text);
      this.notify();
    };

    if (method === "GET" && url.pathname.startsWith("/attachments/")) {
      const file = this.attachments.get(url.pathname);
      this.attachmentDownloads.push(url.pathname);
      record.status = file ? 200 : 404;
      this.requests.push(record);
      if (file) res.writeHead(200, { "content-type": "text/plain; charset=utf-8", "content-length": String(file.length) }).end(file);
      else res.writeHead(404).end();
      this.notify();
      return;
    }
    if (!url.pathname.startsWith(prefix)) return send(404, { message: "404: Not Found", code: 0 });
    const route = this.routes.find((r) => r.method === method && r.regex.test(path));
    if (!route) return send(404, { message: "404: Not Found", code: 0 });
    const m = route.regex.exec(path)!;
    route.keys.forEach((k, i) => (record.params[k] = m[i + 1]!));
    record.route = `${method} ${route.template}`;

    if (route.auth && req.headers.authorization !== `Bot ${this.token}`) return send(401, { message: "401: Unauthorized", code: 0 });

    const failure = this.failures.find((f) => f.left > 0 && (f.match === record.route || f.match === `${method} ${path}`));
    if (failure) {
      failure.left--;
      const { fault } = failure.spec;
      if (fault) {
        record.status = 0;
        this.requests.push(record);
        if (fault === "reset-after") route.handle({ params: record.params, query: record.query, body });
        if (fault !== "hang") req.socket.destroy();
        this.notify();
        return;
      }
      const { status = 500, retryAfter = 0.05 } = failure.spec;
      if (status === 429) {
        return send(
          429,
          { message: "You are being rate limited.", retry_after: retryAfter, global: false },
          { "retry-after": String(retryAfter), "x-ratelimit-scope": "user" },
        );
      }
      return send(status, { message: failure.spec.message ?? `fake failure ${status}`, code: failure.spec.code ?? 0 });
    }
    const out = route.handle({ params: record.params, query: record.query, body });
    send(out.status, out.body);
  }

  // ---------------------------------------------------------------- waiting

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private waitUntil<T>(check: () => T | undefined, what: string, boundMs = 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        const seen = this.requests.map((r) => `${r.status} ${r.method} ${r.path}`).join("\n  ");
        reject(new Error(`fake discord: gave up waiting for ${what}; requests so far:\n  ${seen}`));
      }, boundMs);
      const attempt = () => {
        const value = check();
        if (value !== undefined) {
          clearTimeout(timer);
          resolve(value);
        } else {
          this.waiters.push(attempt);
        }
      };
      attempt();
    });
  }
}
