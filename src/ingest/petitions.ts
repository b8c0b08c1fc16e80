// The province's petitions (kiến nghị) as groups: to whom (the Government, the Prime Minister,
// the ministries), how many, long-standing or new, about what, and what became of them, read
// from the count figures that speak of petitions and the sentences around them.
import type { ExtractedFigure } from "./figures.js";
import type { ExtractedStatement } from "./statements.js";
import { foldSameLength } from "../text/fold.js";
import type { PetitionGroup } from "../knowledge/schema.js";
import type { PetitionStatusId } from "../petitions/statuses.js";

export type ExtractedPetition = Omit<PetitionGroup, "keys">;

const PETITION_NOUN = /^(?:kien nghi|noi dung|van de|de xuat|de nghi|kien nghi cu the|nhom kien nghi)\b/;

export function extractPetitions(figures: ExtractedFigure[], statements: ExtractedStatement[]): ExtractedPetition[] {
  const out: ExtractedPetition[] = [];
  const candidates = figures.filter((f) => {
    if (f.kind !== "count" || f.hit.form !== "number" || !Number.isInteger(f.value) || f.value <= 0) return false;
    const noun = foldSameLength(f.hit.countNoun ?? "");
    const clause = foldSameLength(f.cite + " " + f.context.join(" "));
    return PETITION_NOUN.test(noun) && /kien nghi|de nghi|de xuat/.test(clause + " " + noun);
  });
  // A total with its parts listed ("12 kiến nghị, gồm 4 … và 8 …") is not a group of its own.
  const wholes = new Set(candidates.map((f) => f.whole).filter((w): w is number => w !== undefined));
  const groups = candidates.filter((f) => !wholes.has(f.index));
  const outcomes = statements.filter((s) => s.kind === "petition_outcome" || s.kind === "acceptance");
  groups.forEach((f, n) => {
    const text = foldSameLength(f.cite);
    const sentence = foldSameLength(f.sentence.text);
    const to: ExtractedPetition["to"] = /thu tuong/.test(text) ? "prime_minister" : /chinh phu/.test(text) ? "government" : /\bbo\b|bo, nganh|bo nganh|cac bo/.test(text) ? "ministries" : /thu tuong/.test(sentence) ? "prime_minister" : "other";
    const toLabel = { prime_minister: "Thủ tướng Chính phủ", government: "Chính phủ", ministries: "các bộ, ngành", other: "các cơ quan liên quan" }[to];
    const next = statements.find((s) => s.sentence.paragraph === f.sentence.paragraph && s.sentence.inParagraph === f.sentence.inParagraph + 1);
    const around = sentence + " " + foldSameLength(next?.sentence.text ?? "");
    let origin: ExtractedPetition["origin"] = /\bmoi\b/.test(foldSameLength(f.hit.countNoun ?? "") + " " + text)
      ? "new"
      : /ton dong|nhieu nam|keo dai|chua duoc (?:xu ly|giai quyet)|chua duoc|lau nam/.test(around)
        ? "long_standing"
        : "unspecified";
    // Topics: "liên quan đến …", "về …", "chủ yếu về …" in the clause, its sentence, or the next ("Đây là những …").
    const nextFigure = figures.find((o) => o.sentence === f.sentence && o.hit.start > f.hit.start && o.kind === "count");
    const afterFigure = f.sentence.text.slice(f.hit.start, nextFigure ? nextFigure.hit.start : undefined);
    const nextText = next && /^(?:Đây là|Các kiến nghị|Những kiến nghị|Nội dung|Các nội dung)/u.test(next.sentence.text) ? next.sentence.text : "";
    const topicSource = [afterFigure.split(/;|\.\s/u)[0] ?? "", nextText].find((t) => t && topicsIn(t).length);
    const topics = topicSource ? topicsIn(topicSource) : [];
    // What became of them: the outcome sentences that speak of this recipient.
    const mine = outcomes.filter((o) => {
      const ot = foldSameLength(o.sentence.text);
      return to === "ministries" ? /\bbo\b|bo, nganh|bo nganh/.test(ot) : to === "other" ? true : /chinh phu|thu tuong|truong doan|toan bo/.test(ot);
    });
    // "10 kiến nghị mới với Chính phủ …; kiến nghị với các bộ, ngành … 48 vấn đề": the sentence's own word holds for both
    if (origin === "unspecified") {
      const before = out.find((g, k) => groups[k]!.sentence === f.sentence && g.origin !== "unspecified");
      if (before) origin = before.origin;
    }
    const status = statusFrom(mine.map((o) => foldSameLength(o.sentence.text)), to);
    const origins = { new: "mới", long_standing: "tồn đọng", unspecified: "" } as const;
    out.push({
      id: `KN-${String(n + 1).padStart(2, "0")}`,
      to,
      toLabel,
      count: f.value,
      countDisplay: f.display,
      origin,
      title: `Kiến nghị ${origins[origin] ? origins[origin] + " " : ""}với ${toLabel} (${f.display})`,
      titleEn: `${origin === "new" ? "New petitions" : origin === "long_standing" ? "Long-standing petitions" : "Petitions"} to ${{ prime_minister: "the Prime Minister", government: "the Government", ministries: "the ministries", other: "other agencies" }[to]} (${f.value})`,
      topics,
      sourceStatus: status.id,
      sourceStatusNote: status.note,
      cite: f.cite,
      topicsCite: topicSource,
      statusCites: mine.map((o) => o.sentence.text),
    });
  });
  return out;
}

