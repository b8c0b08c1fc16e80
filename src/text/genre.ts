// The language of the genre (working-session reports and the questions people ask about them),
// as folded word lists. Nothing here comes from one report: these are the function words, the
// verbs that introduce a figure, and the cue words for kinds of figures and statements that any
// report of the genre uses. Everything is folded (no diacritics, đ → d, final y after a
// consonant → i), the form tokens are compared in.
import { foldSyllable, type Token } from "./tokens.js";
import { toneKey } from "./normalize.js";

/**
 * A word list that tells "trong" (in) from "trồng" (to plant) when the writer typed diacritics,
 * and falls back to the folded form when they did not.
 */
export class WordList {
  private readonly toned: Set<string>;
  readonly folded: Set<string>;
  constructor(list: string) {
    const raw = list.split(/\s+/).filter(Boolean);
    this.toned = new Set(raw.map(toneKey));
    this.folded = new Set(raw.map(foldSyllable));
  }
  /** `typedWithTones`: the text the token comes from carries diacritics, so a bare "dung" means "dung", not "đứng". */
  has(token: Pick<Token, "folded" | "toned">, typedWithTones = token.toned !== token.folded): boolean {
    return typedWithTones ? this.toned.has(token.toned) : this.folded.has(token.folded);
  }
}

/** Words that carry no topic in a report's sentence or a question. */
export const FUNCTION_WORDS = new WordList(`
  a à á ạ ả ah ơi nhé nhe nha nhá hả hử vậy thế thì là của và với cho về ở tại trong những các mọi một này đó đấy kia
  đã đang sẽ được bị có không chưa rồi hay hoặc nào gì ai đâu sao bao nhiêu mấy bạn mình tôi em anh chị ông bà cô
  xin hỏi biết vui lòng làm ơn giúp như ra mức con còn số tổng cụ thể hiện nay đến hết tính trên toàn khoảng tầm chừng
  lắm rất cả nữa luôn vừa qua khi nói muốn xem cần điều cái việc tên gọi họ đi lại vào lên xuống thôi chứ mà nên vì bởi
  nếu cũng đều từ theo so thuộc nhằm để do trước sau mỗi từng riêng chung thêm vẫn nhất nhiều ít lúc nay đây kể
  ok okay ừ ờ dạ vâng uh hmm ngoài trừ sang bên phía
  the a an of in on at to for by with from and or is are was were be been being what which who whom whose how many much
  did does do has have had will would can could should please tell me us i you we they it its this that these those
  there their about over during as than then so not no yes any some all each per
`);

/** Verbs and particles that introduce a value ("đạt 7,22%", "tăng 5%", "bằng 113% dự toán"). */
export const VALUE_VERBS = new WordList(`đạt tăng giảm chiếm bằng tương đương ước dự kiến lên tới xuống còn vượt cao thấp hơn là được có gồm với trong đó khoảng gần ít nhất tối thiểu trên dưới
  xếp đứng hạng gấp mức nhích`);

/** Nouns that say what a value is compared with, not what is measured ("bằng 113% dự toán", "vượt kế hoạch 6%"). */
export const BASE_NOUNS = new WordList(`kế hoạch kịch bản dự toán cùng kỳ năm trước trước mục tiêu phấn đấu`);

/** Cue words of the kinds of figures (folded phrases). */
export const KIND_CUES = {
  growth: ["tang truong", "toc do tang", "tang", "giam", "toc do", "muc tang", "growth", "grow", "grew", "increase", "increased", "rise", "rose", "fell", "decline", "declined", "decrease", "decreased", "fall"],
  share: ["ti trong", "chiem ti trong", "chiem", "co cau", "share", "shares", "proportion", "account for", "accounts for", "accounted for", "makes up", "made up", "structure"],
  plan: ["du toan", "ke hoach", "chi tieu", "muc tieu giao", "so voi ke hoach", "of plan", "of the plan", "of the estimate", "estimate", "target set", "budget estimate"],
  samePeriod: ["cung ki", "so voi cung ki", "so cung ki", "same period", "year on year", "year-on-year"],
  contribution: ["dong gop", "diem phan tram", "contribution", "contributed", "percentage points"],
  rank: ["xep thu", "dung thu", "xep hang", "thu may", "thu hang", "hang may", "rank", "ranked", "ranking", "place"],
  target: ["phan dau", "muc tieu", "dinh huong", "target", "aim", "aims", "goal"],
} as const;

/** Statement cues: what kind of thing a sentence says. */
export const STATEMENT_CUES: Record<string, string[]> = {
  difficulty: ["kho khan", "vuong mac", "han che", "ton tai", "bat cap", "thach thuc", "diem nghen", "yeu kem", "chua tuong xung", "chua phat huy", "con cham", "con yeu", "con thap", "tuy nhien", "so sai", "ne tranh"],
  assessment: ["danh gia cao", "bieu duong", "ghi nhan", "khen", "bieu duong", "bieu dương", "lam tot", "lam rat tot", "hoan thanh tot", "tich cuc", "an tuong", "noi bat", "chuc mung"],
  task: ["de nghi tinh", "yeu cau tinh", "giao tinh", "nhiem vu", "thoi gian toi", "can tap trung", "phai", "luu y", "chi dao", "de nghi ubnd", "yeu cau ubnd", "tiep tuc", "day nhanh", "giao cac bo", "giao bo"],
  request: ["kien nghi", "de xuat", "de nghi chinh phu", "de nghi thu tuong", "mong muon", "xin", "cho phep", "ho tro tinh", "quan tam", "kien nghi voi", "kien nghi cac bo"],
  outcome: ["tra loi", "giai dap", "bang van ban", "tiep thu", "tong hop", "bao cao chinh phu", "bao cao cap co tham quyen", "xu li theo tham quyen", "xem xet", "trao doi truc tiep"],
  situation: ["tinh hinh", "phuc hoi", "tang truong", "chuyen dich", "on dinh", "dat ket qua", "ket qua", "trien khai"],
};

/** Words that open the delegation's conclusions. */
export const CONCLUSION_CUES = ["ket luan", "phat bieu ket luan", "truong doan", "thu tuong", "bo truong", "pho thu tuong"];
