// src/knowledge/catalogue.ts
import { existsSync as existsSync2, mkdirSync, readdirSync as readdirSync2, readFileSync as readFileSync2, renameSync, statSync, writeFileSync } from "node:fs";
import { join as join2, relative, resolve as resolve2 } from "node:path";

// src/knowledge/loader.ts
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, resolve, dirname } from "node:path";

// src/knowledge/schema.ts
import { z } from "zod";
var bilingual = z.object({ vi: z.string().min(1), en: z.string().min(1) });
var periodAtom = z.string().regex(/^(y\d{4}|[ml]\d{1,2}-\d{4}|q[1-4]-\d{4}|mo\d{1,2}-\d{4}|to-m\d{1,2}-\d{4}|to-d\d{4}-\d{2}-\d{2}|to-y\d{4}|r\d{4}-\d{4}|now)$/);
var periodSchema = z.object({
  label: z.string().min(1),
  labelEn: z.string().min(1),
  atoms: z.array(periodAtom).min(1),
  /** The clause that sets the period, when it is not in the figure's own citation. */
  cite: z.string().min(1).optional(),
  /** Where the period was read: the figure's clause, its sentence, its paragraph, or the report's own period. */
  source: z.enum(["clause", "sentence", "paragraph", "document"]).default("clause")
});
var figureKinds = ["growth", "share", "level", "count", "percent_of_plan", "contribution", "change", "change_same_period", "rank"];
var figureSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** The series this figure belongs to (one measure at all its periods and parts), for /chiso and the digest. */
  indicator: z.string().regex(/^[a-z0-9-]+$/),
  /** The measure as the report names it ("Tổng kim ngạch xuất, nhập khẩu hàng hoá qua địa bàn"). */
  measure: z.string(),
  /** The part of the measure this figure is about ("nông, lâm nghiệp"), "" for the whole. */
  subject: z.string(),
  kind: z.enum(figureKinds),
  /** A target or plan for a later period ("phấn đấu năm 2025 tăng ít nhất 10%"). */
  target: z.boolean().default(false),
  /** "ước", "dự kiến", "hơn", "gần", "khoảng"… */
  qualifier: z.string().optional(),
  label: bilingual,
  /** The figure as the source writes it, e.g. "7,22%", "hơn 13.330 ha", "22 hợp tác xã", "giảm 8,37%". */
  display: z.string().min(1),
  /** The value with the words that say what it is, as written: "bằng 116,92% dự toán". */
  phrase: z.string().min(1),
  value: z.number(),
  unit: z.string(),
  period: periodSchema,
  /** The clause the figure is cited from. */
  cite: z.string().min(1),
  /** Other clauses of the source that say what the figure measures (its lead-in, heading, the figure it continues). */
  context: z.array(z.string().min(1)).default([]),
  /** The base of a comparison ("cùng kỳ 2022", "so với năm trước"). */
  comparedTo: z.string().optional(),
  /** Figures of one group say one thing ("589 tỷ đồng, tương đương 15,2% kế hoạch"). */
  group: z.string().optional(),
  /** The figure this one continues, or the total it is a part of. */
  parent: z.string().optional(),
  whole: z.string().optional(),
  /** Extra phrases a reviewer adds for what this figure is about. */
  keys: z.array(z.string()).default([])
});
var personSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().nullable(),
  roles: z.array(z.string().min(1)).min(1),
  rolesEn: z.array(z.string().min(1)).min(1),
  cite: z.string().min(1),
  /** Led the delegation ("Trưởng đoàn", "Thủ tướng … cùng đoàn công tác"). */
  leadsDelegation: z.boolean().default(false),
  keys: z.array(z.string()).default([])
});
var recipients = ["government", "prime_minister", "ministries", "other"];
var petitionGroupSchema = z.object({
  id: z.string().regex(/^KN-\d{2}$/),
  to: z.enum(recipients),
  toLabel: z.string().min(1),
  count: z.number().int().positive(),
  /** The count as the source writes it: "4 nội dung", "48 vấn đề". */
  countDisplay: z.string().min(1),
  origin: z.enum(["long_standing", "new", "unspecified"]),
  title: z.string().min(1),
  titleEn: z.string().min(1),
  topics: z.array(z.string().min(1)),
  /** The status the source records, from the petition lifecycle. */
  sourceStatus: z.string().min(1),
  sourceStatusNote: z.string().min(1),
  cite: z.string().min(1),
  topicsCite: z.string().min(1).optional(),
  statusCites: z.array(z.string().min(1)),
  keys: z.array(z.string()).default([])
});
var statementKinds = ["situation", "policy", "participants", "assessment", "difficulty", "request", "petition_outcome", "acceptance", "task", "wish", "other"];
var statementSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  kind: z.enum(statementKinds),
  summary: bilingual,
  cite: z.string().min(1),
  /** Part of the delegation's conclusions (shown by /ketluan). */
  conclusion: z.boolean().default(false),
  /** Who says it (a person id), when the sentence names or refers to them. */
  speaker: z.string().optional(),
  /** Who asks whom: the province asking the centre, or the delegation tasking the province or the ministries. */
  direction: z.enum(["province_to_central", "central_to_province", "central_to_ministries"]).optional(),
  keys: z.array(z.string()).default([])
});
var indicatorSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: bilingual,
  /** Shown in the daily digest's list of key indicators. */
  key: z.boolean().default(false)
});
var sessionFileSchema = z.object({
  schemaVersion: z.literal(2).default(2),
  session: z.object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    titleEn: z.string().min(1),
    province: z.string().min(1),
    /** Free text such as "năm 2022 và 4 tháng đầu năm 2023". */
    reportPeriod: z.string().min(1),
    /** The report's own period, as atoms: a figure whose period the text does not say has this one. */
    periodAtoms: z.array(periodAtom).default([]),
    /** ISO date of the last day the report covers: orders sessions ("the most recent"). */
    coversUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** ISO date of the meeting, when the report gives it. */
    meetingDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    /** The years the report speaks of. */
    years: z.array(z.number().int()).min(1),
    sourceFile: z.string().min(1),
    delegationHead: z.string().min(1),
    /** Which ingester wrote the file (absent for a hand-written one). */
    ingester: z.object({ version: z.number().int(), unsure: z.array(z.string()).default([]) }).optional()
  }),
  indicators: z.array(indicatorSchema),
  figures: z.array(figureSchema),
  people: z.array(personSchema),
  petitionGroups: z.array(petitionGroupSchema),
  statements: z.array(statementSchema)
});

// src/text/normalize.ts
function toNfc(text) {
  return text.normalize("NFC");
}
var TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/u;
var TONE_MARKS_G = /[\u0300\u0301\u0303\u0309\u0323]/gu;
function toneKey(syllable) {
  const nfd = syllable.normalize("NFD").toLowerCase();
  const tone = nfd.match(TONE_MARKS)?.[0] ?? "";
  const base = nfd.replace(TONE_MARKS_G, "").replace(/^([bcdghklmnprstvx]+)y$/, "$1i");
  return (base + tone).normalize("NFC");
}
function hasDiacritics(text) {
  return /[\u0300-\u036f]|đ|Đ/u.test(text.normalize("NFD"));
}

// src/knowledge/validate.ts
var comparable = (s) => toNfc(s).replace(/\s+/g, " ").trim();
function validateSession(file, sourceText) {
  const problems = [];
  const source = comparable(sourceText);
  const ids = /* @__PURE__ */ new Set();
  const cited = (where, text) => {
    if (!source.includes(comparable(text))) problems.push(`${where}: tr\xEDch d\u1EABn kh\xF4ng c\xF3 nguy\xEAn v\u0103n trong v\u0103n b\u1EA3n ngu\u1ED3n: "${text}"`);
  };
  const unique = (where, id) => {
    if (ids.has(id)) problems.push(`${where}: m\xE3 "${id}" b\u1ECB tr\xF9ng`);
    ids.add(id);
  };
  const indicatorIds = new Set(file.indicators.map((i) => i.id));
  const figureIds = new Set(file.figures.map((f) => f.id));
  for (const f of file.figures) {
    const where = `figures[${f.id}]`;
    unique(where, f.id);
    cited(where, f.cite);
    cited(`${where}.phrase`, f.phrase);
    f.context.forEach((c, i) => cited(`${where}.context[${i}]`, c));
    if (f.period.cite) cited(`${where}.period`, f.period.cite);
    if (!comparable(f.cite).includes(comparable(f.display))) problems.push(`${where}: gi\xE1 tr\u1ECB "${f.display}" kh\xF4ng c\xF3 nguy\xEAn v\u0103n trong tr\xEDch d\u1EABn c\u1EE7a n\xF3`);
    if (!comparable(f.phrase).includes(comparable(f.display))) problems.push(`${where}: gi\xE1 tr\u1ECB "${f.display}" kh\xF4ng c\xF3 trong c\u1EE5m "${f.phrase}"`);
    if (!indicatorIds.has(f.indicator)) problems.push(`${where}: ch\u1EC9 s\u1ED1 "${f.indicator}" kh\xF4ng c\xF3 trong danh s\xE1ch indicators`);
    for (const ref of [f.parent, f.whole]) if (ref && !figureIds.has(ref)) problems.push(`${where}: tham chi\u1EBFu "${ref}" kh\xF4ng ph\u1EA3i s\u1ED1 li\u1EC7u n\xE0o`);
  }
  for (const p of file.people) {
    unique(`people[${p.id}]`, p.id);
    cited(`people[${p.id}]`, p.cite);
    if (p.name && !comparable(p.cite).includes(comparable(p.name))) problems.push(`people[${p.id}]: t\xEAn "${p.name}" kh\xF4ng c\xF3 trong tr\xEDch d\u1EABn`);
  }
  for (const g of file.petitionGroups) {
    const where = `petitionGroups[${g.id}]`;
    unique(where, g.id);
    cited(where, g.cite);
    if (g.topicsCite) cited(`${where}.topicsCite`, g.topicsCite);
    g.statusCites.forEach((c, i) => cited(`${where}.statusCites[${i}]`, c));
    if (!comparable(g.cite).includes(comparable(g.countDisplay)) && !comparable(g.topicsCite ?? "").includes(comparable(g.countDisplay)))
      problems.push(`${where}: s\u1ED1 l\u01B0\u1EE3ng "${g.countDisplay}" kh\xF4ng c\xF3 nguy\xEAn v\u0103n trong tr\xEDch d\u1EABn`);
    for (const t of g.topics) if (!comparable(g.topicsCite ?? "").includes(comparable(t))) problems.push(`${where}: ch\u1EE7 \u0111\u1EC1 "${t}" kh\xF4ng c\xF3 trong tr\xEDch d\u1EABn ch\u1EE7 \u0111\u1EC1`);
  }
  for (const s of file.statements) {
    unique(`statements[${s.id}]`, s.id);
    cited(`statements[${s.id}]`, s.cite);
  }
  return problems;
}