/** "liên quan đến thực hiện công tác đầu tư công, giải phóng mặt bằng, chuyển đổi mục đích sử dụng đất lúa…" → the items. */
export function topicsIn(text: string): string[] {
  const m = /(?:liên quan đến|liên quan tới|chủ yếu về|tập trung vào|về các lĩnh vực|về lĩnh vực|thuộc lĩnh vực)\s+([^.;()]+)/u.exec(text) ?? /(?<![\p{L}])về\s+([^.;()]+)/u.exec(text);
  if (!m) return [];
  return m[1]!
    .split(/,\s*|…|\.\.\./u)
    .map((t) => t.replace(/^(?:(?:thực hiện|công tác|các|những|lĩnh vực|việc)\s+)+/u, "").replace(/\s+(?:nhưng|mà|của tỉnh).*$/u, "").trim())
    .filter((t) => t.length >= 3 && t.split(/\s+/).length <= 10 && text.includes(t));
}

function statusFrom(texts: string[], to: ExtractedPetition["to"]): { id: PetitionStatusId; note: string } {
  const all = texts.join(" ");
  if (to === "ministries" && /bang van ban/.test(all)) return { id: "cho_tra_loi_van_ban", note: "Các bộ, ngành đã giải đáp ngay tại buổi làm việc; nội dung chưa rõ sẽ được trả lời bằng văn bản." };
  if (/giai dap|trao doi truc tiep|thong tin giai dap/.test(all) && to === "ministries") return { id: "da_giai_dap", note: "Đã được giải đáp tại buổi làm việc." };
  if (/bao cao chinh phu|bao cao cap co tham quyen|tong hop, bao cao/.test(all)) return { id: "da_tiep_nhan", note: "Đoàn công tác tiếp thu và sẽ tổng hợp, báo cáo." };
  if (/xu ly theo tham quyen|xem xet, xu ly|xem xet xu ly/.test(all)) return { id: "da_tiep_nhan", note: "Đã giao các bộ, ngành xem xét, xử lý theo thẩm quyền." };
  if (/bang van ban/.test(all)) return { id: "cho_tra_loi_van_ban", note: "Sẽ được trả lời bằng văn bản." };
  return { id: "da_tiep_nhan", note: "Đã được nêu tại buổi làm việc." };
}
