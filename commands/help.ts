import type { CommandDef, Reply } from "./types.js";
import { byLang, inBoth, messages } from "../src/core/messages.js";

/** Help lists the other commands; it is given them, so that it does not import the list it belongs to. */
export function makeHelpCommand(others: CommandDef[]): CommandDef {
  return {
  name: "help",
  nameVi: "help",
  aliases: ["start", "trogiup", "huongdan"],
  description: inBoth("descHelp"),
  options: [],
  handler(_input, ctx): Reply {
    const m = messages(ctx.lang);
    const session = ctx.services.knowledge.sessions[0]!.file.session;
    const commandLines = others
      .filter((c) => !c.hidden)
      .map((c) => `/${byLang(ctx.lang, { vi: c.nameVi, en: c.name })} — ${byLang(ctx.lang, c.description)}`);
    return {
      kind: "info",
      lang: ctx.lang,
      title: m.helpTitle,
      lines: [m.helpIntro(session.title, session.titleEn, session.reportPeriod), ...commandLines, m.helpSelf],
      suggestions: [
        { label: m.helpAskGrdpLabel, input: m.helpAskGrdp },
        { label: m.helpAskPetitionsLabel, input: m.helpAskPetitions },
        { label: m.helpConclusionsLabel, input: "/ketluan" },
      ],
    };
  },
};
}
