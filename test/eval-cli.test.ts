// `npm run eval` (issue 14): the project's own accuracy tool, as a real process, on the development
// sets: each report ingested into a temporary data folder with the ingest CLI, then measured with
// the eval CLI; its printed figures must be the ones this test computes in-process the way
// test/engine.test.ts judges (ingestReport + QueryEngine + src/eval/judge.ts).
import { afterAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { judge, parseCases } from "../src/eval/judge.js";
import { ingestReport } from "../src/ingest/ingest.js";
import { buildKnowledgeBase, parseSession, projectRoot } from "../src/knowledge/loader.js";
import { QueryEngine } from "../src/engine/engine.js";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(script: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? projectRoot, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
const ingest = (args: string[]) => cli("src/ingest/cli.ts", args);
const evaluate = (args: string[]) => cli("src/eval/cli.ts", args);

interface Tally {
  total: number;
  right: number;
  wrong: number;
  refused: number;
}
const tally = (): Tally => ({ total: 0, right: 0, wrong: 0, refused: 0 });

/** The test suite's judging (test/engine.test.ts): the report ingested in-process, each case judged against its text. */
function inProcess(report: string, questions: string): { all: Tally; byCat: Record<string, Tally> } {
  const text = readFileSync(join(projectRoot, report), "utf8");
  const r = ingestReport(text, { sourceFile: report });
  const engine = new QueryEngine(buildKnowledgeBase([parseSession(r.file, r.sourceText, report)]));
  const all = tally();
  const byCat: Record<string, Tally> = {};
  for (const c of parseCases(readFileSync(join(projectRoot, questions), "utf8"))) {
    const v = judge(c, engine.ask(c.q, { chatId: c.chat ? `dev:${c.chat}` : `dev:${c.id}` }), r.sourceText);
    for (const t of [all, (byCat[c.cat ?? "all"] ??= tally())]) {
      t.total++;
      if (v.ok) t.right++;
      else if (v.wrong) t.wrong++;
      else t.refused++;
    }
  }
  return { all, byCat };
}

/** The figures as the CLI prints them. */
function printed(out: string): { all: Tally; byCat: Record<string, Tally> } {
  const grab = (re: RegExp) => {
    const m = out.match(re);
    if (!m) throw new Error(`not printed: ${re}\n${out}`);
    return m.slice(1).map(Number);
  };
  const [right, total] = grab(/^accuracy: [\d.]+% \((\d+)\/(\d+)\)$/m);
  const [wrong] = grab(/^wrong answers: [\d.]+% \((\d+)\/\d+:/m);
  const [refused] = grab(/^refusals: [\d.]+% \((\d+)\/\d+:/m);
  const byCat: Record<string, Tally> = {};
  for (const m of out.matchAll(/^(\S+)\s+(\d+)\/(\d+)\s+(\d+)\s+(\d+)$/gm)) byCat[m[1]!] = { right: +m[2]!, total: +m[3]!, wrong: +m[4]!, refused: +m[5]! };
  return { all: { total: total!, right: right!, wrong: wrong!, refused: refused! }, byCat };
}

const work = mkdtempSync(join(tmpdir(), "eval-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SETS: [string, string, string][] = [
  ["lang-son-2023", "data/sources/lang-son-2023.txt", "test/fixtures/dev-reports/lang-son-2023.questions.jsonl"],
  ["quang-nam-2024", "test/fixtures/dev-reports/quang-nam-2024.vi.txt", "test/fixtures/dev-reports/quang-nam-2024.questions.jsonl"],
  ["lam-dong-2022", "test/fixtures/dev-reports/lam-dong-2022.vi.txt", "test/fixtures/dev-reports/lam-dong-2022.questions.jsonl"],
];

describe("npm run eval on the development sets", { timeout: 120_000 }, () => {
  for (const [id, report, questions] of SETS) {
    it(`${id}: prints the figures the test suite's judging gives`, async () => {
      const dir = join(work, id);
      const ing = await ingest([join(projectRoot, report), "--data", dir]);
      expect(ing.stderr).toBe("");
      expect(ing.code).toBe(0);
      const expected = inProcess(report, questions);

      const r = await evaluate([join(projectRoot, questions), "--data", dir]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^sessions: ${id.split("-").slice(0, -1).join("-")}-\\d{4} from ${dir}$`, "m"));
      expect(printed(r.stdout)).toEqual(expected);

      // The same through --json, and with the report itself as the source of the citations.
      const json = JSON.parse((await evaluate([join(projectRoot, questions), "--data", dir, "--source", join(projectRoot, report), "--json"])).stdout);
      expect({ total: json.total, right: json.right, wrong: json.wrong, refused: json.refused }).toEqual(expected.all);
      expect(json.byCategory).toEqual(expected.byCat);
    });
  }
});

describe("npm run eval reports failures and always exits 0 on a readable file", { timeout: 60_000 }, () => {
  it("a wrong answer, a refusal and an out-of-scope question answered, by category; --verbose says why", async () => {
    const file = join(work, "mine.questions.jsonl");
    const lines = [
      { id: "ok", q: "GRDP tăng bao nhiêu?", expect: ["7,22%"], cat: "figure" },
      { id: "wrong", q: "GRDP tăng bao nhiêu?", expect: ["9,99%"], cat: "figure" },
      { id: "refused", q: "Dân số của tỉnh là bao nhiêu?", expect: ["800.000 người"], cat: "people" },
      { id: "scope", q: "GRDP tăng bao nhiêu?", expect_found: false, cat: "negative" },
      { id: "neg", q: "Dân số của tỉnh là bao nhiêu?", expect_found: false, cat: "negative" },
      { id: "c1", q: "dịch vụ tăng bao nhiêu", expect: ["6,6%"], chat: "k", cat: "followup" },
      { id: "c2", q: "thế còn tỷ trọng?", expect: ["49,98%"], chat: "k", cat: "followup" },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n") + "\n\n");
    const r = await evaluate([file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("accuracy: 57.1% (4/7)");
    expect(r.stdout).toContain("wrong answers: 28.6% (2/7:");
    expect(r.stdout).toContain("refusals: 14.3% (1/7:");
    expect(printed(r.stdout).byCat).toEqual({
      figure: { total: 2, right: 1, wrong: 1, refused: 0 },
      followup: { total: 2, right: 2, wrong: 0, refused: 0 },
      negative: { total: 2, right: 1, wrong: 1, refused: 0 },
      people: { total: 1, right: 0, wrong: 0, refused: 1 },
    });
    expect(r.stdout).toContain("failed: wrong refused scope  (--verbose shows why)");
    const v = await evaluate([file, "--verbose"]);
    expect(v.stdout).toMatch(/^WRONG +wrong \[figure\] "GRDP tăng bao nhiêu\?": answer lacks "9,99%"; answered ".*7,22%/m);
    expect(v.stdout).toMatch(/^REFUSED refused \[people\] .*: not found; answered "Báo cáo không đề cập/m);
    expect(v.stdout).toMatch(/^WRONG +scope \[negative\] .*: answered an out-of-scope question/m);
  });

  it("a citation not in the --source file is a wrong answer", async () => {
    const file = join(work, "cite.questions.jsonl");
    writeFileSync(file, JSON.stringify({ id: "a", q: "GRDP tăng bao nhiêu?", expect: ["7,22%"] }) + "\n");
    const other = join(work, "other.txt");
    writeFileSync(other, "Một văn bản khác, không có câu nào của báo cáo.");
    const r = await evaluate([file, "--source", other, "--verbose"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("citation not word for word in the source");
    expect(r.stdout).toContain("accuracy: 0.0% (0/1)");
  });

  it("an unreadable file, a broken line or a bad option exits 2 and says what is wrong", async () => {
    const missing = await evaluate([join(work, "nope.jsonl")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope.jsonl");
    const broken = join(work, "broken.jsonl");
    writeFileSync(broken, `${JSON.stringify({ id: "a", q: "GRDP?" })}\n{"id": "b", "q": \n`);
    const bad = await evaluate([broken]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("broken.jsonl:2");
    expect((await evaluate([broken, "--verbos"])).code).toBe(2);
    expect((await evaluate([])).code).toBe(2);
  });
});
