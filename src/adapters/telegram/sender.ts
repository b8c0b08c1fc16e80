// Sending a Reply to a Telegram chat: the bot's own answers and proactive deliveries (the digest)
// go through the same renderer. Proactive deliveries use their own API client, whose retry policy
// never repeats a send that may have arrived (retry.ts), and report one of three outcomes.
import { GrammyError, type Api } from "grammy";
import type { Message } from "grammy/types";
import type { Reply } from "../../core/types.js";
import { delivered, notDelivered, unknownOutcome, type ChatSender, type DeliveryOutcome, type SendOptions as DeliverOptions } from "../sender.js";
import { scrubSecrets } from "../../log.js";
import { failureKind } from "../transport.js";
import { FloodGate } from "../flood-gate.js";
import { renderReply } from "./render.js";
import { mayHaveArrived } from "./retry.js";
import type { SuggestionStore } from "./suggestions.js";

export interface SendOptions {
  /** Answer this message (groups): shown as a reply to it; still sent if it was deleted. */
  replyTo?: number;
  /** The forum topic to post in. */
  threadId?: number;
  signal?: AbortSignal;
}

export async function sendReply(api: Api, chatId: number | string, reply: Reply, suggestions: SuggestionStore, opts: SendOptions = {}): Promise<Message.TextMessage[]> {
  // Long suggestion inputs go to the store first, so that any worker understands their buttons.
  await suggestions.prepare((reply.suggestions ?? []).map((s) => s.input));
  const messages = renderReply(reply, { encodeSuggestion: (input) => suggestions.encode(input) });
  const sent: Message.TextMessage[] = [];
  for (const [i, m] of messages.entries()) sent.push(await api.sendMessage(chatId, m.text, messageOptions(m, i, opts), opts.signal as never));
  return sent;
}

function messageOptions(m: { reply_markup?: unknown }, i: number, opts: SendOptions) {
  return {
    parse_mode: "HTML" as const,
    link_preview_options: { is_disabled: true },
    ...(opts.threadId !== undefined ? { message_thread_id: opts.threadId } : {}),
    ...(m.reply_markup ? { reply_markup: m.reply_markup as never } : {}),
    ...(i === 0 && opts.replyTo !== undefined ? { reply_parameters: { message_id: opts.replyTo, allow_sending_without_reply: true } } : {}),
  };
}
/** "telegram:-100123" → -100123; undefined when the id is not a Telegram chat id. */
export function parseTelegramChatId(chatId: string): number | undefined {
  const m = /^telegram:(-?\d{1,20})$/.exec(chatId);
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** True when Telegram says the chat is gone for good: the bot was blocked or kicked, or the chat does not exist. */
export function isPermanentFailure(err: unknown): boolean {
  if (!(err instanceof GrammyError)) return false;
  if (err.error_code === 403) return true;
  // "group chat was upgraded to a supergroup chat": the old id is dead (parameters.migrate_to_chat_id has the new one).
  return err.error_code === 400 && /chat not found|user is deactivated|bot was kicked|chat was deleted|peer_id_invalid|group chat was upgraded/i.test(err.description);
}

/** Telegram's bulk limits: about 30 messages a second overall, one a second to one chat. The
 * digest stays under them with room left for the bot's answers. */
export const DIGEST_FLOOD_LIMITS = { perSecond: 20, perKeyIntervalMs: 1_000 };

export class TelegramSender implements ChatSender {
  readonly platform = "telegram" as const;
  private readonly gate: FloodGate;

  /** `api` should carry the delivery retry policy (never repeat a send that may have arrived). */
  constructor(
    private readonly api: Api,
    private readonly suggestions: SuggestionStore,
    gate?: FloodGate,
  ) {
    this.gate = gate ?? new FloodGate(DIGEST_FLOOD_LIMITS);
  }

  async send(chatId: string, reply: Reply, opts: DeliverOptions = {}): Promise<DeliveryOutcome> {
    const id = parseTelegramChatId(chatId);
    // A malformed id will never work, so retrying it would be pointless.
    if (id === undefined) return notDelivered(`not a Telegram chat id: ${chatId.slice(0, 60)}`, true);
    const messages = renderReply(reply, { encodeSuggestion: (input) => this.suggestions.encode(input) });
    let confirmed = 0;
    for (const [i, m] of messages.entries()) {
      try {
        await this.gate.wait(String(id), opts.signal);
      } catch {
        return confirmed ? unknownOutcome(`stopped after ${confirmed} of ${messages.length} messages`) : notDelivered("stopped before sending");
      }
      try {
        await this.api.sendMessage(id, m.text, messageOptions(m, i, {}), opts.signal as never);
        confirmed++;
      } catch (err) {
        return outcomeOf(err, confirmed, messages.length);
      }
    }
    return delivered;
  }
}

/** An error and its causes as one line (grammY's HttpError says only "Network request failed"). */
function errorText(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    const m = (e as Error)?.message ?? String(e);
    if (m && !parts.includes(m)) parts.push(m);
    e = (e as { error?: unknown; cause?: unknown }).error ?? (e as { cause?: unknown }).cause;
  }
  return parts.join(": ");
}

/** The outcome of a send that failed after `confirmed` of `total` messages went through. */
function outcomeOf(err: unknown, confirmed: number, total: number): DeliveryOutcome {
  const what = err instanceof GrammyError ? `${err.error_code}: ${err.description}` : scrubSecrets(errorText(err));
  // Part of the digest is in the chat: sending it again would repeat that part.
  if (confirmed > 0) return unknownOutcome(`delivered ${confirmed} of ${total} messages, then: ${what}`);
  if (err instanceof GrammyError) {
    const retryAfter = err.error_code === 429 ? err.parameters.retry_after : undefined;
    return notDelivered(what, isPermanentFailure(err), retryAfter !== undefined ? retryAfter * 1000 : undefined);
  }
  if (mayHaveArrived(err) || failureKind(err) === "unknown") return unknownOutcome(what);
  return notDelivered(what);
}
