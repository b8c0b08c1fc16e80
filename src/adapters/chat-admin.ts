// Who administers a chat, as the platforms say, for the commands that change a chat's settings
// (the digest subscription; issue 14). A private chat is its own admin. Telegram: getChatMember,
// creator or administrator (an anonymous admin posting as the group counts), remembered briefly
// per chat and user so that a burst of commands asks once. Discord: the member's permissions in
// the channel, as the interaction carries them: Manage Channels, Manage Server or Administrator.
import type { ChatAdminVerdict } from "../../commands/types.js";

/** How long a Telegram verdict is remembered. */
export const CHAT_ADMIN_TTL_MS = 60_000;
const MAX_REMEMBERED = 5_000;

export class ChatAdminCache {
  private readonly verdicts = new Map<string, { verdict: ChatAdminVerdict; at: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = CHAT_ADMIN_TTL_MS,
  ) {}

  /** The verdict for `key`, asking `ask` when none is remembered; "unknown" (the platform could not say) is not remembered. */
  async get(key: string, ask: () => Promise<ChatAdminVerdict>): Promise<ChatAdminVerdict> {
    const known = this.verdicts.get(key);
    if (known && this.now() - known.at < this.ttlMs) return known.verdict;
    const verdict = await ask();
    if (verdict !== "unknown") {
      this.verdicts.delete(key);
      this.verdicts.set(key, { verdict, at: this.now() });
      while (this.verdicts.size > MAX_REMEMBERED) this.verdicts.delete(this.verdicts.keys().next().value as string);
    }
    return verdict;
  }
}

/** Telegram's chat member statuses that administer the chat. */
export function telegramStatusIsAdmin(status: string): boolean {
  return status === "creator" || status === "administrator";
}

/** Discord permission bits (https://discord.com/developers/docs/topics/permissions). */
export const DISCORD_ADMINISTRATOR = 1n << 3n;
export const DISCORD_MANAGE_CHANNELS = 1n << 4n;
export const DISCORD_MANAGE_GUILD = 1n << 5n;

/** A member's permissions bit set (a decimal string, as interactions carry it) allows changing the channel's digest. */
export function discordPermissionsAllow(permissions: string | bigint | null | undefined): boolean {
  if (permissions === null || permissions === undefined) return false;
  let bits: bigint;
  try {
    bits = typeof permissions === "bigint" ? permissions : BigInt(permissions);
  } catch {
    return false;
  }
  return (bits & (DISCORD_ADMINISTRATOR | DISCORD_MANAGE_CHANNELS | DISCORD_MANAGE_GUILD)) !== 0n;
}
