// Numbers as the Vietnamese source writes them: "," before decimals, "." between thousands
// (7,22%; 13.330 ha; 1,345 tỷ USD), and their English form (7.22%; 13,330 ha).

/** "7,22" → 7.22; "13.330" → 13330; "1,345" → 1.345 (vi-VN: a comma is always decimal). */
export function parseViNumber(text: string): number | null {
  const t = text.trim().replace(/\s/g, "");
  if (!/^\d{1,3}(?:\.\d{3})*(?:,\d+)?$|^\d+(?:,\d+)?$/.test(t)) return null;
  return Number(t.replace(/\./g, "").replace(",", "."));
}

/** 13330 → "13.330"; 7.22 → "7,22"; keeps the decimals given (or those of the value). */
export function formatViNumber(value: number, decimals?: number): string {
  const fixed = decimals === undefined ? String(value) : value.toFixed(decimals);
  const [int, frac] = fixed.split(".");
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return frac ? `${grouped},${frac}` : grouped;
}

/** "7,22%" → "7.22%", "13.330 ha" → "13,330 ha", "1,345 tỷ USD" → "1.345 tỷ USD". */
export function viNumbersToEnglish(text: string): string {
  return text.replace(/\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+/g, (n) => {
    const v = parseViNumber(n);
    if (v === null) return n;
    const decimals = n.includes(",") ? n.split(",")[1]!.length : 0;
    return v.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  });
}