// src/knowledge/loader.ts
var KnowledgeError = class extends Error {
  constructor(file, problems) {
    super(`T\u1EC7p d\u1EEF li\u1EC7u phi\xEAn l\xE0m vi\u1EC7c kh\xF4ng h\u1EE3p l\u1EC7 (${file}):
- ${problems.join("\n- ")}`);
    this.file = file;
    this.problems = problems;
    this.name = "KnowledgeError";
  }
  file;
  problems;
};
function parseSession(raw, sourceText, where) {
  const parsed = sessionFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new KnowledgeError(
      where,
      parsed.error.issues.map((i) => `${describePath(raw, i.path)}: ${i.message}`)
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
function readSessionFile(path, dataDir = dirname(dirname(path))) {
  let raw;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new KnowledgeError(path, [`kh\xF4ng \u0111\u1ECDc \u0111\u01B0\u1EE3c JSON: ${e.message}`]);
  }
  const sourcePath = sourcePathOf(raw, dataDir);
  if (sourcePath === void 0) throw new KnowledgeError(path, [`session.sourceFile: kh\xF4ng m\u1EDF \u0111\u01B0\u1EE3c v\u0103n b\u1EA3n ngu\u1ED3n ${String(raw?.session?.sourceFile)}`]);
  return { raw, sourceText: readFileSync(sourcePath, "utf8"), sourcePath };
}
function sourcePathOf(raw, dataDir) {
  const sourceFile = raw?.session?.sourceFile;
  if (typeof sourceFile !== "string") return void 0;
  for (const base of [dataDir, projectRoot]) {
    const p = resolve(base, sourceFile);
    if (existsSync(p)) return p;
  }
  return void 0;
}
var interned = /* @__PURE__ */ new Map();
function internStrings(node) {
  if (Array.isArray(node)) {
    node.forEach((v, i) => typeof v === "string" ? node[i] = intern(v) : internStrings(v));
  } else if (node && typeof node === "object") {
    const obj = node;
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      if (typeof v === "string") obj[k] = intern(v);
      else internStrings(v);
    }
  }
}
function intern(s) {
  if (s.length > 400) return s;
  if (interned.size > 5e4) interned.clear();
  const known = interned.get(s);
  if (known !== void 0) return known;
  interned.set(s, s);
  return s;
}
function shareCitations(file, source) {
  const share = (text) => {
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
function describePath(raw, path) {
  const parts = [];
  let node = raw;
  for (const key of path) {
    node = node && typeof node === "object" ? node[key] : void 0;
    const id = node && typeof node === "object" && "id" in node ? String(node.id) : void 0;
    if (typeof key === "number") parts[parts.length - 1] += `[${id ?? key}]`;
    else parts.push(key);
  }
  return parts.join(".") || "(g\u1ED1c)";
}
var projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));
function findRoot(start) {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

// src/knowledge/info.ts
function infoOf(file) {
  const s = file.session;
  return {
    id: s.id,
    title: s.title,
    titleEn: s.titleEn,
    province: s.province,
    reportPeriod: s.reportPeriod,
    periodAtoms: s.periodAtoms,
    coversUntil: s.coversUntil,
    years: s.years,
    delegationHead: s.delegationHead,
    people: file.people.flatMap((p) => p.name ? [p.name] : [])
  };
}
var derived = /* @__PURE__ */ new WeakMap();
function sessionInfo(s) {
  if (s.info) return s.info;
  let info = derived.get(s);
  if (!info) derived.set(s, info = infoOf(s.file));
  return info;
}

// src/text/fold.ts
function fold(text) {
  return text.normalize("NFD").replace(/\p{M}+/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}
function foldForMatch(text) {
  return fold(text).replace(/\s+/g, " ").trim();
}
function foldSameLength(nfcText) {
  let out = "";
  for (const ch of nfcText) {
    if (ch.length !== 1) {
      out += ch;
      continue;
    }
    if (ch === "\u0111" || ch === "\u0110") out += "d";
    else {
      const base = ch.normalize("NFD")[0];
      out += /\p{M}/u.test(base) ? " " : base.toLowerCase().length === 1 ? base.toLowerCase() : base;
    }
  }
  return out.replace(/(?<![a-z])([bcdghklmnprstvx]+)y(?![a-z])/g, "$1i");
}

// src/text/tokens.ts
var TOKEN = /\d+(?:[.,]\d+)*(?:\/\d+)?%?|[\p{L}\p{M}\p{N}]+/gu;
function foldSyllable(raw) {
  return fold(raw).replace(/^([bcdghklmnprstvx]+)y$/, "$1i");
}
var forms = /* @__PURE__ */ new Map();
var MAX_FORMS = 2e5;
function formsOf(raw) {
  let f = forms.get(raw);
  if (!f) {
    f = { folded: foldSyllable(raw), toned: toneKey(raw) };
    if (forms.size >= MAX_FORMS) forms.clear();
    forms.set(raw, f);
  }
  return f;
}
function tokenize(text) {
  const nfc = text.normalize("NFC");
  const out = [];
  for (const m of nfc.matchAll(TOKEN)) {
    const raw = m[0];
    const f = formsOf(raw);
    out.push({ raw, folded: f.folded, toned: f.toned, start: m.index ?? 0 });
  }
  return out;
}

// src/ingest/version.ts
var INGESTER_VERSION = 1;

// src/knowledge/catalogue.ts
var CATALOGUE_FILE = ".catalogue.json";
var CATALOGUE_WORDS_FILE = ".catalogue-words.json";
var FORMAT = 1;
var PROBE_TEXT = "T\u1ED1c \u0111\u1ED9 t\u0103ng GRDP \u0111\u1EA1t 7,22%; thu\u1EF7 s\u1EA3n, ho\xE1 ch\u1EA5t, t\u1EF7 tr\u1ECDng 13.330 ha, qu\xFD I/2023, \u0110\u1EAFk L\u1EAFk, XNK v\xE0 FDI.";
var SessionPool = class {
  constructor(capacity) {
    this.capacity = capacity;
  }
  capacity;
  loaded = /* @__PURE__ */ new Map();
  loads = 0;
  get(s, load) {
    let data = this.loaded.get(s);
    if (data) {
      this.loaded.delete(s);
      this.loaded.set(s, data);
      return data;
    }
    data = load();
    this.loads++;
    this.loaded.set(s, data);
    if (this.loaded.size > this.capacity) this.loaded.delete(this.loaded.keys().next().value);
    return data;
  }
  has(s) {
    return this.loaded.has(s);
  }
  get size() {
    return this.loaded.size;
  }
};
var LazySession = class {
  constructor(info, path, dataDir, pool) {
    this.info = info;
    this.path = path;
    this.dataDir = dataDir;
    this.pool = pool;
  }
  info;
  path;
  dataDir;
  pool;
  get file() {
    return this.data().file;
  }
  get sourceText() {
    return this.data().sourceText;
  }
  get loaded() {
    return this.pool.has(this);
  }
  data() {
    return this.pool.get(this, () => {
      const { raw, sourceText } = readSessionFile(this.path, this.dataDir);
      const s = parseSession(raw, sourceText, this.path);
      if (s.file.session.id !== this.info.id) throw new KnowledgeError(this.path, [`session.id "${s.file.session.id}" kh\xE1c v\u1EDBi danh m\u1EE5c ("${this.info.id}"): t\u1EC7p \u0111\xE3 \u0111\u1ED5i, h\xE3y kh\u1EDFi \u0111\u1ED9ng l\u1EA1i`]);
      return s;
    });
  }
};
var stampOf = (path) => {
  const st = statSync(path);
  return [st.size, st.mtimeMs];
};
var same = (a, b) => a[0] === b[0] && a[1] === b[1];
var probeCache;
function probe() {
  return probeCache ??= tokenize(PROBE_TEXT).map((t) => `${t.folded}/${t.toned}`).join(" ");
}
function wordsOf(sourceText) {
  const out = /* @__PURE__ */ new Map();
  for (const t of tokenize(sourceText)) out.set(t.folded, (out.get(t.folded) ?? 0) + 1);
  return out;
}
var encodeWords = (m) => [...m].map(([w, c]) => `${w} ${c}`).join(" ");
function decodeWords(s) {
  const parts = s ? s.split(" ") : [];
  const out = [];
  for (let i = 0; i + 1 < parts.length; i += 2) out.push([parts[i], Number(parts[i + 1])]);
  return out;
}
function readJson(path) {
  try {
    return JSON.parse(readFileSync2(path, "utf8"));
  } catch {
    return void 0;
  }
}
function writeAtomic(path, text) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
function openKnowledgeBase(dataDir = "data", rootDir = projectRoot, options = {}) {
  const abs = resolve2(rootDir, dataDir);
  const sessionsDir = join2(abs, "sessions");
  const files = existsSync2(sessionsDir) ? readdirSync2(sessionsDir).filter((f) => f.endsWith(".json")).sort() : [];
  const cataloguePath = join2(abs, CATALOGUE_FILE);
  const wordsPath = join2(abs, CATALOGUE_WORDS_FILE);
  const onDisk = readJson(cataloguePath);
  const valid = !!onDisk && onDisk.format === FORMAT && onDisk.ingester === INGESTER_VERSION && onDisk.probe === probe() && Array.isArray(onDisk.lines);
  const previous = new Map(valid ? onDisk.lines.map((l) => [l.file, l]) : []);
  const lines = [];
  const changed = [];
  for (const f of files) {
    const rel = join2("sessions", f);
    const old = previous.get(rel);
    if (old) {
      try {
        if (same(old.stamp, stampOf(join2(abs, rel))) && same(old.sourceStamp, stampOf(resolve2(abs, old.source)))) {
          lines.push(old);
          continue;
        }
      } catch {
      }
    }
    changed.push(rel);
    lines.push(void 0);
  }
  const fresh = valid && !changed.length && previous.size === files.length;
  let vocabulary;
  let written = false;
  let rebuilt = 0;
  if (fresh) {
    vocabulary = new Map(onDisk.vocabulary);
  } else {
    const oldWords = valid && changed.length < files.length ? readJson(wordsPath) : void 0;
    const words = /* @__PURE__ */ new Map();
    const useOld = !!oldWords && oldWords.format === FORMAT && oldWords.probe === probe();
    for (let i = 0; i < files.length; i++) {
      const rel = join2("sessions", files[i]);
      if (lines[i] && useOld && typeof oldWords.words[rel] === "string") {
        words.set(rel, oldWords.words[rel]);
        continue;
      }
      const path = join2(abs, rel);
      const { raw, sourceText, sourcePath } = readSessionFile(path, abs);
      const s = parseSession(raw, sourceText, path);
      const stamp = stampOf(path);
      const sourceStamp = stampOf(sourcePath);
      lines[i] = { file: rel, stamp, source: relative(abs, sourcePath), sourceStamp, info: infoOf(s.file) };
      words.set(rel, encodeWords(wordsOf(s.sourceText)));
      rebuilt++;
    }
    vocabulary = /* @__PURE__ */ new Map();
    for (const line of ordered(lines)) for (const [w, c] of decodeWords(words.get(line.file))) vocabulary.set(w, (vocabulary.get(w) ?? 0) + c);
    if (options.write !== false) {
      try {
        mkdirSync(abs, { recursive: true });
        const catalogue = { format: FORMAT, ingester: INGESTER_VERSION, probe: probe(), lines, vocabulary: [...vocabulary] };
        writeAtomic(wordsPath, JSON.stringify({ format: FORMAT, probe: probe(), words: Object.fromEntries(words) }));
        writeAtomic(cataloguePath, JSON.stringify(catalogue));
        written = true;
      } catch {
      }
    }
  }
  const pool = new SessionPool(options.cacheSize ?? 1024);
  const sessions = ordered(lines).map((l) => new LazySession(l.info, join2(abs, l.file), abs, pool));
  const byId = /* @__PURE__ */ new Map();
  for (const s of sessions) {
    if (byId.has(s.info.id)) throw new KnowledgeError(s.info.id, [`session.id "${s.info.id}" b\u1ECB tr\xF9ng gi\u1EEFa hai t\u1EC7p`]);
    byId.set(s.info.id, s);
  }
  return { sessions, byId, vocabulary, pool, stats: { sessions: sessions.length, rebuilt, fresh, written } };
}
function ordered(lines) {
  return [...lines].sort((a, b) => b.info.coversUntil.localeCompare(a.info.coversUntil));
}

// src/clock.ts
var systemClock = { now: () => /* @__PURE__ */ new Date() };

// src/core/messages.ts
var vi = {
  notInReport: (what) => `B\xE1o c\xE1o kh\xF4ng \u0111\u1EC1 c\u1EADp \u0111\u1EBFn ${what}.`,
  notInReportGeneric: "B\xE1o c\xE1o kh\xF4ng \u0111\u1EC1 c\u1EADp \u0111\u1EBFn n\u1ED9i dung n\xE0y.",
  notForPeriod: (what, asked, given) => `B\xE1o c\xE1o kh\xF4ng n\xEAu ${what} cho ${asked}; b\xE1o c\xE1o ch\u1EC9 n\xEAu s\u1ED1 li\u1EC7u n\xE0y cho ${given}.`,
  noSuchKind: (what) => `B\xE1o c\xE1o kh\xF4ng n\xEAu \u0111\xFAng lo\u1EA1i s\u1ED1 li\u1EC7u b\u1EA1n h\u1ECFi v\u1EC1 ${what}.`,
  noOffice: (office) => `B\xE1o c\xE1o kh\xF4ng n\xEAu ai gi\u1EEF ch\u1EE9c v\u1EE5 ${office}.`,
  otherProvince: (province, session) => `B\xE1o c\xE1o ch\u1EC9 n\xF3i v\u1EC1 ${session}, kh\xF4ng \u0111\u1EC1 c\u1EADp \u0111\u1EBFn ${province}.`,
  scope: (title, period) => `B\xE1o c\xE1o n\xF3i v\u1EC1: ${title} (${period}).`,
  youCouldAsk: (items) => `B\u1EA1n c\xF3 th\u1EC3 h\u1ECFi v\u1EC1: ${items}.`,
  sessionLine: (title, period) => `Phi\xEAn l\xE0m vi\u1EC7c: ${title} (${period}).`,
  periodNote: (given) => `L\u01B0u \xFD: b\xE1o c\xE1o n\xEAu s\u1ED1 li\u1EC7u n\xE0y cho ${given}, kh\xF4ng t\xE1ch ri\xEAng cho k\u1EF3 b\u1EA1n h\u1ECFi.`,
  estimate: "\u01B0\u1EDBc",
  target: "m\u1EE5c ti\xEAu",
  sharePrefix: "t\u1EF7 tr\u1ECDng",
  roles: (name, roles) => `${name}: ${roles}.`,
  unnamed: "(kh\xF4ng n\xEAu t\xEAn)",
  participantsTitle: "Th\xE0nh ph\u1EA7n tham d\u1EF1 \u0111\u01B0\u1EE3c n\xEAu trong b\xE1o c\xE1o:",
  summaryTitle: (title, period) => `T\xF3m t\u1EAFt: ${title} (${period}).`,
  summaryFigures: "S\u1ED1 li\u1EC7u ch\xEDnh:",
  summaryPetitions: "Ki\u1EBFn ngh\u1ECB:",
  summaryConclusions: "K\u1EBFt lu\u1EADn c\u1EE7a \u0111o\xE0n c\xF4ng t\xE1c:",
  aboutLine: (title, period, head) => `B\xE1o c\xE1o v\u1EC1 bu\u1ED5i l\xE0m vi\u1EC7c: ${title}, k\u1EF3 b\xE1o c\xE1o ${period}; tr\u01B0\u1EDFng \u0111o\xE0n: ${head}.`,
  greeting: 'Xin ch\xE0o! T\xF4i tr\u1EA3 l\u1EDDi c\xE2u h\u1ECFi v\u1EC1 c\xE1c bu\u1ED5i l\xE0m vi\u1EC7c c\u1EE7a \u0111o\xE0n c\xF4ng t\xE1c v\u1EDBi \u0111\u1ECBa ph\u01B0\u01A1ng: s\u1ED1 li\u1EC7u (k\xE8m k\u1EF3 v\xE0 c\xE2u tr\xEDch ngu\u1ED3n), ki\u1EBFn ngh\u1ECB, k\u1EBFt lu\u1EADn. V\xED d\u1EE5: "GRDP t\u0103ng bao nhi\xEAu?".',
  thanks: "R\u1EA5t vui \u0111\u01B0\u1EE3c gi\xFAp b\u1EA1n. C\u1EE9 h\u1ECFi ti\u1EBFp n\u1EBFu c\u1EA7n s\u1ED1 li\u1EC7u hay k\u1EBFt lu\u1EADn n\xE0o kh\xE1c.",
  smallTalk: 'T\xF4i ch\u1EC9 tr\u1EA3 l\u1EDDi v\u1EC1 n\u1ED9i dung c\xE1c b\xE1o c\xE1o bu\u1ED5i l\xE0m vi\u1EC7c: s\u1ED1 li\u1EC7u, ki\u1EBFn ngh\u1ECB, k\u1EBFt lu\u1EADn, th\xE0nh ph\u1EA7n tham d\u1EF1. B\u1EA1n th\u1EED h\u1ECFi: "T\xF3m t\u1EAFt b\xE1o c\xE1o".',
  tooLong: 'C\xE2u h\u1ECFi qu\xE1 d\xE0i: t\xF4i ch\u1EC9 \u0111\u1ECDc ph\u1EA7n \u0111\u1EA7u. B\u1EA1n h\xE3y h\u1ECFi ng\u1EAFn g\u1ECDn m\u1ED9t \xFD, v\xED d\u1EE5: "Thu ng\xE2n s\xE1ch n\u0103m 2024 bao nhi\xEAu?".',
  unknownWords: 'Xin l\u1ED7i, t\xF4i kh\xF4ng hi\u1EC3u tin nh\u1EAFn n\xE0y: ph\u1EA7n l\u1EDBn c\xE1c t\u1EEB trong \u0111\xF3 kh\xF4ng c\xF3 trong b\xE1o c\xE1o n\xE0o. B\u1EA1n h\xE3y h\u1ECFi ng\u1EAFn g\u1ECDn m\u1ED9t \xFD, v\xED d\u1EE5: "GRDP t\u0103ng bao nhi\xEAu?".',
  empty: "B\u1EA1n ch\u01B0a nh\u1EADp c\xE2u h\u1ECFi.",
  noSessions: "Ch\u01B0a c\xF3 b\xE1o c\xE1o n\xE0o \u0111\u01B0\u1EE3c n\u1EA1p.",
  said: (who) => `Ph\xE1t bi\u1EC3u c\u1EE7a ${who} trong b\xE1o c\xE1o:`,
  askAbout: (what) => `${what} l\xE0 bao nhi\xEAu?`,
  reportSays: "B\xE1o c\xE1o vi\u1EBFt:",
  indicatorsTitle: "C\xE1c ch\u1EC9 s\u1ED1 c\u1EE7a bu\u1ED5i l\xE0m vi\u1EC7c",
  noIndicator: (typed) => `Kh\xF4ng c\xF3 ch\u1EC9 s\u1ED1 "${typed}" trong b\xE1o c\xE1o. G\xF5 /chiso \u0111\u1EC3 xem danh s\xE1ch.`,
  closestIndicators: "C\xE1c ch\u1EC9 s\u1ED1 g\u1EA7n nh\u1EA5t:",
  indicatorNotForPeriod: (name, period) => `B\xE1o c\xE1o kh\xF4ng n\xEAu ${name} cho ${period}.`,
  indicatorCommand: "/chiso",
  conclusionsTitle: (head) => `K\u1EBFt lu\u1EADn c\u1EE7a Tr\u01B0\u1EDFng \u0111o\xE0n (${head})`,
  noConclusions: "B\xE1o c\xE1o kh\xF4ng n\xEAu k\u1EBFt lu\u1EADn c\u1EE7a \u0111o\xE0n c\xF4ng t\xE1c.",
  moreConclusions: (n) => `\u2026 v\xE0 ${n} \xFD kh\xE1c (h\u1ECFi: "k\u1EBFt lu\u1EADn v\u1EC1 \u2026" \u0111\u1EC3 xem chi ti\u1EBFt).`,
  sourceFooter: (title) => `Ngu\u1ED3n: ${title}`
};
var en = {
  notInReport: (what) => `The report does not mention ${what}.`,
  notInReportGeneric: "The report does not say anything about that.",
  notForPeriod: (what, asked, given) => `The report does not give ${what} for ${asked}; it gives this figure for ${given}.`,
  noSuchKind: (what) => `The report does not give that kind of figure for ${what}.`,
  noOffice: (office) => `The report does not say who holds the office of ${office}.`,
  otherProvince: (province, session) => `The report is about ${session}; it does not cover ${province}.`,
  scope: (title, period) => `The report covers: ${title} (${period}).`,
  youCouldAsk: (items) => `You could ask about: ${items}.`,
  sessionLine: (title, period) => `Session: ${title} (${period}).`,
  periodNote: (given) => `Note: the report gives this figure for ${given}; it does not give it separately for the period you asked about.`,
  estimate: "estimate",
  target: "target",
  sharePrefix: "share",
  roles: (name, roles) => `${name}: ${roles}.`,
  unnamed: "(not named)",
  participantsTitle: "Participants named in the report:",
  summaryTitle: (title, period) => `Summary: ${title} (${period}).`,
  summaryFigures: "Key figures:",
  summaryPetitions: "Petitions:",
  summaryConclusions: "The delegation's conclusions:",
  aboutLine: (title, period, head) => `The report is about: ${title}, covering ${period}; head of the delegation: ${head}.`,
  greeting: 'Hello! I answer questions about working sessions of Government delegations with provinces: figures (with their period and source sentence), petitions and conclusions. For example: "What was the GRDP growth?".',
  thanks: "Glad to help. Ask again whenever you need another figure or conclusion.",
  smallTalk: 'I only answer about the working-session reports: figures, petitions, conclusions, participants. Try: "Summarise the report".',
  tooLong: 'Your question is too long: I only read its beginning. Please ask one short question, e.g. "What was the budget revenue in 2024?".',
  unknownWords: 'Sorry, I cannot make sense of this message: most of its words are in none of the reports. Please ask one short question, e.g. "How much did GRDP grow?".',
  empty: "You have not typed a question.",
  noSessions: "No report has been loaded yet.",
  said: (who) => `What ${who} said, in the report:`,
  askAbout: (what) => `What was the ${what}?`,
  reportSays: "The report says:",
  indicatorsTitle: "Indicators of the session",
  noIndicator: (typed) => `The report has no indicator "${typed}". Type /indicator to see them all.`,
  closestIndicators: "Closest indicators:",
  indicatorNotForPeriod: (name, period) => `The report does not give ${name} for ${period}.`,
  indicatorCommand: "/indicator",
  conclusionsTitle: (head) => `Conclusions of the head of the delegation (${head})`,
  noConclusions: "The report gives no conclusions of the delegation.",
  moreConclusions: (n) => `\u2026 and ${n} more (ask "conclusions about \u2026" for details).`,
  sourceFooter: (title) => `Source: ${title}`
};
function messages(lang) {
  return lang === "en" ? en : vi;
}

// src/text/periods.ts
var NUM_WORDS = {
  mot: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  tu: 4,
  nam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
  muoi: 10,
  "muoi mot": 11,
  "muoi hai": 12,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11
};
var ROMAN = { i: 1, ii: 2, iii: 3, iv: 4, "1": 1, "2": 2, "3": 3, "4": 4, mot: 1, hai: 2, ba: 3, bon: 4, tu: 4, first: 1, second: 2, third: 3, fourth: 4 };
var MONTHS_EN = { january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12 };
var count = (s) => s === void 0 ? void 0 : /^\d+$/.test(s) ? Number(s) : NUM_WORDS[s];
var YEAR = "((?:19|20)\\d{2})";
var B = "(?<![\\p{L}\\d])";
var E = "(?![\\p{L}\\d])";
var NUMW = "(\\d{1,2}|muoi mot|muoi hai|mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi|one|two|three|four|five|six|seven|eight|nine|ten|eleven)";
var MONTH_EN = "(january|february|march|april|may|june|july|august|september|october|november|december)";
var y = (s) => s ? Number(s) : 0;
var RULES = [
  // dates: "tính đến ngày 31/01/2025" is a period (as of); any other d/m/y is an event date.
  {
    re: new RegExp(`${B}(?:tinh |cho )?den (?:het )?ngay (\\d{1,2}) ?\\/ ?(\\d{1,2}) ?\\/ ?${YEAR}${E}`, "gu"),
    make: (m) => ({ atoms: [`to-d${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`] })
  },
  { re: new RegExp(`${B}(?:ngay )?(\\d{1,2}) ?\\/ ?(\\d{1,2}) ?\\/ ?${YEAR}${E}`, "gu"), make: () => ({ atoms: [], role: "date" }) },
  // spans of years: "giai đoạn 2021-2025", "2021 – 2025"
  { re: new RegExp(`${B}(?:(?:giai doan|thoi ki|nhiem ki|tu nam|tu) )?${YEAR} ?(?:-|\u2013|\u2014|den|to) ?(?:nam )?${YEAR}${E}`, "gu"), make: (m) => ({ atoms: [`r${m[1]}-${m[2]}`] }) },
  // "đến hết năm 2024", "đến cuối năm 2024", "by the end of 2024"
  { re: new RegExp(`${B}(?:tinh )?den (?:het |cuoi )?nam ${YEAR}${E}`, "gu"), make: (m) => ({ atoms: [`to-y${m[1]}`] }) },
  { re: new RegExp(`${B}(?:by |as of )?(?:the )?end of ${YEAR}${E}`, "gu"), make: (m) => ({ atoms: [`to-y${m[1]}`] }) },
  // "4 tháng đầu năm 2023", "9 tháng năm 2022", "6 tháng cuối năm", "first four months of 2023"
  {
    re: new RegExp(`${B}${NUMW} thang (dau |cuoi )?(?:nam ?)?(?:${YEAR})?${E}(?! ?\\/)`, "gu"),
    make: (m) => {
      const n = count(m[1]);
      if (!n || n > 12) return null;
      return { atoms: [`${m[2] === "cuoi " ? "l" : "m"}${n}-${y(m[3])}`] };
    }
  },
  {
    re: new RegExp(`${B}(?:the )?(first|last) ${NUMW} months(?: of(?: the year)?)?(?: ${YEAR})?${E}`, "gu"),
    make: (m) => {
      const n = count(m[2]);
      return n ? { atoms: [`${m[1] === "last" ? "l" : "m"}${n}-${y(m[3])}`] } : null;
    }
  },
  { re: new RegExp(`${B}(?:the )?${NUMW} months(?: of)?(?: ${YEAR})?${E}`, "gu"), make: (m) => count(m[1]) ? { atoms: [`m${count(m[1])}-${y(m[2])}`] } : null },
  // "quý I/2023", "quý 1 năm 2023", "quý IV", "first quarter of 2023"
  {
    re: new RegExp(`${B}qu[yi] (iv|iii|ii|i|[1-4]|mot|hai|ba|bon|tu)${E}(?: ?\\/ ?${YEAR}| (?:nam )?${YEAR})?${E}`, "gu"),
    make: (m) => ({ atoms: [`q${ROMAN[m[1]]}-${y(m[2] ?? m[3])}`] })
  },
  { re: new RegExp(`${B}q([1-4])(?: ?\\/ ?| nam | )?(?:${YEAR})?${E}`, "gu"), make: (m) => ({ atoms: [`q${m[1]}-${y(m[2])}`] }) },
  { re: new RegExp(`${B}(?:the )?(first|second|third|fourth) quarter(?: of)?(?: ${YEAR})?${E}`, "gu"), make: (m) => ({ atoms: [`q${ROMAN[m[1]]}-${y(m[2])}`] }) },
  // "đến hết tháng 4/2023", "tính đến tháng 9/2022", then a single month "tháng 01/2025"
  {
    re: new RegExp(`${B}(?:tinh |cho )?den (?:het |cuoi )?thang (\\d{1,2})(?: ?\\/ ?${YEAR}| nam ${YEAR})?${E}`, "gu"),
    make: (m) => Number(m[1]) >= 1 && Number(m[1]) <= 12 ? { atoms: [`to-m${Number(m[1])}-${y(m[2] ?? m[3])}`] } : null
  },
  {
    re: new RegExp(`${B}(?:(?:het|cuoi) )?thang (\\d{1,2})(?: ?\\/ ?${YEAR}| nam ${YEAR})?${E}`, "gu"),
    make: (m) => Number(m[1]) >= 1 && Number(m[1]) <= 12 ? { atoms: [`mo${Number(m[1])}-${y(m[2] ?? m[3])}`] } : null
  },
  { re: new RegExp(`${B}(?:(?:by|as of|until|at) )?(?:the )?end of ${MONTH_EN}(?: ${YEAR})?${E}`, "gu"), make: (m) => ({ atoms: [`to-m${MONTHS_EN[m[1]]}-${y(m[2])}`] }) },
  { re: new RegExp(`${B}(?:in )?${MONTH_EN} ${YEAR}${E}`, "gu"), make: (m) => ({ atoms: [`mo${MONTHS_EN[m[1]]}-${m[2]}`] }) },
  // a year: "năm 2022", "cả năm 2022", "2022"
  { re: new RegExp(`${B}(?:(?:ca |trong |suot )?nam |in |for |of )?${YEAR}${E}(?! ?\\/)`, "gu"), make: (m) => ({ atoms: [`y${m[1]}`] }) },
  // a year left open: "cả năm", "trong năm", "the whole year"
  { re: new RegExp(`${B}(?:ca nam|trong nam|the whole year|full year|whole year)${E}(?! \\d)`, "gu"), make: () => ({ atoms: ["y0"] }) },
  // "đến nay", "hiện nay", "lũy kế đến nay"
  { re: new RegExp(`${B}(?:luy ke )?(?:den nay|hien nay|den thoi diem nay|to date|so far)${E}`, "gu"), make: () => ({ atoms: ["now"] }) }
];
var COMPARISON_BEFORE = /(?:so (?:voi )?|(?:nhieu|cao|thap|it|lon|nho|hon|kem|vuot) hon |gap (?:\S+ )?lan |compared (?:with|to) |than |over |versus |vs )(?:(?:cung|the same) (?:ki|period)(?: (?:of|in))? )?(?:nam |ki |quy |thang )?$/;
function findPeriods(text) {
  const folded = foldSameLength(text);
  const taken = [];
  const free = (s, e) => taken.every((t) => e <= t.start || s >= t.end);
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (const m of folded.matchAll(rule.re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!free(start, end)) continue;
      const made = rule.make(m);
      if (!made) continue;
      let role = made.role ?? "period";
      if (role === "period" && COMPARISON_BEFORE.test(folded.slice(Math.max(0, start - 30), start))) role = "comparison";
      taken.push({ start, end, atoms: made.atoms, role, text: text.slice(start, end) });
    }
  }
  taken.sort((a, b) => a.start - b.start);
  return joinCompounds(text, folded, taken);
}
function joinCompounds(text, folded, spans) {
  const out = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    if (prev && prev.role === "period" && s.role === "period" && /^ *(?:va|and|,) *$/.test(folded.slice(prev.end, s.start)) && !s.atoms.includes("now") && !prev.atoms.includes("now")) {
      prev.atoms = [...prev.atoms, ...s.atoms];
      prev.end = s.end;
      prev.text = text.slice(prev.start, prev.end);
    } else out.push({ ...s });
  }
  return out;
}
function yearOf(atom) {
  if (atom === "now") return void 0;
  if (atom.startsWith("r")) return Number(atom.slice(1, 5));
  if (atom.startsWith("to-d")) return Number(atom.slice(4, 8));
  const m = /(\d{4})$/.exec(atom);
  return m ? Number(m[1]) : void 0;
}
function yearsOf(atoms) {
  const out = /* @__PURE__ */ new Set();
  for (const a of atoms) {
    if (a.startsWith("r")) {
      for (let yy = Number(a.slice(1, 5)); yy <= Number(a.slice(6, 10)); yy++) out.add(yy);
    } else {
      const yy = yearOf(a);
      if (yy) out.add(yy);
    }
  }
  return [...out].sort();
}
function isOpen(atom) {
  return /-0$/.test(atom) || atom === "y0";
}
function settleYear(atoms, year) {
  return atoms.map((a) => a === "y0" ? `y${year}` : a.replace(/-0$/, `-${year}`));
}
var ROMAN_OUT = ["", "I", "II", "III", "IV"];
function periodLabel(atoms, lang = "vi") {
  return atoms.map((a) => atomLabel(a, lang)).join(lang === "en" ? " and " : " v\xE0 ");
}
function atomLabel(a, lang) {
  const en2 = lang === "en";
  let m;
  if (a === "now") return en2 ? "to date" : "\u0111\u1EBFn nay";
  if (m = /^y(\d+)$/.exec(a)) return en2 ? m[1] : `n\u0103m ${m[1]}`;
  if (m = /^m(\d+)-(\d+)$/.exec(a)) return en2 ? `the first ${m[1]} months of ${m[2]}` : `${m[1]} th\xE1ng \u0111\u1EA7u n\u0103m ${m[2]}`;
  if (m = /^l(\d+)-(\d+)$/.exec(a)) return en2 ? `the last ${m[1]} months of ${m[2]}` : `${m[1]} th\xE1ng cu\u1ED1i n\u0103m ${m[2]}`;
  if (m = /^q(\d)-(\d+)$/.exec(a)) return en2 ? `Q${m[1]} ${m[2]}` : `qu\xFD ${ROMAN_OUT[Number(m[1])]}/${m[2]}`;
  if (m = /^mo(\d+)-(\d+)$/.exec(a)) return en2 ? `${Object.keys(MONTHS_EN)[Number(m[1]) - 1].replace(/^./, (c) => c.toUpperCase())} ${m[2]}` : `th\xE1ng ${m[1].padStart(2, "0")}/${m[2]}`;
  if (m = /^to-m(\d+)-(\d+)$/.exec(a)) return en2 ? `to the end of ${Object.keys(MONTHS_EN)[Number(m[1]) - 1].replace(/^./, (c) => c.toUpperCase())} ${m[2]}` : `\u0111\u1EBFn h\u1EBFt th\xE1ng ${m[1]}/${m[2]}`;
  if (m = /^to-d(\d+)-(\d+)-(\d+)$/.exec(a)) return en2 ? `as of ${m[3]}/${m[2]}/${m[1]}` : `t\xEDnh \u0111\u1EBFn ng\xE0y ${m[3]}/${m[2]}/${m[1]}`;
  if (m = /^to-y(\d+)$/.exec(a)) return en2 ? `to the end of ${m[1]}` : `\u0111\u1EBFn h\u1EBFt n\u0103m ${m[1]}`;
  if (m = /^r(\d+)-(\d+)$/.exec(a)) return en2 ? `${m[1]}\u2013${m[2]}` : `giai \u0111o\u1EA1n ${m[1]}\u2013${m[2]}`;
  return a;
}
function interval(a) {
  let m;
  const Y = (s) => Number(s) * 12;
  if (m = /^y(\d+)$/.exec(a)) return { from: Y(m[1]), to: Y(m[1]) + 11 };
  if (m = /^m(\d+)-(\d+)$/.exec(a)) return { from: Y(m[2]), to: Y(m[2]) + Number(m[1]) - 1 };
  if (m = /^l(\d+)-(\d+)$/.exec(a)) return { from: Y(m[2]) + 12 - Number(m[1]), to: Y(m[2]) + 11 };
  if (m = /^q(\d)-(\d+)$/.exec(a)) return { from: Y(m[2]) + 3 * (Number(m[1]) - 1), to: Y(m[2]) + 3 * Number(m[1]) - 1 };
  if (m = /^mo(\d+)-(\d+)$/.exec(a)) return { from: Y(m[2]) + Number(m[1]) - 1, to: Y(m[2]) + Number(m[1]) - 1 };
  if (m = /^to-m(\d+)-(\d+)$/.exec(a)) return { from: Y(m[2]), to: Y(m[2]) + Number(m[1]) - 1 };
  if (m = /^to-d(\d+)-(\d+)-(\d+)$/.exec(a)) return { from: Y(m[1]), to: Y(m[1]) + Number(m[2]) - 1 };
  if (m = /^to-y(\d+)$/.exec(a)) return { from: Y(m[1]), to: Y(m[1]) + 11 };
  if (m = /^r(\d+)-(\d+)$/.exec(a)) return { from: Y(m[1]), to: Y(m[2]) + 11 };
  return null;
}
function periodFit(asked, figure, latestYear) {
  if (!asked.length) return 0;
  if (!figure.length) return null;
  if (asked.length === figure.length && asked.every((a) => figure.includes(a))) return 3;
  if (asked.every((a) => figure.includes(a))) return 2;
  let worst = 3;
  for (const a of asked) {
    const ia = interval(a);
    let best = null;
    for (const f of figure) {
      let fit = null;
      if (f === a) fit = 3;
      else if (f === "now") fit = latestYear !== void 0 && ia && Math.floor(ia.to / 12) >= latestYear ? 1 : null;
      else {
        const iff = interval(f);
        if (ia && iff) {
          if (ia.from === iff.from && ia.to === iff.to) fit = 2.5;
          else if (ia.from <= iff.from && iff.to <= ia.to) fit = 1.5;
        }
      }
      if (fit !== null && (best === null || fit > best)) best = fit;
    }
    if (best === null) return null;
    worst = Math.min(worst, best);
  }
  return worst;
}
function periodWithin(a, b) {
  if (!a.length || !b.length) return false;
  return a.every((x) => {
    const ix = interval(x);
    return b.some((z2) => {
      if (z2 === x) return true;
      const iz = interval(z2);
      return !!ix && !!iz && iz.from <= ix.from && ix.to <= iz.to;
    });
  });
}

