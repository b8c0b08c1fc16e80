// One message catalogue (issue 14): every text a user reads comes from src/core/messages.ts, in
// Vietnamese and English behind typed keys. This test reads the source of every command handler
// and adapter (commands/, src/adapters/, and src/petitions/ and src/digest/, which also write
// user text) with the TypeScript parser, and fails on:
//   - a string literal (or a piece of a template) holding Vietnamese letters,
//   - a string literal that is an English sentence (a capital, four words or more, and an end
//     mark), meant for users,
//   - an inline language choice (`lang === "en" ? … : …`, `en ? "…" : "…"`);
// outside a short, explicit allow-list of strings that are not user text: log messages and
// errors for the operator, command names and aliases, words the parsers match (status aliases,
// topic keys, chat particles), data that is stored (the source's author), and the CLI help pages.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { projectRoot } from "../src/knowledge/loader.js";
import { messages } from "../src/core/messages.js";

const ROOTS = ["commands", "src/adapters", "src/petitions", "src/digest"];

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/iu;
const ENGLISH_SENTENCE = /^[A-Z][a-z']*(?:[ ,;:'’()-]+[A-Za-z'’]+){3,}.*[.?!:]$/su;
const INLINE_CHOICE = /\blang\s*[!=]==?\s*["']en["']|\b(?:en|vi)\s*\?\s*["'`]|\blang\s*===?\s*["']vi["']/;

/** Properties whose string values are names or matching keys, never text a user reads. */
const NAME_PROPERTIES = new Set(["aliases", "name", "nameVi", "value", "keys", "id"]);
/** Calls whose string arguments go to the operator (logs, errors), not to a chat. */
const OPERATOR_CALLS = /^(?:(?:[\w.]*\.)?(?:log|logger|ilog|scopedLog|baseLog|services\.log|ctx\.log)\.(?:trace|debug|info|warn|error|fatal)|(?:new )?(?:Error|TypeError|RangeError|AttachmentError|IngestError|KnowledgeError)|process\.(?:stdout|stderr)\.write|new RegExp|RegExp)$/;

/**
 * Strings that are not user text, each with why. `file` is relative to the project; `text` is a
 * part of the literal.
 */
const ALLOWED: { file: string; text: string; why: string }[] = [
  { file: "src/petitions/format.ts", text: "nguồn: báo cáo buổi làm việc", why: "the source's author, stored in every history's first row" },
  { file: "src/petitions/format.ts", text: "liên quan", why: "matched in the source's recipient label (data)" },
  { file: "src/petitions/statuses.ts", text: "", why: "the status ids, labels and aliases the parser matches (the lifecycle's vocabulary, shown through statusLabel)" },
  { file: "src/petitions/registry.ts", text: "", why: "topic search keys and abbreviations the lookup matches (never shown)" },
  { file: "commands/kiennghi.ts", text: "trang", why: "the page word of a button's input (/kiennghi KN-01 trang 2), typed back, not read" },
  { file: "src/adapters/console/ask-cli.ts", text: "", why: "the CLI's --help page (bilingual, for the operator's terminal)" },
  { file: "src/adapters/console/admin.ts", text: "", why: "the console's startup refusal for the operator (bilingual, on stderr)" },
  { file: "src/adapters/telegram/deploy-webhook.ts", text: "", why: "the webhook tool's output for the operator" },
  { file: "src/adapters/discord/deploy.ts", text: "", why: "the deploy tool's output for the operator" },
  { file: "src/digest/time.ts", text: "", why: "time words the parser reads (giờ, sáng, chiều…)" },
];

interface Finding {
  file: string;
  line: number;
  text: string;
  why: string;
}

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) out.push(path);
    }
  };
  for (const root of ROOTS) walk(join(projectRoot, root));
  return out;
}

function allowed(file: string, text: string): boolean {
  return ALLOWED.some((a) => a.file === file && text.includes(a.text));
}

/** Why a literal's place makes it not user text, or undefined. */
function operatorContext(node: ts.Node, sf: ts.SourceFile): boolean {
  for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
    if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isLiteralTypeNode(p)) return true;
    if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && NAME_PROPERTIES.has(p.name.text) && p.initializer.pos <= node.pos) return true;
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression.pos <= node.pos && node.pos >= p.expression.end) {
      const callee = (ts.isNewExpression(p) ? "new " : "") + p.expression.getText(sf);
      if (OPERATOR_CALLS.test(callee) || OPERATOR_CALLS.test(p.expression.getText(sf))) return true;
    }
    if (ts.isThrowStatement(p)) return true;
    // Comparisons and lookups test values, they do not show them.
    if (ts.isBinaryExpression(p) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(p.operatorToken.kind)) return true;
    if (ts.isCaseClause(p) && p.expression.pos <= node.pos && node.end <= p.expression.end) return true;
    if (ts.isElementAccessExpression(p)) return true;
    if (ts.isFunctionLike(p) || ts.isBlock(p)) break;
  }
  return false;
}

function scan(path: string): Finding[] {
  const file = relative(projectRoot, path).split("\\").join("/");
  const text = readFileSync(path, "utf8");
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const out: Finding[] = [];
  const report = (node: ts.Node, literal: string, why: string) => {
    if (allowed(file, literal)) return;
    out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: literal.slice(0, 90), why });
  };
  const visit = (node: ts.Node) => {
    let literal: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literal = node.text;
    else if (ts.isTemplateExpression(node)) literal = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join("…");
    if (literal !== undefined && !operatorContext(node, sf)) {
      if (VIETNAMESE.test(literal)) report(node, literal, "Vietnamese text outside the catalogue");
      else if (ENGLISH_SENTENCE.test(literal.trim())) report(node, literal, "an English sentence outside the catalogue");
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  text.split("\n").forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, "");
    if (INLINE_CHOICE.test(code) && !allowed(file, code)) out.push({ file, line: i + 1, text: line.trim().slice(0, 90), why: "an inline language choice (use messages(lang) or byLang)" });
  });
  return out;
}

describe("the message catalogue", () => {
  const files = sourceFiles();

  it("scans the command handlers and adapters", () => {
    expect(files.length).toBeGreaterThan(40);
    for (const f of ["commands/kiennghi.ts", "commands/bantin.ts", "src/adapters/telegram/bot.ts", "src/adapters/discord/interactions.ts", "src/adapters/console/repl.ts"])
      expect(files.map((p) => relative(projectRoot, p).split("\\").join("/"))).toContain(f);
  });

  it("no user text outside src/core/messages.ts: no Vietnamese literal, English sentence or inline language choice", () => {
    const findings = files.flatMap(scan);
    expect(findings.map((f) => `${f.file}:${f.line} ${f.why}: ${JSON.stringify(f.text)}`)).toEqual([]);
  });

  it("the scanner finds what it is meant to find", () => {
    const probe = join(projectRoot, "commands", "kiennghi.ts");
    const fake = (src: string) => {
      const sf = ts.createSourceFile(probe, src, ts.ScriptTarget.Latest, true);
      let found = 0;
      const visit = (n: ts.Node) => {
        if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && !operatorContext(n, sf) && (VIETNAMESE.test(n.text) || ENGLISH_SENTENCE.test(n.text))) found++;
        ts.forEachChild(n, visit);
      };
      visit(sf);
      return found + (INLINE_CHOICE.test(src) ? 1 : 0);
    };
    expect(fake(`const r = { lines: ["Đã cập nhật"] };`)).toBe(1);
    expect(fake(`const r = { lines: ["Sorry, only admins can do that."] };`)).toBe(1);
    expect(fake(`const t = ctx.lang === "en" ? a : b;`)).toBe(1);
    expect(fake(`log.info({ x }, "petition status changed");`)).toBe(0);
    expect(fake(`throw new Error("Không đọc được tệp");`)).toBe(0);
    expect(fake(`const c = { name: "petition", nameVi: "kiennghi", aliases: ["kiếnnghị"] };`)).toBe(0);
  });

  it("both languages have every key, and no Vietnamese text lacks its diacritics' letters where the English has them", () => {
    const vi = messages("vi") as Record<string, unknown>;
    const en = messages("en") as Record<string, unknown>;
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const k of Object.keys(vi)) expect(typeof en[k], k).toBe(typeof vi[k]);
  });
});
