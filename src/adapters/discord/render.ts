// A Reply as a Discord message: embeds (title, the answer, quoted source sentences, figures as
// fields, a footer naming the source) and suggestion buttons, always within Discord's limits.
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, MessageFlags, escapeMarkdown, type APIActionRowComponent, type APIButtonComponent, type APIEmbed, type APIEmbedField } from "discord.js";
import type { Lang, Reply, ReplyKind } from "../../core/types.js";
import { clip } from "./commands.js";
import { messages } from "../../core/messages.js";
import { STORED_BUTTON_KEY, SUGGESTION_TTL_MS, type SuggestionBacking } from "../../store/buttons.js";
import { isStoreUnavailable } from "../../store/sql.js";

/** Discord's embed and component limits. */
export const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  totalPerMessage: 6000,
  embedsPerMessage: 10,
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

const COLORS: Record<ReplyKind, number> = {
  answer: 0x2e7d32,
  info: 0x1565c0,
  not_found: 0x757575,
  usage: 0xf9a825,
  refused: 0xef6c00,
  error: 0xc62828,
};

/**
 * Suggestion inputs by button id. A short input travels inside the custom_id itself ("q:<input>"),
 * so the button keeps working after a restart and on any worker. A long one is kept in the store
 * behind a random nonce ("k:<nonce>", src/store/buttons.ts) when a backing store is given and
 * `prepare` was called; otherwise it gets a key in this process's bounded map ("k:<counter>").
 */
export class SuggestionStore {
  private readonly map = new Map<string, string>();
  /** Long inputs already in the store: input → [custom_id, when stored]. */
  private readonly stored = new Map<string, [string, number]>();
  private next = 0;
  constructor(
    readonly capacity = 2000,
    private readonly backing?: SuggestionBacking,
  ) {}

  /** Stores the long inputs among `inputs` so that `idFor` gives them ids any worker resolves. Call before rendering. */
  async prepare(inputs: readonly string[]): Promise<void> {
    if (!this.backing) return;
    const now = this.backing.clock.now().getTime();
    for (const input of new Set(inputs)) {
      if (`q:${input}`.length <= LIMITS.customId) continue;
      const known = this.stored.get(input);
      if (known && now - known[1] < SUGGESTION_TTL_MS / 2) continue;
      try {
        const id = `k:${await this.backing.buttons.put(input, new Date(now + SUGGESTION_TTL_MS))}`;
        this.stored.delete(input);
        this.stored.set(input, [id, now]);
        while (this.stored.size > this.capacity) this.stored.delete(this.stored.keys().next().value!);
      } catch (err) {
        if (!isStoreUnavailable(err)) throw err;
        this.backing.log?.warn("suggestion not stored (store busy): its button works on this worker only");
      }
    }
  }

  idFor(input: string): string {
    const direct = `q:${input}`;
    if (direct.length <= LIMITS.customId) return direct;
    const stored = this.stored.get(input);
    if (stored) return stored[0];
    const key = (this.next++).toString(36);
    this.map.set(key, input);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
    return `k:${key}`;
  }

  /** The input behind a button id of this process; undefined for an expired key; null when the id is not a suggestion. */
  inputFor(customId: string): string | undefined | null {
    if (customId.startsWith("q:")) return customId.slice(2);
    if (customId.startsWith("k:")) return this.map.get(customId.slice(2));
    return null;
  }

  /** Like inputFor, asking the store for ids any worker made (expiry applied). */
  async resolve(customId: string): Promise<string | undefined | null> {
    if (this.backing && STORED_BUTTON_KEY.test(customId)) return this.backing.buttons.get(customId.slice(2));
    return this.inputFor(customId);
  }

  get size(): number {
    return this.map.size;
  }
}

export interface RenderOptions {
  suggestions?: SuggestionStore;
  /** The title of a session, for a footer when the Reply cites one but names none. */
  sessionTitle?: (sessionId: string, lang: Lang) => string | undefined;
}

export interface RenderedMessage {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  /** MessageFlags.Ephemeral when the Reply is for the asker only. */
  flags?: number;
}

const defaultStore = new SuggestionStore();

export function renderReply(reply: Reply, options: RenderOptions = {}): RenderedMessage {
  const out: RenderedMessage = {
    embeds: renderEmbeds(reply, options),
    components: renderButtons(reply, options.suggestions ?? defaultStore),
  };
  if (reply.ephemeral) out.flags = MessageFlags.Ephemeral;
  return out;
}

/** Plain text for Discord markdown: escaped, and never ending on half an escape. */
function md(text: string): string {
  return escapeMarkdown(text);
}

function clipMd(text: string, max: number): string {
  if (text.length <= max) return text;
  return clip(text, max).replace(/\\+…$/, "…");
}