// src/text/genre.ts
var WordList = class {
  toned;
  folded;
  constructor(list) {
    const raw = list.split(/\s+/).filter(Boolean);
    this.toned = new Set(raw.map(toneKey));
    this.folded = new Set(raw.map(foldSyllable));
  }
  /** `typedWithTones`: the text the token comes from carries diacritics, so a bare "dung" means "dung", not "đứng". */
  has(token, typedWithTones = token.toned !== token.folded) {
    return typedWithTones ? this.toned.has(token.toned) : this.folded.has(token.folded);
  }
};
var FUNCTION_WORDS = new WordList(`
  a \xE0 \xE1 \u1EA1 \u1EA3 ah \u01A1i nh\xE9 nhe nha nh\xE1 h\u1EA3 h\u1EED v\u1EADy th\u1EBF th\xEC l\xE0 c\u1EE7a v\xE0 v\u1EDBi cho v\u1EC1 \u1EDF t\u1EA1i trong nh\u1EEFng c\xE1c m\u1ECDi m\u1ED9t n\xE0y \u0111\xF3 \u0111\u1EA5y kia
  \u0111\xE3 \u0111ang s\u1EBD \u0111\u01B0\u1EE3c b\u1ECB c\xF3 kh\xF4ng ch\u01B0a r\u1ED3i hay ho\u1EB7c n\xE0o g\xEC ai \u0111\xE2u sao bao nhi\xEAu m\u1EA5y b\u1EA1n m\xECnh t\xF4i em anh ch\u1ECB \xF4ng b\xE0 c\xF4
  xin h\u1ECFi bi\u1EBFt vui l\xF2ng l\xE0m \u01A1n gi\xFAp nh\u01B0 ra m\u1EE9c con c\xF2n s\u1ED1 t\u1ED5ng c\u1EE5 th\u1EC3 hi\u1EC7n nay \u0111\u1EBFn h\u1EBFt t\xEDnh tr\xEAn to\xE0n kho\u1EA3ng t\u1EA7m ch\u1EEBng
  l\u1EAFm r\u1EA5t c\u1EA3 n\u1EEFa lu\xF4n v\u1EEBa qua khi n\xF3i mu\u1ED1n xem c\u1EA7n \u0111i\u1EC1u c\xE1i vi\u1EC7c t\xEAn g\u1ECDi h\u1ECD \u0111i l\u1EA1i v\xE0o l\xEAn xu\u1ED1ng th\xF4i ch\u1EE9 m\xE0 n\xEAn v\xEC b\u1EDFi
  n\u1EBFu c\u0169ng \u0111\u1EC1u t\u1EEB theo \u0111\u1ED1i so thu\u1ED9c nh\u1EB1m \u0111\u1EC3 do tr\u01B0\u1EDBc sau m\u1ED7i t\u1EEBng ri\xEAng chung th\xEAm v\u1EABn nh\u1EA5t nhi\u1EC1u \xEDt l\xFAc nay \u0111\xE2y k\u1EC3
  ok okay \u1EEB \u1EDD d\u1EA1 v\xE2ng uh hmm ngo\xE0i tr\u1EEB sang
  the a an of in on at to for by with from and or is are was were be been being what which who whom whose how many much
  did does do has have had will would can could should please tell me us i you we they it its this that these those
  there their about over during as than then so not no yes any some all each per
`);
var VALUE_VERBS = new WordList(`\u0111\u1EA1t t\u0103ng gi\u1EA3m chi\u1EBFm b\u1EB1ng t\u01B0\u01A1ng \u0111\u01B0\u01A1ng \u01B0\u1EDBc d\u1EF1 ki\u1EBFn l\xEAn t\u1EDBi xu\u1ED1ng c\xF2n v\u01B0\u1EE3t cao th\u1EA5p h\u01A1n l\xE0 \u0111\u01B0\u1EE3c c\xF3 g\u1ED3m v\u1EDBi trong \u0111\xF3 kho\u1EA3ng g\u1EA7n \xEDt nh\u1EA5t t\u1ED1i thi\u1EC3u tr\xEAn d\u01B0\u1EDBi
  x\u1EBFp \u0111\u1EE9ng h\u1EA1ng`);
var BASE_NOUNS = new WordList(`k\u1EBF ho\u1EA1ch d\u1EF1 to\xE1n c\xF9ng k\u1EF3 n\u0103m tr\u01B0\u1EDBc tr\u01B0\u1EDBc m\u1EE5c ti\xEAu`);

// src/text/vietnam.ts
var PROVINCES = [
  "An Giang",
  "B\xE0 R\u1ECBa - V\u0169ng T\xE0u",
  "B\u1EA1c Li\xEAu",
  "B\u1EAFc Giang",
  "B\u1EAFc K\u1EA1n",
  "B\u1EAFc Ninh",
  "B\u1EBFn Tre",
  "B\xECnh D\u01B0\u01A1ng",
  "B\xECnh \u0110\u1ECBnh",
  "B\xECnh Ph\u01B0\u1EDBc",
  "B\xECnh Thu\u1EADn",
  "C\xE0 Mau",
  "Cao B\u1EB1ng",
  "C\u1EA7n Th\u01A1",
  "\u0110\xE0 N\u1EB5ng",
  "\u0110\u1EAFk L\u1EAFk",
  "\u0110\u1EAFk N\xF4ng",
  "\u0110i\u1EC7n Bi\xEAn",
  "\u0110\u1ED3ng Nai",
  "\u0110\u1ED3ng Th\xE1p",
  "Gia Lai",
  "H\xE0 Giang",
  "H\xE0 Nam",
  "H\xE0 N\u1ED9i",
  "H\xE0 T\u0129nh",
  "H\u1EA3i D\u01B0\u01A1ng",
  "H\u1EA3i Ph\xF2ng",
  "H\u1EADu Giang",
  "Ho\xE0 B\xECnh",
  "H\u01B0ng Y\xEAn",
  "Kh\xE1nh Ho\xE0",
  "Ki\xEAn Giang",
  "Kon Tum",
  "Lai Ch\xE2u",
  "L\u1EA1ng S\u01A1n",
  "L\xE0o Cai",
  "L\xE2m \u0110\u1ED3ng",
  "Long An",
  "Nam \u0110\u1ECBnh",
  "Ngh\u1EC7 An",
  "Ninh B\xECnh",
  "Ninh Thu\u1EADn",
  "Ph\xFA Th\u1ECD",
  "Ph\xFA Y\xEAn",
  "Qu\u1EA3ng B\xECnh",
  "Qu\u1EA3ng Nam",
  "Qu\u1EA3ng Ng\xE3i",
  "Qu\u1EA3ng Ninh",
  "Qu\u1EA3ng Tr\u1ECB",
  "S\xF3c Tr\u0103ng",
  "S\u01A1n La",
  "T\xE2y Ninh",
  "Th\xE1i B\xECnh",
  "Th\xE1i Nguy\xEAn",
  "Thanh Ho\xE1",
  "Th\u1EEBa Thi\xEAn Hu\u1EBF",
  "Hu\u1EBF",
  "Ti\u1EC1n Giang",
  "Th\xE0nh ph\u1ED1 H\u1ED3 Ch\xED Minh",
  "TP H\u1ED3 Ch\xED Minh",
  "TP.HCM",
  "TPHCM",
  "TP HCM",
  "H\u1ED3 Ch\xED Minh",
  "Tr\xE0 Vinh",
  "Tuy\xEAn Quang",
  "V\u0129nh Long",
  "V\u0129nh Ph\xFAc",
  "Y\xEAn B\xE1i"
];

