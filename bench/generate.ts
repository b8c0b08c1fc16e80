// Seeded synthetic sessions derived from the real one, for the benchmark and the multi-session
// tests; never loaded by the bot. Each generated session gets another province, other years,
// other people, scaled figures and a few reworded phrases. Its source text and its session file
// go through the same rewriting, so every citation still stands word for word in its own source,
// and the loader checks that as it does for the real file.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SessionFile } from "../src/knowledge/schema.js";
import { PROVINCES as provinces } from "../src/text/vietnam.js";
import { formatViNumber, parseViNumber } from "../src/text/numbers.js";
import { fold } from "../src/text/fold.js";
import { projectRoot } from "../src/knowledge/loader.js";

export interface GeneratedQuestion {
  id: string;
  q: string;
  /** Strings the right answer contains (each figure display is unique across sessions). */
  expect: string[];
  must_not?: string[];
  sessionId: string;
}

export interface GeneratedSession {
  file: SessionFile;
  source: string;
}

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Đinh", "Trịnh", "Lương", "Phan"];
const MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Xuân", "Ngọc", "Công", "Bá", "Thu"];
const GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Hùng", "Khánh", "Linh", "Long", "Mai", "Nam", "Phong", "Quân", "Sơn", "Tâm", "Thắng", "Trung", "Tuấn", "Việt", "Yến"];

/** Rewordings applied to both the source and the citations (each keeps the figures it touches). */
const REWORDINGS: [string, string][] = [
  ["Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) đạt", "Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) đạt"],
  ["trồng rừng mới đạt hơn", "trồng rừng mới được hơn"],
  ["toàn tỉnh có", "toàn tỉnh đã có"],
  ["tiếp tục phục hồi đà tăng trưởng", "tiếp tục duy trì đà tăng trưởng"],
  ["Cơ cấu kinh tế chuyển dịch đúng hướng", "Cơ cấu kinh tế tiếp tục chuyển dịch đúng hướng"],
];

const realFile = (): SessionFile => JSON.parse(readFileSync(join(projectRoot, "data/sessions/lang-son-2023.json"), "utf8"));
const realSource = () => readFileSync(join(projectRoot, "data/sources/lang-son-working-session-2023.vi.txt"), "utf8").normalize("NFC");

/** The numbers that are figures (not counts shared with periods like "4 tháng" or petition counts). */
function figureNumbers(file: SessionFile): string[] {
  const out = new Set<string>();
  for (const f of file.figures) {
    if (f.measure === "petitions") continue;
    for (const m of f.display.matchAll(/\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?/g)) out.add(m[0]);
  }
  return [...out];
}

/**
 * Generates `count` sessions. Session k's province is provinces[k mod 62] (never Lạng Sơn), and
 * sessions of one province get disjoint years (the k-th: 2021-2k-1 and 2021-2k), so that a
 * question naming a province and a year has exactly one right answer.
 */
export function generateSessions(count: number, seed = 20231): GeneratedSession[] {
  const base = realFile();
  const source = realSource();
  const random = rng(seed);
  const others = provinces.filter((p) => !["Lạng Sơn", "TP Hồ Chí Minh", "TP HCM", "Hồ Chí Minh", "Sài Gòn", "Huế"].includes(p));
  const numbers = figureNumbers(base);
  const used = new Map<string, Set<string>>();
  const out: GeneratedSession[] = [];
  for (let k = 0; k < count; k++) {
    const province = others[k % others.length]!;
    const round = Math.floor(k / others.length);
    const y2 = 2021 - 2 * round;
    const y1 = y2 - 1;
    const name = () => `${SURNAMES[Math.floor(random() * SURNAMES.length)]} ${MIDDLE[Math.floor(random() * MIDDLE.length)]} ${GIVEN[Math.floor(random() * GIVEN.length)]}`;
    const head = name();
    const chairman = name();
    const numberMap = new Map<string, string>([
      ["2022", String(y1)],
      ["2023", String(y2)],
    ]);
    for (const n of numbers) {
      const v = parseViNumber(n)!;
      const decimals = n.includes(",") ? n.split(",")[1]!.length : 0;
      const seen = used.get(n) ?? new Set<string>([n]);
      let next = n;
      for (let tries = 0; tries < 50 && seen.has(next); tries++) {
        const scaled = v * (0.55 + random() * 1.1);
        next = formatViNumber(decimals ? Number(scaled.toFixed(decimals)) : Math.max(1, Math.round(scaled)), decimals || undefined);
        if (decimals && !next.includes(",")) next = `${next},${"0".repeat(decimals)}`;
      }
      seen.add(next);
      used.set(n, seen);
      numberMap.set(n, next);
    }
    const rewordings = REWORDINGS.filter(() => random() < 0.5);
    const tx = (s: string): string => {
      let t = s.normalize("NFC");
      for (const [from, to] of rewordings) t = t.split(from).join(to);
      t = t.split("Lạng Sơn").join(province).split("Đào Hồng Lan").join(head).split("Hồ Tiến Thiệu").join(chairman);
      return t.replace(/(?<![\d.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d])|(?<![\d.,])\d+(?:,\d+)?(?![\d])/g, (m) => numberMap.get(m) ?? m);
    };
    const id = `${fold(province).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}-${y2}`;
    const keepAsIs = new Set(["id", "indicator", "group", "measure", "subject", "kind", "sourceStatus", "to", "origin", "unit"]);
    const file: SessionFile = JSON.parse(JSON.stringify(base), (key, value) => (typeof value === "string" && !keepAsIs.has(key) ? tx(value) : value));
    file.session = {
      ...file.session,
      id,
      province,
      coversUntil: `${y2}-04-30`,
      years: [y1, y2],
      sourceFile: `data/sources/${id}.vi.txt`,
      delegationHead: head,
    };
    for (const f of file.figures) {
      f.period.atoms = f.period.atoms.map((a) => a.replace("2022", String(y1)).replace("2023", String(y2)));
      const numeric = /\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?/.exec(f.display)?.[0];
      if (numeric) f.value = parseViNumber(numeric) ?? f.value;
    }
    out.push({ file, source: tx(source) });
  }
  return out;
}

