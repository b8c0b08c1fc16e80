// Is a folded word a Vietnamese syllable? The syllables of the Vietnamese spelling dictionary
// (dictionary-vi, 6,600 syllables), or failing that an onset and a rhyme from the language's
// inventory. Typo correction only touches words that are not: "tăg", "rừg", "nghach" are
// corrected, while "chức", "giữ", "hôm" — real syllables a report may just not use — stay.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { foldSyllable } from "./tokens.js";

let dictionary: Set<string> | null | undefined;

function realSyllables(): Set<string> | null {
  if (dictionary !== undefined) return dictionary;
  try {
    const index = fileURLToPath(import.meta.resolve("dictionary-vi"));
    const dic = readFileSync(index.replace(/index\.js$/, "index.dic"), "utf8");
    dictionary = new Set(
      dic
        .split("\n")
        .slice(1)
        .map((l) => l.split("/")[0]!.trim())
        .filter((w) => /^\p{Ll}+$/u.test(w))
        .map(foldSyllable),
    );
  } catch {
    dictionary = null; // the rules below still hold
  }
  return dictionary;
}

const ONSETS = ["ngh", "ng", "gh", "gi", "kh", "nh", "ph", "qu", "th", "tr", "ch", "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""];

// Rhymes, folded (â ă → a, ê → e, ô ơ → o, ư → u; final y after a consonant already folded to i).
const RHYMES = new Set(
  (
    "a ac ach ai am an ang anh ao ap at au ay " +
    "e ec em en eng eo ep et ech enh eu " +
    "i ia ich iec iem ien ieng iep iet ieu im in inh ip it iu iup " +
    "o oa oac oach oai oam oan oang oanh oao oap oat oay oc oe oen oeo oet oi om on ong ooc oong op ot " +
    "u ua uan uang uanh uat uay uc ue uen uenh uet ui um un ung uo uoc uoi uom uon uong uop uot up ut uu uy uya uych uyen uyet uynh uyt uyu uau " +
    "y ye yen yet yeu yem"
  ).split(" "),
);

export function isVietnameseSyllable(folded: string): boolean {
  if (!/^[a-z]+$/.test(folded) || folded.length > 7) return false;
  const real = realSyllables();
  if (real) return real.has(folded);
  for (const onset of ONSETS) {
    if (!folded.startsWith(onset)) continue;
    const rhyme = folded.slice(onset.length);
    if (RHYMES.has(rhyme)) return true;
    // "gi" can swallow the i ("gì", "giữ" = gi + ư); "qu" keeps its u in writing ("quy", "quan")
    if (onset === "gi" && (rhyme === "" || RHYMES.has(`i${rhyme}`))) return true;
    if (onset === "qu" && RHYMES.has(`u${rhyme}`)) return true;
  }
  return false;
}
