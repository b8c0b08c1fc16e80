import type { CommandDef, Reply } from "./types.js";
import { inBoth, messages } from "../src/core/messages.js";
import { answerToReply } from "../src/engine/reply.js";
import { loadFrame, saveFrame } from "./conversation.js";

export const askCommand: CommandDef = {
  name: "ask",
  nameVi: "hoi",
  aliases: ["hỏi"],
  description: inBoth("descAsk"),
  options: [
    {
      name: "question",
      nameVi: "cauhoi",
      description: inBoth("optQuestion"),
      type: "string",
      required: true,
      rest: true,
    },
  ],
  async handler(input, ctx): Promise<Reply> {
    const question = input.options.question?.trim();
    if (!question) {
      return {
        kind: "usage",
        lang: ctx.lang,
        lines: [messages(ctx.lang).askWhat],
        suggestions: [
          { label: messages(ctx.lang).askExampleGrdp, input: messages(ctx.lang).askExampleGrdp },
          { label: messages(ctx.lang).askExampleTradeLabel, input: messages(ctx.lang).askExampleTrade },
        ],
      };
    }
    // The conversation's frame is in the store (any worker may answer the follow-up); the engine is pure.
    const frame = await loadFrame(ctx);
    const result = ctx.services.engine.answer(question, frame ? { frame } : {});
    if (result.frame) await saveFrame(ctx, result.frame);
    const answer = result.answer;
    const reply = answerToReply(answer);
    // Petitions: the source says what it says (cited above); the live status comes from the registry.
    const live = answer.petitionIds.length ? ((await ctx.services.petitions?.liveStatusLines(answer.petitionIds, answer.lang, answer.sessionId)) ?? []) : [];
    if (live.length) {
      reply.lines.push(...live);
      reply.suggestions = [...(reply.suggestions ?? []), ...answer.petitionIds.map((id) => ({
        label: messages(answer.lang).petitionHistoryOf(id),
        // With several sessions, the button names the one the answer came from.
        input: ctx.services.knowledge.sessions.length > 1 && answer.sessionId ? `/kiennghi ${id} @${answer.sessionId}` : `/kiennghi ${id}`,
      }))];
    }
    return reply;
  },
};
