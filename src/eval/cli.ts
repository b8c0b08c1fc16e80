// `npm run eval -- QUESTIONS.jsonl [--data DIR] [--source REPORT.txt] [--verbose] [--json]`: the
// project's own accuracy tool. Asks every question of the shipped knowledge (data/, or DATA_DIR)
// or of the sessions in DIR, in file order (questions sharing "chat" are one conversation), and
// judges each answer as the external scorer does (./judge.ts): expected strings folded, none of
// must_not, citations word for word in the source — REPORT.txt when given, else the source of the
// session each citation names. Prints accuracy, wrong answers and refusals, overall and by
// category; each failure with --verbose. A measuring tool: the exit code is 0 whatever the score,
// 2 when the question file or the data cannot be read.
import "dotenv/config";
import { readFileSync } from "node:fs";
import { loadKnowledgeBase, projectRoot } from "../knowledge/loader.js";
import { QueryEngine } from "../engine/engine.js";
import { sanitizeInput } from "../text/sanitize.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import { CaseFileError, formatReport, parseCaseFile, score, type Asked } from "./score.js";

const HELP = `Đo độ chính xác: hỏi từng câu trong tệp câu hỏi và chấm như bộ chấm điểm chung.

Cách dùng:
  npm run eval -- CÂU_HỎI.jsonl [--data THƯ_MỤC] [--source BÁO_CÁO.txt] [--verbose] [--json]

  CÂU_HỎI.jsonl     mỗi dòng một câu: {"id":"q1","q":"GRDP tăng bao nhiêu?","expect":["7,22%"],"cat":"figure"}
                    expect: các chuỗi phải có trong câu trả lời (một danh sách con = các cách viết thay thế);
                    must_not: các chuỗi không được có; expect_found:false: câu báo cáo không trả lời được;
                    chat: các câu cùng "chat" là một cuộc hội thoại, hỏi theo thứ tự
  --data THƯ_MỤC    hỏi các phiên trong THƯ_MỤC (nạp bằng npm run ingest -- BÁO_CÁO.txt --data THƯ_MỤC);
                    mặc định: dữ liệu đi kèm (data/, hoặc DATA_DIR trong .env)
  --source TỆP.txt  trích dẫn phải đúng nguyên văn trong tệp này (mặc định: nguồn của phiên được trích)
  --verbose         in từng câu sai: lý do và câu trả lời
  --json            in kết quả dạng JSON
  --help            hướng dẫn này

So sánh bỏ qua hoa/thường, dấu và khoảng trắng. Mã thoát 0 dù điểm thế nào; 2 khi không đọc được tệp.

Measures accuracy: asks every question of QUESTIONS.jsonl (the shipped data, or --data DIR) and
judges like the shared scorer; prints accuracy, wrong answers and refusals by category.`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function fail(message: string): number {
  process.stderr.write(message + "\n");
  return 2;
}

function main(): number {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(HELP + "\n");
    return 0;
  }
  const valued = new Set(["--data", "--source"]);
  const flags = new Set(["--verbose", "--json", ...valued]);
  const unknown = args.filter((a, i) => a.startsWith("--") && !flags.has(a) && !valued.has(args[i - 1] ?? ""));
  if (unknown.length) return fail(`Không hiểu tham số ${unknown.join(" ")} (unknown option). Xem: npm run eval -- --help`);
  const files = args.filter((a, i) => !a.startsWith("--") && !valued.has(args[i - 1] ?? ""));
  if (files.length !== 1) return fail("Cần đúng một tệp câu hỏi. Cách dùng: npm run eval -- CÂU_HỎI.jsonl [--data THƯ_MỤC] [--source BÁO_CÁO.txt] [--verbose]");
  const file = files[0]!;
  for (const v of valued) if (args.includes(v) && !option(args, v)) return fail(`${v} cần một giá trị.`);

  let cases;
  try {
    cases = parseCaseFile(readFileSync(file, "utf8"), file);
  } catch (err) {
    return fail(err instanceof CaseFileError ? `Tệp câu hỏi không đọc được: ${err.message}` : `Không đọc được tệp câu hỏi ${file}: ${(err as Error).message}`);
  }
  if (cases.length === 0) return fail(`Tệp câu hỏi ${file} không có câu nào.`);

  const dataDir = option(args, "--data") ?? process.env.DATA_DIR ?? "data";
  let knowledge: KnowledgeBase;
  try {
    knowledge = loadKnowledgeBase(dataDir, projectRoot);
  } catch (err) {
    return fail(`Không nạp được dữ liệu ở ${dataDir}: ${(err as Error).message}`);
  }
  if (knowledge.sessions.length === 0) return fail(`Không có phiên nào trong ${dataDir}/sessions: nạp báo cáo trước, ví dụ npm run ingest -- BÁO_CÁO.txt --data ${dataDir}`);

  const sourcePath = option(args, "--source");
  let fixedSource: string | undefined;
  if (sourcePath) {
    try {
      fixedSource = readFileSync(sourcePath, "utf8");
    } catch (err) {
      return fail(`Không đọc được tệp nguồn ${sourcePath}: ${(err as Error).message}`);
    }
  }
  // Each citation stands in the session it names; the sessions an answer cites are joined with a
  // character no citation holds, so that a citation cannot straddle two of them.
  const sourceFor = (a: Asked): string =>
    fixedSource ??
    [...new Set(a.citations.map((c) => c.sessionId))]
      .map((id) => knowledge.byId.get(id)?.sourceText ?? "")
      .join("\u0000");

  const engine = new QueryEngine(knowledge);
  const report = score(cases, (c) => engine.ask(sanitizeInput(c.q), { chatId: c.chat != null ? `eval:chat:${c.chat}` : `eval:single:${c.id}` }), sourceFor);

  if (args.includes("--json")) {
    process.stdout.write(JSON.stringify({ questions: file, data: dataDir, sessions: knowledge.sessions.map((s) => s.file.session.id), ...report }) + "\n");
    return 0;
  }
  const ids = knowledge.sessions.map((s) => s.file.session.id);
  const header = [
    `questions: ${file} (${cases.length})`,
    `sessions: ${ids.length <= 5 ? ids.join(", ") : `${ids.slice(0, 5).join(", ")} … (${ids.length})`} from ${dataDir}`,
    ...(sourcePath ? [`citations checked against: ${sourcePath}`] : []),
  ];
  process.stdout.write(formatReport(report, { verbose: args.includes("--verbose"), header }) + "\n");
  return 0;
}

try {
  process.exitCode = main();
} catch (err) {
  process.stderr.write(`Lỗi: ${(err as Error).message}\n`);
  process.exitCode = 2;
}