export function renderEmbeds(reply: Reply, options: RenderOptions = {}): APIEmbed[] {
  const m = messages(reply.lang);
  const color = COLORS[reply.kind] ?? COLORS.info;
  const title = reply.title?.trim() ? clip(reply.title.trim(), LIMITS.title) : undefined;
  const footerText = footerFor(reply, options);
  const footer = footerText ? clip(footerText, LIMITS.footer) : undefined;

  // The description: the answer's lines, then each source sentence as its own block quote.
  const units: string[] = reply.lines.map((l) => md(l)).filter((l) => l.trim());
  const citations = (reply.citations ?? []).filter((c) => c.text.trim());
  if (citations.length) {
    if (units.length) units.push("");
    units.push(`**${m.quotedTitle}**`);
    citations.forEach((c, i) => {
      if (i > 0) units.push("");
      units.push(
        c.text
          .trim()
          .split(/\r?\n/)
          .map((l) => `> ${md(l)}`)
          .join("\n"),
      );
    });
  }
  const chunks = pack(units, LIMITS.description);

  const fields: APIEmbedField[] = (reply.figures ?? []).map((f) => ({
    name: clipMd(md(f.label.trim()) || "—", LIMITS.fieldName),
    value: clipMd(md((f.period?.trim() ? `${f.value.trim()} (${f.period.trim()})` : f.value).trim()) || "—", LIMITS.fieldValue),
    inline: true,
  }));

  // Lay out: one embed per description chunk; fields from the last of them on, 25 per embed.
  const embeds: APIEmbed[] = chunks.map((description) => ({ description }));
  if (embeds.length === 0) embeds.push({});
  let at = embeds.length - 1;
  for (const field of fields) {
    if ((embeds[at]!.fields?.length ?? 0) >= LIMITS.fields) embeds.push({}), (at = embeds.length - 1);
    (embeds[at]!.fields ??= []).push(field);
  }

  // Then the per-message limits: at most 10 embeds and 6000 characters in all. Title and footer
  // are reserved first; whatever does not fit is cut with an ellipsis.
  let budget = LIMITS.totalPerMessage - (title?.length ?? 0) - (footer?.length ?? 0);
  const kept: APIEmbed[] = [];
  for (const e of embeds.slice(0, LIMITS.embedsPerMessage)) {
    if (budget <= 0) break;
    const next: APIEmbed = {};
    if (e.description) {
      next.description = e.description.length <= budget ? e.description : clipMd(e.description, budget);
      budget -= next.description.length;
    }
    for (const f of e.fields ?? []) {
      const need = f.name.length + f.value.length;
      if (need <= budget) {
        (next.fields ??= []).push(f);
        budget -= need;
      } else {
        if (budget - f.name.length >= 8) {
          const value = clipMd(f.value, budget - f.name.length);
          (next.fields ??= []).push({ ...f, value });
          budget -= f.name.length + value.length;
        }
        budget = 0;
        break;
      }
    }
    if (next.description || next.fields?.length) kept.push(next);
  }
  if (kept.length === 0) kept.push(title ? {} : { description: reply.lines.length ? "…" : "—" });
  const first = kept[0]!;
  const last = kept[kept.length - 1]!;
  if (title) first.title = title;
  if (footer) last.footer = { text: footer };
  return kept.map((e) => ({ color, ...e }));
}

function footerFor(reply: Reply, options: RenderOptions): string | undefined {
  if (reply.footer?.trim()) return reply.footer.trim();
  const sessionId = reply.citations?.[0]?.sessionId;
  const name = sessionId ? options.sessionTitle?.(sessionId, reply.lang) : undefined;
  if (!name) return undefined;
  return messages(reply.lang).sourceNamed(name);
}

/** Joins units with newlines into chunks of at most `max`; a unit longer than that is split. */
function pack(units: string[], max: number): string[] {
  const chunks: string[] = [];
  let current = "";
  const flush = () => {
    if (current.trim()) chunks.push(current.replace(/\n+$/, ""));
    current = "";
  };
  for (const unit of units) {
    const pieces = unit.length <= max ? [unit] : splitLong(unit, max);
    for (const piece of pieces) {
      const joined = current ? `${current}\n${piece}` : piece;
      if (joined.length <= max) current = joined;
      else {
        flush();
        current = piece;
      }
    }
  }
  flush();
  return chunks;
}

function splitLong(text: string, max: number): string[] {
  const out: string[] = [];
  let piece = "";
  for (const ch of text) {
    if (piece.length + ch.length > max) out.push(piece), (piece = "");
    piece += ch;
  }
  if (piece) out.push(piece);
  return out;
}

export function renderButtons(reply: Reply, store: SuggestionStore): APIActionRowComponent<APIButtonComponent>[] {
  const seen = new Set<string>();
  const buttons: ButtonBuilder[] = [];
  for (const s of reply.suggestions ?? []) {
    const input = s.input.trim();
    if (!input || seen.has(input)) continue;
    seen.add(input);
    const label = clip((s.label.trim() || input).replace(/\s+/g, " "), LIMITS.buttonLabel);
    buttons.push(new ButtonBuilder().setStyle(ButtonStyle.Secondary).setLabel(label).setCustomId(store.idFor(input)));
    if (buttons.length === LIMITS.buttonsPerRow * LIMITS.rows) break;
  }
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(i, i + LIMITS.buttonsPerRow)).toJSON());
  }
  return rows;
}

/** The characters Discord counts towards the 6000 per message. */
export function embedChars(embeds: APIEmbed[]): number {
  return embeds.reduce(
    (n, e) =>
      n +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.author?.name.length ?? 0) +
      (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0),
    0,
  );
}
