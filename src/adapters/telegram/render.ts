// A Reply as Telegram messages in HTML parse mode: the title in bold, each figure's value in bold
// with its period, every citation in a <blockquote>, all text escaped; split into messages of at
// most 4,096 characters at line boundaries (a block too long on its own is cut between words and
// each piece gets its own tags), suggestions as an inline keyboard on the last message.
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { FigureView, Reply, Suggestion } from "../../core/types.js";
import { messages } from "../../core/messages.js";

/** Telegram's limit for one message's text. We bound the HTML source, which is never shorter. */
export const TELEGRAM_TEXT_LIMIT = 4096;
/**
 * No reply is more than this many messages: a command that would say more (a long history, a
 * flood of matches) is cut here with a note, whatever the command did. Commands page their own
 * long output (e.g. /kiennghi KN-01 trang 2); this is the backstop.
 */
export const MAX_MESSAGES = 3;
/** Buttons beyond this are dropped: a wall of buttons helps nobody on a phone. */
export const MAX_BUTTONS = 8;
const MAX_BUTTON_LABEL = 60;

export interface RenderedMessage {
  /** HTML for parse_mode "HTML". */
  text: string;
  reply_markup?: InlineKeyboardMarkup;
}

export interface RenderOptions {
  /** Turns a suggestion's input into callback_data (see SuggestionStore.encode). */
  encodeSuggestion: (input: string) => string;
  limit?: number;
  /** Default MAX_MESSAGES. */
  maxMessages?: number;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The messages to send for a reply, in order; the keyboard rides on the last one. */
export function renderReply(reply: Reply, opts: RenderOptions): RenderedMessage[] {
  const limit = opts.limit ?? TELEGRAM_TEXT_LIMIT;
  const max = opts.maxMessages ?? MAX_MESSAGES;
  let chunks = renderHtmlChunks(reply, limit);
  if (chunks.length > max) {
    // Laid out again with room for the note, so that the note never pushes a message past the limit.
    const note = `\n\n<i>${escapeHtml(shortenedNote(reply.lang))}</i>`;
    chunks = renderHtmlChunks(reply, limit - note.length).slice(0, max);
    chunks[max - 1] += note;
  }
  const keyboard = suggestionKeyboard(reply.suggestions, opts.encodeSuggestion);
  return chunks.map((text, i) => (keyboard && i === chunks.length - 1 ? { text, reply_markup: keyboard } : { text }));
}

function shortenedNote(lang: Reply["lang"]): string {
  return messages(lang).shortened;
}

export function suggestionKeyboard(suggestions: Suggestion[] | undefined, encode: (input: string) => string): InlineKeyboardMarkup | undefined {
  const usable = (suggestions ?? []).filter((s) => s.input.trim() && (s.label.trim() || s.input.trim())).slice(0, MAX_BUTTONS);
  if (!usable.length) return undefined;
  const rows: InlineKeyboardButton[][] = usable.map((s) => [{ text: truncate((s.label.trim() || s.input).replace(/\s+/g, " "), MAX_BUTTON_LABEL), callback_data: encode(s.input) }]);
  return { inline_keyboard: rows };
}

/**
 * One self-contained piece of HTML: `render` wraps (a piece of) `text` in its tags, so a block too
 * long for one message can be cut into pieces that each stay valid HTML.
 */
interface Block {
  text: string;
  render: (text: string) => string;
}

/** Sections are separated by an empty line, blocks within a section by a line break. */
type Section = Block[];

function sectionsOf(reply: Reply): Section[] {
  const m = messages(reply.lang);
  const figures = (reply.figures ?? []).filter((f) => f.value.trim());
  const values = [...new Set(figures.map((f) => f.value))].sort((a, b) => b.length - a.length);
  const body: Section = [];
  if (reply.title?.trim()) body.push({ text: reply.title.trim(), render: (t) => `<b>${escapeHtml(t)}</b>` });
  for (const line of reply.lines) if (line.trim()) body.push({ text: line.trim(), render: (t) => boldValues(t, values) });

  // A figure whose value and period already stand in a line is bolded there; the others are listed.
  const shown = (f: FigureView) =>
    reply.lines.some((l) => containsValue(l, f.value) && (!f.period || l.toLocaleLowerCase("vi").includes(f.period.toLocaleLowerCase("vi"))));
  const listed: Section = figures
    .filter((f) => !shown(f))
    .map((f) => {
      const label = f.label.trim() ? `${f.label.trim()}: ` : "";
      const period = f.period?.trim() ? ` (${f.period.trim()})` : "";
      // The value is never cut: pieces of a long label or period keep their plain form.
      const text = `• ${label}\u0000${period}`;
      return {
        text,
        render: (t: string) => {
          const i = t.indexOf("\u0000");
          if (i < 0) return escapeHtml(t);
          return `${escapeHtml(t.slice(0, i))}<b>${escapeHtml(f.value)}</b>${escapeHtml(t.slice(i + 1))}`;
        },
      };
    });

  const citations = (reply.citations ?? []).filter((c) => c.text.trim());
  const sources: Section = citations.length
    ? [
        { text: m.sourcesTitle, render: (t) => `<i>${escapeHtml(t)}</i>` },
        ...citations.map((c) => ({ text: c.text, render: (t: string) => `<blockquote>${escapeHtml(t)}</blockquote>` })),
      ]
    : [];
  const footer: Section = reply.footer?.trim() ? [{ text: reply.footer.trim(), render: (t) => `<i>${escapeHtml(t)}</i>` }] : [];

  const sections = [body, listed, sources, footer].filter((s) => s.length > 0);
  if (!sections.length) sections.push([{ text: m.noContent, render: escapeHtml }]);
  return sections;
}

/** Wraps every occurrence of a figure value in <b>, escaping everything else. */
function boldValues(text: string, values: string[]): string {
  if (!values.length) return escapeHtml(text);
  let out = "";
  let i = 0;
  while (i < text.length) {
    let at = -1;
    let value = "";
    for (const v of values) {
      let j = text.indexOf(v, i);
      while (j >= 0 && !standsAlone(text, j, v.length)) j = text.indexOf(v, j + 1);
      if (j >= 0 && (at < 0 || j < at || (j === at && v.length > value.length))) (at = j), (value = v);
    }
    if (at < 0) break;
    out += escapeHtml(text.slice(i, at)) + `<b>${escapeHtml(value)}</b>`;
    i = at + value.length;
  }
  return out + escapeHtml(text.slice(i));
}

function containsValue(text: string, value: string): boolean {
  for (let j = text.indexOf(value); j >= 0; j = text.indexOf(value, j + 1)) if (standsAlone(text, j, value.length)) return true;
  return false;
}

/** "6,6%" inside "16,6%" or "6,65%" is not that figure: digits may not continue on either side. */
function standsAlone(text: string, at: number, length: number): boolean {
  const before = text.slice(Math.max(0, at - 2), at);
  const after = text.slice(at + length, at + length + 2);
  return !/(\p{N}|\p{N}[.,])$/u.test(before) && !/^(\p{N}|[.,]\p{N})/u.test(after);
}

/** The reply's HTML in pieces of at most `limit` characters, cut only between blocks (lines). */
export function renderHtmlChunks(reply: Reply, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const pieces: Array<{ html: string; sep: string }> = [];
  sectionsOf(reply).forEach((section, s) =>
    section.forEach((block, b) => {
      splitBlock(block, limit).forEach((html, p) => pieces.push({ html, sep: p > 0 || b > 0 ? "\n" : s > 0 ? "\n\n" : "" }));
    }),
  );
  const chunks: string[] = [];
  let current = "";
  for (const { html, sep } of pieces) {
    if (!current) current = html;
    else if (current.length + sep.length + html.length <= limit) current += sep + html;
    else (chunks.push(current), (current = html));
  }
  if (current) chunks.push(current);
  return chunks;
}

/** A block's HTML, cut between words into pieces that each render within the limit. */
function splitBlock(block: Block, limit: number): string[] {
  const whole = block.render(block.text);
  if (whole.length <= limit) return [whole];
  const out: string[] = [];
  let rest = block.text;
  while (rest) {
    const html = block.render(rest);
    if (html.length <= limit) {
      out.push(html);
      break;
    }
    // Start from a length that roughly fits and shrink until the rendered piece does.
    let take = Math.min(rest.length - 1, Math.max(1, limit - (html.length - rest.length)));
    let piece = "";
    for (;;) {
      let cut = take;
      const space = rest.lastIndexOf(" ", cut);
      if (space > cut / 2) cut = space;
      if (isLowSurrogate(rest.charCodeAt(cut))) cut--; // never split a surrogate pair (emoji)
      piece = rest.slice(0, Math.max(1, cut));
      const rendered = block.render(piece);
      if (rendered.length <= limit || piece.length <= 1) {
        out.push(rendered);
        break;
      }
      take = Math.max(1, cut - (rendered.length - limit));
    }
    rest = rest.slice(piece.length).trimStart();
  }
  return out;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join("") + "…";
}
