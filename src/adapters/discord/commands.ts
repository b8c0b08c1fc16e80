// Slash commands derived from the platform-neutral definitions in commands/: English names with
// Vietnamese localizations, typed options, subcommands. Nothing here is specific to one command:
// whatever allCommands holds (digest, petition, ...) is published the same way.
import {
  InteractionContextType,
  Locale,
  PermissionFlagsBits,
  SlashCommandAttachmentOption,
  SlashCommandBuilder,
  SlashCommandIntegerOption,
  SlashCommandStringOption,
  SlashCommandSubcommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { CommandDef, Handler, OptionDef } from "../../../commands/types.js";

/** Discord's rule for command and option names (as enforced by @discordjs/builders). */
export const DISCORD_NAME_RE = /^[-_\p{Ll}\p{Lm}\p{Lo}\p{N}\p{sc=Devanagari}\p{sc=Thai}]{1,32}$/u;

/** The subcommand that carries a command's own handler when the command has subcommands. */
export const DEFAULT_SUBCOMMAND = { name: "show", nameVi: "xem" } as const;

const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;

/**
 * A name Discord accepts: NFC, lower case, spaces to "_", other characters dropped, at most 32.
 * Throws when nothing usable is left (a definition bug, better found at deploy than in Discord).
 */
export function discordName(raw: string): string {
  const cleaned = raw
    .normalize("NFC")
    .toLowerCase()
    .trim()
    .replace(/\s+/g, "_")
    .replace(/[^-_\p{Ll}\p{Lm}\p{Lo}\p{N}\p{sc=Devanagari}\p{sc=Thai}]/gu, "");
  const name = clip(cleaned, 32, "");
  if (!DISCORD_NAME_RE.test(name)) throw new Error(`"${raw}" cannot be made into a Discord command or option name`);
  return name;
}

/**
 * At most `max` UTF-16 units (what Discord counts), cut on a code point boundary, with an ellipsis
 * when something was cut. Never returns a dangling half of a surrogate pair.
 */
export function clip(text: string, max: number, ellipsis = "…"): string {
  if (text.length <= max) return text;
  const room = max - ellipsis.length;
  let out = "";
  for (const ch of text) {
    if (out.length + ch.length > room) break;
    out += ch;
  }
  return out.trimEnd() + ellipsis;
}

/** 1-100 characters, as Discord wants descriptions and choice names. */
function describe(text: string | undefined, fallback: string): string {
  const t = (text ?? "").replace(/\s+/g, " ").trim();
  return clip(t || fallback, 100);
}

/** What one invocable Discord (sub)command runs. */
export interface SlashTarget {
  command: CommandDef;
  /** The Discord subcommand name, when the command has subcommands. */
  subcommand?: string;
  /** Options, in Discord order, each with its Discord name. */
  options: Array<{ def: OptionDef; discordName: string }>;
  handler: Handler;
  /** For logs and apologies: "ask", "digest dangky", "digest show". */
  what: string;
}

/** All published commands, by Discord command name, then by subcommand name ("" when none). */
export type SlashIndex = Map<string, Map<string, SlashTarget>>;

export interface BuiltCommands {
  json: RESTPostAPIChatInputApplicationCommandsJSONBody[];
  index: SlashIndex;
}

/** Builds the deploy payload and the lookup the bot uses to route interactions, from one list. */
export function buildSlashCommands(commands: readonly CommandDef[]): BuiltCommands {
  const json: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [];
  const index: SlashIndex = new Map();
  for (const def of commands) {
    if (def.hidden) continue;
    const name = discordName(def.name);
    if (index.has(name)) throw new Error(`two commands are published as /${name}`);
    const targets = new Map<string, SlashTarget>();
    const builder = new SlashCommandBuilder()
      .setName(name)
      .setNameLocalizations({ [Locale.Vietnamese]: discordName(def.nameVi) })
      .setDescription(describe(def.description.en, def.name))
      .setDescriptionLocalizations({ [Locale.Vietnamese]: describe(def.description.vi, def.nameVi) })
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);
    if (def.defaultMemberPermissions === "manage_channels") builder.setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels);

    if (def.subcommands?.length) {
      const subs = [
        ...def.subcommands.filter((s) => !s.hidden).map((s) => ({ ...s, what: `${def.name} ${s.name}` })),
        {
          ...defaultSubcommandNames(def),
          description: def.description,
          options: def.options,
          handler: def.handler,
          what: def.name,
        },
      ];
      if (subs.length > 25) throw new Error(`/${name} has more than 25 subcommands`);
      for (const s of subs) {
        const subName = discordName(s.name);
        if (targets.has(subName)) throw new Error(`/${name} has two subcommands named ${subName}`);
        const sub = new SlashCommandSubcommandBuilder()
          .setName(subName)
          .setNameLocalizations({ [Locale.Vietnamese]: discordName(s.nameVi) })
          .setDescription(describe(s.description.en, s.name))
          .setDescriptionLocalizations({ [Locale.Vietnamese]: describe(s.description.vi, s.nameVi) });
        const options = addOptions(sub, s.options, `/${name} ${subName}`);
        builder.addSubcommand(sub);
        targets.set(subName, { command: def, subcommand: subName, options, handler: s.handler, what: s.what });
      }
    } else {
      const options = addOptions(builder, def.options, `/${name}`);
      targets.set("", { command: def, options, handler: def.handler, what: def.name });
    }
    index.set(name, targets);
    json.push(builder.toJSON());
  }
  return { json, index };
}