// src/engine/thesaurus.ts
var SYNONYMS = [
  ["t\u1ED5ng s\u1EA3n ph\u1EA9m tr\xEAn \u0111\u1ECBa b\xE0n", "grdp", "gdp", "t\u1ED5ng s\u1EA3n ph\u1EA9m", "gross regional domestic product", "gross domestic product", "t\u0103ng tr\u01B0\u1EDFng kinh t\u1EBF", "t\u1ED1c \u0111\u1ED9 t\u0103ng tr\u01B0\u1EDFng kinh t\u1EBF", "kinh t\u1EBF t\u0103ng tr\u01B0\u1EDFng", "economic growth", "growth of the economy", "the economy grow", "economy grew"],
  ["n\u1EC1n kinh t\u1EBF", "kinh t\u1EBF", "quy m\xF4 n\u1EC1n kinh t\u1EBF", "quy m\xF4 kinh t\u1EBF", "economy", "the economy", "size of the economy"],
  ["b\xECnh qu\xE2n \u0111\u1EA7u ng\u01B0\u1EDDi", "\u0111\u1EA7u ng\u01B0\u1EDDi", "per capita", "per head", "m\u1ED7i ng\u01B0\u1EDDi d\xE2n"],
  ["thu ng\xE2n s\xE1ch", "thu ng\xE2n s\xE1ch nh\xE0 n\u01B0\u1EDBc", "thu nsnn", "thu ng\xE2n s\xE1ch nh\xE0 n\u01B0\u1EDBc tr\xEAn \u0111\u1ECBa b\xE0n", "t\u1ED5ng thu ng\xE2n s\xE1ch", "t\u1ED5ng thu", "budget revenue", "state budget revenue", "revenue", "revenues", "budget collection"],
  ["chi ng\xE2n s\xE1ch", "chi ng\xE2n s\xE1ch nh\xE0 n\u01B0\u1EDBc", "budget spending", "budget expenditure", "expenditure", "spending"],
  ["thu n\u1ED9i \u0111\u1ECBa", "domestic revenue"],
  ["ng\xE2n s\xE1ch trung \u01B0\u01A1ng", "central budget", "trung \u01B0\u01A1ng"],
  ["ng\xE2n s\xE1ch t\u1EC9nh", "ng\xE2n s\xE1ch \u0111\u1ECBa ph\u01B0\u01A1ng", "provincial budget", "local budget"],
  ["d\u1EF1 to\xE1n", "budget estimate", "estimate", "estimates", "the estimate"],
  ["k\u1EBF ho\u1EA1ch", "plan", "the plan", "planned", "target set"],
  ["\u0111\u1EA7u t\u01B0 tr\u1EF1c ti\u1EBFp n\u01B0\u1EDBc ngo\xE0i", "fdi", "v\u1ED1n fdi", "d\u1EF1 \xE1n fdi", "v\u1ED1n \u0111\u1EA7u t\u01B0 n\u01B0\u1EDBc ngo\xE0i", "\u0111\u1EA7u t\u01B0 n\u01B0\u1EDBc ngo\xE0i", "foreign direct investment", "foreign investment", "foreign-invested"],
  ["\u0111\u1EA7u t\u01B0 trong n\u01B0\u1EDBc", "d\u1EF1 \xE1n trong n\u01B0\u1EDBc", "domestic investment", "domestic projects"],
  ["v\u1ED1n \u0111\u1EA7u t\u01B0 to\xE0n x\xE3 h\u1ED9i", "t\u1ED5ng v\u1ED1n \u0111\u1EA7u t\u01B0 to\xE0n x\xE3 h\u1ED9i", "total social investment", "social investment"],
  ["\u0111\u1EA7u t\u01B0 c\xF4ng", "v\u1ED1n \u0111\u1EA7u t\u01B0 c\xF4ng", "\u0111tc", "public investment", "public capital"],
  ["gi\u1EA3i ng\xE2n", "t\u1EF7 l\u1EC7 gi\u1EA3i ng\xE2n", "disbursement", "disbursed", "disburse", "disbursing"],
  ["v\u1ED1n \u0111\u0103ng k\xFD", "t\u1ED5ng v\u1ED1n \u0111\u0103ng k\xFD", "registered capital", "registered investment"],
  ["c\u1EA5p m\u1EDBi", "c\u1EA5p ph\xE9p m\u1EDBi", "newly licensed", "new licences", "newly granted", "new projects"],
  ["xu\u1EA5t nh\u1EADp kh\u1EA9u", "xu\u1EA5t, nh\u1EADp kh\u1EA9u", "xnk", "xu\u1EA5t kh\u1EA9u v\xE0 nh\u1EADp kh\u1EA9u", "import-export", "import export", "imports and exports", "exports and imports", "foreign trade", "trade turnover"],
  ["xu\u1EA5t kh\u1EA9u", "export", "exports", "exported"],
  ["nh\u1EADp kh\u1EA9u", "import", "imports", "imported"],
  ["kim ng\u1EA1ch", "turnover", "value of trade", "trade value"],
  ["kh\xE1ch du l\u1ECBch", "l\u01B0\u1EE3t kh\xE1ch", "du kh\xE1ch", "kh\xE1ch tham quan", "l\u01B0\u1EE3ng kh\xE1ch", "visitors", "tourists", "tourist arrivals", "tourist", "visits", "arrivals", "guests"],
  ["kh\xE1ch qu\u1ED1c t\u1EBF", "kh\xE1ch n\u01B0\u1EDBc ngo\xE0i", "international visitors", "foreign visitors", "international tourists", "foreign tourists", "international arrivals"],
  ["du l\u1ECBch", "ng\xE0nh du l\u1ECBch", "tourism", "tourism sector"],
  ["doanh thu", "revenue from", "turnover from", "takings", "receipts"],
  ["h\u1ED9 ngh\xE8o", "t\u1EF7 l\u1EC7 h\u1ED9 ngh\xE8o", "ngh\xE8o", "poverty", "poverty rate", "poor households"],
  ["n\xF4ng th\xF4n m\u1EDBi", "ntm", "chu\u1EA9n n\xF4ng th\xF4n m\u1EDBi", "new rural", "new-style rural", "new rural standards", "new rural standard", "new rural development"],
  ["\u0111\u1EA1t chu\u1EA9n", "\u0111\u01B0\u1EE3c c\xF4ng nh\u1EADn", "c\xF4ng nh\u1EADn \u0111\u1EA1t chu\u1EA9n", "met the standard", "met the standards", "meet the standards", "standard", "standards", "recognised", "recognized"],
  ["n\xE2ng cao", "advanced"],
  ["ki\u1EC3u m\u1EABu", "model"],
  ["x\xE3", "commune", "communes"],
  ["huy\u1EC7n", "district", "districts"],
  ["ch\u1EC9 s\u1ED1 s\u1EA3n xu\u1EA5t c\xF4ng nghi\u1EC7p", "iip", "index of industrial production", "industrial production index"],
  ["s\u1EA3n xu\u1EA5t c\xF4ng nghi\u1EC7p", "industrial production", "industrial output", "manufacturing output"],
  ["t\u1ED5ng m\u1EE9c b\xE1n l\u1EBB", "b\xE1n l\u1EBB h\xE0ng h\xF3a", "b\xE1n l\u1EBB", "retail sales", "retail"],
  ["h\u1EE3p t\xE1c x\xE3", "htx", "cooperative", "cooperatives", "co-operatives", "co-ops"],
  ["doanh nghi\u1EC7p", "dn", "enterprise", "enterprises", "business", "businesses", "companies", "firms"],
  ["th\xE0nh l\u1EADp m\u1EDBi", "m\u1EDBi th\xE0nh l\u1EADp", "newly established", "newly founded", "new establishment", "set up"],
  ["d\u1EF1 \xE1n", "project", "projects"],
  ["d\u1EF1 \xE1n tr\u1ECDng \u0111i\u1EC3m", "c\xF4ng tr\xECnh tr\u1ECDng \u0111i\u1EC3m", "key projects", "key project", "major projects", "flagship projects"],
  ["c\u1EA3ng h\xE0ng kh\xF4ng", "s\xE2n bay", "airport"],
  ["\u0111\u01B0\u1EDDng cao t\u1ED1c", "cao t\u1ED1c", "expressway", "expressways", "highway", "motorway"],
  ["h\u1EA1 t\u1EA7ng giao th\xF4ng", "giao th\xF4ng", "transport infrastructure", "transport", "roads"],
  ["k\u1EBFt c\u1EA5u h\u1EA1 t\u1EA7ng", "h\u1EA1 t\u1EA7ng", "infrastructure"],
  ["tr\u1ED3ng r\u1EEBng", "tr\u1ED3ng m\u1EDBi r\u1EEBng", "r\u1EEBng tr\u1ED3ng m\u1EDBi", "tr\u1ED3ng r\u1EEBng m\u1EDBi", "tr\u1ED3ng m\u1EDBi", "afforestation", "reforestation", "forest planting", "planted forest", "trees planted", "planted", "plant", "planting"],
  ["r\u1EEBng", "forest", "forests"],
  ["di\u1EC7n t\xEDch", "area"],
  ["s\u1EA3n ph\u1EA9m ocop", "ocop", "one commune one product"],
  ["th\u01B0\u01A1ng hi\u1EC7u", "branding", "brand", "brands"],
  ["vay \u01B0u \u0111\xE3i", "cho vay \u01B0u \u0111\xE3i", "v\u1ED1n vay \u01B0u \u0111\xE3i", "t\xEDn d\u1EE5ng \u01B0u \u0111\xE3i", "preferential loans", "preferential loan", "concessional loans", "preferential credit"],
  ["chuy\u1EC3n \u0111\u1ED5i s\u1ED1", "digital transformation"],
  ["c\u1EA3i c\xE1ch th\u1EE7 t\u1EE5c h\xE0nh ch\xEDnh", "c\u1EA3i c\xE1ch h\xE0nh ch\xEDnh", "administrative reform", "administrative procedure reform"],
  ["thu h\xFAt \u0111\u1EA7u t\u01B0", "attracting investment", "investment attraction"],
  ["gi\u1EA3i ph\xF3ng m\u1EB7t b\u1EB1ng", "gpmb", "site clearance", "land clearance"],
  ["quy ho\u1EA1ch", "planning", "master plan"],
  ["\u0111\u1EA5t \u0111ai", "land"],
  ["lao \u0111\u1ED9ng", "vi\u1EC7c l\xE0m", "labour", "labor", "jobs", "employment", "workers"],
  ["d\xE2n s\u1ED1", "population", "inhabitants"],
  ["thu nh\u1EADp", "income"],
  ["c\u01A1 c\u1EA5u kinh t\u1EBF", "economic structure", "structure of the economy"],
  ["c\xF4ng nghi\u1EC7p x\xE2y d\u1EF1ng", "c\xF4ng nghi\u1EC7p - x\xE2y d\u1EF1ng", "c\xF4ng nghi\u1EC7p v\xE0 x\xE2y d\u1EF1ng", "cnxd", "industry and construction", "industry", "industrial sector"],
  ["n\xF4ng l\xE2m th\u1EE7y s\u1EA3n", "n\xF4ng, l\xE2m, thu\u1EF7 s\u1EA3n", "n\xF4ng, l\xE2m, th\u1EE7y s\u1EA3n", "n\xF4ng l\xE2m ng\u01B0 nghi\u1EC7p", "n\xF4ng, l\xE2m nghi\u1EC7p", "n\xF4ng l\xE2m nghi\u1EC7p", "n\xF4ng nghi\u1EC7p", "agriculture", "agricultural", "farming", "agriculture, forestry and fisheries"],
  ["d\u1ECBch v\u1EE5", "dv", "services", "service sector"],
  ["thu\u1EBF s\u1EA3n ph\u1EA9m tr\u1EEB tr\u1EE3 c\u1EA5p s\u1EA3n ph\u1EA9m", "thu\u1EBF s\u1EA3n ph\u1EA9m", "product taxes", "taxes less subsidies"],
  ["ki\u1EBFn ngh\u1ECB", "kn", "\u0111\u1EC1 xu\u1EA5t", "petition", "petitions", "proposals", "recommendations", "requests"],
  ["t\u1ED3n \u0111\u1ECDng", "c\xF2n t\u1ED3n \u0111\u1ECDng", "c\u0169", "k\xE9o d\xE0i", "nhi\u1EC1u n\u0103m", "l\xE2u n\u0103m", "ch\u01B0a \u0111\u01B0\u1EE3c gi\u1EA3i quy\u1EBFt", "ch\u01B0a gi\u1EA3i quy\u1EBFt", "ch\u01B0a \u0111\u01B0\u1EE3c x\u1EED l\xFD", "long-standing", "long standing", "outstanding", "unresolved", "old"],
  ["kh\xF3 kh\u0103n", "v\u01B0\u1EDBng m\u1EAFc", "h\u1EA1n ch\u1EBF", "t\u1ED3n t\u1EA1i", "b\u1EA5t c\u1EADp", "th\xE1ch th\u1EE9c", "\u0111i\u1EC3m ngh\u1EBDn", "y\u1EBFu k\xE9m", "difficulties", "difficulty", "challenges", "obstacles", "problems", "bottlenecks", "bottleneck", "weaknesses", "limitations", "shortcomings"],
  ["nhi\u1EC7m v\u1EE5", "gi\u1EA3i ph\xE1p", "tasks", "task", "next steps", "solutions"],
  ["\u0111\xE1nh gi\xE1 cao", "bi\u1EC3u d\u01B0\u01A1ng", "khen ng\u1EE3i", "ghi nh\u1EADn", "khen", "praised", "praise", "commended", "appreciated", "applauded"],
  ["ch\u1EC9 ti\xEAu", "targets", "indicators", "criteria"],
  ["m\u1EE5c ti\xEAu", "ph\u1EA5n \u0111\u1EA5u", "target", "goal", "aim"],
  ["t\u1EF7 tr\u1ECDng", "chi\u1EBFm", "share", "proportion", "accounted for", "account for", "accounts for"],
  ["ho\xE0n th\xE0nh", "\u0111\u1EA1t", "completed", "achieved", "met", "fulfilled", "reached"],
  ["v\u01B0\u1EE3t k\u1EBF ho\u1EA1ch", "v\u01B0\u1EE3t", "exceeded", "exceeding", "surpassed", "above plan"],
  ["t\u0103ng tr\u01B0\u1EDFng", "t\u1ED1c \u0111\u1ED9 t\u0103ng tr\u01B0\u1EDFng", "t\u1ED1c \u0111\u1ED9 t\u0103ng", "t\u0103ng", "m\u1EE9c t\u0103ng", "growth", "growth rate", "grow", "grew", "increase", "increased", "rise", "rose", "up"],
  ["gi\u1EA3m", "decrease", "decreased", "decline", "declined", "fell", "fall", "drop", "dropped", "down"],
  ["so v\u1EDBi c\xF9ng k\u1EF3", "c\xF9ng k\u1EF3", "year on year", "year-on-year", "same period"],
  ["quy m\xF4", "size", "scale"],
  ["t\xECnh h\xECnh", "di\u1EC5n bi\u1EBFn", "k\u1EBFt qu\u1EA3", "situation", "performance", "results"],
  ["bu\u1ED5i l\xE0m vi\u1EC7c", "t\u1EA1i bu\u1ED5i l\xE0m vi\u1EC7c", "theo b\xE1o c\xE1o", "trong b\xE1o c\xE1o", "b\xE1o c\xE1o cho bi\u1EBFt", "cho bi\u1EBFt", "vui l\xF2ng", "l\xE0m \u01A1n", "s\u1ED1 li\u1EC7u", "con s\u1ED1", "th\u1ED1ng k\xEA", "\u0111\u1ECBa ph\u01B0\u01A1ng", "k\u1EBFt qu\u1EA3 \u0111\u1EA1t \u0111\u01B0\u1EE3c", "hi\u1EC7n nay", "hi\u1EC7n t\u1EA1i", "n\u0103m nay", "c\u1EE5 th\u1EC3", "t\u1EA5t c\u1EA3", "to\xE0n b\u1ED9", "t\u1ED5ng c\u1ED9ng", "ph\u1EA7n tr\u0103m", "t\u1EF7 l\u1EC7", "t\u1EC9 l\u1EC7", "t\u1ED5ng", "s\u1ED1", "the report", "in the report", "according to the report"],
  ["\u0111\xF3n", "ti\u1EBFp \u0111\xF3n", "welcomed", "welcome", "received", "receive", "attracted"],
  ["tr\u1EDF th\xE0nh", "tr\u1EDF n\xEAn", "\u0111\xF3ng vai tr\xF2", "vai tr\xF2", "become", "becoming"],
  ["th\u1EE9 m\u1EA5y", "h\u1EA1ng m\u1EA5y", "x\u1EBFp th\u1EE9 m\u1EA5y", "\u0111\u1EE9ng th\u1EE9 m\u1EA5y", "l\u1EDBn th\u1EE9 m\u1EA5y", "cao th\u1EE9 m\u1EA5y", "th\u1EE9", "what rank", "which place"],
  ["mu\u1ED1n", "mong mu\u1ED1n", "k\u1EF3 v\u1ECDng", "want", "wants", "wanted", "expect", "expects"],
  ["\u0111o\u1EA1n", "\u0111o\u1EA1n tuy\u1EBFn", "section", "stretch", "segment"],
  [
    "khu v\u1EF1c",
    "l\u0129nh v\u1EF1c",
    "ng\xE0nh",
    "g\u1EB7p",
    "ph\u1EA3i",
    "c\xF3 ph\u1EA3i",
    "gi\xE1 tr\u1ECB",
    "th\u1EF1c hi\u1EC7n",
    "ho\u1EA1t \u0111\u1ED9ng",
    "c\xF4ng t\xE1c",
    "ch\u01B0\u01A1ng tr\xECnh",
    "vi\u1EC7c",
    "t\xECnh tr\u1EA1ng",
    "hi\u1EC7n tr\u1EA1ng",
    "\u0111\u1EA1t \u0111\u01B0\u1EE3c",
    "g\u1ED3m",
    "bao g\u1ED3m",
    "n\xEAu",
    "ch\u1EE7 y\u1EBFu",
    "g\u1EEDi",
    "g\u1EEDi t\u1EDBi",
    "g\u1EEDi \u0111\u1EBFn",
    "t\u1EDBi",
    "pushing",
    "push",
    "send",
    "sent",
    "face",
    "faces",
    "facing",
    "status",
    "fast",
    "set",
    "achieved",
    "achieve",
    "main",
    "key",
    "sector",
    "area of",
    "field",
    "fields",
    "bring",
    "brought"
  ],
  ["m\u1EDBi", "new", "newly"],
  ["cao nh\u1EA5t", "th\u1EA5p nh\u1EA5t", "nhi\u1EC1u nh\u1EA5t", "l\u1EDBn nh\u1EA5t", "nh\u1ECF nh\u1EA5t", "nhanh nh\u1EA5t", "ch\u1EADm nh\u1EA5t", "so s\xE1nh", "fastest", "highest", "largest", "lowest", "smallest", "slowest", "most", "least", "compare", "comparison", "versus"],
  ["y\xEAu c\u1EA7u", "\u0111\u1EC1 ngh\u1ECB", "ch\u1EC9 \u0111\u1EA1o", "giao", "l\u01B0u \xFD", "asked", "required", "requested", "demanded", "instructed", "urged", "told"],
  ["cao nguy\xEAn", "plateau", "plateaus", "highlands"],
  ["th\u1EDDi h\u1EA1n", "h\u1EA1n ch\xF3t", "khi n\xE0o", "bao gi\u1EDD", "l\xFAc n\xE0o", "th\u1EDDi gian n\xE0o", "deadline", "when", "by when"],
  ["x\u1EBFp th\u1EE9", "x\u1EBFp h\u1EA1ng", "\u0111\u1EE9ng th\u1EE9", "th\u1EE9 h\u1EA1ng", "rank", "ranked", "ranking", "position"],
  ["c\u1EA3 n\u01B0\u1EDBc", "to\xE0n qu\u1ED1c", "nationwide", "the country", "in the country"],
  ["tr\u01B0\u1EDFng \u0111o\xE0n", "tr\u01B0\u1EDFng \u0111o\xE0n c\xF4ng t\xE1c", "d\u1EABn \u0111\u1EA7u \u0111o\xE0n", "ng\u01B0\u1EDDi d\u1EABn \u0111\u1EA7u", "head of the delegation", "delegation head", "led the delegation", "led the working delegation", "led the government working delegation", "headed the delegation", "leader of the delegation", "ch\u1EE7 tr\xEC", "ch\u1EE7 tr\xEC bu\u1ED5i l\xE0m vi\u1EC7c", "chaired", "chaired the meeting"],
  ["ch\u1EE7 t\u1ECBch ubnd t\u1EC9nh", "ch\u1EE7 t\u1ECBch \u1EE7y ban nh\xE2n d\xE2n t\u1EC9nh", "ch\u1EE7 t\u1ECBch u\u1EF7 ban nh\xE2n d\xE2n t\u1EC9nh", "ch\u1EE7 t\u1ECBch ubnd", "ch\u1EE7 t\u1ECBch \u1EE7y ban nh\xE2n d\xE2n", "ch\u1EE7 t\u1ECBch u\u1EF7 ban nh\xE2n d\xE2n", "ch\u1EE7 t\u1ECBch t\u1EC9nh", "chairman of the provincial people's committee", "chairman of the people's committee", "provincial chairman", "chairwoman of the provincial people's committee", "chair of the provincial people's committee"],
  ["ch\u1EE7 t\u1ECBch h\u0111nd t\u1EC9nh", "ch\u1EE7 t\u1ECBch h\u1ED9i \u0111\u1ED3ng nh\xE2n d\xE2n t\u1EC9nh", "ch\u1EE7 t\u1ECBch h\u0111nd", "ch\u1EE7 t\u1ECBch h\u1ED9i \u0111\u1ED3ng nh\xE2n d\xE2n", "chairman of the provincial people's council", "chairman of the people's council", "chair of the people's council"],
  ["b\xED th\u01B0 t\u1EC9nh \u1EE7y", "b\xED th\u01B0 t\u1EC9nh u\u1EF7", "party secretary", "secretary of the provincial party committee", "provincial party secretary", "party chief"],
  ["ph\xF3 b\xED th\u01B0", "deputy secretary", "deputy party secretary"],
  ["th\u1EE7 t\u01B0\u1EDBng", "th\u1EE7 t\u01B0\u1EDBng ch\xEDnh ph\u1EE7", "prime minister", "premier", "pm"],
  ["ph\xF3 th\u1EE7 t\u01B0\u1EDBng", "deputy prime minister"],
  ["b\u1ED9 tr\u01B0\u1EDFng", "minister"],
  ["\u0111o\xE0n c\xF4ng t\xE1c", "\u0111o\xE0n c\xF4ng t\xE1c c\u1EE7a ch\xEDnh ph\u1EE7", "\u0111o\xE0n c\xF4ng t\xE1c ch\xEDnh ph\u1EE7", "delegation", "working delegation", "government delegation", "government working delegation"],
  ["ch\xEDnh ph\u1EE7", "cp", "government", "the government"],
  ["b\u1ED9 k\u1EBF ho\u1EA1ch v\xE0 \u0111\u1EA7u t\u01B0", "b\u1ED9 kh&\u0111t", "b\u1ED9 kh\u0111t", "b\u1ED9 kh \u0111t", "ministry of planning and investment", "mpi"],
  ["b\u1ED9 giao th\xF4ng v\u1EADn t\u1EA3i", "b\u1ED9 gtvt", "ministry of transport"],
  ["b\u1ED9 t\xE0i ch\xEDnh", "ministry of finance"],
  ["b\u1ED9 n\xF4ng nghi\u1EC7p v\xE0 ph\xE1t tri\u1EC3n n\xF4ng th\xF4n", "b\u1ED9 nn&ptnt", "b\u1ED9 n\xF4ng nghi\u1EC7p", "ministry of agriculture and rural development", "ministry of agriculture"],
  ["b\u1ED9 t\xE0i nguy\xEAn v\xE0 m\xF4i tr\u01B0\u1EDDng", "b\u1ED9 tn&mt", "b\u1ED9 t\xE0i nguy\xEAn", "ministry of natural resources and environment"],
  ["b\u1ED9 c\xF4ng th\u01B0\u01A1ng", "ministry of industry and trade"],
  ["b\u1ED9 x\xE2y d\u1EF1ng", "ministry of construction"],
  ["b\u1ED9 y t\u1EBF", "ministry of health", "health ministry"],
  ["b\u1ED9 qu\u1ED1c ph\xF2ng", "ministry of national defence", "ministry of defence", "ministry of defense"],
  ["b\u1ED9 c\xF4ng an", "ministry of public security"],
  ["b\u1ED9 n\u1ED9i v\u1EE5", "ministry of home affairs"],
  ["b\u1ED9 gi\xE1o d\u1EE5c v\xE0 \u0111\xE0o t\u1EA1o", "b\u1ED9 gd&\u0111t", "ministry of education and training", "ministry of education"],
  ["b\u1ED9 lao \u0111\u1ED9ng - th\u01B0\u01A1ng binh v\xE0 x\xE3 h\u1ED9i", "b\u1ED9 l\u0111tbxh", "ministry of labour, invalids and social affairs", "ministry of labour"],
  ["b\u1ED9 v\u0103n h\xF3a, th\u1EC3 thao v\xE0 du l\u1ECBch", "b\u1ED9 vhttdl", "ministry of culture, sports and tourism"],
  ["b\u1ED9 th\xF4ng tin v\xE0 truy\u1EC1n th\xF4ng", "b\u1ED9 tt&tt", "ministry of information and communications"],
  ["b\u1ED9 khoa h\u1ECDc v\xE0 c\xF4ng ngh\u1EC7", "ministry of science and technology"],
  ["b\u1ED9 t\u01B0 ph\xE1p", "ministry of justice"],
  ["b\u1ED9 ngo\u1EA1i giao", "ministry of foreign affairs"],
  ["\u1EE7y ban d\xE2n t\u1ED9c", "u\u1EF7 ban d\xE2n t\u1ED9c", "committee for ethnic minority affairs"],
  ["ng\xE2n h\xE0ng nh\xE0 n\u01B0\u1EDBc", "state bank"],
  ["b\u1ED9, ng\xE0nh", "b\u1ED9 ng\xE0nh", "c\xE1c b\u1ED9", "c\xE1c b\u1ED9, ng\xE0nh", "ministries", "ministries and agencies", "the ministries"],
  ["b\u1EB1ng v\u0103n b\u1EA3n", "in writing", "written answer", "written reply"],
  ["tr\u1EA3 l\u1EDDi", "gi\u1EA3i \u0111\xE1p", "ph\u1EA3n h\u1ED3i", "answered", "answer", "reply", "replied", "responded"],
  ["c\u1EEDa kh\u1EA9u", "border gate", "border gates"],
  ["t\xECnh h\xECnh kinh t\u1EBF - x\xE3 h\u1ED9i", "kinh t\u1EBF - x\xE3 h\u1ED9i", "kinh t\u1EBF x\xE3 h\u1ED9i", "ktxh", "socio-economic", "socioeconomic", "socio-economic situation"],
  ["an sinh x\xE3 h\u1ED9i", "social security", "social welfare"],
  ["di s\u1EA3n", "heritage", "heritage sites"],
  ["n\u0103ng l\u1EF1c c\u1EA1nh tranh c\u1EA5p t\u1EC9nh", "pci", "provincial competitiveness index"],
  ["v\u1EADt li\u1EC7u x\xE2y d\u1EF1ng", "construction materials", "building materials"],
  ["bi\xEAn gi\u1EDBi", "border"],
  ["\u0111i\u1EC3m ph\u1EA7n tr\u0103m", "percentage points", "percentage point"],
  ["\u0111\xF3ng g\xF3p", "contribution", "contributed", "contribute"],
  ["km", "ki l\xF4 m\xE9t", "kilomet", "kilometres", "kilometers", "kilometre"],
  ["d\xE0i", "length", "long"],
  ["ha", "h\xE9c ta", "hecta", "hectares", "hectare"],
  ["t\u1EF7 \u0111\u1ED3ng", "billion dong", "vnd billion", "billion vnd"],
  ["tri\u1EC7u usd", "million usd", "usd million", "million dollars"],
  ["t\u1EF7 usd", "billion usd", "usd billion", "billion dollars"]
];
var SOFT_GROUPS = /* @__PURE__ */ new Set([
  "t\u0103ng tr\u01B0\u1EDFng",
  "gi\u1EA3m",
  "t\u1EF7 tr\u1ECDng",
  "d\u1EF1 to\xE1n",
  "k\u1EBF ho\u1EA1ch",
  "so v\u1EDBi c\xF9ng k\u1EF3",
  "v\u01B0\u1EE3t k\u1EBF ho\u1EA1ch",
  "ho\xE0n th\xE0nh",
  "quy m\xF4",
  "x\u1EBFp th\u1EE9",
  "\u0111\xF3ng g\xF3p",
  "m\u1EE5c ti\xEAu",
  "\u0111i\u1EC3m ph\u1EA7n tr\u0103m",
  "c\u1EA3 n\u01B0\u1EDBc",
  "t\xECnh h\xECnh",
  "th\u1EDDi h\u1EA1n",
  "\u0111o\u1EA1n",
  "khu v\u1EF1c",
  "n\u1EC1n kinh t\u1EBF",
  "y\xEAu c\u1EA7u",
  "cao nh\u1EA5t",
  "bu\u1ED5i l\xE0m vi\u1EC7c",
  "\u0111\xF3n",
  "th\u1EE9 m\u1EA5y",
  "mu\u1ED1n",
  "di\u1EC7n t\xEDch",
  "d\xE0i",
  "km",
  "ha",
  "t\u1EF7 \u0111\u1ED3ng",
  "tri\u1EC7u usd",
  "t\u1EF7 usd",
  "kh\xF3 kh\u0103n",
  "nhi\u1EC7m v\u1EE5",
  "\u0111\xE1nh gi\xE1 cao",
  "tr\u1EA3 l\u1EDDi"
]);
var QUESTION_WORDS = new WordList(
  "bao nhi\xEAu m\u1EA5y g\xEC n\xE0o ai \u0111\xE2u sao th\u1EBF nh\u01B0 l\xE0 c\xF3 kh\xF4ng ch\u01B0a r\u1ED3i \u0111\u01B0\u1EE3c b\u1ECB cho h\u1ECFi xem v\u1EADy th\xEC \u0111i nh\xE9 nha nh\xE1 \xE0 h\u1EA3 \u01A1i gi\xFAp m\xECnh t\xF4i mu\u1ED1n bi\u1EBFt nh\xE0 b\u1EA1n \u1EDF t\u1EA1i theo trong m\u1EE9c t\u1EA7m kho\u1EA3ng ch\u1EEBng g\u1EA7n h\u01A1n tr\xEAn d\u01B0\u1EDBi % n\xF3i t\u1EC9nh ti\u1EC1n ch\u1EC9 what which who whom whose how many much was were is are did does do the a an of in on at to for by with from and or according report reported session meeting province provincial total number level amount value figure figures rate percent percentage collect collected came come get got reach reached record recorded achieve estimated expected please tell me about during year whole entire full has have had been be there their its this that these those give gave say said"
);
var ABBREVIATIONS = {
  bn: "bao nhi\xEAu",
  bnh: "bao nhi\xEAu",
  bnhieu: "bao nhi\xEAu",
  baonhieu: "bao nhi\xEAu",
  nhiu: "nhi\xEAu",
  bnhiu: "bao nhi\xEAu",
  ko: "kh\xF4ng",
  k: "kh\xF4ng",
  kh: "kh\xF4ng",
  hok: "kh\xF4ng",
  khum: "kh\xF4ng",
  j: "g\xEC",
  ntn: "nh\u01B0 th\u1EBF n\xE0o",
  dc: "\u0111\u01B0\u1EE3c",
  \u0111c: "\u0111\u01B0\u1EE3c",
  \u0111k: "\u0111\u01B0\u1EE3c",
  vs: "v\u1EDBi",
  sp: "s\u1EA3n ph\u1EA9m",
  xnk: "xu\u1EA5t nh\u1EADp kh\u1EA9u",
  ntm: "n\xF4ng th\xF4n m\u1EDBi",
  htx: "h\u1EE3p t\xE1c x\xE3",
  ctmtqg: "ch\u01B0\u01A1ng tr\xECnh m\u1EE5c ti\xEAu qu\u1ED1c gia",
  mtqg: "m\u1EE5c ti\xEAu qu\u1ED1c gia",
  gpmb: "gi\u1EA3i ph\xF3ng m\u1EB7t b\u1EB1ng",
  cnxd: "c\xF4ng nghi\u1EC7p x\xE2y d\u1EF1ng",
  cn: "c\xF4ng nghi\u1EC7p",
  xd: "x\xE2y d\u1EF1ng",
  dv: "d\u1ECBch v\u1EE5",
  nn: "n\xF4ng nghi\u1EC7p",
  ubnd: "u\u1EF7 ban nh\xE2n d\xE2n",
  hdnd: "h\u1ED9i \u0111\u1ED3ng nh\xE2n d\xE2n",
  h\u0111nd: "h\u1ED9i \u0111\u1ED3ng nh\xE2n d\xE2n",
  ktxh: "kinh t\u1EBF x\xE3 h\u1ED9i",
  kt: "kinh t\u1EBF",
  xh: "x\xE3 h\u1ED9i",
  cp: "ch\xEDnh ph\u1EE7",
  tw: "trung \u01B0\u01A1ng",
  bq: "b\xECnh qu\xE2n",
  bq\u0111n: "b\xECnh qu\xE2n \u0111\u1EA7u ng\u01B0\u1EDDi",
  bqdn: "b\xECnh qu\xE2n \u0111\u1EA7u ng\u01B0\u1EDDi",
  \u0111tc: "\u0111\u1EA7u t\u01B0 c\xF4ng",
  dtc: "\u0111\u1EA7u t\u01B0 c\xF4ng",
  \u0111t: "\u0111\u1EA7u t\u01B0",
  tr: "tri\u1EC7u",
  ti: "t\u1EF7",
  t\u1EC9: "t\u1EF7",
  nsnn: "ng\xE2n s\xE1ch nh\xE0 n\u01B0\u1EDBc",
  ns: "ng\xE2n s\xE1ch",
  tp: "th\xE0nh ph\u1ED1",
  tt: "t\u0103ng tr\u01B0\u1EDFng",
  q1: "qu\xFD 1",
  q2: "qu\xFD 2",
  q3: "qu\xFD 3",
  q4: "qu\xFD 4",
  t1: "th\xE1ng 1",
  t2: "th\xE1ng 2",
  t3: "th\xE1ng 3",
  t4: "th\xE1ng 4",
  t5: "th\xE1ng 5",
  t6: "th\xE1ng 6",
  t7: "th\xE1ng 7",
  t8: "th\xE1ng 8",
  t9: "th\xE1ng 9",
  t10: "th\xE1ng 10",
  t11: "th\xE1ng 11",
  t12: "th\xE1ng 12",
  thag: "th\xE1ng",
  thng: "th\xE1ng",
  tnhieu: "bao nhi\xEAu",
  dn: "doanh nghi\u1EC7p",
  bt: "b\xED th\u01B0",
  ct: "ch\u1EE7 t\u1ECBch",
  ttg: "th\u1EE7 t\u01B0\u1EDBng",
  pct: "ph\xF3 ch\u1EE7 t\u1ECBch",
  vd: "v\xED d\u1EE5"
};

