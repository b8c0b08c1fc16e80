// /kiennghi (Discord /petition): the province's petition groups, their live status and history;
// `capnhat` lets an admin move a group through the status lifecycle.
import type { Choice, Citation, CommandContext, CommandDef, Lang, Reply, Suggestion } from "./types.js";
import { pickSession, takeSessionSelector } from "../src/knowledge/sessions.js";
import { sessionOption } from "./session-option.js";
import { noSession } from "./chiso.js";
import { normalizePetitionId, type PetitionEntry, type PetitionRegistry } from "../src/petitions/registry.js";
import type { PetitionHistoryRow } from "../src/store/petitions.js";
import { parseStatus, rankStatuses, STATUSES, statusLabel, type PetitionStatus } from "../src/petitions/statuses.js";
import {
  authorText,
  countLabel,
  extractReference,
  formatWhen,
  groupShort,
  groupTitle,
  historyLine,
  lastChangeText,
  originLabel,
  toLabel,
} from "../src/petitions/format.js";

const MAX_NOTE_CHARS = 1000;
const MAX_QUERY_ECHO = 80;
// Output stays a message or two however long a history grows (issue 13: 600 rows were 37
// messages): one page of a group's history, newest first, with buttons to page through it.
const HISTORY_PAGE = 10;
/** When a topic matches several groups, each shows only its latest rows. */
const HISTORY_IN_MANY = 3;
/** Groups per page of the list. */
const LIST_PAGE = 12;
/** A history row's note as shown (the whole note stays in the store). */
const NOTE_SHOWN = 300;

const detailInput = (id: string) => `/kiennghi ${id}`;
const quote = (s: string) => `“${s.slice(0, MAX_QUERY_ECHO)}”`;

function unavailable(ctx: CommandContext): Reply {
  return {
    kind: "error",
    lang: ctx.lang,
    lines: [ctx.lang === "en" ? "Petition tracking is not available right now. Please try again later." : "Chức năng theo dõi kiến nghị hiện chưa sẵn sàng. Bạn vui lòng thử lại sau."],
    ephemeral: true,
  };
}

function idChoices(partial: string, ctx: CommandContext): Choice[] {
  return ctx.services.petitions?.suggest(partial, ctx.lang) ?? [];
}

function statusChoices(partial: string, ctx: CommandContext): Choice[] {
  return rankStatuses(partial).map((s) => ({ name: ctx.lang === "en" ? s.en : s.vi, value: s.id }));
}

function citationsOf(entries: readonly PetitionEntry[]): Citation[] {
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const e of entries)
    for (const text of [e.group.cite, e.group.topicsCite, ...e.group.statusCites])
      if (text && !seen.has(text)) (seen.add(text), out.push({ text, sessionId: e.sessionId }));
  return out;
}

function groupButton(e: PetitionEntry, lang: Lang): Suggestion {
  return { label: `${e.group.id} · ${countLabel(e.group, lang)}`, input: detailInput(e.group.id) };
}

/** "KN-01 trang 2", "đất lúa page 3" → the query and the page (1 when none is named). */
export function takePage(text: string): { rest: string; page: number } {
  const m = /^(.*?)\s*\b(?:trang|page)\s*(\d{1,4})\s*$/iu.exec(text.trim());
  return m ? { rest: m[1]!.trim(), page: Math.max(1, Number(m[2])) } : { rest: text.trim(), page: 1 };
}

function clipNote(row: PetitionHistoryRow): PetitionHistoryRow {
  const chars = [...(row.note ?? "")];
  return chars.length <= NOTE_SHOWN ? row : { ...row, note: chars.slice(0, NOTE_SHOWN - 1).join("") + "…" };
}

/** One page of a history, newest first; page 1 is the latest rows. */
function historyPage(history: PetitionHistoryRow[], page: number, per: number) {
  const pages = Math.max(1, Math.ceil(history.length / per));
  const p = Math.min(page, pages);
  const end = history.length - (p - 1) * per;
  const start = Math.max(0, end - per);
  const rows = history.slice(start, end).map((row, i) => ({ row, n: start + i + 1 })).reverse();
  return { rows, page: p, pages };
}

