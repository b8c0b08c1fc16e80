import type { CommandDef, Reply } from "./types.js";
import { pickSession, sessionLabel, takeSessionSelector } from "../src/knowledge/sessions.js";
import { sessionOption } from "./session-option.js";
import { noSession } from "./chiso.js";
import { inBoth, messages } from "../src/core/messages.js";
import { clauseOf } from "../src/text/clauses.js";

const MAX_ITEMS = 6;
const MAX_CHARS = 360;

export const conclusionsCommand: CommandDef = {
  name: "conclusions",
  nameVi: "ketluan",
  aliases: ["kếtluận", "ket_luan"],
  description: inBoth("descConclusions"),
  // In text, the whole argument is the session ("/ketluan Cao Bằng 2021" or "/ketluan @id").
  options: [{ ...sessionOption, rest: true }],
  handler(input, ctx): Reply {
    const m = messages(ctx.lang);
    const typed = input.options.session ?? "";
    const pick = pickSession(ctx.services.knowledge, takeSessionSelector(typed).selector ?? typed, ctx.lang);
    if ("error" in pick) return noSession(pick.error, pick.closest, ctx.lang, "/ketluan");
    const session = pick.session;
    const items = session.file.statements.filter((s) => s.conclusion);
    if (!items.length) return { kind: "not_found", lang: ctx.lang, lines: [m.noConclusions], footer: sessionLabel(session, ctx.lang) };
    // The conclusions are quoted, each once: no summary beside the quotation.
    const shown = items.slice(0, MAX_ITEMS);
    return {
      kind: "info",
      lang: ctx.lang,
      title: m.conclusionsTitle(session.file.session.delegationHead),
      lines: items.length > MAX_ITEMS ? [m.moreConclusions(items.length - MAX_ITEMS)] : [],
      citations: shown.map((s) => ({ text: clauseOf(s.cite, MAX_CHARS), sessionId: session.file.session.id })),
      footer: sessionLabel(session, ctx.lang),
    };
  },
};
