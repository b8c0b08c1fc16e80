import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fold, foldForMatch, foldSameLength, referenceFolds } from "../src/text/fold.js";
import { toneKey, hasDiacritics, toNfc } from "../src/text/normalize.js";
import { tokenize } from "../src/text/tokens.js";
import { formatViNumber, parseViNumber, viNumbersToEnglish } from "../src/text/numbers.js";
import { rankByName } from "../src/text/rank.js";

describe("folding", () => {
  it("removes diacritics, lower-cases, and folds đ to d", () => {
    expect(fold("Đào Hồng Lan")).toBe("dao hong lan");
    expect(fold("ĐẤT LÚA")).toBe("dat lua");
  });
  it("treats NFD and NFC alike", () => {
    const nfd = "Thủy sản".normalize("NFD");
    expect(nfd).not.toBe("Thủy sản");
    expect(fold(nfd)).toBe(fold("Thủy sản"));
    expect(toNfc(nfd)).toBe("Thủy sản");
  });
  it("folds by its character table exactly as the whole-text rule does, on any text", () => {
    const vietnamese = fc.stringMatching(/^[a-zA-ZàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđĐÀÁẢÃẠĂẰẮÂẦẤÈÉÊỀẾÌÍÒÓÔỒỐƠỜỚÙÚƯỪỨỲÝ0-9 ,.%;:()\/-]*$/);
    for (const text of [fc.string({ unit: "binary", maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 40 }), vietnamese]) {
      fc.assert(
        fc.property(text, fc.boolean(), (t, nfd) => {
          const s = nfd ? t.normalize("NFD") : t;
          expect(fold(s)).toBe(referenceFolds.fold(s));
          const nfc = s.normalize("NFC");
          expect(foldSameLength(nfc)).toBe(referenceFolds.foldSameLength(nfc));
          expect(foldSameLength(nfc).length).toBe(nfc.length);
        }),
        { numRuns: 400 },
      );
    }
  });
  it("collapses white space for matching", () => {
    expect(foldForMatch("  Giải   phóng\tmặt bằng ")).toBe("giai phong mat bang");
  });
});

describe("tone placement", () => {
  it("old and new placements give one key", () => {
    expect(toneKey("thuỷ")).toBe(toneKey("thủy"));
    expect(toneKey("hoá")).toBe(toneKey("hóa"));
    expect(toneKey("Uỷ")).toBe(toneKey("ủy"));
  });
  it("different tones stay different", () => {
    expect(toneKey("đạt")).not.toBe(toneKey("đất"));
    expect(toneKey("tăng")).not.toBe(toneKey("tầng"));
  });
  it("knows when diacritics were typed", () => {
    expect(hasDiacritics("grdp tang bao nhieu")).toBe(false);
    expect(hasDiacritics("GRDP tăng")).toBe(true);
    expect(hasDiacritics("dong đo")).toBe(true);
  });
});

describe("tokens", () => {
  it("keeps numbers whole, in the source's format", () => {
    expect(tokenize("trồng 13.330 ha, tăng 7,22% đến tháng 4/2023").map((t) => t.raw)).toEqual(["trồng", "13.330", "ha", "tăng", "7,22%", "đến", "tháng", "4/2023"]);
  });
  it("folds the two spellings of tỷ/tỉ and kỳ/kì together", () => {
    expect(tokenize("tỷ trọng")[0]!.folded).toBe(tokenize("tỉ trọng")[0]!.folded);
    expect(tokenize("cùng kỳ")[1]!.folded).toBe(tokenize("cùng kì")[1]!.folded);
  });
  it("survives emoji and control characters", () => {
    expect(tokenize("😀\u0000\u0007 grdp 🚀").map((t) => t.folded)).toEqual(["grdp"]);
  });
});

describe("vi-VN numbers", () => {
  it("parses the source's numbers", () => {
    expect(parseViNumber("7,22")).toBe(7.22);
    expect(parseViNumber("13.330")).toBe(13330);
    expect(parseViNumber("1,345")).toBe(1.345);
    expect(parseViNumber("51,72")).toBe(51.72);
    expect(parseViNumber("abc")).toBeNull();
  });
  it("formats as the source writes them", () => {
    expect(formatViNumber(13330)).toBe("13.330");
    expect(formatViNumber(7.22)).toBe("7,22");
    expect(formatViNumber(1.345)).toBe("1,345");
    expect(formatViNumber(120.5, 1)).toBe("120,5");
  });
  it("round-trips", () => {
    for (const s of ["7,22", "13.330", "1,345", "589", "4.030", "49,98"]) expect(formatViNumber(parseViNumber(s)!)).toBe(s);
  });
  it("converts to English format", () => {
    expect(viNumbersToEnglish("7,22%")).toBe("7.22%");
    expect(viNumbersToEnglish("hơn 13.330 ha")).toBe("hơn 13,330 ha");
    expect(viNumbersToEnglish("1,345 tỷ USD")).toBe("1.345 tỷ USD");
  });
});

describe("ranking names", () => {
  const items = [
    { value: "a", name: "Trồng rừng mới" },
    { value: "b", name: "Giải ngân vốn đầu tư" },
    { value: "c", name: "Kim ngạch xuất, nhập khẩu" },
  ];
  it("exact beats prefix beats fuzzy, without diacritics", () => {
    expect(rankByName(items, "giai ngan")[0]!.item.value).toBe("b");
    expect(rankByName(items, "trong rung moi")[0]!.item.value).toBe("a");
    expect(rankByName(items, "kim ngach")[0]!.item.value).toBe("c");
  });
  it("returns at most the limit", () => {
    expect(rankByName(items, "", 2)).toHaveLength(2);
  });
});
