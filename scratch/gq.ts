import { generatorCases, seedSession } from "../bench/questions.ts";
import { generateReports } from "../bench/generate.ts";
const r = generateReports(2)[1]!; const cs = generatorCases(seedSession(), r); console.log(cs.length); for (const c of cs) console.log(c.q, c.expect);
