// A Reply as plain text for a terminal.
import type { Reply } from "../../core/types.js";
import { messages } from "../../core/messages.js";

export function renderPlain(reply: Reply): string {
  const m = messages(reply.lang);
  const out: string[] = [];
  if (reply.title) out.push(`== ${reply.title} ==`);
  out.push(...reply.lines);
  if (reply.citations?.length) {
    out.push(m.sourcesTitle);
    for (const c of reply.citations) out.push(`  « ${c.text} »`);
  }
  if (reply.suggestions?.length) {
    out.push(m.youCouldAsk);
    for (const s of reply.suggestions) out.push(`  → ${s.input}`);
  }
  if (reply.footer) out.push(`(${reply.footer})`);
  return out.join("\n");
}
