import type { CommandDef, Reply } from "./types.js";
import { answerToReply } from "../src/engine/reply.js";
import { loadFrame, saveFrame } from "./conversation.js";

export const askCommand: CommandDef = {
  name: "ask",
  nameVi: "hoi",
  aliases: ["hỏi"],
  description: {
    vi: "Hỏi về số liệu, kiến nghị, kết luận của buổi làm việc",
    en: "Ask about the session's figures, petitions and conclusions",
  },
  options: [
    {
      name: "question",
      nameVi: "cauhoi",
      description: { vi: "Câu hỏi của bạn, có dấu hoặc không dấu", en: "Your question, in Vietnamese or English" },
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
        lines:
          ctx.lang === "en"
            ? ["What would you like to ask? For example: /ask What was the GRDP growth rate?"]
            : ["Bạn muốn hỏi gì? Hãy gõ câu hỏi sau lệnh, ví dụ: /hoi GRDP tăng bao nhiêu?"],
        suggestions: [
          { label: "GRDP tăng bao nhiêu?", input: "GRDP tăng bao nhiêu?" },
          { label: "Kim ngạch xuất nhập khẩu?", input: "Tình hình xuất nhập khẩu của tỉnh?" },
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
        label: `${answer.lang === "en" ? "History" : "Lịch sử"} ${id}`,
        // With several sessions, the button names the one the answer came from.
        input: ctx.services.knowledge.sessions.length > 1 && answer.sessionId ? `/kiennghi ${id} @${answer.sessionId}` : `/kiennghi ${id}`,
      }))];
    }
    return reply;
  },
};
