// The optional session option every session-aware command shares.
import type { OptionDef } from "./types.js";
import { sessionChoices } from "../src/knowledge/sessions.js";

export const sessionOption: OptionDef = {
  name: "session",
  nameVi: "phien",
  description: { vi: "Phiên làm việc (mặc định: phiên gần nhất)", en: "Working session (default: the most recent)" },
  type: "string",
  autocomplete: (partial, ctx) => sessionChoices(ctx.services.knowledge, partial),
};
