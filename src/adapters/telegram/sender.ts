// Sending a Reply to a Telegram chat: the bot's own answers and proactive deliveries (the digest)
// go through the same renderer and the same API client (auto-retry included).
import { GrammyError, type Api } from "grammy";
import type { Message } from "grammy/types";
import type { Reply } from "../../core/types.js";
import { DeliveryError, type ChatSender } from "../sender.js";
import { scrubSecrets } from "../../log.js";
import { renderReply } from "./render.js";
import type { SuggestionStore } from "./suggestions.js";

export interface SendOptions {
  /** Answer this message (groups): shown as a reply to it; still sent if it was deleted. */
  replyTo?: number;
  /** The forum topic to post in. */
  threadId?: number;
}

export async function sendReply(api: Api, chatId: number | string, reply: Reply, suggestions: SuggestionStore, opts: SendOptions = {}): Promise<Message.TextMessage[]> {
  // Long suggestion inputs go to the store first, so that any worker understands their buttons.
  await suggestions.prepare((reply.suggestions ?? []).map((s) => s.input));
  const messages = renderReply(reply, { encodeSuggestion: (input) => suggestions.encode(input) });
  const sent: Message.TextMessage[] = [];
  for (const [i, m] of messages.entries()) {
    sent.push(
      await api.sendMessage(chatId, m.text, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(opts.threadId !== undefined ? { message_thread_id: opts.threadId } : {}),
        ...(m.reply_markup ? { reply_markup: m.reply_markup } : {}),
        ...(i === 0 && opts.replyTo !== undefined ? { reply_parameters: { message_id: opts.replyTo, allow_sending_without_reply: true } } : {}),
      }),
    );
  }
  return sent;
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

export class TelegramSender implements ChatSender {
  readonly platform = "telegram" as const;

  constructor(
    private readonly api: Api,
    private readonly suggestions: SuggestionStore,
  ) {}

  async send(chatId: string, reply: Reply): Promise<void> {
    const id = parseTelegramChatId(chatId);
    // A malformed id will never work, so retrying it would be pointless.
    if (id === undefined) throw new DeliveryError(`not a Telegram chat id: ${chatId.slice(0, 60)}`, true);
    try {
      await sendReply(this.api, id, reply, this.suggestions);
    } catch (err) {
      const permanent = isPermanentFailure(err);
      const what = err instanceof GrammyError ? `${err.error_code}: ${err.description}` : (err as Error)?.name ?? "error";
      // grammY's HttpError keeps the fetch error, whose message may hold the URL with the token:
      // only its own (token-free) message travels on.
      const cause = err instanceof GrammyError ? err : new Error(scrubSecrets(String((err as Error)?.message ?? err)));
      throw new DeliveryError(`telegram delivery to ${chatId} failed (${what})`, permanent, cause);
    }
  }
}
