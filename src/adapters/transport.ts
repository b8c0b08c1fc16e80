// HTTP for the platform clients (grammY's `fetch`, discord.js REST's `makeRequest`), on undici.
// Two jobs: every request is bounded in time (connect, wait for headers, whole call), and every
// request records whether it was written to the socket in full. A failure before that point means
// the platform cannot have acted on it ("not sent": safe to send again); a failure after it (reset,
// timeout, a dropped connection) leaves the outcome unknown — the message may have arrived.
import { Agent, Dispatcher, fetch as undiciFetch, request as undiciRequest } from "undici";
import { STATUS_CODES } from "node:http";
import { nativeSignal } from "./timers.js";

export interface TransportTimeouts {
  /** TCP (and TLS) connect. A connect that times out never wrote anything. */
  connectMs: number;
  /** From the request written to the response headers. */
  headersMs: number;
  /** Between two chunks of the response body. */
  bodyMs: number;
  /** An idle keep-alive socket is closed after this (the platforms close theirs sooner or later). */
  keepAliveMs: number;
}

export const DEFAULT_TIMEOUTS: TransportTimeouts = { connectMs: 3_000, headersMs: 5_000, bodyMs: 5_000, keepAliveMs: 4_000 };

/** One connection pool with these bounds. */
export function createAgent(t: Partial<TransportTimeouts> = {}): Agent {
  const o = { ...DEFAULT_TIMEOUTS, ...t };
  return new Agent({ connect: { timeout: o.connectMs }, headersTimeout: o.headersMs, bodyTimeout: o.bodyMs, keepAliveTimeout: o.keepAliveMs, keepAliveMaxTimeout: o.keepAliveMs });
}

/** What one request (one attempt) got to. */
export interface AttemptState {
  /** The whole request (headers and body) was handed to the socket. */
  written: boolean;
  /** Response headers arrived: the platform answered, whatever the status. */
  answered: boolean;
}

type Handler = Dispatcher.DispatchHandlers;

/** Forwards every callback to the real handler, noting when the request left and the answer came. */
class TrackingHandler implements Handler {
  constructor(
    private readonly inner: Handler,
    private readonly state: AttemptState,
  ) {}
  onConnect(abort: (err?: Error) => void): void {
    this.inner.onConnect?.(abort);
  }
  onError(err: Error): void {
    this.inner.onError?.(err);
  }
  onUpgrade(statusCode: number, headers: Buffer[] | string[] | null, socket: import("node:stream").Duplex): void {
    this.inner.onUpgrade?.(statusCode, headers, socket);
  }
  onResponseStarted(): void {
    (this.inner as { onResponseStarted?: () => void }).onResponseStarted?.();
  }
  onHeaders(statusCode: number, headers: Buffer[], resume: () => void, statusText: string): boolean {
    this.state.answered = true;
    return this.inner.onHeaders?.(statusCode, headers, resume, statusText) ?? true;
  }
  onData(chunk: Buffer): boolean {
    return this.inner.onData?.(chunk) ?? true;
  }
  onComplete(trailers: string[] | null): void {
    this.inner.onComplete?.(trailers);
  }
  onBodySent(chunk: unknown, total?: number): void {
    (this.inner as { onBodySent?: (c: unknown, t?: number) => void }).onBodySent?.(chunk, total);
  }
  onRequestSent(): void {
    this.state.written = true;
    (this.inner as { onRequestSent?: () => void }).onRequestSent?.();
  }
}

/**
 * A dispatcher that records every request sent through it. One per logical send: a sender that
 * lets the library retry (discord.js) can still tell whether any attempt may have been delivered.
 */
export class TrackingDispatcher extends Dispatcher {
  readonly attempts: AttemptState[] = [];
  constructor(private readonly base: Dispatcher) {
    super();
  }
  override dispatch(opts: Dispatcher.DispatchOptions, handler: Handler): boolean {
    const state: AttemptState = { written: false, answered: false };
    this.attempts.push(state);
    return this.base.dispatch(opts, new TrackingHandler(handler, state));
  }
  /** True when some attempt was written and never answered: it may have been acted on. */
  get uncertain(): boolean {
    return this.attempts.some((a) => a.written && !a.answered);
  }
  // The pool belongs to whoever made it; closing one tracker must not close it.
  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    if (callback) return void callback();
    return Promise.resolve();
  }
  override destroy(): Promise<void>;
  override destroy(err: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null, callback: () => void): void;
  override destroy(a?: unknown, b?: unknown): Promise<void> | void {
    const cb = typeof a === "function" ? a : typeof b === "function" ? b : undefined;
    if (cb) return void (cb as () => void)();
    return Promise.resolve();
  }
}

