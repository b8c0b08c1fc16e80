import { generateReports } from "../bench/generate.ts";
console.log(generateReports(100).map(r => r.id).join("\n"));