/** A group's facts from the source, its live status and one page of its history. */
async function detailLines(reg: PetitionRegistry, e: PetitionEntry, lang: Lang, page = 1, per = HISTORY_PAGE): Promise<{ lines: string[]; page: number; pages: number }> {
  const en = lang === "en";
  const g = e.group;
  const current = await reg.current(e);
  const history = await reg.history(e);
  const shown = historyPage(history, page, per);
  const head =
    shown.pages > 1
      ? en
        ? `History (${history.length} entries, newest first; page ${shown.page}/${shown.pages}):`
        : `Lịch sử (${history.length} mục, mới nhất trước; trang ${shown.page}/${shown.pages}):`
      : `${en ? "History" : "Lịch sử"} (${history.length}):`;
  const lines = [
    en
      ? `To: ${toLabel(g, lang)} · ${countLabel(g, lang)} · ${originLabel(g, lang)}`
      : `Gửi: ${toLabel(g, lang)} · Số lượng: ${countLabel(g, lang)} · ${originLabel(g, lang)}`,
    `${en ? "Topics (as the source words them)" : "Nội dung liên quan"}: ${g.topics.join("; ")}`,
    `${en ? "Current status" : "Trạng thái hiện tại"}: ${statusLabel(current.toStatus, lang)} — ${lastChangeText(current, lang, reg.timezone)}`,
    head,
    ...shown.rows.map(({ row, n }) => historyLine(clipNote(row), n, lang, reg.timezone)),
  ];
  return { lines, page: shown.page, pages: shown.pages };
}

/** Buttons to the older and newer pages of one group's history. */
function pageButtons(id: string, page: number, pages: number, lang: Lang): Suggestion[] {
  const en = lang === "en";
  return [
    ...(page < pages ? [{ label: en ? `Older (page ${page + 1}/${pages})` : `Cũ hơn (trang ${page + 1}/${pages})`, input: `${detailInput(id)} trang ${page + 1}` }] : []),
    ...(page > 1 ? [{ label: en ? `Newer (page ${page - 1}/${pages})` : `Mới hơn (trang ${page - 1}/${pages})`, input: `${detailInput(id)} trang ${page - 1}` }] : []),
  ];
}

async function detailReply(reg: PetitionRegistry, entries: PetitionEntry[], ctx: CommandContext, typed: string, page = 1): Promise<Reply> {
  const en = ctx.lang === "en";
  const adminHint = ctx.isAdmin
    ? [en ? `To update: /petition update <ID> <status> [note]` : `Cập nhật: /kiennghi capnhat <mã> <trạng thái> [ghi chú]`]
    : [];
  if (entries.length === 1) {
    const e = entries[0]!;
    const detail = await detailLines(reg, e, ctx.lang, page);
    return {
      kind: "answer",
      lang: ctx.lang,
      title: `${e.group.id} · ${groupTitle(e.group, ctx.lang)}`,
      lines: [...detail.lines, ...adminHint],
      // The source's sentences once, with the first page; later pages are history only.
      ...(detail.page === 1 ? { citations: citationsOf(entries) } : {}),
      suggestions: [...pageButtons(e.group.id, detail.page, detail.pages, ctx.lang), { label: en ? "All petitions" : "Tất cả kiến nghị", input: "/kiennghi" }],
      footer: e.sessionTitle,
    };
  }
  const lines: string[] = [
    en
      ? `${quote(typed)} concerns ${entries.length} petition groups:`
      : `${quote(typed)} liên quan đến ${entries.length} nhóm kiến nghị:`,
  ];
  for (const e of entries) {
    const detail = await detailLines(reg, e, ctx.lang, 1, HISTORY_IN_MANY);
    lines.push(`— ${e.group.id} · ${groupTitle(e.group, ctx.lang)} —`, ...detail.lines);
    if (detail.pages > 1) lines.push(en ? `Full history: ${detailInput(e.group.id)}` : `Xem toàn bộ lịch sử: ${detailInput(e.group.id)}`);
  }
  return {
    kind: "answer",
    lang: ctx.lang,
    title: en ? `Petitions: ${typed.slice(0, MAX_QUERY_ECHO)}` : `Kiến nghị: ${typed.slice(0, MAX_QUERY_ECHO)}`,
    lines: [...lines, ...adminHint],
    citations: citationsOf(entries),
    suggestions: entries.map((e) => groupButton(e, ctx.lang)),
    footer: entries[0]!.sessionTitle,
  };
}

