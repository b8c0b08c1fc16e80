// What each sentence of a report says, as a statement: its kind (the situation, an assessment,
// difficulties, the province's requests, what became of them, the delegation's tasks), who says
// it, who asks whom, and whether it belongs to the delegation's conclusions. The sentence itself
// is the citation: statements are quoted, never paraphrased.
import type { Paragraph, Sentence } from "./segment.js";
import type { ExtractedPerson } from "./people.js";
import type { StatementKind } from "../knowledge/schema.js";
import { foldSameLength, foldForMatch } from "../text/fold.js";

export interface ExtractedStatement {
  sentence: Sentence;
  kind: StatementKind;
  conclusion: boolean;
  /** Index into the people list. */
  speaker?: number;
  direction?: "province_to_central" | "central_to_province" | "central_to_ministries";
}

// Folded cue patterns. Who acts: the delegation (its head, the Prime Minister, ministers) or the province.
const DELEGATION = /\b(?:thu tuong|pho thu tuong|truong doan|bo truong|doan cong tac|dong chi (?=de nghi|yeu cau|luu y|giao|danh gia|chi ra|cho rang|nhan manh|khang dinh))/;
const PROVINCE = /\b(?:tinh|lanh dao tinh|chu tich ubnd|ubnd tinh|ban thuong vu|dia phuong)\b/;
const ASKS = /\b(?:kien nghi|de nghi|de xuat|mong muon|xin|cho phep)\b/;
const RECIPIENT = /\b(?:chinh phu|thu tuong|trung uong|bo, nganh|bo nganh|cac bo|quoc hoi|bo truong|truong doan)\b/;
const TELLS = /\b(?:de nghi|yeu cau|giao|luu y|chi dao|can|phai|phan dau|tap trung|tiep tuc|quan tam)\b/;
const PARTICIPANTS = /\b(?:cung du|tham du|ve phia tinh co|(?:phat bieu|bao cao)(?: ket luan)?(?: tai)? buoi lam viec)\b/;

/** Which side a sentence's first actor is on, read from its start. */
function actorSide(head: string): "delegation" | "province" | undefined {
  const d = DELEGATION.exec(head);
  const p = PROVINCE.exec(head);
  if (d && (!p || d.index <= p.index)) return "delegation";
  if (p) return "province";
  return undefined;
}