/** A connection that closed or reset under a request (undici says "other side closed"). */
const RESETS = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"]);

/**
 * A request that failed without an HTTP answer. `written` tells whether it left in full. `name`
 * and `code` follow what discord.js looks at to decide on a repeat: a timeout is an "AbortError",
 * and any reset or close under the request is "ECONNRESET" (undici's own code is `rootCode`).
 */
export class TransportError extends Error {
  readonly code: string | undefined;
  readonly rootCode: string | undefined;
  constructor(
    message: string,
    readonly written: boolean,
    cause: unknown,
  ) {
    super(message, { cause });
    const inner = rootCause(cause) as { name?: unknown; code?: unknown } | undefined;
    this.name = inner?.name === "AbortError" || inner?.name === "TimeoutError" ? "AbortError" : "TransportError";
    this.rootCode = typeof inner?.code === "string" ? inner.code : undefined;
    this.code = this.rootCode && RESETS.has(this.rootCode) ? "ECONNRESET" : this.rootCode;
  }
}

/** The innermost `cause` of an error chain (fetch wraps its errors in "fetch failed"). */
function rootCause(err: unknown): unknown {
  let e = err;
  for (let i = 0; i < 5 && e && typeof e === "object" && "cause" in e && (e as { cause?: unknown }).cause; i++) e = (e as { cause: unknown }).cause;
  return e;
}

/** Codes that only happen before a connection exists, so nothing can have been written. */
const BEFORE_CONNECT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "ENETUNREACH", "EHOSTUNREACH", "ERR_INVALID_URL"]);

function describe(err: unknown): string {
  const root = rootCause(err) as { code?: unknown; message?: unknown } | undefined;
  const code = typeof root?.code === "string" ? `${root.code}: ` : "";
  return `${code}${String(root?.message ?? err)}`.slice(0, 200);
}

function transportError(err: unknown, tracker: TrackingDispatcher): TransportError {
  if (err instanceof TransportError) return err;
  const code = (rootCause(err) as { code?: unknown } | undefined)?.code;
  const written = tracker.attempts.some((a) => a.written) && !(typeof code === "string" && BEFORE_CONNECT.has(code));
  return new TransportError(`${written ? "request sent, no answer" : "request not sent"} (${describe(err)})`, written, err);
}

/**
 * Where an error chain says the request got: "not_sent" (the platform never saw it in full) or
 * "unknown" (it may have been acted on). HTTP answers are not transport failures: see the senders.
 */
export function failureKind(err: unknown): "not_sent" | "unknown" {
  let e: unknown = err;
  for (let i = 0; i < 6 && e && typeof e === "object"; i++) {
    if (e instanceof TransportError) return e.written ? "unknown" : "not_sent";
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && BEFORE_CONNECT.has(code)) return "not_sent";
    // grammY's HttpError keeps the fetch error in `error`; others use `cause`.
    e = (e as { error?: unknown; cause?: unknown }).error ?? (e as { cause?: unknown }).cause;
  }
  return "unknown";
}

function anySignal(signals: unknown[]): AbortSignal {
  return AbortSignal.any(signals.map(nativeSignal).filter((s): s is AbortSignal => !!s));
}

export interface PlatformFetchOptions {
  dispatcher: Dispatcher;
  /** The whole call, headers and body, is aborted after this. */
  totalMs: number | ((url: string) => number);
}

/** A fetch for grammY (`client.fetch`): bounded, and its failures are TransportErrors. */
export function platformFetch(opts: PlatformFetchOptions): (url: string | URL, init?: Record<string, unknown>) => Promise<unknown> {
  return async (url, init = {}) => {
    const href = String(url);
    const tracker = new TrackingDispatcher(opts.dispatcher);
    const totalMs = typeof opts.totalMs === "function" ? opts.totalMs(href) : opts.totalMs;
    // grammY passes node-fetch options (agent, compress) that undici does not know: keep what it does.
    const { method, headers, body, signal } = init as { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal };
    try {
      const res = await undiciFetch(href, { method, headers, body, dispatcher: tracker, signal: anySignal([signal, AbortSignal.timeout(totalMs)]) });
      // Read the body inside the deadline, so that a trickling answer is bounded too.
      const text = await res.text();
      return { ok: res.ok, status: res.status, json: async () => JSON.parse(text) as unknown, text: async () => text };
    } catch (err) {
      throw transportError(err, tracker);
    }
  };
}

