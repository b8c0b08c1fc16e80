import type { CommandDef, Reply } from "./types.js";

export const conclusionsCommand: CommandDef = {
  name: "conclusions",
  nameVi: "ketluan",
  aliases: ["kếtluận", "ket_luan"],
  description: { vi: "Kết luận và nhiệm vụ do Trưởng đoàn đề nghị", en: "The delegation's conclusions and tasks" },
  options: [],
  handler(_input, ctx): Reply {
    const session = ctx.services.knowledge.sessions[0]!;
    const en = ctx.lang === "en";
    const items = session.file.statements.filter((s) => s.conclusion);
    return {
      kind: "info",
      lang: ctx.lang,
      title: en ? "Conclusions of the head of the delegation" : `Kết luận của Trưởng đoàn (${session.file.session.delegationHead})`,
      lines: items.map((s) => `• ${en ? s.summary.en : s.summary.vi}`),
      citations: items.map((s) => ({ text: s.cite, sessionId: session.file.session.id })),
      footer: session.file.session.title,
    };
  },
};
