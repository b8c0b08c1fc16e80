import type { CommandDef, Reply } from "./types.js";
import { pickSession, sessionLabel, takeSessionSelector } from "../src/knowledge/sessions.js";
import { sessionOption } from "./session-option.js";
import { noSession } from "./chiso.js";

export const conclusionsCommand: CommandDef = {
  name: "conclusions",
  nameVi: "ketluan",
  aliases: ["kếtluận", "ket_luan"],
  description: { vi: "Kết luận và nhiệm vụ do Trưởng đoàn đề nghị", en: "The delegation's conclusions and tasks" },
  // In text, the whole argument is the session ("/ketluan Cao Bằng 2021" or "/ketluan @id").
  options: [{ ...sessionOption, rest: true }],
  handler(input, ctx): Reply {
    const typed = input.options.session ?? "";
    const pick = pickSession(ctx.services.knowledge, takeSessionSelector(typed).selector ?? typed, ctx.lang);
    if ("error" in pick) return noSession(pick.error, pick.closest, ctx.lang, "/ketluan");
    const session = pick.session;
    const en = ctx.lang === "en";
    const items = session.file.statements.filter((s) => s.conclusion);
    return {
      kind: "info",
      lang: ctx.lang,
      title: en ? "Conclusions of the head of the delegation" : `Kết luận của Trưởng đoàn (${session.file.session.delegationHead})`,
      lines: items.map((s) => `• ${en ? s.summary.en : s.summary.vi}`),
      citations: items.map((s) => ({ text: s.cite, sessionId: session.file.session.id })),
      footer: sessionLabel(session, ctx.lang),
    };
  },
};