// src/engine/session-index.ts
function field(text) {
  const tokens = tokenize(text);
  return { folded: ` ${tokens.map((t) => t.folded).join(" ")} `, toned: ` ${tokens.map((t) => t.toned).join(" ")} ` };
}
var SessionIndex = class {
  constructor(session) {
    this.session = session;
    const file = session.file;
    this.latestYear = Math.max(...file.session.years);
    this.people = file.people.map((p) => ({ person: p, roles: p.roles.map(field), name: p.name ? field(p.name) : void 0 }));
    const personById = new Map(file.people.map((p) => [p.id, p]));
    this.statements = file.statements.map((s, index) => {
      const sp = s.speaker ? personById.get(s.speaker) : void 0;
      return { statement: s, text: field(s.cite), index, speaker: sp ? field([sp.name ?? "", ...sp.roles].join(" ")) : void 0 };
    });
    this.figures = file.figures.map((f) => {
      const sentence = file.statements.find((s) => s.cite.includes(f.cite));
      const doc = {
        figure: f,
        near: field(`${f.cite} ${f.keys.join(" ")}`),
        phrase: field(f.phrase),
        context: f.context.length ? field(f.context.join(" . ")) : void 0,
        far: sentence ? field(sentence.cite) : void 0,
        ownWords: contentOf(f.cite),
        partWords: [],
        sentence,
        unitFolded: field(f.unit).folded.trim(),
        parts: []
      };
      this.byId.set(f.id, doc);
      return doc;
    });
    for (const d of this.figures) {
      const f = d.figure;
      if (f.parent) {
        const p = this.root(f.parent);
        if (p) d.inherit = field([p.figure.cite, ...p.figure.context].join(" . "));
      }
      if (f.whole) {
        const w = this.byId.get(f.whole);
        if (w) {
          d.whole = field([w.figure.cite, ...w.figure.context].join(" . "));
          w.parts.push(d);
          const inWhole = new Set(d.whole.folded.split(" "));
          d.partWords = tokenize(f.cite).filter((t) => !/\d/.test(t.folded) && !FUNCTION_WORDS.has(t, true) && !QUESTION_WORDS.has(t, true) && !inWhole.has(t.folded) && !PERIOD_WORDS.has(t.folded)).map((t) => t.folded);
        }
      }
    }
    for (const g of file.petitionGroups) {
      const d = this.figures.find((x) => x.figure.cite === g.cite && g.cite.includes(x.figure.display));
      if (!d) continue;
      const origin = g.origin === "long_standing" ? "t\u1ED3n \u0111\u1ECDng" : g.origin === "new" ? "m\u1EDBi" : "";
      d.near = field(`${d.figure.cite} ki\u1EBFn ngh\u1ECB ${g.toLabel} ${origin} ${g.topics.join(" ")}`);
      d.petition = g.id;
    }
    this.docs = [...this.figures.map((d) => d.near.folded + (d.context?.folded ?? "")), ...this.statements.map((s) => s.text.folded)];
    this.text = field(session.sourceText);
    this.words = new Set(this.text.folded.split(" ").filter(Boolean));
    const extra = /* @__PURE__ */ new Set();
    const add = (f) => f && !this.text.folded.includes(f.folded) && extra.add(f.folded);
    for (const d of this.figures) [d.near, d.phrase, d.inherit, d.whole, d.context, d.far].forEach(add);
    for (const st of this.statements) [st.text, st.speaker].forEach(add);
    for (const p of this.people) [p.name, ...p.roles].forEach(add);
    this.extraText = [...extra];
    this.fields = [];
    for (const d of this.figures) for (const f of [d.near, d.phrase, d.inherit, d.whole, d.context, d.far]) if (f) this.fields.push(f);
    for (const st of this.statements) for (const f of [st.text, st.speaker]) if (f) this.fields.push(f);
    for (const p of this.people) for (const f of [p.name, ...p.roles]) if (f) this.fields.push(f);
  }
  session;
  figures;
  statements;
  people;
  byId = /* @__PURE__ */ new Map();
  dfCache = /* @__PURE__ */ new Map();
  mentionCache = /* @__PURE__ */ new Map();
  wordIdfCache = /* @__PURE__ */ new Map();
  /** Field texts that are not a stretch of the source (keys, petition labels): a phrase may be there and not in the source. */
  extraText = [];
  narrowed = /* @__PURE__ */ new WeakMap();
  /** Every field of every entry, and per phrase the fields that hold it (found once, then looked up). */
  fields;
  foldedHolding = /* @__PURE__ */ new Map();
  tonedHolding = /* @__PURE__ */ new Map();
  docs;
  /** Every folded syllable of the session's text. */
  words;
  latestYear;
  /** The whole source as one folded field. */
  text;
  /**
   * `holds()` of match.ts for a field of this session's entries, by lookup: the fields that hold
   * a phrase are found once (one pass over the session's fields) and remembered, instead of
   * searching every field's text for every phrase of every question.
   */
  holds(f, u) {
    if (!f) return false;
    if (u.toned && !u.group) return this.holding(u.toned, true).has(f);
    for (const a of u.alts) if (this.holding(a, false).has(f)) return true;
    return false;
  }
  /** `holdsToned()` of match.ts, by lookup. */
  holdsToned(f, u) {
    return !!f && !!u.toned && this.holding(u.toned, true).has(f);
  }
  holding(phrase, toned) {
    const cache = toned ? this.tonedHolding : this.foldedHolding;
    let set = cache.get(phrase);
    if (!set) {
      set = /* @__PURE__ */ new Set();
      if (toned || this.mentions(phrase) || this.extraText.some((t) => t.includes(phrase))) {
        for (const f of this.fields) if ((toned ? f.toned : f.folded).includes(phrase)) set.add(f);
      }
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(phrase, set);
    }
    return set;
  }
  /**
   * The unit with only the ways of writing that some field of this session holds (a phrase the
   * session never writes is in none of its fields), so that scoring many entries does not test
   * every alternative of a thesaurus group against each field. Same answers, fewer string searches.
   */
  narrow(u) {
    if (u.toned && !u.group) return u;
    let n = this.narrowed.get(u);
    if (!n) {
      const alts = u.alts.filter((a) => this.mentions(a) || this.extraText.some((t) => t.includes(a)));
      n = alts.length === u.alts.length ? u : { ...u, alts };
      this.narrowed.set(u, n);
    }
    return n;
  }
  /** The figure a continuation figure finally hangs from. */
  root(id) {
    let d = this.byId.get(id);
    for (let guard = 0; d?.figure.parent && guard < 10; guard++) d = this.byId.get(d.figure.parent) ?? d;
    return d;
  }
  /** How many of the session's figures and sentences hold a phrase (folded, " a b "). */
  df(phrase) {
    let n = this.dfCache.get(phrase);
    if (n === void 0) {
      n = 0;
      for (const d of this.docs) if (d.includes(phrase)) n++;
      if (this.dfCache.size >= CACHE_LIMIT) this.dfCache.clear();
      this.dfCache.set(phrase, n);
    }
    return n;
  }
  /** Inverse document frequency of a phrase in this session (BM25's, never below a floor). */
  idf(phrase) {
    const N = this.docs.length;
    const n = this.df(phrase);
    return Math.max(0.15, Math.log(1 + (N - n + 0.5) / (n + 0.5)));
  }
  /** `idf(" w ")` of one word, remembered by word. */
  wordIdf(word) {
    let n = this.wordIdfCache.get(word);
    if (n === void 0) {
      n = this.idf(` ${word} `);
      if (this.wordIdfCache.size >= CACHE_LIMIT) this.wordIdfCache.clear();
      this.wordIdfCache.set(word, n);
    }
    return n;
  }
  /** True when the session's text holds the phrase at all. */
  mentions(phrase) {
    let m = this.mentionCache.get(phrase);
    if (m === void 0) {
      m = this.text.folded.includes(phrase);
      if (this.mentionCache.size >= CACHE_LIMIT) this.mentionCache.clear();
      this.mentionCache.set(phrase, m);
    }
    return m;
  }
};
var CACHE_LIMIT = 4096;
var PERIOD_WORDS = /* @__PURE__ */ new Set(["thang", "dau", "nam", "quy", "cuoi", "het", "den", "ngay"]);
function contentOf(text) {
  return tokenize(text).filter((t) => !/\d/.test(t.folded) && !FUNCTION_WORDS.has(t, true) && !VALUE_VERBS.has(t, true) && !QUESTION_WORDS.has(t, true)).map((t) => t.folded);
}

// src/text/syllables.ts
import { readFileSync as readFileSync3 } from "node:fs";
import { fileURLToPath as fileURLToPath2 } from "node:url";
var dictionary;
function realSyllables() {
  if (dictionary !== void 0) return dictionary;
  try {
    const index = fileURLToPath2(import.meta.resolve("dictionary-vi"));
    const dic = readFileSync3(index.replace(/index\.js$/, "index.dic"), "utf8");
    dictionary = new Set(
      dic.split("\n").slice(1).map((l) => l.split("/")[0].trim()).filter((w) => /^\p{Ll}+$/u.test(w)).map(foldSyllable)
    );
  } catch {
    dictionary = null;
  }
  return dictionary;
}
var ONSETS = ["ngh", "ng", "gh", "gi", "kh", "nh", "ph", "qu", "th", "tr", "ch", "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""];
var RHYMES = new Set(
  "a ac ach ai am an ang anh ao ap at au ay e ec em en eng eo ep et ech enh eu i ia ich iec iem ien ieng iep iet ieu im in inh ip it iu iup o oa oac oach oai oam oan oang oanh oao oap oat oay oc oe oen oeo oet oi om on ong ooc oong op ot u ua uan uang uanh uat uay uc ue uen uenh uet ui um un ung uo uoc uoi uom uon uong uop uot up ut uu uy uya uych uyen uyet uynh uyt uyu uau y ye yen yet yeu yem".split(" ")
);
function isVietnameseSyllable(folded) {
  if (!/^[a-z]+$/.test(folded) || folded.length > 7) return false;
  const real = realSyllables();
  if (real) return real.has(folded);
  for (const onset of ONSETS) {
    if (!folded.startsWith(onset)) continue;
    const rhyme = folded.slice(onset.length);
    if (RHYMES.has(rhyme)) return true;
    if (onset === "gi" && (rhyme === "" || RHYMES.has(`i${rhyme}`))) return true;
    if (onset === "qu" && RHYMES.has(`u${rhyme}`)) return true;
  }
  return false;
}

// src/engine/query.ts
var ENGLISH = new Set(
  "the what which who whom how many much was were is are did does do of in on for to by with from and or has have had been led met meet there their this that these those between since per about rate growth".split(" ")
);
var GROUPS = SYNONYMS.map((g) => g.map((p) => ` ${tokenize(p).map((t) => t.folded).join(" ")} `));
var SOFT = new Set(SYNONYMS.map((g, i) => SOFT_GROUPS.has(g[0]) ? i : -1).filter((i) => i >= 0));
var NAME_GROUPS = new Set(SYNONYMS.map((g, i) => /^(?:bộ |ủy ban|uỷ ban|ngân hàng)/u.test(g[0]) ? i : -1).filter((i) => i >= 0));
var PHRASES = /* @__PURE__ */ new Map();
SYNONYMS.forEach(
  (g, group) => g.forEach((p) => {
    const words = tokenize(p).map((t) => t.folded);
    if (!words.length) return;
    const list = PHRASES.get(words[0]) ?? [];
    list.push({ words, group });
    PHRASES.set(words[0], list);
  })
);
for (const list of PHRASES.values()) list.sort((a, b) => b.words.length - a.words.length);
var ABBR = new Map(Object.entries(ABBREVIATIONS).map(([k, v]) => [fold(k), v]));
var PROVINCE_KEYS = PROVINCES.map((p) => ({ name: p, words: tokenize(p).map((t) => t.folded) })).sort((a, b) => b.words.length - a.words.length);
var PROVINCES_BY_FIRST = /* @__PURE__ */ new Map();
for (const p of PROVINCE_KEYS) PROVINCES_BY_FIRST.set(p.words[0], [...PROVINCES_BY_FIRST.get(p.words[0]) ?? [], p]);
var PROVINCE_SHORT = /* @__PURE__ */ new Map();
for (const p of PROVINCE_KEYS) {
  if (p.words.length < 2) continue;
  PROVINCE_SHORT.set(p.words.slice(0, -1).map((w) => w[0]).join("") + p.words[p.words.length - 1], p.name);
}
var KIND_PATTERNS = [
  ["change_same_period", / (?:so voi |so )?cung ki | year on year | year-on-year | same period /],
  ["percent_of_plan", / (?:% |phan tram )?(?:so voi )?(?:du toan|ke hoach) | of (?:the )?(?:plan|estimate|target) | vuot ke hoach | bao nhieu % ke hoach /],
  ["rank", / thu may | thu hang | xep thu | xep hang | dung thu | hang may | rank | ranked | ranking /],
  ["contribution", / dong gop .*diem phan tram | diem phan tram | percentage points /],
  ["share", / ti trong | chiem | co cau | share | proportion | account(?:s|ed)? for | makes? up /],
  ["growth", / tang truong | toc do tang | tang | giam | muc tang | growth | grow | grew | increase | increased | rise | rose | fell | decline | declined | decrease /]
];
var SUPER_MAX = / cao nhat | nhieu nhat | lon nhat | nhanh nhat | manh nhat | highest | largest | fastest | biggest | most /;
var SUPER_MIN = / thap nhat | it nhat(?! \d)| nho nhat | cham nhat | lowest | smallest | slowest | least /;
var ENUMERATE = / (?:cac|tung|moi|nhung) (?:nganh|linh vuc|khu vuc|thanh phan) | theo (?:nganh|linh vuc|khu vuc) | (?:nganh|linh vuc|khu vuc) nao | each sector | by sector | which sector | the sectors | sectors /;
function detectLanguage(text, tokens) {
  if (hasDiacritics(text)) return "vi";
  const words = tokens.map((t) => t.folded).filter((w) => !/\d/.test(w));
  if (!words.length) return "vi";
  const en2 = words.filter((w) => ENGLISH.has(w)).length;
  return en2 >= 2 || en2 >= 1 && words.length <= 3 && en2 / words.length >= 0.3 ? "en" : "vi";
}
function questionType(f, lang) {
  if (lang === "en") {
    if (/ who | whom | whose /.test(f)) return "who";
    if (/ what (?:position|office|role|title|job) /.test(f)) return "role";
    if (/ how (?:many|much) | what (?:was|is|were) the (?:rate|share|value|number|amount|figure|growth|total|size|length)| what percentage | how (?:fast|big|large|long) | rate /.test(f)) return "quantity";
    if (/ which /.test(f)) return "which";
    if (/ what | how /.test(f)) return "what";
    return "unknown";
  }
  if (/ bao nhieu | may (?!bay)| so luong | bao xa | bao lau | phan tram | % | ti le .* (?:la|dat) | thu may | hang may /.test(f) || /^ (?:may|so (?!voi|sanh)) /.test(f)) return "quantity";
  if (/ chuc vu | chuc danh | giu chuc | cuong vi | vai tro gi | lam gi o /.test(f)) return "role";
  if (/ (?:la )?ai | nguoi nao | vi nao | ho ten | ten (?:la )?gi |^ nguoi (?:dan dau|dung dau|chu tri)/.test(f)) return "who";
  if (/ nhung .* nao | cac .* nao | (?:nganh|linh vuc|huyen|xa|du an|tuyen|noi dung|van de|cao nguyen|bo) nao /.test(f)) return "which";
  if (/ the nao | ra sao | nhu the nao | ntn | lam sao /.test(f)) return "how";
  if (/ gi | nao | nhung /.test(f)) return "what";
  if (/ (?:co|da) .* (?:khong|chua) $/.test(f)) return "yesno";
  return "unknown";
}
var FOLLOW_STRONG = /^ (?:(?:the|vay|con|va|ok|oke|uh|u) )*(?:con(?! so )|the con|vay con|con ve|chuyen (?:qua|sang)|and what about|what about|how about|and for|and in) /;
var FOLLOW_WEAK = /^ (?:the|vay|va|and|ok|oke|thế|trong do) | thi sao $| the nao $| thi the nao $| ra sao $/;
var GREETING = /^ (?:xin )?chao(?: ban| bot| ad| admin| anh| chi| em)?(?: a| nhe| nha)? $|^ (?:hello|hi|hey|alo|good (?:morning|afternoon|evening))(?: bot| there)? $/;
var THANKS = /^ (?:(?:cam|cám) on|thanks?|thank you|tks|thx|ok cam on|cam on ban|cam on bot)\b/;
var CHITCHAT = / (?:ke chuyen|chuyen cuoi|ban la ai|ban ten (?:la )?gi|ban khoe khong|khoe khong|tell me a joke|how are you|who are you|your name|hat (?:mot )?bai|lam tho) /;
function parseQuestion(input, lex) {
  const text = input.normalize("NFC").slice(0, 4e3);
  let raw = tokenize(text);
  const tooLong = raw.length > 200;
  if (tooLong) raw = raw.slice(0, 200);
  const lang = detectLanguage(text, raw);
  const tokens = [];
  const unknown = [];
  let corrections = 0;
  for (const t of raw) {
    const full = ABBR.get(t.folded);
    if (full && !hasDiacritics(t.raw.replace(/[đĐ]/g, "d"))) {
      for (const x of tokenize(full)) tokens.push({ ...x, start: t.start });
      continue;
    }
    const shortProvince = t.raw === t.raw.toLowerCase() && !isVietnameseSyllable(t.folded) ? PROVINCE_SHORT.get(t.folded) : void 0;
    if (shortProvince) {
      for (const x of tokenize(shortProvince)) tokens.push({ ...x, start: t.start });
      continue;
    }
    if (lang === "vi" && !/^\p{Lu}/u.test(t.raw) && !/\d/.test(t.folded) && !lex.typos.has(t.folded) && !isVietnameseSyllable(t.folded) && !QUESTION_WORDS.folded.has(t.folded) && !FUNCTION_WORDS.folded.has(t.folded)) {
      const fix = corrections < 12 ? lex.typos.correct(t.folded) : null;
      if (fix) {
        corrections++;
        tokens.push({ ...t, folded: fix, toned: fix });
        continue;
      }
    }
    tokens.push(t);
  }
  const normalized = ` ${tokens.map((t) => t.folded).join(" ")} `;
  const intent = intentOf(normalized);
  const periods = findPeriods(normalized.trim());
  const period = periods.filter((p) => p.role === "period").flatMap((p) => p.atoms);
  const taken = new Array(tokens.length).fill(false);
  const offsets = [];
  {
    let at = 1;
    for (const t of tokens) {
      offsets.push(at);
      at += t.folded.length + 1;
    }
  }
  for (const p of periods) tokens.forEach((_t, i) => offsets[i] - 1 >= p.start && offsets[i] - 1 < p.end && (taken[i] = true));
  const qtype = questionType(normalized, lang);
  const provinces = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const p of PROVINCES_BY_FIRST.get(tokens[i].folded) ?? []) {
      if (i + p.words.length > tokens.length) continue;
      if (p.words.every((w, k) => tokens[i + k].folded === w)) {
        const typed = tokens.slice(i, i + p.words.length);
        const name = tokenize(p.name);
        if (typed.some((t, k) => t.toned !== t.folded && t.toned !== name[k].toned)) continue;
        if (!provinces.includes(p.name)) provinces.push(p.name);
        for (let k = 0; k < p.words.length; k++) taken[i + k] = true;
        break;
      }
    }
  }
  const names = [];
  const nameStarts = firstWordsOf(lex.names);
  for (let i = 0; i < tokens.length; i++) {
    if (!nameStarts.has(tokens[i].folded)) continue;
    for (let len = 4; len >= 2; len--) {
      if (i + len > tokens.length) continue;
      const key = tokens.slice(i, i + len).map((t) => t.folded).join(" ");
      if (lex.names.has(key)) {
        names.push(key);
        i += len - 1;
        break;
      }
    }
  }
  const withCommas = ` ${fold(text).toLowerCase().replace(/[^a-z0-9%,;.?]+/g, " ").replace(/([,;.?])/g, " $1 ").replace(/(?<![a-z])([bcdghklmnprstvx]+)y(?![a-z])/g, "$1i").replace(/\s+/g, " ").trim()} `;
  const exclusionAt = /(?:^ |[,;.?] |^ (?:chi )?hoi \S+ )(khong phai|khong hoi|khong can|ngoai|tru|not|except|other than|excluding) (.+?)(?= [,;.?] | ma | chi | cua | ve | o | of | for |$)/.exec(withCommas);
  const excludedText = exclusionAt ? ` ${exclusionAt[2].trim()} ` : "";
  const exclusion = exclusionAt;
  const units = [];
  const excludedUnits = [];
  const inExclusion = (i) => !!exclusion && excludedText.includes(` ${tokens[i].folded} `);
  {
    const cue = /^(?:nganh|linh vuc|khu vuc|sector|sectors)$/;
    for (let i = 0; i < tokens.length; i++) if (cue.test(tokens[i].folded) && ENUMERATE.test(normalized)) taken[i] = true;
  }
  const hardTokens = /* @__PURE__ */ new Set();
  const tonedText = hasDiacritics(text);
  const seq = tokens.map((_t, i) => i).filter((i) => !taken[i]);
  for (let k = 0; k < seq.length; k++) {
    const i = seq[k];
    const t = tokens[i];
    const candidates = PHRASES.get(t.folded) ?? [];
    let matched;
    for (const p of candidates) {
      if (k + p.words.length > seq.length) continue;
      if (p.words.every((w, m) => tokens[seq[k + m]].folded === w)) {
        matched = p;
        break;
      }
    }
    if (matched) {
      const slice = seq.slice(k, k + matched.words.length).map((x) => tokens[x]);
      const unit2 = { text: slice.map((x) => x.raw).join(" "), alts: GROUPS[matched.group], toned: tonedText ? ` ${slice.map((x) => x.toned).join(" ")} ` : void 0, at: k, len: matched.words.length };
      unit2.group = true;
      if (NAME_GROUPS.has(matched.group)) for (let m = 0; m < matched.words.length; m++) hardTokens.add(seq[k + m]);
      if (SOFT.has(matched.group)) unit2.soft = true;
      (inExclusion(i) ? excludedUnits : units).push(unit2);
      k += matched.words.length - 1;
      continue;
    }
    if (/\d/.test(t.folded) || QUESTION_WORDS.has(t) || t.folded.length < 2) continue;
    if (FUNCTION_WORDS.has(t) && t.toned !== t.folded) continue;
    const functionWord = FUNCTION_WORDS.has(t);
    const valueVerb = VALUE_VERBS.has(t, tonedText);
    const unit = {
      text: t.raw,
      alts: [` ${t.folded} `],
      toned: tonedText ? ` ${t.toned} ` : void 0,
      at: k,
      len: 1,
      ...functionWord ? { soft: true, group: true } : valueVerb ? { soft: true } : {}
    };
    (inExclusion(i) ? excludedUnits : units).push(unit);
    if (!lex.typos.has(t.folded) && lang !== "en" && !unit.soft) unknown.push(t.raw);
  }
  const seen = /* @__PURE__ */ new Set();
  const merged = mergeAdjacent(units).filter((u) => {
    const key = u.alts.join("|") + (u.toned ?? "");
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const conjuncts = [];
  for (let k = 0; k + 1 < merged.length; k++) {
    const a = merged[k];
    const b = merged[k + 1];
    if (a.soft || b.soft || a.at === void 0 || b.at === void 0) continue;
    const between = seq.slice(a.at + (a.len ?? 1), b.at).map((i) => tokens[i].folded);
    if (between.length === 1 && (between[0] === "va" || between[0] === "and" || between[0] === "hoac" || between[0] === "or")) conjuncts.push([a, b]);
  }
  const cues = ` ${tokens.filter((_t, i) => !hardTokens.has(i)).map((t) => t.folded).join(" ")} `;
  let kind;
  for (const [k, re] of KIND_PATTERNS) if (re.test(cues)) {
    kind = k;
    break;
  }
  const excludedKinds = [];
  if (exclusion) {
    for (const [k, re] of KIND_PATTERNS) if (re.test(excludedText)) excludedKinds.push(k);
    if (kind && excludedKinds.includes(kind)) {
      const rest = cues.replace(excludedText, " ");
      kind = KIND_PATTERNS.find(([k, re]) => !excludedKinds.includes(k) && re.test(rest))?.[0];
    }
  }
  if (/ con (?:lai )?bao nhieu | xuong con | con lai /.test(cues) && kind === "growth" && !/ tang | giam /.test(cues.replace(/ xuong con /, " "))) kind = "level";
  const unitWanted = unitOf(normalized, qtype, kind);
  if (Array.isArray(unitWanted) && (kind === "percent_of_plan" || kind === "change_same_period")) kind = void 0;
  const direction = directionOf(normalized);
  let wanted = statementWanted(normalized);
  if (wanted === "request" && direction === "central_to_province" && / (?:lam gi|xu ly|the nao|ra sao) /.test(normalized)) wanted = "outcome";
  const numbers = tokens.filter((t, i) => !taken[i] && /^\d/.test(t.raw) && !/^(?:19|20)\d{2}$/.test(t.raw)).map((t) => Number(t.raw.replace(/%$/, "").replace(/\.(?=\d{3})/g, "").replace(",", "."))).filter((n) => Number.isFinite(n));
  return {
    text,
    lang,
    normalized,
    qtype,
    units: merged,
    period,
    kind,
    excludedKinds,
    excludedUnits,
    target: / muc tieu | phan dau | chi tieu (?:nam|de ra) | target | aim | goal | yeu cau .*(?:tang|dat) | giao chi tieu /.test(normalized),
    unitWanted,
    superlative: SUPER_MAX.test(normalized) ? "max" : SUPER_MIN.test(normalized) ? "min" : void 0,
    enumerate: ENUMERATE.test(normalized),
    compare: / so sanh | compare | versus | vs /.test(normalized),
    followUp: FOLLOW_STRONG.test(normalized) ? "strong" : FOLLOW_WEAK.test(normalized) ? "weak" : "none",
    intent,
    statementWanted: wanted,
    direction,
    provinces,
    names,
    numbers,
    parts: splitParts(text),
    conjuncts,
    unknown,
    tooLong
  };
}
var nameStartsCache = /* @__PURE__ */ new WeakMap();
function firstWordsOf(names) {
  let starts = nameStartsCache.get(names);
  if (!starts) {
    starts = new Set([...names].map((n) => n.split(" ")[0]));
    nameStartsCache.set(names, starts);
  }
  return starts;
}
function mergeAdjacent(units) {
  const out = [];
  for (let i = 0; i < units.length; i++) {
    const run = [units[i]];
    while (i + 1 < units.length && !units[i].group && !units[i + 1].group && units[i + 1].at === run[run.length - 1].at + 1 && run.length < 4) run.push(units[++i]);
    if (run.length === 1) out.push(run[0]);
    else
      out.push({
        text: run.map((u) => u.text).join(" "),
        alts: [` ${run.map((u) => u.alts[0].trim()).join(" ")} `],
        toned: run.some((u) => u.toned) ? ` ${run.map((u) => (u.toned ?? u.alts[0]).trim()).join(" ")} ` : void 0,
        pieces: run,
        ...run.every((u) => u.soft) ? { soft: true } : {},
        at: run[0].at,
        len: run.length
      });
  }
  return out;
}
function unitOf(f, qtype, kind) {
  if (/ (?:bao nhieu|may) (?:phan tram|%)| bao nhieu ?% | phan tram | what percentage | percent /.test(f)) return "%";
  if (/ bao nhieu tien | bao nhieu (?:ti|trieu|nghin ti) dong | how much money | kinh phi /.test(f)) return "money";
  if (kind === "rank") return void 0;
  if (/ dien tich | bao nhieu ha | may ha | how many hectares | area /.test(f)) return "area";
  if (/ chieu dai | do dai | dai (?:bao nhieu|may|khoang) | bao nhieu km | may km | how long | how many kilomet/.test(f)) return "length";
  const m = / (?:bao nhieu|may|how many|so luong|so) ([a-z]+(?: [a-z]+){0,2}) /.exec(f);
  if (!m || qtype !== "quantity") return void 0;
  const words = m[1].split(" ");
  const stop = ["la", "dat", "duoc", "the", "vay", "a", "nhi", "nhe", "cai", "con", "lan", "muc", "phan", "tang", "giam", "ti", "trieu", "nghin", "of", "was", "were", "did", "is", "are", "tien", "nam", "thang", "quy", "nguoi dan"];
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    const phrase = ` ${words.slice(0, n).join(" ")} `;
    const g = GROUPS.findIndex((x) => x.includes(phrase));
    if (g >= 0 && !SOFT.has(g)) return GROUPS[g];
  }
  if (stop.includes(words[0]) || FUNCTION_WORDS.folded.has(words[0]) || QUESTION_WORDS.folded.has(words[0]) || VALUE_VERBS.folded.has(words[0])) return void 0;
  return [` ${words[0]} `];
}
function intentOf(f) {
  const bare = f.replace(/ (?:a|nhe|nha|nhe ban|ban oi|bot oi|ad|nhe bot|bot|\p{Extended_Pictographic}+) (?= |$)/gu, " ");
  if (GREETING.test(bare)) return "greeting";
  if (THANKS.test(bare) && bare.trim().split(" ").length <= 6) return "thanks";
  if (CHITCHAT.test(f)) return "chitchat";
  if (/ (?:tom tat|tom luoc|tong quan|noi dung chinh|y chinh|diem chinh|summary|summarise|summarize|overview)\b/.test(f)) return "summary";
  if (/ (?:nhung ai|ai (?:da )?(?:tham )?du|thanh phan|ai co mat|nhung nguoi nao|who attended|who took part|participants|attendees)\b/.test(f)) return "participants";
  if (/ bao cao (?:nay )?(?:noi|viet|de cap) (?:ve )?(?:gi|nhung gi)| buoi lam viec (?:nay )?(?:ve|ban ve) (?:gi|van de gi)| what is (?:the|this) report about | what (?:was|is) the (?:meeting|session) about /.test(f)) return "about";
  if (/^ (?:help|huong dan|tro giup|ban lam duoc gi|ban giup duoc gi|what can you do) $/.test(f)) return "help";
  return void 0;
}
function statementWanted(f) {
  if (/ (?:kho khan|vuong mac|han che|ton tai|bat cap|thach thuc|diem nghen|yeu kem|difficult|challenge|obstacle|bottleneck|weakness|limitation|problem)/.test(f)) return "difficulty";
  if (/ (?:danh gia cao|bieu duong|khen|lam tot|lam rat tot|thanh tich|diem sang|praise|commend|did well|done well|appreciat)/.test(f)) return "assessment";
  if (/ (?:tra loi|giai dap|phan hoi|xu ly|giai quyet|bang van ban|tiep thu|answer|repl|respond|handled|in writing)/.test(f)) return "outcome";
  if (/ (?:nhiem vu|giai phap|thoi gian toi|sap toi|can lam|phai lam|giao (?:viec|nhiem vu)|chi dao|luu y|task|next step|should|must)/.test(f)) return "task";
  if (/ (?:kien nghi|de xuat|de nghi|mong muon|xin|petition|request|propos|recommend|ask(?:ed)? for)/.test(f)) return "request";
  if (/ (?:tinh hinh|situation|overall)/.test(f)) return "situation";
  return void 0;
}
function directionOf(f) {
  const verb = / (?:de nghi|kien nghi|yeu cau|giao|mong muon|de xuat|asked|requested|proposed|wants?|wanted) /.exec(f);
  if (!verb) return void 0;
  const before = f.slice(0, verb.index + 1);
  const after = f.slice(verb.index);
  const central = / (?:chinh phu|thu tuong|truong doan|doan cong tac|bo truong|trung uong|government|prime minister|delegation|minister|pm) /;
  const province = / (?:tinh|ubnd|lanh dao tinh|dia phuong|province|provincial) /;
  const c = central.exec(before);
  const p = province.exec(before);
  if (c && (!p || c.index > p.index)) return "central_to_province";
  if (p && (!c || p.index > c.index)) return "province_to_central";
  if (central.test(after) && !province.test(after.slice(0, 30))) return "province_to_central";
  if (province.test(after)) return "central_to_province";
  return void 0;
}
function splitParts(text) {
  const f = foldForMatch(text);
  const qwords = f.match(/\b(?:bao nhieu|bn|may|gi|nao|ai|the nao|ra sao|how many|how much|what|which|who)\b/g) ?? [];
  if (qwords.length < 2) return [];
  const pieces = text.split(/\s*(?:,|;|\?|\svà\s(?!\p{Lu})(?=(?:[\p{L}\s]{0,30})(?:bao nhiêu|mấy|gì|nào|bn|xếp thứ|đạt|chiếm|tăng))|\s(?:and|, and)\s)\s*/u).map((s) => s.trim()).filter(Boolean);
  const asks = (p) => /\b(?:bao nhieu|bn|may|gi|nao|ai|the nao|ra sao|how many|how much|what|which|who|xep thu)\b/.test(foldForMatch(p));
  const parts = [];
  let lead = "";
  for (const p of pieces) {
    if (asks(p)) {
      parts.push(lead ? `${lead}, ${p}` : p);
      lead = "";
    } else lead = lead ? `${lead}, ${p}` : p;
  }
  if (lead && parts.length) parts[parts.length - 1] += `, ${lead}`;
  return parts.length >= 2 ? parts : [];
}

