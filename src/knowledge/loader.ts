// Loads and validates session files. A broken file is refused with a message naming the entry
// and what is wrong, because a figure that cannot be traced to its source must never be served.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, resolve, dirname } from "node:path";
import { sessionFileSchema, type SessionFile } from "./schema.js";
import type { KnowledgeBase, LoadedSession } from "./types.js";
import { toNfc } from "../text/normalize.js";

export class KnowledgeError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Tệp dữ liệu phiên làm việc không hợp lệ (${file}):\n- ${problems.join("\n- ")}`);
    this.name = "KnowledgeError";
  }
}

/** Collapses white space the way the citation check (and the scorer) compare text. */
const comparable = (s: string) => toNfc(s).replace(/\s+/g, " ").trim();

/** Checks everything a schema cannot: citations word for word, figures inside their citations, unique ids. */
export function validateSession(file: SessionFile, sourceText: string): string[] {
  const problems: string[] = [];
  const source = comparable(sourceText);
  const ids = new Set<string>();
  const cited = (where: string, text: string) => {
    if (!source.includes(comparable(text))) problems.push(`${where}: trích dẫn không có nguyên văn trong văn bản nguồn: "${text}"`);
  };
  const unique = (where: string, id: string) => {
    if (ids.has(id)) problems.push(`${where}: mã "${id}" bị trùng`);
    ids.add(id);
  };
  const indicatorIds = new Set(file.indicators.map((i) => i.id));
  for (const f of file.figures) {
    const where = `figures[${f.id}]`;
    unique(where, f.id);
    cited(where, f.cite);
    if (f.period.cite) cited(`${where}.period`, f.period.cite);
    if (!comparable(f.cite).includes(comparable(f.display))) problems.push(`${where}: giá trị "${f.display}" không có nguyên văn trong trích dẫn của nó`);
    if (!indicatorIds.has(f.indicator)) problems.push(`${where}: chỉ số "${f.indicator}" không có trong danh sách indicators`);
  }
  for (const p of file.people) {
    unique(`people[${p.id}]`, p.id);
    cited(`people[${p.id}]`, p.cite);
    if (p.name && !comparable(p.cite).includes(comparable(p.name))) problems.push(`people[${p.id}]: tên "${p.name}" không có trong trích dẫn`);
  }
  for (const g of file.petitionGroups) {
    const where = `petitionGroups[${g.id}]`;
    unique(where, g.id);
    cited(where, g.cite);
    cited(`${where}.topicsCite`, g.topicsCite);
    g.statusCites.forEach((c, i) => cited(`${where}.statusCites[${i}]`, c));
    if (!comparable(g.cite).includes(comparable(g.countDisplay)) && !comparable(g.topicsCite).includes(comparable(g.countDisplay)))
      problems.push(`${where}: số lượng "${g.countDisplay}" không có nguyên văn trong trích dẫn`);
    for (const t of g.topics) if (!comparable(g.topicsCite).includes(comparable(t))) problems.push(`${where}: chủ đề "${t}" không có trong trích dẫn chủ đề`);
  }
  for (const s of file.statements) {
    unique(`statements[${s.id}]`, s.id);
    cited(`statements[${s.id}]`, s.cite);
  }
  return problems;
}

/** Parses, checks and returns one session; throws KnowledgeError naming every problem. */
export function loadSessionFile(path: string, rootDir: string = process.cwd()): LoadedSession {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new KnowledgeError(path, [`không đọc được JSON: ${(e as Error).message}`]);
  }
  const parsed = sessionFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new KnowledgeError(
      path,
      parsed.error.issues.map((i) => `${describePath(raw, i.path as (string | number)[])}: ${i.message}`),
    );
  }
  const file = parsed.data;
  let sourceText: string;
  const sourcePath = resolve(rootDir, file.session.sourceFile);
  try {
    sourceText = toNfc(readFileSync(sourcePath, "utf8"));
  } catch {
    throw new KnowledgeError(path, [`session.sourceFile: không mở được văn bản nguồn ${sourcePath}`]);
  }
  const problems = validateSession(file, sourceText);
  if (problems.length) throw new KnowledgeError(path, problems);
  shareCitations(file, sourceText);
  internStrings(file);
  return { file, sourceText };
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
    if (f.period.cite) f.period.cite = share(f.period.cite);
  }
  for (const p of file.people) p.cite = share(p.cite);
  for (const g of file.petitionGroups) {
    g.cite = share(g.cite);
    g.topicsCite = share(g.topicsCite);
    g.statusCites = g.statusCites.map(share);
  }
  for (const st of file.statements) st.cite = share(st.cite);
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
  const sorted = [...sessions].sort((a, b) => b.file.session.coversUntil.localeCompare(a.file.session.coversUntil));
  const byId = new Map<string, LoadedSession>();
  for (const s of sorted) {
    if (byId.has(s.file.session.id)) throw new KnowledgeError(s.file.session.id, [`session.id "${s.file.session.id}" bị trùng giữa hai tệp`]);
    byId.set(s.file.session.id, s);
  }
  return { sessions: sorted, byId };
}

/** Loads every *.json session in a folder (data/sessions by default). */
export function loadKnowledgeBase(dir: string = "data/sessions", rootDir: string = process.cwd()): KnowledgeBase {
  const abs = resolve(rootDir, dir);
  const files = readdirSync(abs).filter((f) => f.endsWith(".json")).sort();
  if (files.length === 0) throw new KnowledgeError(abs, ["không có tệp phiên làm việc (*.json) nào"]);
  return buildKnowledgeBase(files.map((f) => loadSessionFile(join(abs, f), rootDir)));
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
