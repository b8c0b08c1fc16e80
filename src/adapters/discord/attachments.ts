// A Discord attachment (the `file` option of /sessions add) as a command's lazy reader: its name,
// size and type as Discord reports them, and a bounded download of its URL when the command
// reads it. Only Discord's own file hosts are fetched (plus the REST root's host, a proxy or the
// test server), so that a payload cannot point the bot at another address.
import type { Dispatcher } from "undici";
import type { CommandAttachment } from "../../../commands/types.js";
import { AttachmentError } from "../../../commands/attachment.js";
import { attachmentReader } from "../attachments.js";
import { createAgent } from "../transport.js";

const DISCORD_FILE_HOSTS = new Set(["cdn.discordapp.com", "media.discordapp.net"]);

export interface DiscordAttachmentInfo {
  filename: string;
  size?: number | null;
  contentType?: string | null;
  url: string;
}

export interface DiscordAttachments {
  of(a: DiscordAttachmentInfo): CommandAttachment;
}

/** Readers for attachments, downloading on one bounded pool; `apiRoot` (DISCORD_API_ROOT) adds its host. */
export function discordAttachments(opts: { apiRoot?: string | undefined; dispatcher?: Dispatcher } = {}): DiscordAttachments {
  const dispatcher = opts.dispatcher ?? createAgent();
  let extraHost: string | undefined;
  try {
    extraHost = opts.apiRoot ? new URL(opts.apiRoot).host : undefined;
  } catch {
    extraHost = undefined;
  }
  const allowed = (url: string): boolean => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return false;
    }
    if (extraHost && u.host === extraHost && (u.protocol === "http:" || u.protocol === "https:")) return true;
    return u.protocol === "https:" && DISCORD_FILE_HOSTS.has(u.hostname);
  };
  return {
    of(a) {
      return {
        name: a.filename,
        ...(typeof a.size === "number" ? { size: a.size } : {}),
        ...(a.contentType ? { mime: a.contentType } : {}),
        read: attachmentReader(async () => {
          if (!allowed(a.url)) throw new AttachmentError("unavailable", "the attachment is not on a Discord file host");
          return a.url;
        }, { dispatcher }),
      };
    },
  };
}