// src/engine/typos.ts
var TypoIndex = class {
  counts = /* @__PURE__ */ new Map();
  deletes = /* @__PURE__ */ new Map();
  /** Adds folded words (each once per occurrence: frequent words win ties). */
  add(word, times = 1) {
    if (word.length < 2 || /\d/.test(word)) return;
    const known = this.counts.get(word);
    this.counts.set(word, (known ?? 0) + times);
    if (known !== void 0 || word.length < 3) return;
    for (let i = 0; i < word.length; i++) {
      const d = word.slice(0, i) + word.slice(i + 1);
      const list = this.deletes.get(d);
      if (!list) this.deletes.set(d, [word]);
      else if (!list.includes(word) && list.length < 16) list.push(word);
    }
  }
  has(word) {
    return this.counts.has(word);
  }
  get size() {
    return this.counts.size;
  }
  /** A known word one edit away (insertion, deletion, substitution, neighbour swap), or null. */
  correct(word) {
    if (word.length < 3 || this.counts.has(word) || /\d/.test(word)) return null;
    const found = /* @__PURE__ */ new Set();
    for (const w of this.deletes.get(word) ?? []) found.add(w);
    for (let i = 0; i < word.length; i++) {
      const d = word.slice(0, i) + word.slice(i + 1);
      if (this.counts.has(d) && d.length >= 2) found.add(d);
      for (const w of this.deletes.get(d) ?? []) if (w.length === word.length && oneEdit(word, w)) found.add(w);
    }
    let best = null;
    let bestScore = -Infinity;
    for (const w of found) {
      const score = (w[0] === word[0] ? 1e3 : 0) + Math.log(1 + (this.counts.get(w) ?? 0)) - Math.abs(w.length - word.length) * 0.1;
      if (score > bestScore) {
        best = w;
        bestScore = score;
      }
    }
    return best;
  }
};
function oneEdit(a, b) {
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
  if (diff <= 1) return true;
  for (let i = 0; i + 1 < a.length; i++) if (a[i] !== b[i]) return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  return false;
}

// src/engine/junk.ts
var MIN_UNKNOWN = 12;
var MAX_TOKENS = 200;
var MAX_CHARS = 1600;
var ABBR2 = new Set(Object.keys(ABBREVIATIONS).map((k) => fold(k)));
function mostlyUnknown(text, lex) {
  const tokens = tokenize(text.slice(0, MAX_CHARS));
  if (tokens.length < MIN_UNKNOWN) return void 0;
  let words = 0;
  let unknown = 0;
  for (let i = 0; i < tokens.length && i < MAX_TOKENS; i++) {
    const w = tokens[i].folded;
    if (w.length < 2 || /\d/.test(w)) continue;
    words++;
    if (!lex.typos.has(w) && !ABBR2.has(w)) unknown++;
  }
  if (unknown < MIN_UNKNOWN || unknown * 2 < words) return void 0;
  return { unknown, words, lang: detectLanguage(text, tokens.slice(0, MAX_TOKENS)) };
}

// src/engine/match.ts
function resolveUnits(units, index) {
  const out = [];
  for (const u of units) {
    if (u.pieces && !mentioned(u, index)) out.push(...u.pieces);
    else out.push(u);
  }
  return out;
}
function holds(f, u) {
  if (!f) return false;
  if (u.toned && !u.group) return f.toned.includes(u.toned);
  for (const a of u.alts) if (f.folded.includes(a)) return true;
  return false;
}
function mentioned(u, index) {
  if (u.toned && !u.group) return index.text.toned.includes(u.toned);
  return u.alts.some((a) => index.mentions(a));
}
function unitIdf(u, index) {
  let best = 0;
  for (const a of u.alts) if (index.mentions(a)) best = Math.max(best, index.idf(a));
  return best || index.idf(u.alts[0]);
}
function cover(units, fields, index, strong = 0.6) {
  let lexical = 0;
  let total = 0;
  let found = 0;
  const missing = [];
  const matched = [];
  for (const u of units) {
    const idf = unitIdf(u, index);
    let best = 0;
    let toned = false;
    const n = index.narrow(u);
    if (n.alts.length || n.toned && !n.group)
      for (const [f, w] of fields) {
        if (w > best && index.holds(f, n)) {
          best = w;
          toned = index.holdsToned(f, n);
        }
      }
    const weight = u.soft ? 0.35 : 1;
    lexical += idf * best * weight * (toned ? 1.1 : 1);
    if (!u.soft) {
      total += idf;
      found += idf * Math.min(1, best / strong);
    }
    if (best > 0) matched.push(u);
    else if (!u.soft) missing.push(u);
  }
  return { lexical, coverage: total ? found / total : 1, missing, matched };
}

// src/text/clauses.ts
function clauseOf(sentence, max = 240) {
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(0, max);
  const at = Math.max(cut.lastIndexOf("; "), cut.lastIndexOf(", "));
  return (at > max / 3 ? cut.slice(0, at) : cut.slice(0, cut.lastIndexOf(" "))).replace(/[,;:\s]+$/, "");
}

// src/engine/figure-search.ts
var KIND_ACCEPTS = {
  growth: ["growth", "change_same_period", "change"],
  share: ["share"],
  percent_of_plan: ["percent_of_plan"],
  change_same_period: ["change_same_period", "growth"],
  rank: ["rank"],
  contribution: ["contribution"],
  level: ["level", "count", "percent_of_plan"]
};
var KIND_PRIOR = { level: 1, count: 1, percent_of_plan: 0.85, growth: 0.7, change_same_period: 0.55, share: 0.6, change: 0.45, rank: 0.5, contribution: 0.5 };
function searchFigures(index, q) {
  const hits = [];
  const otherPeriods = [];
  const otherKinds = [];
  const covered = new Set(q.units.flatMap((u) => wordsOfAlts(u.alts)));
  for (const doc of index.figures) {
    const f = doc.figure;
    const fields = [
      [doc.near, 1],
      [doc.inherit, 0.85],
      [doc.whole, 0.6],
      [doc.context, 0.6],
      [doc.far, 0.35]
    ];
    const c = cover(q.units, fields, index);
    const inOwnFields = (u) => {
      const n = index.narrow(u);
      return index.holds(doc.near, n) || index.holds(doc.inherit, n) || index.holds(doc.whole, n) || index.holds(doc.context, n);
    };
    let farOnly = 0;
    for (const u of q.units) if (!u.soft && !inOwnFields(u)) farOnly++;
    if (farOnly > 1) continue;
    if (q.required.some((u) => !inOwnFields(u))) continue;
    if (q.excludedUnits.some((u) => u.alts.some((a) => doc.phrase.folded.includes(a)))) continue;
    const byNumber = q.numbers.length > 0 && q.numbers.some((n) => Math.abs(Math.abs(f.value) - n) < 1e-9 || Math.abs(f.value * 100 - n) < 1e-6);
    if (c.coverage < 0.5 && !byNumber) continue;
    if (q.numbers.length && !q.units.some((u) => !u.soft) && !byNumber) continue;
    let extras = 0;
    for (const w of doc.ownWords) if (!covered.has(w)) extras += index.wordIdf(w);
    let partExtras = 0;
    for (const w of doc.partWords) if (!covered.has(w)) partExtras += index.wordIdf(w);
    let score = c.lexical + c.coverage * 3 - Math.min(extras * 0.12, 2.5) - Math.min(partExtras * 0.3, 3) + (byNumber ? 5 : 0);
    const hit = { doc, score, coverage: byNumber ? Math.max(c.coverage, 1) : c.coverage, fit: 0, matched: c.matched };
    const kindOk = q.kind ? KIND_ACCEPTS[q.kind].includes(f.kind) && !(q.kind === "change_same_period" && f.kind === "growth" && !/cung ki|cùng kỳ/i.test(f.comparedTo ?? "") && !/so voi|so với/.test(f.phrase)) : true;
    if (!kindOk || q.excludedKinds.some((k) => KIND_ACCEPTS[k][0] === f.kind)) {
      otherKinds.push(hit);
      continue;
    }
    if (!q.kind && !q.anyKind) score *= KIND_PRIOR[f.kind] ?? 0.5;
    else if (q.kind === "change_same_period" && f.kind === "change_same_period") score += 1;
    if (q.unitWanted && !unitFits(q.unitWanted, doc)) {
      otherKinds.push(hit);
      continue;
    }
    if (f.target && !q.target && !q.period.length) score *= 0.4;
    if (!f.target && q.target) score *= 0.6;
    const fit = periodFit(q.period, f.period.atoms, index.latestYear);
    if (fit === null) {
      otherPeriods.push({ ...hit, score });
      continue;
    }
    const soft = f.period.source === "document" && q.period.length ? 0.85 : 1;
    hit.fit = fit;
    hit.score = score * soft + fit * 1.5;
    hits.push(hit);
  }
  hits.sort((a, b) => b.score - a.score);
  otherPeriods.sort((a, b) => b.score - a.score);
  return { hits, otherPeriods, otherKinds };
}
var altWords = /* @__PURE__ */ new WeakMap();
function wordsOfAlts(alts) {
  let words = altWords.get(alts);
  if (!words) altWords.set(alts, words = alts.flatMap((a) => a.trim().split(" ")));
  return words;
}
function unitFits(wanted, doc) {
  const unit = ` ${doc.unitFolded} `;
  const f = doc.figure;
  if (wanted === "%") return f.unit === "%" || / diem phan tram /.test(unit);
  if (wanted === "money") return / (?:dong|usd|do la|euro) /.test(unit);
  if (wanted === "area") return / (?:ha|hecta|km2|m2) /.test(unit);
  if (wanted === "length") return / (?:km|m|met) /.test(unit);
  if (typeof wanted === "string") return true;
  if (f.unit === "%" || f.kind === "rank") return false;
  return wanted.some((w) => unit.includes(w) || (f.kind === "count" || f.kind === "level") && [doc.near, doc.inherit, doc.whole, doc.context].some((x) => x?.folded.includes(w)));
}
function chooseFigures(index, search, q) {
  const best = search.hits[0];
  if (!best) return [];
  const chosen = [best];
  const has = (d) => chosen.some((c) => c.doc === d);
  const byDoc = new Map(search.hits.map((h) => [h.doc, h]));
  if (q.enumerate || q.superlative) {
    const whole = best.doc.parts.length ? best.doc : best.doc.figure.whole ? index.byId.get(best.doc.figure.whole) : void 0;
    const parts = (whole?.parts ?? []).map((p) => byDoc.get(p)).filter((h) => !!h);
    if (parts.length >= 2) {
      if (q.superlative) {
        const sorted = [...parts].sort((a, b) => b.doc.figure.value - a.doc.figure.value);
        return [q.superlative === "max" ? sorted[0] : sorted[sorted.length - 1]];
      }
      return parts;
    }
    if (q.enumerate && !parts.length) {
      const key = (d) => d.figure.context[0] ?? d.sentence?.id ?? d.figure.id;
      const peers = search.hits.filter((h) => h.doc.figure.kind === best.doc.figure.kind && key(h.doc) === key(best.doc));
      if (peers.length >= 2) return peers.sort((a, b) => index.figures.indexOf(a.doc) - index.figures.indexOf(b.doc));
    }
    if (q.superlative) {
      const peers = search.hits.filter((h) => h.doc.figure.kind === best.doc.figure.kind && h.doc.figure.unit === best.doc.figure.unit && h.coverage >= best.coverage - 0.01);
      if (peers.length >= 2) {
        const sorted = [...peers].sort((a, b) => b.doc.figure.value - a.doc.figure.value);
        return [q.superlative === "max" ? sorted[0] : sorted[sorted.length - 1]];
      }
    }
  }
  if (!q.periodAsked) {
    for (const h of search.hits.slice(1)) {
      if (chosen.length >= 4) break;
      const f = h.doc.figure;
      if (f.kind !== best.doc.figure.kind || f.unit !== best.doc.figure.unit || f.target !== best.doc.figure.target) continue;
      if (h.coverage < best.coverage - 0.01 || h.score < best.score * 0.8) continue;
      if (!sameMeasure(h.doc, best.doc)) continue;
      if (chosen.some((c) => periodWithin(f.period.atoms, c.doc.figure.period.atoms) || periodWithin(c.doc.figure.period.atoms, f.period.atoms))) continue;
      chosen.push(h);
    }
  }
  for (const h of search.hits.slice(1)) {
    if (chosen.length >= 3 || has(h.doc)) continue;
    if (h.fit !== best.fit || h.coverage < best.coverage || h.doc.figure.kind !== best.doc.figure.kind || h.score < best.score * 0.8) continue;
    if (!q.units.filter((u) => !u.soft).every((u) => holds(h.doc.near, u) && holds(best.doc.near, u))) continue;
    if (h.doc.figure.whole === best.doc.figure.id || best.doc.figure.whole === h.doc.figure.id) continue;
    chosen.push(h);
  }
  if (!q.kind) {
    for (const c of [...chosen]) {
      for (const h of search.hits) {
        const f = h.doc.figure;
        if (has(h.doc) || !f.group || f.group !== c.doc.figure.group) continue;
        if (f.kind !== "percent_of_plan" && !(f.kind === "level" && f.unit === "%" && c.doc.figure.unit !== "%")) continue;
        if (periodFit(c.doc.figure.period.atoms, f.period.atoms) === null) continue;
        chosen.push(h);
      }
    }
  }
  return chosen.slice(0, 6);
}
function sameMeasure(a, b) {
  if (a.figure.indicator === b.figure.indicator && a.figure.subject === b.figure.subject) return true;
  const wa = new Set(a.ownWords);
  const wb = b.ownWords;
  if (!wa.size || !wb.length) return false;
  const common = wb.filter((w) => wa.has(w)).length;
  return common / Math.max(wa.size, wb.length) >= 0.6;
}

