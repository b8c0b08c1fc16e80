// The session catalogue: what the bot needs at start from every session of a data folder —
// province, years, period, people, title, where the files are — and the words of all sources,
// persisted beside the data (`DIR/.catalogue.json`) so that starting with 10,000 sessions reads one
// file instead of parsing and validating 10,000. Sessions themselves are read and validated on
// first use (LazySession), and only a bounded number stay in memory (least recently used go).
//
// The catalogue is rebuilt when a session file or its source changes (size or modification time),
// when one is added or removed, or when the ingester or the catalogue format changes. A rebuild
// reads and validates only the files that changed (a broken one is refused, as at a full load);
// the others keep their line and their words (`DIR/.catalogue-words.json`, read only then).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { KnowledgeError, parseSession, projectRoot, readSessionFile } from "./loader.js";
import { infoOf } from "./info.js";
import type { KnowledgeBase, LoadedSession, SessionInfo } from "./types.js";
import type { SessionFile } from "./schema.js";
import { tokenize } from "../text/tokens.js";
import { INGESTER_VERSION } from "../ingest/version.js";

export const CATALOGUE_FILE = ".catalogue.json";
export const CATALOGUE_WORDS_FILE = ".catalogue-words.json";
/** Bumped whenever what the catalogue holds, or how its words are read, changes. */
const FORMAT = 2;
// The tokenizer's reading of a fixed text: a change in folding or tokens makes a stale vocabulary.
const PROBE_TEXT = "Tốc độ tăng GRDP đạt 7,22%; thuỷ sản, hoá chất, tỷ trọng 13.330 ha, quý I/2023, Đắk Lắk, XNK và FDI.";

type Stamp = [size: number, mtimeMs: number];

interface Line {
  /** Session file, relative to the data folder. */
  file: string;
  stamp: Stamp;
  /** Source file, relative to the data folder (or absolute outside it). */
  source: string;
  sourceStamp: Stamp;
  info: SessionInfo;
}

interface CatalogueFile {
  format: number;
  ingester: number;
  probe: string;
  lines: Line[];
  /** [word, count] pairs: KnowledgeBase.vocabulary. */
  vocabulary: [string, number][];
}

interface WordsFile {
  format: number;
  probe: string;
  /** Per session file: its words as "word count word count …", first seen first. */
  words: Record<string, string>;
}

/**
 * Loaded sessions kept by default: a little more than the engine's index cache (96), so that a
 * session whose index is kept stays loaded (~0.16 MB of live heap a session with its index; V8
 * keeps about twice the live heap once many sessions have been read, so this halves again in RSS).
 */
export const DEFAULT_POOL = 128;

export interface OpenOptions {
  /** Loaded sessions kept in memory (least recently used are dropped and read again when needed). */
  cacheSize?: number;
  /** Write the catalogue when it was rebuilt (default true; a read-only folder is tolerated). */
  write?: boolean;
}

export interface CatalogueStats {
  sessions: number;
  /** Session files read and validated because they were new or had changed. */
  rebuilt: number;
  /** True when the catalogue on disk was used as it was. */
  fresh: boolean;
  written: boolean;
}

export type LazyKnowledgeBase = KnowledgeBase & { stats: CatalogueStats; pool: SessionPool };

/** Holds the loaded sessions: at most `capacity`, least recently used dropped first. */
export class SessionPool {
  private readonly loaded = new Map<LazySession, LoadedSession>();
  loads = 0;
  constructor(readonly capacity: number) {}

  get(s: LazySession, load: () => LoadedSession): LoadedSession {
    let data = this.loaded.get(s);
    if (data) {
      // most recent last
      this.loaded.delete(s);
      this.loaded.set(s, data);
      return data;
    }
    data = load();
    this.loads++;
    this.loaded.set(s, data);
    if (this.loaded.size > this.capacity) this.loaded.delete(this.loaded.keys().next().value!);
    return data;
  }

  has(s: LazySession): boolean {
    return this.loaded.has(s);
  }

  get size(): number {
    return this.loaded.size;
  }
}

/** A session known by its catalogue line; its file is read and validated on first access. */
export class LazySession implements LoadedSession {
  constructor(
    readonly info: SessionInfo,
    readonly path: string,
    private readonly dataDir: string,
    private readonly pool: SessionPool,
  ) {}

  get file(): SessionFile {
    return this.data().file;
  }

  get sourceText(): string {
    return this.data().sourceText;
  }

  get loaded(): boolean {
    return this.pool.has(this);
  }

  private data(): LoadedSession {
    return this.pool.get(this, () => {
      const { raw, sourceText } = readSessionFile(this.path, this.dataDir);
      const s = parseSession(raw, sourceText, this.path);
      if (s.file.session.id !== this.info.id) throw new KnowledgeError(this.path, [`session.id "${s.file.session.id}" khác với danh mục ("${this.info.id}"): tệp đã đổi, hãy khởi động lại`]);
      return s;
    });
  }
}

const stampOf = (path: string): Stamp => {
  const st = statSync(path);
  return [st.size, st.mtimeMs];
};
const same = (a: Stamp, b: Stamp) => a[0] === b[0] && a[1] === b[1];

let probeCache: string | undefined;
function probe(): string {
  return (probeCache ??= tokenize(PROBE_TEXT).map((t) => `${t.folded}/${t.toned}`).join(" "));
}