/** Writes sessions as a project folder (data/sources, data/sessions) that the loader can read. */
export function writeSessions(dir: string, sessions: GeneratedSession[]): void {
  mkdirSync(join(dir, "data/sources"), { recursive: true });
  mkdirSync(join(dir, "data/sessions"), { recursive: true });
  for (const s of sessions) {
    writeFileSync(join(dir, s.file.session.sourceFile), s.source);
    writeFileSync(join(dir, "data/sessions", `${s.file.session.id}.json`), JSON.stringify(s.file));
  }
}

type Template = (s: SessionFile, y1: number, y2: number) => { q: string; figure?: string; person?: string; must_not?: string[] };

/** Question templates: each names the province and a year, so exactly one session answers. */
const TEMPLATES: Template[] = [
  (s, y1) => ({ q: `Tốc độ tăng GRDP của ${s.session.province} năm ${y1} là bao nhiêu?`, figure: "grdp-growth" }),
  (s, y1) => ({ q: `${s.session.province}: dịch vụ chiếm bao nhiêu phần trăm cơ cấu kinh tế năm ${y1}?`, figure: "share-services", must_not: ["growth-services"] }),
  (s, y1) => ({ q: `Kim ngạch xuất nhập khẩu tỉnh ${s.session.province} năm ${y1}`, figure: "import-export-2022" }),
  (s, _y1, y2) => ({ q: `trồng rừng mới ở ${s.session.province} 4 tháng đầu năm ${y2}`, figure: "afforestation-4m2023" }),
  (s, _y1, y2) => ({ q: `Chủ tịch UBND tỉnh ${s.session.province} năm ${y2} là ai?`, person: "ho-tien-thieu" }),
  (s, _y1, y2) => ({ q: `${s.session.province} có bao nhiêu xã đạt chuẩn nông thôn mới năm ${y2}`, figure: "new-rural-communes" }),
  (s, _y1, y2) => ({ q: `giải ngân quý I/${y2} của ${s.session.province}`, figure: "disbursement-q1-2023-amount" }),
  (s, y1) => ({ q: `GRDP bình quân đầu người của ${s.session.province} năm ${y1}`, figure: "grdp-per-capita" }),
  (s, y1) => ({ q: `công nghiệp xây dựng của ${s.session.province} tăng bao nhiêu năm ${y1}`, figure: "growth-industry", must_not: ["share-industry"] }),
  (s, y1) => ({ q: `${s.session.province} hỗ trợ thành lập mới bao nhiêu hợp tác xã năm ${y1}`, figure: "new-cooperatives" }),
];

/** `count` questions over the given sessions, a third of them typed without diacritics. */
export function generateQuestions(sessions: SessionFile[], count: number, seed = 7): GeneratedQuestion[] {
  const random = rng(seed);
  const out: GeneratedQuestion[] = [];
  for (let i = 0; i < count; i++) {
    const s = sessions[Math.floor(random() * sessions.length)]!;
    const [y1, y2] = s.session.years as [number, number];
    const t = TEMPLATES[Math.floor(random() * TEMPLATES.length)]!(s, y1, y2);
    const display = (id: string) => s.figures.find((f) => f.id === id)!.display;
    const expect = t.figure ? [display(t.figure)] : [s.people.find((p) => p.id === t.person)!.name!];
    const must_not = t.must_not?.map(display).filter((m) => !expect.some((e) => e.includes(m) || m.includes(e)));
    const q = random() < 0.33 ? fold(t.q) : t.q;
    out.push({ id: `g${i}`, q, expect, must_not, sessionId: s.session.id });
  }
  return out;
}
