// How the digest (and anything else proactive) sends a Reply to a chat without knowing the
// platform. Each running front door registers one ChatSender for its platform.
//
// A send ends in one of three outcomes, and the difference matters to anyone who must not send
// twice (the digest promises at most one a day):
//   delivered      the platform confirmed every message;
//   not_delivered  the platform refused before delivering (an HTTP 4xx or 5xx answer, a 429), or
//                  the request never left (connection refused, DNS, connect timeout): sending
//                  again cannot make a duplicate;
//   unknown        the request left and no answer came (reset, timeout, a dropped connection), or
//                  only some of the messages were confirmed: it may have arrived, so sending again
//                  could make a duplicate.
import type { Platform, Reply } from "../core/types.js";

export type DeliveryOutcome =
  | { status: "delivered" }
  | {
      status: "not_delivered";
      /** The chat is gone for good (blocked, kicked, unknown channel): drop the subscription. */
      permanent: boolean;
      reason: string;
      /** The platform asked to wait this long before trying again (a 429 beyond the sender's bound). */
      retryAfterMs?: number;
    }
  | { status: "unknown"; reason: string };

export interface SendOptions {
  /** Aborts the send (shutdown, or the caller's deadline); an abort after the request left is "unknown". */
  signal?: AbortSignal;
}

export interface ChatSender {
  platform: Platform;
  /** chatId is platform-qualified ("telegram:123", "discord:456"). Never throws for a platform failure. */
  send(chatId: string, reply: Reply, opts?: SendOptions): Promise<DeliveryOutcome>;
}

export const delivered: DeliveryOutcome = { status: "delivered" };

export function notDelivered(reason: string, permanent = false, retryAfterMs?: number): DeliveryOutcome {
  return { status: "not_delivered", permanent, reason: reason.slice(0, 500), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}

export function unknownOutcome(reason: string): DeliveryOutcome {
  return { status: "unknown", reason: reason.slice(0, 500) };
}

/** Routes by the platform prefix of the chat id. */
export class SenderRegistry implements ChatSender {
  readonly platform = "console" as const;
  private readonly senders = new Map<string, ChatSender>();

  register(sender: ChatSender): void {
    this.senders.set(sender.platform, sender);
  }

  has(platform: string): boolean {
    return this.senders.has(platform);
  }

  async send(chatId: string, reply: Reply, opts?: SendOptions): Promise<DeliveryOutcome> {
    const platform = chatId.split(":", 1)[0]!;
    const sender = this.senders.get(platform);
    if (!sender) return notDelivered(`no front door is running for ${platform}`);
    try {
      return await sender.send(chatId, reply, opts);
    } catch (err) {
      // A sender that throws broke its contract; whether it reached the platform is not known.
      return unknownOutcome(`sender threw: ${(err as Error)?.message ?? String(err)}`);
    }
  }
}