export function extractStatements(paragraphs: Paragraph[], people: ExtractedPerson[]): ExtractedStatement[] {
  const out: ExtractedStatement[] = [];
  let inConclusions = false;
  let concluder: number | undefined;
  for (const para of paragraphs) {
    let paragraphSpeaker: number | undefined;
    for (const s of para.sentences) {
      const f = foldSameLength(s.text).replace(/\s+/g, " ").trim();
      const head = f.slice(0, 100);
      let speaker = speakerOf(s.text, people) ?? paragraphSpeaker;
      if (/\bket luan\b/.test(f) && (DELEGATION.test(f) || (speaker !== undefined && isDelegation(people[speaker]!)))) {
        inConclusions = true;
        concluder ??= speaker ?? people.findIndex((x) => x.leadsDelegation);
        if (concluder !== undefined && concluder < 0) concluder = undefined;
      }
      if (speaker === undefined && inConclusions) speaker = concluder;
      if (speaker !== undefined) paragraphSpeaker = speaker;
      const side = actorSide(head) ?? (speaker !== undefined ? (isDelegation(people[speaker]!) ? "delegation" : "province") : inConclusions ? "delegation" : undefined);
      const opensWithLimit = /^(?:tuy nhien|ben canh do|mat khac|han che)\b/.test(f);
      const difficultyWords = /\b(?:kho khan|vuong mac|han che|bat cap|diem nghen|thach thuc|yeu kem|chua phat huy|con thap|con yeu|so sai|ne tranh|chua tuong xung)\b/.test(f);
      const hasFigures = /\d/.test(f.replace(/(?:19|20)\d{2}/g, ""));
      let kind: StatementKind = "other";
      // "Kiến nghị với Chính phủ: …", "Về khó khăn, hạn chế: …", a line under "Kiến nghị của tỉnh:": the label says what it is
      const label = (/^([^:]{2,80}):/.exec(f)?.[1] ?? "") + " " + foldSameLength(s.heading ?? "").toLowerCase();
      // a section in capitals ("KIẾN NGHỊ CỦA TỈNH", "KHÓ KHĂN, HẠN CHẾ") says it when the sentence's own label does not
      const section = foldSameLength(s.section ?? "").toLowerCase();
      const listsPeople = /^(?:tham du co|cung du co|cung di co|tham gia doan co|du buoi lam viec co)\b|\bve phia tinh co\b/.test(f);
      if ((PARTICIPANTS.test(f) && f.length < 260 && !hasFigures) || (listsPeople && !hasFigures)) kind = "participants";
      else if (/^(?:ve )?(?:kho khan|han che|vuong mac|ton tai)/.test(label.trim())) kind = "difficulty";
      else if (/^(?:nhom )?(?:kien nghi|de xuat|de nghi)/.test(label.trim())) kind = "request";
      else if (/^(?:cac )?(?:kien nghi|de xuat|de nghi)/.test(section) && !/\b(?:neu|gom|trong do)\b.{0,20}\d+ (?:kien nghi|noi dung)/.test(f)) kind = "request";
      else if (/^(?:kho khan|han che|vuong mac|ton tai)/.test(section)) kind = "difficulty";
      else if (/\b(?:danh gia cao|bieu duong|khen ngoi|chuc mung|an tuong|lam rat tot|lam tot|ghi nhan (?:va danh gia|nhung|ket qua|no luc))\b/.test(f) && !opensWithLimit) kind = "assessment";
      else if (opensWithLimit && (difficultyWords || /\bchua\b|\bcon\b/.test(f))) kind = "difficulty";
      else if (/\b(?:tra loi|giai dap|bang van ban|tong hop, bao cao|bao cao cap co tham quyen|xu li theo tham quyen|trao doi truc tiep|trao doi ve)\b/.test(f) || (/\btiep thu\b/.test(f) && /\bkien nghi\b/.test(f))) kind = /\btiep thu\b|\bghi nhan\b/.test(f) && side === "delegation" ? "acceptance" : "petition_outcome";
      else if (side === "province" && ASKS.test(f) && (RECIPIENT.test(f) || /\b(?:kien nghi|de xuat)\b/.test(f))) kind = /\bmong muon\b/.test(f) ? "wish" : "request";
      else if (side === "delegation" && TELLS.test(f)) kind = "task";
      else if (difficultyWords && !hasFigures) kind = "difficulty";
      else if (/\b(?:trien khai|chinh sach|giai phap|tai co cau)\b/.test(f) && !hasFigures) kind = "policy";
      else if (hasFigures || /\btinh hinh\b|\bphuc hoi\b|\btang truong\b|\bket qua\b/.test(f)) kind = "situation";
      else if (inConclusions && TELLS.test(f)) kind = "task";
      let direction: ExtractedStatement["direction"];
      if (kind === "task") {
        const verb = f.search(/\b(?:giao|de nghi|yeu cau)\b/);
        const after = verb >= 0 ? f.slice(verb, verb + 40) : "";
        direction = /^(?:giao|de nghi|yeu cau) (?:cac )?bo\b|^(?:giao|de nghi|yeu cau) bo (?:giao|ke|tai|nong|xay|cong|y)/.test(after) ? "central_to_ministries" : "central_to_province";
      }
      if (kind === "request" || kind === "wish") direction = "province_to_central";
      if (kind === "petition_outcome" && /\bgiao (?:cac )?bo\b/.test(f)) direction = "central_to_ministries";
      // the conclusions are the delegation's: a province's wish or request in between is not one of them
      const conclusion = inConclusions && kind !== "participants" && kind !== "wish" && kind !== "request";
      out.push({ sentence: s, kind, conclusion, speaker, direction });
    }
  }
  return out;
}

function isDelegation(p: ExtractedPerson): boolean {
  return p.leadsDelegation || p.roles.some((r) => /^(?:Thủ tướng|Phó Thủ tướng|Bộ trưởng|Thứ trưởng|Trưởng đoàn|Chủ nhiệm)/iu.test(r));
}

const SPEECH = /\b(?:phat bieu|cho biet|de nghi|yeu cau|danh gia|bieu duong|nhan manh|luu y|giao|chi ra|cho rang|ket luan|ghi nhan|mong muon|bao cao|trao doi|khang dinh|giai dap|tiep thu|neu|dan dau|lam viec)\b/;

/** The person a sentence is about or quotes: named in it, or named by an office it mentions near its start. */
function speakerOf(text: string, people: ExtractedPerson[]): number | undefined {
  const folded = foldForMatch(text);
  let best: { i: number; at: number } | undefined;
  people.forEach((p, i) => {
    const keys = [p.name, ...(p.name ? [] : p.roles)].filter((x): x is string => !!x).map(foldForMatch);
    for (const k of keys) {
      const at = folded.indexOf(k);
      if (at >= 0 && (!best || at < best.at)) best = { i, at };
    }
  });
  if (best && best.at < 120 && SPEECH.test(folded.slice(best.at, best.at + 160))) return best.i;
  // "Thủ tướng …", "đồng chí Trưởng đoàn …", "Chủ tịch UBND tỉnh …" near the start.
  const head = folded.slice(0, 80);
  let byRole: { i: number; at: number } | undefined;
  people.forEach((p, i) => {
    for (const r of p.roles) {
      const short = foldForMatch(r).split(" ").slice(0, 4).join(" ");
      const at = head.indexOf(short);
      if (short.length >= 6 && at >= 0 && SPEECH.test(folded.slice(at, at + 80)) && (!byRole || at < byRole.at)) byRole = { i, at };
    }
    if (p.leadsDelegation && /\btruong doan\b/.test(head)) byRole ??= { i, at: head.indexOf("truong doan") };
  });
  return byRole?.i;
}
