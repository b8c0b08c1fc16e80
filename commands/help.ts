import type { CommandDef, Reply } from "./types.js";

/** Help lists the other commands; it is given them, so that it does not import the list it belongs to. */
export function makeHelpCommand(others: CommandDef[]): CommandDef {
  return {
  name: "help",
  nameVi: "help",
  aliases: ["start", "trogiup", "huongdan"],
  description: { vi: "Hướng dẫn sử dụng", en: "How to use the bot" },
  options: [],
  handler(_input, ctx): Reply {
    const en = ctx.lang === "en";
    const session = ctx.services.knowledge.sessions[0]!;
    const commandLines = others
      .filter((c) => !c.hidden)
      .map((c) => `/${en ? c.name : c.nameVi} — ${en ? c.description.en : c.description.vi}`);
    return {
      kind: "info",
      lang: ctx.lang,
      title: en ? "Working-session assistant" : "Trợ lý buổi làm việc",
      lines: en
        ? [`I answer questions about: ${session.file.session.titleEn}. Ask in Vietnamese or English, with or without diacritics.`, ...commandLines, "/help — this help"]
        : [
            `Tôi trả lời câu hỏi về: ${session.file.session.title} (${session.file.session.reportPeriod}). Hỏi có dấu hay không dấu đều được; mỗi số liệu kèm kỳ số liệu và câu trích nguồn.`,
            ...commandLines,
            "/help — hướng dẫn này",
          ],
      suggestions: [
        { label: en ? "GRDP growth" : "GRDP tăng bao nhiêu?", input: en ? "What was the GRDP growth rate?" : "GRDP tăng bao nhiêu?" },
        { label: en ? "Petitions" : "Kiến nghị của tỉnh", input: en ? "How many petitions to the Government?" : "Tỉnh có những kiến nghị gì?" },
        { label: en ? "Conclusions" : "Kết luận", input: "/ketluan" },
      ],
    };
  },
};
}
