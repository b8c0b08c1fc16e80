// Every command, defined once. Telegram, Discord and the console all read this list.
import type { CommandDef } from "./types.js";
import { askCommand } from "./hoi.js";
import { indicatorCommand } from "./chiso.js";
import { conclusionsCommand } from "./ketluan.js";
import { makeHelpCommand } from "./help.js";
import { digestCommand } from "./bantin.js";
import { petitionCommand } from "./kiennghi.js";
import { sessionsCommand } from "./phien.js";

const others: CommandDef[] = [askCommand, indicatorCommand, conclusionsCommand, petitionCommand, digestCommand, sessionsCommand];
export const helpCommand = makeHelpCommand(others);
export const allCommands: CommandDef[] = [...others, helpCommand];
