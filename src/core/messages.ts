// The message catalogue: every text a user reads, in Vietnamese and English, behind typed keys.
// A small typed module rather than a library: the texts are few, most take parameters, and a
// missing or misspelt key is a compile error here rather than a blank line in a chat.
import type { FigureKind, Lang } from "./types.js";

// The question a suggestion button sends is asked in Vietnamese in both languages: the figure's
// name is the report's own, so that the question finds it again.
const KIND_ASK_VI: Record<FigureKind, string> = {
  growth: "tăng bao nhiêu",
  change: "thay đổi bao nhiêu",
  change_same_period: "tăng bao nhiêu so với cùng kỳ",
  share: "chiếm tỷ trọng bao nhiêu",
  percent_of_plan: "đạt bao nhiêu % kế hoạch",
  rank: "xếp thứ mấy",
  contribution: "đóng góp bao nhiêu",
  level: "là bao nhiêu",
  count: "là bao nhiêu",
};

const vi = {
  notInReport: (what: string) => `Báo cáo không đề cập đến ${what}.`,
  notInReportGeneric: "Báo cáo không đề cập đến nội dung này.",
  notForPeriod: (what: string, asked: string, given: string) => `Báo cáo không nêu ${what} cho ${asked}; báo cáo chỉ nêu số liệu này cho ${given}.`,
  noSuchKind: (what: string) => `Báo cáo không nêu đúng loại số liệu bạn hỏi về ${what}.`,
  noOffice: (office: string) => `Báo cáo không nêu ai giữ chức vụ ${office}.`,
  confirmed: "Đúng. Báo cáo ghi:",
  notConfirmed: "Không khớp với báo cáo. Báo cáo ghi:",
  onlySubset: (noun: string, given: string) => `Báo cáo không nêu tổng số ${noun}; báo cáo chỉ nêu: ${given}.`,
  otherProvince: (province: string, session: string) => `Báo cáo chỉ nói về ${session}, không đề cập đến ${province}.`,
  scope: (title: string, period: string) => `Báo cáo nói về: ${title} (${period}).`,
  youCouldAsk: (items: string) => `Bạn có thể hỏi về: ${items}.`,
  sessionLine: (title: string, period: string) => `Phiên làm việc: ${title} (${period}).`,
  periodNote: (given: string) => `Lưu ý: báo cáo nêu số liệu này cho ${given}, không tách riêng cho kỳ bạn hỏi.`,
  estimate: "ước",
  target: "mục tiêu",
  sharePrefix: "tỷ trọng",
  roles: (name: string, roles: string) => `${name}: ${roles}.`,
  unnamed: "(không nêu tên)",
  participantsTitle: "Thành phần tham dự được nêu trong báo cáo:",
  summaryTitle: (title: string, period: string) => `Tóm tắt: ${title} (${period}).`,
  summaryFigures: "Số liệu chính:",
  summaryPetitions: "Kiến nghị:",
  summaryConclusions: "Kết luận của đoàn công tác:",
  aboutLine: (title: string, period: string, head: string) => `Báo cáo về buổi làm việc: ${title}, kỳ báo cáo ${period}; trưởng đoàn: ${head}.`,
  greeting: "Xin chào! Tôi trả lời câu hỏi về các buổi làm việc của đoàn công tác với địa phương: số liệu (kèm kỳ và câu trích nguồn), kiến nghị, kết luận. Ví dụ: \"GRDP tăng bao nhiêu?\".",
  thanks: "Rất vui được giúp bạn. Cứ hỏi tiếp nếu cần số liệu hay kết luận nào khác.",
  smallTalk: "Tôi chỉ trả lời về nội dung các báo cáo buổi làm việc: số liệu, kiến nghị, kết luận, thành phần tham dự. Bạn thử hỏi: \"Tóm tắt báo cáo\".",
  tooLong: "Câu hỏi quá dài: tôi chỉ đọc phần đầu. Bạn hãy hỏi ngắn gọn một ý, ví dụ: \"Thu ngân sách năm 2024 bao nhiêu?\".",
  empty: "Bạn chưa nhập câu hỏi.",
  noSessions: "Chưa có báo cáo nào được nạp.",
  said: (who: string) => `Phát biểu của ${who} trong báo cáo:`,
  askAbout: (what: string) => `${what} là bao nhiêu?`,
  askFigure: (what: string, kind: FigureKind, period: string) => `${what}${period ? ` ${period}` : ""} ${KIND_ASK_VI[kind]}?`,
  reportSays: "Báo cáo viết:",
  indicatorsTitle: "Các chỉ số của buổi làm việc",
  noIndicator: (typed: string) => `Không có chỉ số "${typed}" trong báo cáo. Gõ /chiso để xem danh sách.`,
  closestIndicators: "Các chỉ số gần nhất:",
  indicatorNotForPeriod: (name: string, period: string) => `Báo cáo không nêu ${name} cho ${period}.`,
  indicatorCommand: "/chiso",
  conclusionsTitle: (head: string) => `Kết luận của Trưởng đoàn (${head})`,
  noConclusions: "Báo cáo không nêu kết luận của đoàn công tác.",
  moreConclusions: (n: number) => `… và ${n} ý khác (hỏi: "kết luận về …" để xem chi tiết).`,
  sourceFooter: (title: string) => `Nguồn: ${title}`,
} as const;

