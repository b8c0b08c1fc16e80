// Whose follow-up context a question leans on: the whole chat in a one-to-one chat, each person
// on their own in a group chat or a Discord channel (two people asking in one group do not
// continue each other's questions).
import type { CommandContext } from "./types.js";

export function conversationKey(ctx: Pick<CommandContext, "chatId" | "userId" | "isPrivate">): string {
  return ctx.isPrivate ? ctx.chatId : `${ctx.chatId}|${ctx.userId}`;
}