/**
 * discord.js REST's `makeRequest`: undici's request through `init.dispatcher` (a per-send tracker)
 * or the agent, with failures as TransportErrors. REST applies its own per-attempt `timeout`.
 */
export function discordMakeRequest(agent: Dispatcher) {
  return async (url: string, init: Record<string, unknown>) => {
    // A per-send tracker in init.dispatcher (see the Discord sender) sees this attempt too.
    const tracker = new TrackingDispatcher((init.dispatcher as Dispatcher | undefined) ?? agent);
    const { method, headers, body, signal } = init as { method?: string; headers?: Record<string, string>; body?: unknown; signal?: AbortSignal };
    let res: Dispatcher.ResponseData;
    try {
      res = await undiciRequest(url, {
        method: (method ?? "GET").toUpperCase() as Dispatcher.HttpMethod,
        headers,
        body: await requestBody(body),
        dispatcher: tracker,
        ...(signal ? { signal: nativeSignal(signal) } : {}),
      });
    } catch (err) {
      throw transportError(err, tracker);
    }
    const headerPairs: Array<[string, string]> = [];
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headerPairs.push([k, Array.isArray(v) ? v.join(", ") : v]);
    return {
      body: res.body,
      arrayBuffer: () => res.body.arrayBuffer(),
      json: () => res.body.json(),
      text: () => res.body.text(),
      get bodyUsed() {
        return res.body.bodyUsed;
      },
      headers: new Headers(headerPairs),
      status: res.statusCode,
      statusText: STATUS_CODES[res.statusCode] ?? "",
      ok: res.statusCode >= 200 && res.statusCode < 300,
    };
  };
}

async function requestBody(body: unknown): Promise<string | Uint8Array | null> {
  if (body == null) return null;
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  // FormData (attachments) is never sent by this bot; refuse it loudly rather than send it wrong.
  throw new TypeError(`unsupported request body: ${Object.prototype.toString.call(body)}`);
}

/** Why a download stopped: more bytes than allowed, an HTTP answer other than 200, or no answer at all. */
export class DownloadError extends Error {
  constructor(
    readonly reason: "too_large" | "http" | "failed",
    message: string,
  ) {
    super(message);
    this.name = "DownloadError";
  }
}

export interface BoundedDownloadOptions {
  /** The pool with its connect / headers / body bounds. */
  dispatcher: Dispatcher;
  /** The whole download, from the request to the last byte, is aborted after this. */
  totalMs: number;
  /** More than this is refused: from Content-Length when the server sends one, else as the bytes arrive. */
  maxBytes: number;
}

/**
 * GETs a file (a Telegram document, a Discord attachment) into memory, bounded in time and size.
 * Failures are DownloadErrors whose messages never hold the URL (a Telegram file URL carries the
 * bot token).
 */
export async function downloadBounded(url: string, opts: BoundedDownloadOptions): Promise<Uint8Array> {
  const signal = AbortSignal.timeout(opts.totalMs);
  let res: Dispatcher.ResponseData;
  try {
    res = await undiciRequest(url, { method: "GET", dispatcher: opts.dispatcher, signal });
  } catch (err) {
    throw new DownloadError("failed", `no answer (${describe(err)})`);
  }
  // An abandoned body may still report its abort: listened to, so that it is not an unhandled error.
  const drop = () => {
    res.body.on("error", () => undefined);
    res.body.destroy();
  };
  if (res.statusCode !== 200) {
    drop();
    throw new DownloadError("http", `HTTP ${res.statusCode}`);
  }
  const declared = Number(res.headers["content-length"]);
  if (Number.isFinite(declared) && declared > opts.maxBytes) {
    drop();
    throw new DownloadError("too_large", `${declared} bytes announced, at most ${opts.maxBytes} allowed`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    res.body.on("error", () => undefined); // the loop below sees the error itself
    for await (const chunk of res.body) {
      total += (chunk as Buffer).length;
      if (total > opts.maxBytes) {
        drop();
        throw new DownloadError("too_large", `more than ${opts.maxBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof DownloadError) throw err;
    throw new DownloadError("failed", `the download broke off (${describe(err)})`);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
