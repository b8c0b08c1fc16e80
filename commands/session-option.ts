// The optional session option every session-aware command shares.
import type { OptionDef } from "./types.js";
import { sessionChoices } from "../src/knowledge/sessions.js";
import { inBoth } from "../src/core/messages.js";

export const sessionOption: OptionDef = {
  name: "session",
  nameVi: "phien",
  description: inBoth("optSession"),
  type: "string",
  autocomplete: (partial, ctx) => sessionChoices(ctx.services.knowledge, partial),
};
