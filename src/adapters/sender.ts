// How the digest (and anything else proactive) sends a Reply to a chat without knowing the
// platform. Each running front door registers one ChatSender for its platform.
import type { Platform, Reply } from "../core/types.js";

export interface ChatSender {
  platform: Platform;
  /** chatId is platform-qualified ("telegram:123", "discord:456"). Resolves once delivered. */
  send(chatId: string, reply: Reply): Promise<void>;
}

/**
 * A failed delivery. `permanent` means the chat is gone for good (Telegram 403 blocked/kicked,
 * Discord Unknown Channel / Missing Access): the subscription should be dropped, not retried.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
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

  async send(chatId: string, reply: Reply): Promise<void> {
    const platform = chatId.split(":", 1)[0]!;
    const sender = this.senders.get(platform);
    if (!sender) throw new DeliveryError(`no front door is running for ${platform}`, false);
    await sender.send(chatId, reply);
  }
}
