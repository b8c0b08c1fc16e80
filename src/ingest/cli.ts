// `npm run ingest -- FILE [--data DIR] [--id ID]`: reads a working-session report (plain text,
// UTF-8, NFC or NFD) and writes DIR/sources/<id>.txt (unchanged) and DIR/sessions/<id>.json.
// Writes nothing when the file is refused; each file goes to a temporary name, then is renamed.
import "dotenv/config";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { checkReportBytes, IngestError, ingestReport, MAX_REPORT_BYTES, type IngestSummary } from "./ingest.js";
import { comparable } from "../knowledge/validate.js";

const HELP = `Nạp một báo cáo buổi làm việc (văn bản thuần, UTF-8) thành dữ liệu hỏi đáp.

Cách dùng:
  npm run ingest -- TỆP.txt [--data THƯ_MỤC] [--id MÃ] [--json]

  --data THƯ_MỤC  thư mục dữ liệu (mặc định: data/, hoặc DATA_DIR trong .env);
                  ghi THƯ_MỤC/sources/<mã>.txt và THƯ_MỤC/sessions/<mã>.json
  --id MÃ         mã phiên (chữ thường, số, gạch nối); mặc định: tỉnh-năm, ví dụ quang-nam-2024
  --json          in tóm tắt dạng JSON
  --help          hướng dẫn này

Tệp bị từ chối (không ghi gì, mã thoát khác 0): rỗng, nhị phân, không phải tiếng Việt,
lớn hơn 1 MB, không có số liệu nào, hoặc đã được nạp (cùng nội dung).

Ingest a working-session report (plain UTF-8 text) into a data folder; --help shows this.`;

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function atomicWrite(path: string, content: string): void {
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

function printSummary(s: IngestSummary, json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify(s) + "\n");
    return;
  }
  const lines = [
    `Đã nạp phiên "${s.id}": ${s.title}`,
    `  Tỉnh/địa phương: ${s.province}; kỳ báo cáo: ${s.period}`,
    `  Số liệu: ${s.figures}; người: ${s.people}; nhóm kiến nghị: ${s.petitionGroups}; câu phát biểu, nhận định: ${s.statements}`,
  ];
  if (s.unsure.length) lines.push("  Cần người duyệt kiểm tra:", ...s.unsure.map((u) => `   - ${u}`));
  process.stdout.write(lines.join("\n") + "\n");
}

function main(): number {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(HELP + "\n");
    return 0;
  }
  const file = args.find((a, i) => !a.startsWith("--") && !["--data", "--id"].includes(args[i - 1] ?? ""));
  if (!file) {
    process.stderr.write("Thiếu tệp báo cáo. Cách dùng: npm run ingest -- TỆP.txt [--data THƯ_MỤC] [--id MÃ]\n");
    return 2;
  }
  const dataDir = resolve(arg(args, "--data") ?? process.env.DATA_DIR ?? "data");
  const id = arg(args, "--id");
  if (id !== undefined && !/^[a-z0-9][a-z0-9-]{0,59}$/.test(id)) {
    process.stderr.write(`Mã phiên "${id}" không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch nối.\n`);
    return 2;
  }
  let bytes: Buffer;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error("not a file");
    if (st.size > MAX_REPORT_BYTES) throw new IngestError("too_large", `Tệp quá lớn (${Math.ceil(st.size / 1024)} KB); giới hạn là 1 MB.`);
    bytes = readFileSync(file);
  } catch (e) {
    process.stderr.write(e instanceof IngestError ? `${e.message}\n` : `Không đọc được tệp ${file}.\n`);
    return 1;
  }
  try {
    const text = checkReportBytes(bytes);
    const result = ingestReport(text, { id });
    const sid = result.file.session.id;
    const sessionsDir = join(dataDir, "sessions");
    const sourcesDir = join(dataDir, "sources");
    // The same text already ingested (under any id) is not added twice.
    if (existsSync(sourcesDir)) {
      const same = comparable(result.sourceText);
      for (const f of readdirSync(sourcesDir)) {
        if (f.endsWith(".txt") && comparable(readFileSync(join(sourcesDir, f), "utf8")) === same) {
          process.stderr.write(`Báo cáo này đã được nạp (phiên "${f.replace(/\.txt$/, "")}"). Không ghi gì thêm.\n`);
          return 3;
        }
      }
    }
    if (existsSync(join(sessionsDir, `${sid}.json`))) {
      process.stderr.write(`Đã có phiên mang mã "${sid}". Dùng --id để đặt mã khác.\n`);
      return 3;
    }
    result.file.session.sourceFile = `sources/${sid}.txt`;
    mkdirSync(sessionsDir, { recursive: true });
    mkdirSync(sourcesDir, { recursive: true });
    atomicWrite(join(sourcesDir, `${sid}.txt`), text);
    atomicWrite(join(sessionsDir, `${sid}.json`), JSON.stringify(result.file, null, 1) + "\n");
    printSummary(result.summary, args.includes("--json"));
    return 0;
  } catch (e) {
    if (e instanceof IngestError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

try {
  process.exitCode = main();
} catch (err) {
  process.stderr.write(`Lỗi: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
