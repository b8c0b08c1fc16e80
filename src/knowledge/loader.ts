// Loads and validates session files. A broken file is refused with a message naming the entry
// and what is wrong, because a figure that cannot be traced to its source must never be served.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, resolve, dirname } from "node:path";
import { sessionFileSchema, type SessionFile } from "./schema.js";
import type { KnowledgeBase, LoadedSession } from "./types.js";
import { toNfc } from "../text/normalize.js";
import { validateSession } from "./validate.js";
import { sessionInfo } from "./info.js";
import { tokenize } from "../text/tokens.js";

export { validateSession };

export class KnowledgeError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Tệp dữ liệu phiên làm việc không hợp lệ (${file}):\n- ${problems.join("\n- ")}`);
    this.name = "KnowledgeError";
  }
}

/** Checks an already parsed session against its source; throws KnowledgeError naming every problem. */
export function parseSession(raw: unknown, sourceText: string, where: string): LoadedSession {
  const parsed = sessionFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new KnowledgeError(
      where,
      parsed.error.issues.map((i) => `${describePath(raw, i.path as (string | number)[])}: ${i.message}`),
    );
  }
  const file = parsed.data;
  const text = toNfc(sourceText);
  const problems = validateSession(file, text);
  if (problems.length) throw new KnowledgeError(where, problems);
  shareCitations(file, text);
  internStrings(file);
  return { file, sourceText: text };
}

/**
 * Parses, checks and returns one session file; its source is found relative to the data folder
 * (`sources/<id>.txt`), or to the project root for older files (`data/sources/<id>.txt`).
 */
export function loadSessionFile(path: string, dataDir: string = dirname(dirname(path))): LoadedSession {
  const { raw, sourceText } = readSessionFile(path, dataDir);
  return parseSession(raw, sourceText, path);
}

/** A session file as JSON, not yet checked, with its source text and where that was found. */
export function readSessionFile(path: string, dataDir: string = dirname(dirname(path))): { raw: unknown; sourceText: string; sourcePath: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new KnowledgeError(path, [`không đọc được JSON: ${(e as Error).message}`]);
  }
  const sourcePath = sourcePathOf(raw, dataDir);
  if (sourcePath === undefined) throw new KnowledgeError(path, [`session.sourceFile: không mở được văn bản nguồn ${String((raw as { session?: { sourceFile?: unknown } })?.session?.sourceFile)}`]);
  return { raw, sourceText: readFileSync(sourcePath, "utf8"), sourcePath };
}

function sourcePathOf(raw: unknown, dataDir: string): string | undefined {
  const sourceFile = (raw as { session?: { sourceFile?: unknown } })?.session?.sourceFile;
  if (typeof sourceFile !== "string") return undefined;
  for (const base of [dataDir, projectRoot]) {
    const p = resolve(base, sourceFile);
    if (existsSync(p)) return p;
  }
  return undefined;
}

// JSON.parse gives every repeated value its own copy ("năm 2022 và 4 tháng đầu năm 2023" once per
// figure, the same labels in every session): keep one copy of each distinct short string.
const interned = new Map<string, string>();

function internStrings(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach((v, i) => (typeof v === "string" ? (node[i] = intern(v)) : internStrings(v)));
  } else if (node && typeof node === "object") {
    const obj = node as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      if (typeof v === "string") obj[k] = intern(v);
      else internStrings(v);
    }
  }
}

function intern(s: string): string {
  // Citations are slices of their own source already; interning them would copy them out.
  if (s.length > 400) return s;
  // Sessions loaded on first use (catalogue.ts) are never followed by buildKnowledgeBase: keep the table bounded.
  if (interned.size > 50_000) interned.clear();
  const known = interned.get(s);
  if (known !== undefined) return known;
  interned.set(s, s);
  return s;
}

/**
 * Citations repeat the source word for word, so they can be slices of it: V8 keeps a slice as a
 * view of the source string instead of a copy. With a thousand sessions loaded this is a large
 * part of the memory. The text is unchanged; only where it is stored.
 */
function shareCitations(file: SessionFile, source: string): void {
  const share = (text: string): string => {
    const at = source.indexOf(text);
    return at >= 0 ? source.slice(at, at + text.length) : text;
  };
  for (const f of file.figures) {
    f.cite = share(f.cite);
    f.phrase = share(f.phrase);
    f.context = f.context.map(share);
    if (f.period.cite) f.period.cite = share(f.period.cite);
  }
  for (const p of file.people) p.cite = share(p.cite);
  for (const g of file.petitionGroups) {
    g.cite = share(g.cite);
    if (g.topicsCite) g.topicsCite = share(g.topicsCite);
    g.statusCites = g.statusCites.map(share);
  }
  for (const st of file.statements) {
    st.cite = share(st.cite);
    if (st.summary.vi === st.cite || source.includes(st.summary.vi)) st.summary.vi = share(st.summary.vi);
    if (st.summary.en === st.summary.vi) st.summary.en = st.summary.vi;
  }
}

/** Names an entry by its id rather than its index, so that a message points at the right place. */
function describePath(raw: unknown, path: (string | number)[]): string {
  const parts: string[] = [];
  let node: unknown = raw;
  for (const key of path) {
    node = node && typeof node === "object" ? (node as Record<string | number, unknown>)[key] : undefined;
    const id = node && typeof node === "object" && "id" in node ? String((node as { id: unknown }).id) : undefined;
    if (typeof key === "number") parts[parts.length - 1] += `[${id ?? key}]`;
    else parts.push(key);
  }
  return parts.join(".") || "(gốc)";
}

export function buildKnowledgeBase(sessions: LoadedSession[]): KnowledgeBase {
  // Loading is over: the strings are shared where they are used; the lookup table can go.
  interned.clear();
  // by each session's catalogue line, so that sessions opened lazily stay unread
  const sorted = [...sessions].sort((a, b) => sessionInfo(b).coversUntil.localeCompare(sessionInfo(a).coversUntil));
  const byId = new Map<string, LoadedSession>();
  for (const s of sorted) {
    const id = sessionInfo(s).id;
    if (byId.has(id)) throw new KnowledgeError(id, [`session.id "${id}" bị trùng giữa hai tệp`]);
    byId.set(id, s);
  }
  return { sessions: sorted, byId };
}

/**
 * A knowledge base with more sessions (those added in chats): the base's sessions stay as they
 * are (unread when opened lazily), its vocabulary gains the new sources' words.
 */
export function extendKnowledgeBase(base: KnowledgeBase, extra: LoadedSession[]): KnowledgeBase {
  const kb = buildKnowledgeBase([...base.sessions, ...extra]);
  if (!base.vocabulary) return kb;
  const vocabulary = new Map(base.vocabulary);
  for (const s of extra) for (const t of tokenize(s.sourceText)) vocabulary.set(t.folded, (vocabulary.get(t.folded) ?? 0) + 1);
  return { ...kb, vocabulary };
}

/** Loads every session of a data folder (`DIR/sessions/*.json`, sources in `DIR/sources/`); none is an empty base. */
export function loadKnowledgeBase(dataDir: string = "data", rootDir: string = projectRoot): KnowledgeBase {
  const abs = resolve(rootDir, dataDir);
  const sessionsDir = join(abs, "sessions");
  const files = existsSync(sessionsDir) ? readdirSync(sessionsDir).filter((f) => f.endsWith(".json")).sort() : [];
  return buildKnowledgeBase(files.map((f) => loadSessionFile(join(sessionsDir, f), abs)));
}

/**
 * The repository root: the nearest folder above this module holding package.json. Works from
 * src/ (tsx, tests) and from the dist/ bundle alike, and lets the CLI run from any folder.
 */
export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}
