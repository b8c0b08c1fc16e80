// Per-chat conversation memory for follow-ups ("còn dịch vụ?"). Bounded in size and time: a
// context older than its TTL is forgotten, and the oldest chats are dropped first.
import type { Clock } from "../clock.js";
import type { QueryPeriod } from "./periods.js";

export interface ChatContext {
  concepts: Map<string, string>;
  period?: QueryPeriod;
  sessionIds: string[];
  at: number;
}

export class ContextStore {
  private readonly map = new Map<string, ChatContext>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly maxChats = 10_000,
  ) {}

  get(chatId: string): ChatContext | undefined {
    const c = this.map.get(chatId);
    if (!c) return undefined;
    if (this.clock.now().getTime() - c.at > this.ttlMs) {
      this.map.delete(chatId);
      return undefined;
    }
    return c;
  }

  set(chatId: string, context: Omit<ChatContext, "at">): void {
    this.map.delete(chatId);
    this.map.set(chatId, { ...context, at: this.clock.now().getTime() });
    if (this.map.size > this.maxChats) this.map.delete(this.map.keys().next().value!);
  }
}