/** A source's words with their counts, first seen first: what the engine's typo index is made of. */
export function wordsOf(sourceText: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of tokenize(sourceText)) {
    // what the typo index never takes (numbers, single letters) is not kept
    if (t.folded.length < 2 || /\d/.test(t.folded)) continue;
    out.set(t.folded, (out.get(t.folded) ?? 0) + 1);
  }
  return out;
}

const encodeWords = (m: Map<string, number>) => [...m].map(([w, c]) => `${w} ${c}`).join(" ");
function decodeWords(s: string): [string, number][] {
  const parts = s ? s.split(" ") : [];
  const out: [string, number][] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) out.push([parts[i]!, Number(parts[i + 1])]);
  return out;
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch {
    return undefined;
  }
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/**
 * Opens the sessions of a data folder (`DIR/sessions/*.json`, sources in `DIR/sources/`) from its
 * catalogue, rebuilding the catalogue first where files changed. The sessions are in the same
 * order, and say the same, as `loadKnowledgeBase` gives; they are read on first use.
 */
export function openKnowledgeBase(dataDir: string = "data", rootDir: string = projectRoot, options: OpenOptions = {}): LazyKnowledgeBase {
  const abs = resolve(rootDir, dataDir);
  const sessionsDir = join(abs, "sessions");
  const files = existsSync(sessionsDir) ? readdirSync(sessionsDir).filter((f) => f.endsWith(".json")).sort() : [];
  const cataloguePath = join(abs, CATALOGUE_FILE);
  const wordsPath = join(abs, CATALOGUE_WORDS_FILE);
  const onDisk = readJson<CatalogueFile>(cataloguePath);
  const valid = !!onDisk && onDisk.format === FORMAT && onDisk.ingester === INGESTER_VERSION && onDisk.probe === probe() && Array.isArray(onDisk.lines);
  const previous = new Map(valid ? onDisk.lines.map((l) => [l.file, l]) : []);

  // Which lines still hold: same file, same size and time, same source.
  const lines: Line[] = [];
  const changed: string[] = [];
  for (const f of files) {
    const rel = join("sessions", f);
    const old = previous.get(rel);
    if (old) {
      try {
        if (same(old.stamp, stampOf(join(abs, rel))) && same(old.sourceStamp, stampOf(resolve(abs, old.source)))) {
          lines.push(old);
          continue;
        }
      } catch {
        // gone or unreadable: read it again below
      }
    }
    changed.push(rel);
    lines.push(undefined as unknown as Line);
  }
  const fresh = valid && !changed.length && previous.size === files.length;
  let vocabulary: Map<string, number>;
  let written = false;
  let rebuilt = 0;
  if (fresh) {
    vocabulary = new Map(onDisk.vocabulary);
  } else {
    // Rebuild: read and validate what changed; the rest keep their words.
    const oldWords = valid && changed.length < files.length ? readJson<WordsFile>(wordsPath) : undefined;
    const words = new Map<string, string>();
    const useOld = !!oldWords && oldWords.format === FORMAT && oldWords.probe === probe();
    for (let i = 0; i < files.length; i++) {
      const rel = join("sessions", files[i]!);
      if (lines[i] && useOld && typeof oldWords.words[rel] === "string") {
        words.set(rel, oldWords.words[rel]!);
        continue;
      }
      const path = join(abs, rel);
      const { raw, sourceText, sourcePath } = readSessionFile(path, abs);
      const s = parseSession(raw, sourceText, path);
      const stamp = stampOf(path);
      const sourceStamp = stampOf(sourcePath);
      lines[i] = { file: rel, stamp, source: relative(abs, sourcePath), sourceStamp, info: infoOf(s.file) };
      words.set(rel, encodeWords(wordsOf(s.sourceText)));
      rebuilt++;
    }
    vocabulary = new Map();
    for (const line of ordered(lines)) for (const [w, c] of decodeWords(words.get(line.file)!)) vocabulary.set(w, (vocabulary.get(w) ?? 0) + c);
    if (options.write !== false) {
      try {
        mkdirSync(abs, { recursive: true });
        const catalogue: CatalogueFile = { format: FORMAT, ingester: INGESTER_VERSION, probe: probe(), lines, vocabulary: [...vocabulary] };
        writeAtomic(wordsPath, JSON.stringify({ format: FORMAT, probe: probe(), words: Object.fromEntries(words) } satisfies WordsFile));
        writeAtomic(cataloguePath, JSON.stringify(catalogue));
        written = true;
      } catch {
        // a read-only data folder: the catalogue is rebuilt at every start, which is slower but right
      }
    }
  }

  const pool = new SessionPool(options.cacheSize ?? DEFAULT_POOL);
  const sessions: LoadedSession[] = ordered(lines).map((l) => new LazySession(l.info, join(abs, l.file), abs, pool));
  const byId = new Map<string, LoadedSession>();
  for (const s of sessions) {
    if (byId.has(s.info!.id)) throw new KnowledgeError(s.info!.id, [`session.id "${s.info!.id}" bị trùng giữa hai tệp`]);
    byId.set(s.info!.id, s);
  }
  return { sessions, byId, vocabulary, pool, stats: { sessions: sessions.length, rebuilt, fresh, written } };
}

/** Most recent first, ties in file-name order: the order `buildKnowledgeBase` gives. */
function ordered(lines: Line[]): Line[] {
  return [...lines].sort((a, b) => b.info.coversUntil.localeCompare(a.info.coversUntil));
}
