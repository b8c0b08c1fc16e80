// Whose follow-up context a question leans on: the whole chat in a one-to-one chat, each person
// on their own in a group chat or a Discord channel (two people asking in one group do not
// continue each other's questions). The context itself (the engine's dialogue frame) lives in
// the store, so that a follow-up answered by another worker than its question still follows up.
import type { CommandContext } from "./types.js";
import type { Frame } from "../src/engine/types.js";
import type { JsonObject } from "../src/store/json.js";

export function conversationKey(ctx: Pick<CommandContext, "chatId" | "userId" | "isPrivate">): string {
  return ctx.isPrivate ? ctx.chatId : `${ctx.chatId}|${ctx.userId}`;
}

const FRAME_MODES = new Set<Frame["mode"]>(["figure", "passage", "people"]);

/** A stored frame this engine can use (written by this version or one that wrote the same shape), else undefined. */
export function asFrame(json: JsonObject | undefined): Frame | undefined {
  if (!json || typeof json !== "object") return undefined;
  const f = json as Partial<Frame>;
  if (f.v !== 1 || typeof f.sessionId !== "string" || !Array.isArray(f.units) || !Array.isArray(f.period) || typeof f.at !== "string") return undefined;
  if (!FRAME_MODES.has(f.mode as Frame["mode"])) return undefined;
  return f as Frame;
}

/**
 * The conversation's frame, from the store. A store that cannot answer (busy, unreachable) costs
 * the follow-up, never the answer: the question is answered without a frame, and the log says so.
 */
export async function loadFrame(ctx: Pick<CommandContext, "chatId" | "userId" | "isPrivate" | "services">): Promise<Frame | undefined> {
  try {
    return asFrame(await ctx.services.store.frames.load(conversationKey(ctx)));
  } catch (err) {
    ctx.services.log.warn({ err: { message: (err as Error)?.message }, chatId: ctx.chatId }, "conversation frame could not be loaded: answering without it");
    return undefined;
  }
}

/** Keeps the frame an answer left for CONTEXT_TTL_MINUTES. A store that cannot take it loses one follow-up; the answer goes out. */
export async function saveFrame(ctx: Pick<CommandContext, "chatId" | "userId" | "isPrivate" | "services">, frame: Frame): Promise<void> {
  const { store, clock, config } = ctx.services;
  const expiresAt = new Date(clock.now().getTime() + config.CONTEXT_TTL_MINUTES * 60_000);
  try {
    await store.frames.save(conversationKey(ctx), frame as unknown as JsonObject, expiresAt);
  } catch (err) {
    ctx.services.log.warn({ err: { message: (err as Error)?.message }, chatId: ctx.chatId }, "conversation frame could not be saved: the next follow-up starts afresh");
  }
}
