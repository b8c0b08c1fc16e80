// A Reply as plain text for a terminal.
import type { Reply } from "../../core/types.js";

export function renderPlain(reply: Reply): string {
  const en = reply.lang === "en";
  const out: string[] = [];
  if (reply.title) out.push(`== ${reply.title} ==`);
  out.push(...reply.lines);
  if (reply.citations?.length) {
    out.push(en ? "Source:" : "Nguồn trích dẫn:");
    for (const c of reply.citations) out.push(`  « ${c.text} »`);
  }
  if (reply.suggestions?.length) {
    out.push(en ? "You could ask:" : "Bạn có thể hỏi:");
    for (const s of reply.suggestions) out.push(`  → ${s.input}`);
  }
  if (reply.footer) out.push(`(${reply.footer})`);
  return out.join("\n");
}
