// Periods in questions: "năm 2022", "4 tháng đầu năm 2023", "quý I/2023", "đến hết tháng 4/2023",
// "Q1 2023", "first four months of 2023". Parsed from folded text into the atoms figures carry
// (y2022, m4-2023, q1-2023, to-m4-2023), or into bare years ("2023" matches any 2023 atom).

export interface QueryPeriod {
  atoms: string[];
  years: number[];
  /** The part of the folded question the period came from (these words are then explained). */
  spans: string[];
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, mot: 1, hai: 2, ba: 3, bon: 4, tu: 4, first: 1, second: 2, third: 3, fourth: 4 };
const NUM_WORD: Record<string, number> = { mot: 1, hai: 2, ba: 3, bon: 4, tu: 4, nam: 5, sau: 6, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };
const MONTHS_EN: Record<string, number> = { january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12 };

const n = (s: string | undefined): number | undefined => (s === undefined ? undefined : /^\d+$/.test(s) ? Number(s) : (NUM_WORD[s] ?? ROMAN[s]));

/**
 * @param folded the question folded (lower case, no diacritics) with punctuation other than "/" as spaces
 * @param defaultYear the year a period without one refers to; 0 leaves it open ("m4-0"), to be
 *   settled per session by resolvePeriod, since "4 tháng đầu năm" means the session's own year.
 */
export function parsePeriod(folded: string, defaultYear: number): QueryPeriod {
  let text = ` ${folded} `;
  const atoms: string[] = [];
  const years: number[] = [];
  const spans: string[] = [];
  const take = (re: RegExp, f: (m: RegExpExecArray) => void) => {
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      f(m);
      spans.push(m[0].trim());
      text = text.slice(0, m.index) + " ".repeat(m[0].length) + text.slice(m.index + m[0].length);
      re.lastIndex = 0;
    }
  };
  // "so với cùng kỳ 2022" names the comparison base, not the period asked about.
  take(/ (?:so (?:voi )?)?cung ki(?: nam)?(?: \d{4})? /g, () => {});
  take(/ (?:compared (?:with|to) )?(?:the )?same period(?: of| in)?(?: (?:last year|\d{4}))? /g, () => {});
  // "4 tháng đầu năm 2023", "4 tháng 2023", "bốn tháng đầu năm"
  take(/ (\d{1,2}|mot|hai|ba|bon|tu|sau) thang (?:dau )?(?:nam )?(?:(\d{4}) )?/g, (m) => {
    const months = n(m[1]);
    if (months) atoms.push(`m${months}-${m[2] ?? defaultYear}`);
  });
  take(/ (?:the )?first (\d{1,2}|one|two|three|four|five|six) months(?: of)?(?: (\d{4}))? /g, (m) => {
    const months = n(m[1]);
    if (months) atoms.push(`m${months}-${m[2] ?? defaultYear}`);
  });
  // "quý I/2023", "quý 1 năm 2023", "q1 2023", "first quarter of 2023"
  take(/ qu[iy] (i{1,3}|iv|[1-4]|mot|hai|ba|bon|tu)(?: ?\/ ?| nam | )?(\d{4})? /g, (m) => {
    const q = n(m[1]);
    if (q) atoms.push(`q${q}-${m[2] ?? defaultYear}`);
  });
  take(/ (?:the )?(first|second|third|fourth) quarter(?: of)?(?: (\d{4}))? /g, (m) => atoms.push(`q${n(m[1])}-${m[2] ?? defaultYear}`));
  // "đến hết tháng 4/2023", "tháng 4 năm 2023", "end of April 2023"
  take(/ (?:(?:den|tinh den) )?(?:het |cuoi )?thang (\d{1,2})(?: ?\/ ?| nam )(\d{4}) /g, (m) => atoms.push(`to-m${Number(m[1])}-${m[2]}`));
  take(/ (?:(?:as of|by|until|at) )?(?:the )?(?:end of )?(january|february|march|april|june|july|august|september|october|november|december)(?: (\d{4}))? /g, (m) =>
    atoms.push(`to-m${MONTHS_EN[m[1]!]}-${m[2] ?? defaultYear}`),
  );
  // A year on its own: "năm 2022", "2022", "in 2022".
  take(/ (?:nam |in |for |of )?((?:19|20)\d{2}) /g, (m) => {
    const y = Number(m[1]);
    atoms.push(`y${y}`);
  });
  // "kế hoạch vốn năm 2023 … quý I/2023": the year only repeats what the quarter already says.
  const unique = [...new Set(atoms)].filter((a, _i, all) => !(a.startsWith("y") && all.some((b) => b !== a && !b.startsWith("y") && yearOf(b) === yearOf(a))));
  atoms.length = 0;
  atoms.push(...unique);
  for (const a of atoms) {
    const y = yearOf(a);
    if (y && !years.includes(y)) years.push(y);
  }
  return { atoms, years, spans };
}

/** Gives a period's open year (see parsePeriod) the session's latest year. */
export function resolvePeriod(period: QueryPeriod | undefined, year: number): QueryPeriod | undefined {
  if (!period || !period.atoms.some((a) => a.endsWith("-0"))) return period;
  const atoms = period.atoms.map((a) => (a.endsWith("-0") ? `${a.slice(0, -2)}-${year}` : a));
  return { atoms, years: [...new Set([...period.years, year])], spans: period.spans };
}

export function yearOf(atom: string): number | undefined {
  const m = /(\d{4})$/.exec(atom);
  return m ? Number(m[1]) : undefined;
}

/**
 * How well a figure's period fits the period asked about: 3 exact, 2 the asked period is one part
 * of the figure's, 1 same year, 0 nothing asked, null incompatible (a different period).
 */
export function periodFit(asked: QueryPeriod | undefined, figureAtoms: string[]): number | null {
  if (!asked || asked.atoms.length === 0) return 0;
  const same = asked.atoms.length === figureAtoms.length && asked.atoms.every((a) => figureAtoms.includes(a));
  if (same) return 3;
  if (asked.atoms.every((a) => figureAtoms.includes(a))) return 2;
  const figureYears = figureAtoms.map(yearOf).filter((y): y is number => y !== undefined);
  // A bare year ("năm 2023", "2023") fits any figure within that year.
  const askedYears = asked.atoms.map((a) => (a.startsWith("y") ? yearOf(a) : undefined));
  if (askedYears.every((y) => y !== undefined && figureYears.includes(y))) return 1;
  // "tháng 4/2023" and "4 tháng đầu năm 2023" describe the same stretch of time.
  if (asked.atoms.every((a) => figureAtoms.some((f) => sameEnd(a, f)))) return 1.5;
  if (figureAtoms.includes("now")) return asked.years.every((y) => y >= Math.max(...figureYears, 0)) ? 0.5 : null;
  return null;
}

function sameEnd(a: string, b: string): boolean {
  const end = (x: string) => /^(?:to-)?m(\d+)-(\d{4})$/.exec(x);
  const ma = end(a);
  const mb = end(b);
  return !!ma && !!mb && ma[1] === mb[1] && ma[2] === mb[2];
}