/** "show"/"xem", unless a real subcommand already uses the name. */
function defaultSubcommandNames(def: CommandDef): { name: string; nameVi: string } {
  const taken = new Set((def.subcommands ?? []).flatMap((s) => [discordName(s.name), discordName(s.nameVi)]));
  const candidates = [DEFAULT_SUBCOMMAND, { name: "default", nameVi: "macdinh" }, { name: "main", nameVi: "chinh" }];
  const free = candidates.find((c) => !taken.has(c.name) && !taken.has(c.nameVi));
  if (!free) throw new Error(`/${def.name}: no free name for its default subcommand`);
  return free;
}

interface OptionHost {
  addStringOption(input: SlashCommandStringOption): unknown;
  addIntegerOption(input: SlashCommandIntegerOption): unknown;
  addAttachmentOption(input: SlashCommandAttachmentOption): unknown;
}

/** Adds typed, localized options; required ones first, as Discord demands. */
function addOptions(host: OptionHost, defs: readonly OptionDef[], where: string): SlashTarget["options"] {
  if (defs.length > MAX_OPTIONS) throw new Error(`${where} has more than ${MAX_OPTIONS} options`);
  const ordered = [...defs.filter((o) => o.required), ...defs.filter((o) => !o.required)];
  const seen = new Set<string>();
  const out: SlashTarget["options"] = [];
  for (const def of ordered) {
    const name = discordName(def.name);
    if (seen.has(name)) throw new Error(`${where} has two options named ${name}`);
    seen.add(name);
    const choices = (def.choices ?? []).slice(0, MAX_CHOICES);
    if (def.type === "attachment") {
      // A file (ApplicationCommandOptionType.Attachment): no choices, no autocomplete.
      host.addAttachmentOption(
        new SlashCommandAttachmentOption()
          .setName(name)
          .setNameLocalizations({ [Locale.Vietnamese]: discordName(def.nameVi) })
          .setDescription(describe(def.description.en, def.name))
          .setDescriptionLocalizations({ [Locale.Vietnamese]: describe(def.description.vi, def.nameVi) })
          .setRequired(Boolean(def.required)),
      );
      out.push({ def, discordName: name });
      continue;
    }
    const common = <T extends SlashCommandStringOption | SlashCommandIntegerOption>(o: T): T => {
      o.setName(name)
        .setNameLocalizations({ [Locale.Vietnamese]: discordName(def.nameVi) })
        .setDescription(describe(def.description.en, def.name))
        .setDescriptionLocalizations({ [Locale.Vietnamese]: describe(def.description.vi, def.nameVi) })
        .setRequired(Boolean(def.required));
      // Discord refuses an option that has both fixed choices and autocomplete.
      if (def.autocomplete && choices.length === 0) o.setAutocomplete(true);
      return o;
    };
    if (def.type === "integer") {
      const o = common(new SlashCommandIntegerOption());
      const ints = choices.filter((c) => Number.isSafeInteger(Number(c.value)));
      if (ints.length) o.addChoices(...ints.map((c) => ({ name: describe(c.name, c.value), value: Number(c.value) })));
      host.addIntegerOption(o);
    } else {
      const o = common(new SlashCommandStringOption());
      const strs = choices.filter((c) => c.value.length >= 1 && c.value.length <= 100);
      if (strs.length) o.addChoices(...strs.map((c) => ({ name: describe(c.name, c.value), value: c.value })));
      host.addStringOption(o);
    }
    out.push({ def, discordName: name });
  }
  return out;
}

/**
 * Discord's own limits on a whole command, beyond what the builders check: names, 1-100 character
 * descriptions and the 4000-character total (the longest localization of each field counts).
 * Returns the problems found; empty means Discord will accept it.
 */
export function checkCommandPayload(cmd: RESTPostAPIChatInputApplicationCommandsJSONBody): string[] {
  const problems: string[] = [];
  let total = 0;
  const longest = (base: string, loc?: Partial<Record<string, string | null>> | null) =>
    Math.max(base.length, ...Object.values(loc ?? {}).map((v) => (v ?? "").length));
  const visit = (node: Record<string, unknown>, where: string) => {
    const name = String(node.name ?? "");
    if (!DISCORD_NAME_RE.test(name)) problems.push(`${where}: invalid name "${name}"`);
    for (const v of Object.values((node.name_localizations as Record<string, string>) ?? {}))
      if (!DISCORD_NAME_RE.test(v)) problems.push(`${where}: invalid localized name "${v}"`);
    total += longest(name, node.name_localizations as Record<string, string>);
    if ("description" in node) {
      const d = String(node.description ?? "");
      if (d.length < 1 || d.length > 100) problems.push(`${where}: description must be 1-100 characters`);
      for (const v of Object.values((node.description_localizations as Record<string, string>) ?? {}))
        if (v.length < 1 || v.length > 100) problems.push(`${where}: localized description must be 1-100 characters`);
      total += longest(d, node.description_localizations as Record<string, string>);
    }
    for (const c of (node.choices as Array<{ name: string; value: string | number }>) ?? []) total += c.name.length + String(c.value).length;
    const options = (node.options as Array<Record<string, unknown>>) ?? [];
    if (options.length > 25) problems.push(`${where}: more than 25 options`);
    let sawOptional = false;
    for (const o of options) {
      if (o.type !== 1 && o.type !== 2) {
        if (!o.required) sawOptional = true;
        else if (sawOptional) problems.push(`${where}: required option ${String(o.name)} after an optional one`);
      }
      visit(o, `${where} ${String(o.name)}`);
    }
  };
  visit(cmd as unknown as Record<string, unknown>, `/${cmd.name}`);
  if (total > 4000) problems.push(`/${cmd.name}: ${total} characters in all (Discord allows 4000)`);
  return problems;
}
