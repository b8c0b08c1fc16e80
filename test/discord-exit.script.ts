// Run by test/discord-shutdown.test.ts in its own process: start the fake Discord and the bot,
// answer one command, stop both, and then simply return. If anything the bot started were still
// open (a socket, a heartbeat interval, a REST sweeper), this process would not exit by itself.
import { startHarness } from "./discord-harness.js";

const h = await startHarness();
const i = h.fake.chatInput("help", []);
await h.fake.waitForResponses(i, 1);
await h.close();
process.stdout.write("closed\n");