async function listReply(reg: PetitionRegistry, ctx: CommandContext, sessionId?: string, page = 1): Promise<Reply> {
  const en = ctx.lang === "en";
  const all = await reg.list(sessionId);
  const pages = Math.max(1, Math.ceil(all.length / LIST_PAGE));
  const p = Math.min(page, pages);
  const states = all.slice((p - 1) * LIST_PAGE, p * LIST_PAGE);
  const more: Suggestion[] = p < pages ? [{ label: en ? `More (page ${p + 1}/${pages})` : `Xem tiếp (trang ${p + 1}/${pages})`, input: `/kiennghi trang ${p + 1}` }] : [];
  return {
    kind: "info",
    lang: ctx.lang,
    title: en ? "The province's petitions — current status" : "Kiến nghị của tỉnh — trạng thái hiện tại",
    lines: [
      ...states.map(
        (s) =>
          `• ${s.group.id} — ${countLabel(s.group, ctx.lang)}, ${en ? "to" : "gửi"} ${toLabel(s.group, ctx.lang)} (${originLabel(s.group, ctx.lang)}): ` +
          `${statusLabel(s.current.toStatus, ctx.lang)} — ${lastChangeText(s.current, ctx.lang, reg.timezone)}`,
      ),
      en
        ? "Type /petition KN-01, or a topic (e.g. “đất lúa”), for the details and history."
        : "Gõ /kiennghi KN-01 hoặc một chủ đề (ví dụ: đất lúa) để xem chi tiết và lịch sử.",
    ],
    citations: citationsOf(states),
    suggestions: [...more, ...states.map((s) => groupButton(s, ctx.lang))],
    footer: states[0]?.sessionTitle,
  };
}

function notFoundReply(typed: string, closest: PetitionEntry[], ctx: CommandContext): Reply {
  const en = ctx.lang === "en";
  const asId = normalizePetitionId(typed);
  return {
    kind: "not_found",
    lang: ctx.lang,
    lines: [
      ...(asId
        ? [en ? `There is no petition group ${asId}. The groups are:` : `Không có nhóm kiến nghị mã ${asId}. Các nhóm hiện có:`]
        : [
            en ? `No petition matches ${quote(typed)}.` : `Không tìm thấy kiến nghị nào khớp với ${quote(typed)}.`,
            ...(closest.length ? [en ? "Closest matches:" : "Gần nhất:"] : []),
          ]),
      ...closest.map((e) => `• ${groupShort(e.group, ctx.lang)}: ${groupTitle(e.group, ctx.lang)}`),
      en ? "Type /petition to see them all." : "Gõ /kiennghi để xem tất cả.",
    ],
    suggestions: closest.map((e) => groupButton(e, ctx.lang)),
  };
}

function statusListLines(lang: Lang): string[] {
  return STATUSES.map((s: PetitionStatus) => `• ${lang === "en" ? s.en : s.vi} (${s.id})`);
}

function usageUpdate(ctx: CommandContext, problem?: string): Reply {
  const en = ctx.lang === "en";
  return {
    kind: "usage",
    lang: ctx.lang,
    lines: [
      ...(problem ? [problem] : []),
      en ? "Usage: /petition update <ID> <status> [note]" : "Cách dùng: /kiennghi capnhat <mã> <trạng thái> [ghi chú]",
      en
        ? "Example: /petition update KN-02 da_giai_quyet Written answer no. 1234/BKHĐT-KTĐPLT"
        : "Ví dụ: /kiennghi capnhat KN-02 Đã giải quyết Công văn số 1234/BKHĐT-KTĐPLT",
      en ? "Statuses:" : "Các trạng thái:",
      ...statusListLines(ctx.lang),
    ],
    ephemeral: true,
  };
}