type Catalogue = { [K in keyof typeof vi]: (typeof vi)[K] extends (...args: infer A) => string ? (...args: A) => string : string };

const en: Catalogue = {
  notInReport: (what) => `The report does not mention ${what}.`,
  notInReportGeneric: "The report does not say anything about that.",
  notForPeriod: (what, asked, given) => `The report does not give ${what} for ${asked}; it gives this figure for ${given}.`,
  noSuchKind: (what) => `The report does not give that kind of figure for ${what}.`,
  noOffice: (office) => `The report does not say who holds the office of ${office}.`,
  confirmed: "Yes. The report says:",
  notConfirmed: "That does not match the report. It says:",
  onlySubset: (noun, given) => `The report does not give the total number of ${noun}; it only gives: ${given}.`,
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
  greeting: "Hello! I answer questions about working sessions of Government delegations with provinces: figures (with their period and source sentence), petitions and conclusions. For example: \"What was the GRDP growth?\".",
  thanks: "Glad to help. Ask again whenever you need another figure or conclusion.",
  smallTalk: "I only answer about the working-session reports: figures, petitions, conclusions, participants. Try: \"Summarise the report\".",
  tooLong: "Your question is too long: I only read its beginning. Please ask one short question, e.g. \"What was the budget revenue in 2024?\".",
  empty: "You have not typed a question.",
  noSessions: "No report has been loaded yet.",
  said: (who) => `What ${who} said, in the report:`,
  askAbout: (what) => `What was the ${what}?`,
  askFigure: (what, kind, period) => `${what}${period ? ` ${period}` : ""} ${KIND_ASK_VI[kind]}?`,
  reportSays: "The report says:",
  indicatorsTitle: "Indicators of the session",
  noIndicator: (typed) => `The report has no indicator "${typed}". Type /indicator to see them all.`,
  closestIndicators: "Closest indicators:",
  indicatorNotForPeriod: (name, period) => `The report does not give ${name} for ${period}.`,
  indicatorCommand: "/indicator",
  conclusionsTitle: (head) => `Conclusions of the head of the delegation (${head})`,
  noConclusions: "The report gives no conclusions of the delegation.",
  moreConclusions: (n) => `… and ${n} more (ask "conclusions about …" for details).`,
  sourceFooter: (title) => `Source: ${title}`,
};

export function messages(lang: Lang): Catalogue {
  return lang === "en" ? en : (vi as Catalogue);
}

export type { Catalogue };