// src/engine/passage-search.ts
var WANTED_KINDS = {
  difficulty: ["difficulty"],
  task: ["task"],
  request: ["request", "wish"],
  assessment: ["assessment"],
  outcome: ["petition_outcome", "acceptance"],
  situation: ["situation", "policy"]
};
function searchPassages(index, q) {
  const hits = [];
  const kinds = q.statementWanted ? WANTED_KINDS[q.statementWanted] : void 0;
  for (const doc of index.statements) {
    const s = doc.statement;
    if (s.kind === "participants" && !q.speakers.length) continue;
    const c = cover(q.units, [[doc.text, 1], [doc.speaker, 0.7]], index);
    let score = c.lexical + c.coverage * 3;
    const kindFits = kinds?.includes(s.kind) ?? false;
    if (kinds) score += kindFits ? 3 : -1.5;
    if (q.direction && s.direction) score += s.direction === q.direction ? 2 : -4;
    if (q.speakers.length && s.speaker && q.speakers.includes(s.speaker)) score += 2;
    score -= Math.max(0, doc.text.folded.length - 400) / 400;
    const coverage = kindFits ? Math.max(c.coverage, Math.min(1, c.coverage + 0.34)) : c.coverage;
    if (coverage < 0.5 && !(kindFits && q.units.every((u) => u.soft || holds(doc.text, u) || isKindWord(u)))) continue;
    hits.push({ doc, score, coverage });
  }
  hits.sort((a, b) => b.score - a.score);
  return hits;
}
function isKindWord(u) {
  return u.alts.some((a) => / (?:kho khan|vuong mac|han che|nhiem vu|giai phap|kien nghi|de xuat|danh gia cao|bieu duong) /.test(a));
}
function continuation(index, hit) {
  const next = index.statements[hit.doc.index + 1];
  if (!next) return void 0;
  return /^(?:Đặc biệt|Trong đó|Cụ thể|Nhất là|Ngoài ra|Bên cạnh đó|Đồng thời)\b/u.test(next.statement.cite) ? next : void 0;
}

// src/engine/people-search.ts
var LEAD = / (?:truong doan|dan dau doan|head of the delegation|led the|headed the|leader of the delegation|delegation head) /;
function searchPeople(index, units, names) {
  const hits = [];
  const askedDeputy = units.some((u) => u.alts.some((a) => / pho /.test(a)));
  for (const doc of index.people) {
    const p = doc.person;
    if (names.length && p.name && names.some((n) => ` ${doc.name?.folded.trim()} `.includes(` ${n} `))) {
      hits.push({ doc, coverage: 1, score: 10 });
      continue;
    }
    if (!units.length) continue;
    let best = 0;
    let bestScore = 0;
    const fields = doc.roles;
    const total = units.reduce((s, u) => s + unitIdf(u, index), 0) || 1;
    for (const role of fields) {
      let found = 0;
      for (const u of units) {
        const ok = u.alts.some((a) => {
          const at = role.folded.indexOf(a);
          if (at < 0) return false;
          return askedDeputy || !role.folded.slice(Math.max(0, at - 5), at + 1).endsWith(" pho ");
        });
        const leads = p.leadsDelegation && u.alts.some((a) => LEAD.test(a));
        if (ok || leads) found += unitIdf(u, index);
      }
      const cov = found / total;
      const extra = role.folded.trim().split(" ").length;
      const score = cov * 10 - extra * 0.05;
      if (cov > best || cov === best && score > bestScore) {
        best = cov;
        bestScore = score;
      }
    }
    if (p.leadsDelegation && units.some((u) => u.alts.some((a) => LEAD.test(a)))) {
      best = Math.max(best, units.filter((u) => u.alts.some((a) => LEAD.test(a) || / chinh phu | doan cong tac /.test(a))).length / units.length);
      bestScore = Math.max(bestScore, best * 10);
    }
    if (best > 0) hits.push({ doc, coverage: best, score: bestScore });
  }
  hits.sort((a, b) => b.score - a.score);
  return hits;
}

// src/text/numbers.ts
function parseViNumber(text) {
  const t = text.trim().replace(/\s/g, "");
  if (!/^\d{1,3}(?:\.\d{3})*(?:,\d+)?$|^\d+(?:,\d+)?$/.test(t)) return null;
  return Number(t.replace(/\./g, "").replace(",", "."));
}
function viNumbersToEnglish(text) {
  return text.replace(/\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+/g, (n) => {
    const v = parseViNumber(n);
    if (v === null) return n;
    const decimals = n.includes(",") ? n.split(",")[1].length : 0;
    return v.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  });
}

// src/engine/compose.ts
function cite(out, text, sessionId) {
  if (text && !out.some((c) => c.text === text)) out.push({ text, sessionId });
}
function englishValue(display) {
  const converted = viNumbersToEnglish(display).replace(/\btỷ\b/g, "billion").replace(/\btriệu\b/g, "million").replace(/\bnghìn\b|\bngàn\b/g, "thousand").replace(/\bđồng\b/g, "VND").replace(/\blượt\b/g, "visits");
  return converted === display ? display : `${converted} (${display})`;
}
function figureLine(f, lang) {
  const m = messages(lang);
  const period = lang === "en" ? f.period.labelEn : f.period.label;
  const notes = [period, f.qualifier === "\u01B0\u1EDBc" || f.qualifier === "d\u1EF1 ki\u1EBFn" ? m.estimate : "", f.target ? m.target : ""].filter(Boolean).join("; ");
  if (lang === "en") return `${f.label.en}: ${englishValue(f.display)} \u2014 \u201C${f.phrase}\u201D (${notes}).`;
  const phrase = f.kind === "share" && !/^chiếm|^tỷ trọng|^tỉ trọng/iu.test(f.phrase) ? `${m.sharePrefix} ${f.display}` : f.phrase;
  return `${f.label.vi}: ${phrase} (${notes}).`;
}
function figureCitations(f) {
  const period = f.period.cite && f.period.source !== "clause" && f.period.source !== "document" ? f.period.cite : void 0;
  if (!period) return [f.cite];
  if (period.includes(f.cite)) return [period];
  return [f.cite, period];
}
function composeFigures(figures, sessionId, lang, notes = []) {
  const citations = [];
  for (const f of figures) for (const text of figureCitations(f)) cite(citations, text, sessionId);
  return {
    lines: [...figures.map((f) => figureLine(f, lang)), ...notes],
    figures: figures.map((f) => ({ label: lang === "en" ? f.label.en : f.label.vi, value: f.display, period: lang === "en" ? f.period.labelEn : f.period.label })),
    citations
  };
}
function composeStatements(statements, sessionId, intro) {
  const citations = [];
  for (const s of statements) cite(citations, s.cite, sessionId);
  return { lines: [...intro ? [intro] : [], ...statements.map((s) => s.cite)], figures: [], citations };
}
function composePeople(people, sessionId, lang) {
  const m = messages(lang);
  const citations = [];
  for (const p of people) cite(citations, p.cite, sessionId);
  return {
    lines: people.map((p) => m.roles(p.name ?? m.unnamed, (lang === "en" ? p.rolesEn : p.roles).join(", "))),
    figures: [],
    citations
  };
}