export const petitionCommand: CommandDef = {
  name: "petition",
  nameVi: "kiennghi",
  aliases: ["kiếnnghị", "kien_nghi", "petitions"],
  description: {
    vi: "Kiến nghị của tỉnh: trạng thái hiện tại và lịch sử xử lý",
    en: "The province's petitions: current status and history",
  },
  options: [
    {
      name: "query",
      nameVi: "ma",
      description: { vi: "Mã (KN-01) hoặc chủ đề, ví dụ: đất lúa, 48 vấn đề", en: "ID (KN-01) or topic, e.g. đất lúa, 48 vấn đề" },
      type: "string",
      rest: true,
      autocomplete: idChoices,
    },
    sessionOption,
  ],
  async handler(input, ctx): Promise<Reply> {
    const reg = ctx.services.petitions;
    if (!reg) return unavailable(ctx);
    const text = input.options.session ? { rest: input.options.query ?? "", selector: input.options.session } : takeSessionSelector(input.options.query ?? "");
    const pick = pickSession(ctx.services.knowledge, text.selector, ctx.lang);
    if ("error" in pick) return noSession(pick.error, pick.closest, ctx.lang, "/kiennghi");
    const sessionId = pick.session.file.session.id;
    const { rest: typed, page } = takePage(text.rest);
    if (!typed) return listReply(reg, ctx, sessionId, page);
    const found = reg.lookup(typed, sessionId);
    if (found.kind === "none") return notFoundReply(typed, found.closest, ctx);
    return detailReply(reg, found.entries, ctx, typed, page);
  },
  subcommands: [
    {
      name: "update",
      nameVi: "capnhat",
      aliases: ["cậpnhật", "cap_nhat", "capnhap"],
      description: { vi: "Cập nhật trạng thái một nhóm kiến nghị (quản trị viên)", en: "Update a petition group's status (admins)" },
      options: [
        {
          name: "id",
          nameVi: "ma",
          description: { vi: "Mã nhóm kiến nghị, ví dụ KN-01", en: "Petition group ID, e.g. KN-01" },
          type: "string",
          required: true,
          autocomplete: idChoices,
        },
        {
          name: "status",
          nameVi: "trangthai",
          description: { vi: "Trạng thái mới", en: "New status" },
          type: "string",
          required: true,
          autocomplete: statusChoices,
        },
        {
          name: "note",
          nameVi: "ghichu",
          description: { vi: "Ghi chú; có thể kèm số văn bản hoặc liên kết", en: "Note; may include a document number or a link" },
          type: "string",
          rest: true,
        },
      ],
      async handler(input, ctx): Promise<Reply> {
        const en = ctx.lang === "en";
        if (!ctx.isAdmin) {
          return {
            kind: "refused",
            lang: ctx.lang,
            lines: [
              en
                ? "Sorry, only administrators can update petition statuses. You can still see every status and its history with /petition."
                : "Xin lỗi, chỉ quản trị viên mới có thể cập nhật trạng thái kiến nghị. Bạn vẫn có thể xem trạng thái và lịch sử bằng lệnh /kiennghi.",
            ],
            suggestions: [{ label: en ? "See petitions" : "Xem kiến nghị", input: "/kiennghi" }],
            ephemeral: true,
          };
        }
        const reg = ctx.services.petitions;
        if (!reg) return unavailable(ctx);
        const idText = input.options.id?.trim() ?? "";
        let statusText = input.options.status?.trim() ?? "";
        let note = input.options.note?.trim() ?? "";
        if (!idText) return usageUpdate(ctx, en ? "Which petition group? Give its ID." : "Bạn chưa nêu mã nhóm kiến nghị.");
        let entry = reg.byId(idText);
        if (!entry && statusText && reg.byId(`${idText} ${statusText}`)) {
          // "capnhat KN 4 …": the ID was typed with a space, so the words after it shift by one.
          entry = reg.byId(`${idText} ${statusText}`);
          const m = /^(\S+)\s*([\s\S]*)$/.exec(note);
          statusText = m?.[1] ?? "";
          note = m?.[2] ?? "";
        }
        if (!entry) {
          const found = reg.lookup(idText);
          const closest = found.kind === "none" ? found.closest : found.entries;
          const r = notFoundReply(idText, closest, ctx);
          return { ...r, lines: [...r.lines, en ? "Updates need the group's ID (KN-01 … KN-04)." : "Khi cập nhật, hãy dùng mã nhóm (KN-01 … KN-04)."], ephemeral: true };
        }
        if (!statusText) return usageUpdate(ctx, en ? "Which status? Choose one below." : "Bạn chưa nêu trạng thái mới. Chọn một trong các trạng thái dưới đây.");
        let parsed = parseStatus(statusText);
        if (!parsed.ok && note) {
          // A text front door splits "Đã giải quyết theo công văn …" at the first space: the
          // longest run of leading words that names a status is the status, the rest the note.
          const words = `${statusText} ${note}`.split(/\s+/);
          for (let k = Math.min(words.length, 8); k >= 2; k--) {
            const p = parseStatus(words.slice(0, k).join(" "));
            if (p.ok) {
              parsed = p;
              statusText = words.slice(0, k).join(" ");
              note = words.slice(k).join(" ");
              break;
            }
          }
        }
        if (!parsed.ok) {
          const guess = parsed.closest.length ? (en ? ` Did you mean: ${parsed.closest.map((s) => s.en).join(", ")}?` : ` Có phải ý bạn là: ${parsed.closest.map((s) => s.vi).join(", ")}?`) : "";
          return usageUpdate(ctx, (en ? `${quote(statusText)} is not a valid status.` : `${quote(statusText)} không phải là trạng thái hợp lệ.`) + guess);
        }
        note = note.slice(0, MAX_NOTE_CHARS);
        const result = await reg.update({
          id: entry.group.id,
          status: parsed.status.id,
          by: ctx.userId,
          byName: ctx.userName,
          note: note || undefined,
          reference: note ? extractReference(note) : undefined,
          // Claimed with the appended row, in one transaction: a redelivered update writes nothing.
          ...(ctx.update ? { claim: ctx.update } : {}),
        });
        if (!result.ok && result.kind === "unknown_id") return notFoundReply(idText, result.closest, ctx);
        // Already handled by an earlier run (redelivered after a crash): the front door sends nothing.
        if (!result.ok && result.kind === "duplicate") return { kind: "info", lang: ctx.lang, lines: [en ? "Already recorded." : "Đã ghi nhận trước đó."], ephemeral: true };
        if (!result.ok) {
          const { refusal } = result;
          const from = refusal.from ?? "";
          return {
            kind: "refused",
            lang: ctx.lang,
            lines: [
              en
                ? `Cannot move ${entry.group.id} from “${statusLabel(from, "en")}” to “${statusLabel(refusal.to, "en")}”: ${refusal.reason.en}. Nothing was changed.`
                : `Không thể chuyển ${entry.group.id} từ “${statusLabel(from, "vi")}” sang “${statusLabel(refusal.to, "vi")}”: ${refusal.reason.vi}. Chưa có gì thay đổi.`,
              refusal.allowed.length
                ? en
                  ? `From “${statusLabel(from, "en")}” it can move to: ${refusal.allowed.map((s) => statusLabel(s, "en")).join("; ")}.`
                  : `Từ “${statusLabel(from, "vi")}” có thể chuyển sang: ${refusal.allowed.map((s) => statusLabel(s, "vi")).join("; ")}.`
                : "",
            ].filter(Boolean),
            suggestions: [{ label: en ? `History of ${entry.group.id}` : `Lịch sử ${entry.group.id}`, input: detailInput(entry.group.id) }],
            ephemeral: true,
          };
        }
        const { row } = result;
        return {
          kind: "info",
          lang: ctx.lang,
          title: en ? `${entry.group.id} updated` : `Đã cập nhật ${entry.group.id}`,
          lines: [
            `${groupShort(entry.group, ctx.lang)}: ${statusLabel(row.fromStatus ?? "", ctx.lang)} → ${statusLabel(row.toStatus, ctx.lang)}.`,
            ...(row.note ? [`${en ? "Note" : "Ghi chú"}: ${row.note}`] : []),
            ...(row.reference ? [`${en ? "Reference" : "Văn bản/liên kết"}: ${row.reference}`] : []),
            en ? `By ${authorText(row)}, ${formatWhen(row.at, reg.timezone)}.` : `Người cập nhật: ${authorText(row)}, lúc ${formatWhen(row.at, reg.timezone)}.`,
          ],
          suggestions: [{ label: en ? `History of ${entry.group.id}` : `Lịch sử ${entry.group.id}`, input: detailInput(entry.group.id) }],
        };
      },
    },
  ],
};
