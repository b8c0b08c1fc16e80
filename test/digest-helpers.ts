// Shared by the digest tests: services over a real SQLite file in a temp folder, a ManualClock,
// a fake ChatSender that records what it is asked to send, and a log that can be read back.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServices } from "../src/app.js";
import { ManualClock } from "../src/clock.js";
import { createLogger } from "../src/log.js";
import { openStore, type Store } from "../src/store/store.js";
import type { Services } from "../src/services.js";
import type { ChatSender, DeliveryOutcome } from "../src/adapters/sender.js";
import type { CommandContext, Lang, Platform, Reply } from "../commands/types.js";

export interface Sent {
  chatId: string;
  reply: Reply;
  /** The clock's time when the send started (ISO). */
  at: string;
}

/** Records every send; `fail(chatId)` decides per call whether (and how) a send fails. */
export class FakeSender implements ChatSender {
  readonly sent: Sent[] = [];
  readonly attempts: string[] = [];
  fail: (chatId: string, attempt: number) => DeliveryOutcome | undefined = () => undefined;
  /** When set, a send records itself and then never resolves (the process "dies" mid-send). */
  hang = false;
  private readonly waiters: Array<() => void> = [];

  constructor(
    private readonly clock: ManualClock,
    readonly platform: Platform = "telegram",
  ) {}

  async send(chatId: string, reply: Reply): Promise<DeliveryOutcome> {
    this.attempts.push(chatId);
    const n = this.attempts.filter((c) => c === chatId).length;
    const failed = this.fail(chatId, n);
    if (failed) return failed;
    this.sent.push({ chatId, reply, at: this.clock.now().toISOString() });
    for (const w of this.waiters.splice(0)) w();
    if (this.hang) await new Promise(() => undefined);
    return { status: "delivered" };
  }

  /** Resolves once `n` sends have been recorded (never time-based). */
  async untilSent(n: number): Promise<void> {
    while (this.sent.length < n) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  to(chatId: string): Sent[] {
    return this.sent.filter((s) => s.chatId === chatId);
  }
}

export interface LogLine {
  level: number;
  msg: string;
  [k: string]: unknown;
}

export class TestEnv {
  readonly dir = mkdtempSync(join(tmpdir(), "digest-"));
  readonly dbPath = join(this.dir, "bot.sqlite");
  readonly logs: LogLine[] = [];
  private readonly stores: Store[] = [];

  constructor(readonly clock: ManualClock) {}

  /**
   * New services with their own connection to the same file (a "process"). `env` is read like the
   * process environment (strings, validated and converted by the config schema).
   */
  services(env: Record<string, string> = {}, opts: { storeOnClock?: boolean } = {}): Services {
    // storeOnClock: the store's own timestamps (a session's createdAt…) come from the manual clock too.
    const store = openStore(this.dbPath, opts.storeOnClock ? { clock: this.clock } : {});
    this.stores.push(store);
    const log = createLogger("info", { write: (line: string) => void this.logs.push(JSON.parse(line) as LogLine) });
    return createServices({ clock: this.clock, log, store, env: { ...env, DATABASE_PATH: this.dbPath } });
  }

  logged(text: string): LogLine[] {
    return this.logs.filter((l) => l.msg.includes(text));
  }

  async close(): Promise<void> {
    await Promise.all(this.stores.splice(0).map((s) => s.close()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function chatContext(services: Services, chatId = "telegram:100", lang: Lang = "vi"): CommandContext {
  const platform = chatId.split(":")[0] as Platform;
  return { platform, chatId, userId: `${platform}:1`, lang, isAdmin: false, services };
}

/** The instant of a Vietnam wall-clock time (UTC+7, no daylight saving). */
export function vn(localDateTime: string): Date {
  return new Date(`${localDateTime}+07:00`);
}