// src/engine/engine.ts
var ROLE_QUESTION = /^ (?:giu|giu chuc|giu chuc vu|chuc vu|chuc danh|chuc|vu|vai tro|cuong vi|du|tham du|co mat|position|role|title|office|held|holds|hold|job|attended|attend) $/;
var OFFICE = /^ (?:chu tich|pho chu tich|bi thu|pho bi thu|bo truong|thu truong|thu tuong|pho thu tuong|truong doan|giam doc|chu nhiem|uy vien|head of|chairman|secretary|minister|prime minister|governor) /;
var GRDP = (() => {
  const group = SYNONYMS.find((g) => g.includes("grdp"));
  return group ? { text: "GRDP", alts: group.map((p) => ` ${tokenize(p).map((t) => t.folded).join(" ")} `) } : void 0;
})();
var QueryEngine = class {
  knowledgeBase;
  indexes = /* @__PURE__ */ new Map();
  frames = /* @__PURE__ */ new Map();
  lexicon;
  byProvince = /* @__PURE__ */ new Map();
  byPerson = /* @__PURE__ */ new Map();
  /** Year → the sessions that cover it, most recent first (for a question that names no province). */
  byYear = /* @__PURE__ */ new Map();
  clock;
  ttlMs;
  cacheSize;
  constructor(knowledge, options = {}) {
    this.knowledgeBase = knowledge;
    this.clock = options.clock ?? systemClock;
    this.ttlMs = options.contextTtlMs ?? 30 * 6e4;
    this.cacheSize = options.indexCacheSize ?? 512;
    this.rebuildCatalogue();
  }
  get knowledge() {
    return this.knowledgeBase;
  }
  /** Takes a new set of sessions (one added or removed at run time); indexes of unchanged sessions are kept. */
  setKnowledge(knowledge) {
    this.knowledgeBase = knowledge;
    for (const id of [...this.indexes.keys()]) if (knowledge.byId.get(id) !== this.indexes.get(id).session) this.indexes.delete(id);
    this.rebuildCatalogue();
  }
  rebuildCatalogue() {
    const typos = new TypoIndex();
    const names = /* @__PURE__ */ new Set();
    this.byProvince = /* @__PURE__ */ new Map();
    this.byPerson = /* @__PURE__ */ new Map();
    this.byYear = /* @__PURE__ */ new Map();
    for (const s of this.knowledgeBase.sessions) {
      const info = sessionInfo(s);
      const entry = { session: s, province: foldForMatch(info.province), years: info.years, periodAtoms: info.periodAtoms };
      const list = this.byProvince.get(entry.province) ?? [];
      list.push(entry);
      this.byProvince.set(entry.province, list);
      for (const y2 of new Set(info.years)) {
        const forYear = this.byYear.get(y2) ?? [];
        forYear.push(s);
        this.byYear.set(y2, forYear);
      }
      for (const name of info.people) {
        const key = foldForMatch(name);
        names.add(key);
        const ids = this.byPerson.get(key);
        if (ids) ids.push(info.id);
        else this.byPerson.set(key, [info.id]);
      }
    }
    if (this.knowledgeBase.vocabulary) for (const [w, c] of this.knowledgeBase.vocabulary) typos.add(w, c);
    else for (const s of this.knowledgeBase.sessions) for (const t of tokenize(s.sourceText)) typos.add(t.folded);
    for (const group of SYNONYMS) for (const p of group) for (const t of tokenize(p)) typos.add(t.folded, 3);
    for (const v of Object.values(ABBREVIATIONS)) for (const t of tokenize(v)) typos.add(t.folded, 3);
    for (const w of QUESTION_WORDS.folded) typos.add(w, 5);
    for (const w of FUNCTION_WORDS.folded) typos.add(w, 5);
    for (const p of PROVINCES) for (const t of tokenize(p)) typos.add(t.folded, 3);
    this.lexicon = { typos, names };
  }
  /** The index of a session, built on first use and kept (bounded, least recently used first out). */
  indexOf(session) {
    const id = session.file.session.id;
    let idx = this.indexes.get(id);
    if (idx) {
      this.indexes.delete(id);
      this.indexes.set(id, idx);
      return idx;
    }
    idx = new SessionIndex(session);
    this.indexes.set(id, idx);
    if (this.indexes.size > this.cacheSize) this.indexes.delete(this.indexes.keys().next().value);
    return idx;
  }
  /** Asks with the engine's own in-memory follow-up context (the CLI, tests). */
  ask(question, opts = {}) {
    const key = opts.chatId;
    let frame = key ? this.frames.get(key) : void 0;
    if (frame && this.clock.now().getTime() - Date.parse(frame.at) > this.ttlMs) frame = void 0;
    const result = this.answer(question, { frame });
    if (key && result.frame) {
      this.frames.set(key, result.frame);
      if (this.frames.size > 1e4) this.frames.delete(this.frames.keys().next().value);
    }
    return result.answer;
  }
  /** Answers one question; returns the frame to keep for the next one (the caller stores it). */
  answer(question, opts = {}) {
    const junk2 = this.knowledgeBase.sessions.length ? mostlyUnknown(String(question ?? ""), this.lexicon) : void 0;
    if (junk2) return { answer: this.unknownWords(junk2) };
    const q = parseQuestion(String(question ?? ""), this.lexicon);
    const m = messages(q.lang);
    const sessions = this.knowledgeBase.sessions;
    if (!sessions.length) return { answer: this.plain(q, m.noSessions, "refusal", "no sessions") };
    if (!q.normalized.trim()) return { answer: this.plain(q, String(question ?? "").trim() ? m.notInReportGeneric : m.empty, "refusal", "empty question") };
    if (q.intent === "greeting" || q.intent === "thanks" || q.intent === "chitchat" || q.intent === "help") {
      const text = q.intent === "greeting" || q.intent === "help" ? m.greeting : q.intent === "thanks" ? m.thanks : m.smallTalk;
      return { answer: { ...this.plain(q, text, "small-talk", q.intent), smallTalk: true, suggestions: this.starterSuggestions(sessions[0], q.lang) } };
    }
    const frame = opts.frame && this.knowledgeBase.byId.has(opts.frame.sessionId) ? opts.frame : void 0;
    const picked = this.selectSession(q, frame);
    if ("refusal" in picked) return { answer: picked.refusal };
    const session = picked.session;
    const index = this.indexOf(session);
    if (q.parts.length >= 2) {
      const combined = this.answerParts(q, index, picked.named, frame);
      if (combined) return combined;
    }
    const standalone = this.resolve(q, void 0, index);
    const first = this.answerIn(index, standalone, picked.named);
    const elliptical = isElliptical(q);
    let chosen = first;
    if (frame && frame.sessionId === session.file.session.id && (q.followUp !== "none" || elliptical) && !q.intent) {
      const merged = this.resolve(q, frame, index);
      const second = this.answerIn(index, merged, picked.named);
      const confident = first.answer.found && (first.confidence ?? 0) >= 0.75;
      if (q.followUp === "strong" || elliptical) chosen = second.answer.found ? second : first;
      else chosen = confident ? first : second.answer.found ? second : first;
    }
    if (q.tooLong) chosen.answer.answer = `${m.tooLong}
${chosen.answer.answer}`;
    return { answer: chosen.answer, frame: chosen.answer.found ? chosen.frame : void 0 };
  }
  answerParts(q, index, named, frame) {
    const results = [];
    let previous = frame && frame.sessionId === index.session.file.session.id && q.followUp !== "none" ? frame : void 0;
    for (const text of q.parts) {
      const part = parseQuestion(text, this.lexicon);
      if (!part.period.length && q.period.length) part.period = q.period;
      const r = this.answerIn(index, this.resolve(part, previous, index), named);
      results.push(r);
      if (r.frame) previous = r.frame;
    }
    const ok = results.filter((r) => r.answer.found);
    if (!ok.length) return void 0;
    const lines = [];
    const citations = [];
    const figures = [];
    for (const r of results) {
      for (const line of r.answer.answer.split("\n")) if (!lines.includes(line)) lines.push(line);
      for (const c of r.answer.citations) if (!citations.some((x) => x.text === c.text)) citations.push(c);
      for (const f of r.answer.figures) if (!figures.some((x) => x.value === f.value && x.label === f.label)) figures.push(f);
    }
    const first = ok[0].answer;
    return {
      answer: {
        ...first,
        answer: lines.join("\n"),
        citations,
        figures,
        entryIds: [...new Set(ok.flatMap((r) => r.answer.entryIds))],
        petitionIds: [...new Set(ok.flatMap((r) => r.answer.petitionIds))],
        suggestions: first.suggestions
      },
      frame: previous
    };
  }
  petitionLines(groups, lang, sid) {
    const citations = [];
    const lines = [];
    for (const g of groups) {
      const topics = g.topics.length ? lang === "en" ? ` \u2014 about: ${g.topics.join(", ")}` : ` \u2014 v\u1EC1: ${g.topics.join(", ")}` : "";
      lines.push(`${g.id} \xB7 ${lang === "en" ? g.titleEn : g.title}${topics}.`);
      for (const t of [g.cite, g.topicsCite]) if (t && !citations.some((c) => c.text === t)) citations.push({ text: t, sessionId: sid });
    }
    return { lines, figures: groups.map((g) => ({ label: lang === "en" ? g.titleEn : g.title, value: g.countDisplay })), citations };
  }
  /**
   * The indicator (series of figures) a name typed after /chiso means, with the periods asked:
   * an exact id, or the series of the figure that best answers the name. Nothing when the name's
   * words are not the report's, so that "/chiso dân số" is not answered with disbursement.
   */
  lookupIndicator(session, typed) {
    const index = this.indexOf(session);
    const exact = session.file.indicators.find((i) => i.id === typed.trim() || foldForMatch(i.name.vi) === foldForMatch(typed));
    if (exact) return { indicatorId: exact.id, period: [], closest: [] };
    const q = parseQuestion(typed, this.lexicon);
    const units = resolveUnits(q.units, index);
    const hard = units.filter((u) => !u.soft);
    const closest = () => searchFigures(index, { units: hard.filter((u) => mentioned(u, index)), required: [], period: [], excludedKinds: [], excludedUnits: [], target: false, numbers: [] }).hits.slice(0, 3).map((h) => h.doc.figure.indicator);
    if (!hard.length || hard.some((u) => !mentioned(u, index))) return { period: q.period, closest: [...new Set(closest())] };
    const search = searchFigures(index, { units, required: [], period: q.period, kind: q.kind, excludedKinds: q.excludedKinds, excludedUnits: [], target: q.target, numbers: [], anyKind: true });
    const best = search.hits[0];
    if (!best || best.coverage < 0.75) return { period: q.period, closest: [...new Set(closest())] };
    return { indicatorId: best.doc.figure.indicator, period: q.period, closest: [] };
  }
  unknownWords(junk2) {
    const suggestions = this.starterSuggestions(this.knowledgeBase.sessions[0], junk2.lang);
    const m = messages(junk2.lang);
    return {
      found: false,
      answer: [m.unknownWords, ...suggestions.length ? [m.youCouldAsk(suggestions.map((x) => x.label).join("; "))] : []].join("\n"),
      lang: junk2.lang,
      figures: [],
      citations: [],
      suggestions,
      entryIds: [],
      petitionIds: [],
      understood: { lang: junk2.lang, normalized: "", mode: "refusal", phrases: [], questionType: "unknown", followUp: false, sessionIds: [], reason: `mostly unknown words (${junk2.unknown} of ${junk2.words})` }
    };
  }
  plain(q, text, mode, reason) {
    return {
      found: false,
      answer: text,
      lang: q.lang,
      figures: [],
      citations: [],
      suggestions: [],
      entryIds: [],
      petitionIds: [],
      understood: { lang: q.lang, normalized: q.normalized.trim(), mode, phrases: q.units.map((u) => u.text), questionType: q.qtype, followUp: false, sessionIds: [], reason }
    };
  }
  /** The session a question is about: the one it names (province, year, person), the conversation's, or the most recent. */
  selectSession(q, frame) {
    const all = this.knowledgeBase.sessions;
    const years = yearsOf(q.period.filter((a) => !isOpen(a)));
    const known = q.provinces.map((p) => this.byProvince.get(foldForMatch(p))).filter((l) => !!l);
    if (known.length) {
      const list = known.flat();
      let byYear = years.length ? list.find((e) => years.every((y2) => e.years.includes(y2))) : void 0;
      const atoms = q.period.filter((a) => !isOpen(a));
      if (byYear && atoms.length) byYear = list.find((e) => e.province === byYear.province && years.every((y2) => e.years.includes(y2)) && atoms.every((a) => e.periodAtoms.includes(a))) ?? byYear;
      return { session: (byYear ?? list[0]).session, named: true };
    }
    for (const n of q.names) {
      const ids = this.byPerson.get(n);
      if (ids?.length) {
        const s = this.knowledgeBase.byId.get(ids[0]);
        if (s) return { session: s, named: true };
      }
    }
    if (frame && !q.provinces.length) {
      const s = this.knowledgeBase.byId.get(frame.sessionId);
      if (s && (q.followUp !== "none" || isElliptical(q))) return { session: s, named: false };
    }
    if (years.length && all.length > 1) {
      const s = this.byYear.get(years[0])?.find((x) => years.every((y2) => sessionInfo(x).years.includes(y2)));
      if (s) return { session: s, named: false };
    }
    return { session: all[0], named: false };
  }
  /** The question as this session reads it: its phrases, and with a frame, the conversation's too. */
  resolve(q, frame, index) {
    const latest = index.latestYear;
    const docYears = yearsOf(index.session.file.session.periodAtoms);
    let period = q.period;
    if (period.some(isOpen)) {
      const fromFrame = frame?.period.map(yearOf).find((y2) => !!y2);
      const year = fromFrame ?? (docYears.length ? docYears[docYears.length - 1] : latest);
      period = settleYear(period, year);
    }
    if (!frame) {
      let units2 = resolveUnits(q.units, index);
      if (q.kind === "growth" && !units2.some((u) => !u.soft) && GRDP && GRDP.alts.some((a) => index.mentions(a))) units2 = [...units2, GRDP];
      return { ...q, units: units2, period, required: [], merged: false };
    }
    const own = q.units.filter((u) => !u.soft);
    const ownKeys = new Set(own.flatMap((u) => u.alts));
    const frameUnits = frame.units.filter((u) => !u.alts.some((a) => ownKeys.has(a)));
    const units = own.length ? [...q.units, ...frameUnits.map((u) => ({ ...u, soft: true }))] : [...q.units, ...frameUnits];
    return {
      ...q,
      units: resolveUnits(units, index),
      required: own.length ? resolveUnits(own, index) : [],
      period: period.length ? period : frame.period,
      kind: q.kind ?? (q.excludedKinds.includes(frame.kind) ? void 0 : frame.kind),
      unitWanted: q.unitWanted ?? (own.length ? void 0 : frame.unitWanted),
      statementWanted: q.statementWanted ?? frame.statementWanted,
      qtype: q.qtype === "unknown" || q.qtype === "how" ? frame.mode === "figure" ? "quantity" : frame.mode === "people" ? "who" : "what" : q.qtype,
      merged: true
    };
  }
  answerIn(index, resolved, named) {
    let q = resolved;
    const session = index.session;
    const sid = session.file.session.id;
    const m = messages(q.lang);
    const understood = (mode, reason) => ({
      lang: q.lang,
      normalized: q.normalized.trim(),
      mode,
      phrases: q.units.map((u) => u.text),
      period: q.period.join("+") || void 0,
      kind: q.kind,
      questionType: q.qtype,
      followUp: q.merged,
      sessionIds: [sid],
      reason
    });
    const found = (c, mode, entryIds, suggestions, frameMode, confidence = 1, petitionIds = []) => {
      const many = this.knowledgeBase.sessions.length > 1;
      const s = session.file.session;
      const lines = [...many ? [m.sessionLine(q.lang === "en" ? s.titleEn : s.title, s.reportPeriod)] : [], ...c.lines];
      return {
        answer: {
          found: true,
          answer: lines.join("\n"),
          lang: q.lang,
          sessionId: sid,
          sessionLabel: q.lang === "en" ? s.titleEn : s.title,
          figures: c.figures,
          citations: c.citations,
          suggestions: suggestions.slice(0, 3),
          entryIds,
          petitionIds,
          understood: understood(mode)
        },
        frame: frameMode ? { v: 1, sessionId: sid, units: q.units.map(stripUnit), period: q.period, kind: q.kind, unitWanted: q.unitWanted, mode: frameMode, statementWanted: q.statementWanted, at: this.clock.now().toISOString() } : void 0,
        confidence
      };
    };
    const refuse = (text, reason, suggestions = []) => {
      const sugg = dedupeSuggestions(suggestions.length ? suggestions : this.starterSuggestions(session, q.lang)).slice(0, 3);
      const lines = [text, ...sugg.length ? [m.youCouldAsk(sugg.map((x) => x.label).join("; "))] : []];
      return { answer: { ...this.plain(q, lines.join("\n"), "refusal", reason), suggestions: sugg, understood: understood("refusal", reason) } };
    };
    if (q.intent === "participants") return found(composePeople(session.file.people, sid, q.lang), "participants", session.file.people.map((p) => p.id), [], void 0);
    if (q.intent === "summary") return found(this.summary(index, q.lang), "summary", [], [], void 0);
    if (q.intent === "about") {
      const s = session.file.session;
      return found({ lines: [m.aboutLine(q.lang === "en" ? s.titleEn : s.title, s.reportPeriod, s.delegationHead)], figures: [], citations: this.firstSentence(index) }, "summary", [], this.starterSuggestions(session, q.lang), void 0);
    }
    const own = q.provinces.filter((p) => foldForMatch(p) === foldForMatch(session.file.session.province));
    if (own.length) q = { ...q, units: [...q.units, ...own.map((p) => ({ text: p, alts: [` ${tokenize(p).map((t) => t.folded).join(" ")} `], soft: true, group: true }))] };
    const foreign = q.provinces.filter((p) => foldForMatch(p) !== foldForMatch(session.file.session.province));
    const foreignUnits = foreign.map((p) => ({ text: p, alts: [` ${tokenize(p).map((t) => t.folded).join(" ")} `] }));
    if (foreign.length && !named && !foreignUnits.every((u) => mentioned(u, index))) {
      return refuse(m.otherProvince(foreign.join(", "), `${session.file.session.province}`), `province without a session: ${foreign.join(", ")}`);
    }
    const saidAsked = / (?:noi|phat bieu|de nghi|yeu cau|chi dao|ket luan|nhan manh) (?:gi|nhung gi|ve gi) | what did .* say | what did .* ask /.test(q.normalized);
    const people = searchPeople(index, q.units.filter((u) => !u.soft && !ROLE_QUESTION.test(u.alts[0])), q.names);
    const namesSomeone = q.names.length > 0 || q.units.some((u) => !u.soft && u.alts.some((a) => OFFICE.test(a)));
    if (saidAsked && namesSomeone && people[0] && people[0].coverage >= 0.99) {
      const pid = people[0].doc.person.id;
      const said = index.statements.filter((s) => s.statement.speaker === pid && s.statement.kind !== "participants").slice(0, 3);
      if (said.length) return found(composeStatements(said.map((s) => s.statement), sid, m.said(people[0].doc.person.name ?? people[0].doc.person.roles[0])), "passage", said.map((s) => s.statement.id), [], "passage");
    }
    const officeWords = q.units.filter((u) => !u.soft && !ROLE_QUESTION.test(u.alts[0]) && !q.names.some((n) => u.alts.some((a) => ` ${n} `.includes(a) || a.includes(` ${n} `))));
    const bareOffice = q.qtype === "unknown" && !q.kind && !q.period.length && officeWords.some((u) => u.alts.some((a) => OFFICE.test(a))) && !!people[0] && people[0].coverage >= 0.99;
    let whoFailed = false;
    if (q.qtype === "who" || q.qtype === "role" || bareOffice || q.names.length && !q.units.filter((u) => !u.soft).some((u) => !q.names.some((n) => u.alts.some((a) => a.includes(n))))) {
      const best = people[0];
      if (best && (best.coverage >= 0.99 || q.names.length && best.score >= 10)) {
        const tied = people.filter((p) => p.coverage >= 0.99 && p.score >= best.score - 0.01);
        const chosen = q.qtype === "who" && officeWords.length ? tied.slice(0, 3) : [best];
        return found(composePeople(chosen.map((p) => p.doc.person), sid, q.lang), "people", chosen.map((p) => p.doc.person.id), [], "people");
      }
      whoFailed = q.qtype === "who";
    }
    const petitionNo = /(?:^| )(?:kn|kien nghi|nhom kien nghi|nhom|petition|group)(?: so)? ?-? ?0*(\d{1,2})(?= |$)/.exec(q.normalized.replace(/ kn (\d)/, " kn$1").replace(/kn(\d)/, "kn $1"));
    if (petitionNo) {
      const g = session.file.petitionGroups.find((x) => Number(x.id.slice(3)) === Number(petitionNo[1]));
      if (g) return found(this.petitionLines([g], q.lang, sid), "passage", [g.id], [], "passage", 1, [g.id]);
    }
    const petitionWords = q.units.filter((u) => !u.soft && u.alts.includes(" kien nghi "));
    const otherWords = q.units.filter((u) => !u.soft && !u.alts.includes(" kien nghi ") && !/ tinh | cua /.test(u.alts[0]));
    if (petitionWords.length && !otherWords.length && (q.qtype === "what" || q.qtype === "which" || q.qtype === "unknown") && session.file.petitionGroups.length) {
      const groups = session.file.petitionGroups;
      return found(this.petitionLines(groups, q.lang, sid), "passage", groups.map((g) => g.id), [], "passage", 1, groups.map((g) => g.id));
    }
    const missing = q.units.filter((u) => !u.soft && !mentioned(u, index) && !q.required.includes(u));
    const missingRequired = q.required.filter((u) => !mentioned(u, index));
    if (missing.length || missingRequired.length) {
      const what = [...missing, ...missingRequired].map((u) => u.text).join(", ");
      const near = this.nearby(index, q, [...missing, ...missingRequired]);
      return refuse(m.notInReport(what), `not in the report: ${what}`, near);
    }
    if (!q.units.filter((u) => !u.soft).length && !q.kind && !q.period.length && !q.numbers.length && !q.statementWanted) return refuse(m.notInReportGeneric, "no topic recognised");
    if (q.kind === "share") q = { ...q, units: q.units.map((u) => GRDP && u.alts.some((a) => GRDP.alts.includes(a)) ? { ...u, soft: true } : u) };
    const numberUnits = (q.qtype === "which" || q.qtype === "what") && q.numbers.length ? q.numbers.map((n) => ({ text: String(n), alts: [` ${String(n).replace(".", ",")} `] })) : [];
    if (numberUnits.length) {
      const hits = searchPassages(index, { units: [...q.units, ...numberUnits], statementWanted: q.statementWanted, speakers: [] });
      if (hits[0] && hits[0].coverage >= 0.75) return this.passageAnswer(index, q, hits, found);
    }
    const figureQuery = {
      units: [...q.units, ...foreignUnits],
      required: [...q.required, ...foreignUnits],
      period: q.period,
      kind: q.kind,
      excludedKinds: q.excludedKinds,
      excludedUnits: q.excludedUnits,
      unitWanted: q.unitWanted,
      target: q.target,
      numbers: q.numbers
    };
    const fsearch = searchFigures(index, figureQuery);
    const speakers = people.filter((p) => p.coverage >= 0.99).map((p) => p.doc.person.id);
    const passages = searchPassages(index, { units: [...q.units, ...foreignUnits], statementWanted: q.statementWanted, direction: q.direction, speakers: speakers.slice(0, 1) });
    if (whoFailed) {
      if (passages[0] && passages[0].coverage >= 0.75) return this.passageAnswer(index, q, passages, found);
      return refuse(m.noOffice(officeWords.map((u) => u.text).join(" ") || q.text), "no person holds that office");
    }
    const bestF = fsearch.hits[0];
    const bestP = passages[0];
    const quantity = q.qtype === "quantity" || !!q.superlative && !!q.kind || !!q.unitWanted || !!q.kind && q.kind !== "level" && q.qtype !== "what" && q.qtype !== "which" || q.numbers.length > 0;
    const wantsStatements = !!q.statementWanted && q.statementWanted !== "situation" && q.qtype !== "quantity";
    const figureFirst = quantity || !wantsStatements && !!bestF && bestF.coverage >= 0.8 && (q.qtype === "unknown" || (q.qtype === "how" || /tinh hinh|situation/.test(q.normalized) || q.period.length > 0) && bestF.coverage >= (bestP?.coverage ?? 0) - 0.05);
    if (figureFirst && bestF) return this.figureAnswer(index, q, fsearch, found);
    if (q.period.length && !bestF && fsearch.otherPeriods.length && !wantsStatements) return this.figureRefusal(index, q, fsearch, refuse);
    if (quantity && !bestF) return this.figureRefusal(index, q, fsearch, refuse);
    if (bestP && (bestP.coverage >= 0.5 || wantsStatements)) return this.passageAnswer(index, q, passages, found);
    if (bestF && bestF.coverage >= 0.6) return this.figureAnswer(index, q, fsearch, found);
    return this.figureRefusal(index, q, fsearch, refuse);
  }
  figureAnswer(index, q, search, found) {
    let chosen = chooseFigures(index, search, { ...q, required: q.required, units: q.units, periodAsked: q.period.length > 0, excludedUnits: q.excludedUnits, target: q.target, numbers: q.numbers });
    for (const pair of q.conjuncts) {
      if (chosen.some((h) => pair.every((u) => holds(h.doc.near, u)))) continue;
      const each = [];
      for (const part of pair) {
        const units = q.units.filter((u) => !pair.includes(u) || u === part);
        const s = searchFigures(index, { ...q, units, required: [part], excludedUnits: q.excludedUnits, numbers: q.numbers });
        const best2 = s.hits[0];
        if (best2 && !each.some((h) => h.doc === best2.doc)) each.push(best2);
      }
      if (each.length === pair.length) chosen = each;
    }
    const m = messages(q.lang);
    const notes = [];
    for (const h of chosen) {
      const f = h.doc.figure;
      if (q.period.length && h.fit > 0 && h.fit < 2.5 && f.period.source !== "document") {
        const note = m.periodNote(q.lang === "en" ? f.period.labelEn : f.period.label);
        if (!notes.includes(note)) notes.push(note);
      }
    }
    const sid = index.session.file.session.id;
    const composed = composeFigures(chosen.map((h) => h.doc.figure), sid, q.lang, notes);
    const petitionIds = this.petitionsOf(index, chosen.map((h) => h.doc));
    const best = chosen[0];
    return found(composed, "figure", chosen.map((h) => h.doc.figure.id), this.relatedFigures(index, chosen, q.lang), "figure", best.coverage, petitionIds);
  }
  passageAnswer(index, q, passages, found) {
    const best = passages[0];
    const chosen = [best.doc];
    const next = continuation(index, best);
    if (next) chosen.push(next);
    const plural = / nhung | cac | what are | which /.test(q.normalized);
    if (plural) {
      for (const p of passages.slice(1)) if (chosen.length < 3 && p.score >= best.score * 0.85 && !chosen.includes(p.doc)) chosen.push(p.doc);
    }
    chosen.sort((a, b) => a.index - b.index);
    const sid = index.session.file.session.id;
    const petitionIds = index.session.file.petitionGroups.filter((g) => chosen.some((c) => c.statement.cite.includes(g.cite) || g.statusCites.includes(c.statement.cite) || g.topicsCite === c.statement.cite)).map((g) => g.id);
    const more = passages.filter((p) => !chosen.includes(p.doc)).slice(0, 2).map((p) => ({ label: shortLabel(p.doc.statement.cite), input: shortLabel(p.doc.statement.cite) }));
    return found(composeStatements(chosen.map((c) => c.statement), sid), "passage", chosen.map((c) => c.statement.id), more, "passage", best.coverage, petitionIds);
  }
  figureRefusal(index, q, search, refuse) {
    const m = messages(q.lang);
    const other = search.otherPeriods[0];
    if (other && q.period.length) {
      const f = other.doc.figure;
      const given = [...new Set(search.otherPeriods.filter((h) => sameSeries(h.doc, other.doc)).map((h) => q.lang === "en" ? h.doc.figure.period.labelEn : h.doc.figure.period.label))].join("; ");
      const asked = periodLabel(q.period, q.lang);
      return refuse(m.notForPeriod(q.lang === "en" ? f.label.en : f.label.vi, asked, given), `period not given: ${q.period.join("+")}`, search.otherPeriods.slice(0, 3).map((h) => figureSuggestion(h.doc, q.lang)));
    }
    const kind = search.otherKinds[0];
    if (kind) return refuse(m.noSuchKind(q.lang === "en" ? kind.doc.figure.label.en : kind.doc.figure.label.vi), "kind or unit not given", search.otherKinds.slice(0, 3).map((h) => figureSuggestion(h.doc, q.lang)));
    return refuse(m.notInReportGeneric, "nothing matches well enough", this.nearby(index, q, []));
  }
  /** The things the report does give that are closest to what was asked: suggestions, never answers. */
  nearby(index, q, missing) {
    let rest = q.units.filter((u) => !missing.includes(u) && !u.soft);
    if (!rest.length) rest = missing.flatMap((u) => u.alts[0].trim().split(" ").filter((w) => w.length > 1).map((w) => ({ text: w, alts: [` ${w} `] })));
    if (!rest.length) return [];
    const search = searchFigures(index, { units: rest, required: [], period: [], kind: void 0, excludedKinds: [], excludedUnits: [], target: q.target, numbers: [] });
    const out = search.hits.slice(0, 3).map((h) => figureSuggestion(h.doc, q.lang));
    if (out.length < 3) for (const p of searchPassages(index, { units: rest, speakers: [] }).slice(0, 3 - out.length)) out.push({ label: shortLabel(p.doc.statement.cite), input: shortLabel(p.doc.statement.cite) });
    return dedupeSuggestions(out);
  }
  relatedFigures(index, chosen, lang) {
    const shown = new Set(chosen.map((h) => h.doc));
    const out = [];
    for (const h of chosen) {
      const whole = h.doc.figure.whole ? index.byId.get(h.doc.figure.whole) : void 0;
      for (const d of [...whole?.parts ?? [], ...h.doc.parts, ...index.figures.filter((x) => x.figure.indicator === h.doc.figure.indicator)]) {
        if (out.length >= 3) break;
        if (shown.has(d) || d.figure.parent) continue;
        shown.add(d);
        out.push(figureSuggestion(d, lang));
      }
    }
    return dedupeSuggestions(out);
  }
  petitionsOf(index, docs) {
    return index.session.file.petitionGroups.filter((g) => docs.some((d) => d.figure.cite === g.cite || g.cite.includes(d.figure.display) && g.cite.includes(d.figure.cite))).map((g) => g.id);
  }
  summary(index, lang) {
    const m = messages(lang);
    const s = index.session.file;
    const sid = s.session.id;
    const key = new Set(s.indicators.filter((i) => i.key).map((i) => i.id));
    const seenSeries = /* @__PURE__ */ new Set();
    const heads = s.figures.filter((f) => key.has(f.indicator) && !f.parent && !f.whole && !seenSeries.has(f.indicator) && (seenSeries.add(f.indicator), true)).slice(0, 5);
    const figures = composeFigures(heads, sid, lang);
    const conclusions = s.statements.filter((x) => x.conclusion && (x.kind === "task" || x.kind === "assessment" || x.kind === "difficulty")).slice(0, 3);
    const petitions = s.petitionGroups.slice(0, 4);
    const lines = [
      m.summaryTitle(lang === "en" ? s.session.titleEn : s.session.title, s.session.reportPeriod),
      m.summaryFigures,
      ...figures.lines.map((l) => `\u2022 ${l}`),
      ...petitions.length ? [m.summaryPetitions, ...petitions.map((g) => `\u2022 ${lang === "en" ? g.titleEn : g.title}`)] : [],
      ...conclusions.length ? [m.summaryConclusions, ...conclusions.map((c) => clauseOf(c.cite, 200))] : []
    ];
    const citations = [...figures.citations];
    for (const g of petitions) if (!citations.some((c) => c.text === g.cite)) citations.push({ text: g.cite, sessionId: sid });
    for (const c of conclusions) citations.push({ text: clauseOf(c.cite, 200), sessionId: sid });
    return { lines, figures: figures.figures, citations };
  }
  firstSentence(index) {
    const first = index.session.file.statements[0];
    return first ? [{ text: first.cite, sessionId: index.session.file.session.id }] : [];
  }
  /** What to ask a report when nothing closer fits: its headline figures. */
  starterSuggestions(session, lang) {
    const index = this.indexOf(session);
    const key = new Set(session.file.indicators.filter((i) => i.key).map((i) => i.id));
    return index.figures.filter((d) => key.has(d.figure.indicator) && !d.figure.parent && !d.figure.whole).slice(0, 3).map((d) => figureSuggestion(d, lang));
  }
};
function isElliptical(q) {
  return !q.units.some((u) => !u.soft) && (q.period.length > 0 || !!q.kind || !!q.unitWanted || !!q.statementWanted || q.followUp !== "none" || q.numbers.length === 0);
}
function stripUnit(u) {
  return { text: u.text, alts: u.alts, ...u.toned ? { toned: u.toned } : {}, ...u.soft ? { soft: true } : {} };
}
function sameSeries(a, b) {
  return a.figure.indicator === b.figure.indicator;
}
function figureSuggestion(d, lang) {
  const f = d.figure;
  const period = lang === "en" ? f.period.labelEn : f.period.label;
  const label = `${lang === "en" ? f.label.en : f.label.vi} (${period})`;
  return { label: label.length > 90 ? `${label.slice(0, 87)}\u2026` : label, input: messages(lang).askAbout(`${f.label.vi} ${f.period.source === "document" ? "" : period}`.trim()) };
}
function shortLabel(sentence) {
  const cut = sentence.split(/[,;:]/)[0].trim();
  return cut.length > 80 ? `${cut.slice(0, 77)}\u2026` : cut;
}
function dedupeSuggestions(list) {
  const seen = /* @__PURE__ */ new Set();
  return list.filter((s) => seen.has(s.input) ? false : (seen.add(s.input), true));
}

// scratch/junk.ts
import { performance } from "node:perf_hooks";
var kb = openKnowledgeBase(process.argv[2]);
var engine = new QueryEngine(kb);
function junk(seed) {
  let s = seed;
  const rnd = () => (s = s * 1103515245 + 12345 >>> 0) / 2 ** 32;
  const L = "bcdfghjklmnpqrstvwxzaeiouy";
  const w = [];
  let n = 0;
  while (n < 4e3) {
    let x = "";
    const k = 3 + Math.floor(rnd() * 7);
    for (let i = 0; i < k; i++) x += L[Math.floor(rnd() * L.length)];
    w.push(x);
    n += x.length + 1;
  }
  return w.join(" ").slice(0, 4e3);
}
var viJunk = "b\xF3ng \u0111\xE1 h\xF4m qua \u0111\u1ED9i tuy\u1EC3n th\u1EAFng tr\u1EADn chung k\u1EBFt v\u1EDBi t\u1EC9 s\u1ED1 c\xE1ch bi\u1EC7t kh\xE1n gi\u1EA3 reo h\xF2 c\u1ED5 v\u0169 nhi\u1EC7t t\xECnh ".repeat(40).slice(0, 4e3);
var pasted = kb.sessions[0].sourceText.slice(0, 4e3);
for (const [name, make] of [["random", (i) => junk(i)], ["vi-news", () => viJunk], ["pasted-report", () => pasted]]) {
  const t0 = performance.now();
  const a = engine.ask(make(0));
  const first = performance.now() - t0;
  const ts = [];
  for (let i = 1; i < 40; i++) {
    const t = performance.now();
    engine.ask(make(i));
    ts.push(performance.now() - t);
  }
  ts.sort((x, y2) => x - y2);
  console.log(name, "first", first.toFixed(2), "p50", ts[20].toFixed(3), "max", ts.at(-1).toFixed(3), a.found, a.understood.reason, JSON.stringify(a.answer.slice(0, 80)));
}
