// The lazy reader a front door gives a command for a file sent with it (commands/types.ts
// CommandAttachment): the platform is asked where the file is only when the command reads it,
// and the download is bounded in time and size (transport.ts). Failures become AttachmentErrors.
import type { Dispatcher } from "undici";
import { AttachmentError, ATTACHMENT_TIMEOUT_MS, MAX_ATTACHMENT_BYTES } from "../../commands/attachment.js";
import { DownloadError, downloadBounded } from "./transport.js";

export interface AttachmentReaderOptions {
  dispatcher: Dispatcher;
  /** Defaults to MAX_ATTACHMENT_BYTES (1 MiB). */
  maxBytes?: number;
  /** Defaults to ATTACHMENT_TIMEOUT_MS. */
  timeoutMs?: number;
}

/** `locate` gives the file's URL (Telegram: getFile; Discord: the attachment's own URL). */
export function attachmentReader(locate: () => Promise<string>, opts: AttachmentReaderOptions): () => Promise<Uint8Array> {
  return async () => {
    let url: string;
    try {
      url = await locate();
    } catch (err) {
      throw new AttachmentError("unavailable", `the platform did not give the file's address: ${String((err as Error)?.message ?? err).slice(0, 200)}`);
    }
    try {
      return await downloadBounded(url, { dispatcher: opts.dispatcher, totalMs: opts.timeoutMs ?? ATTACHMENT_TIMEOUT_MS, maxBytes: opts.maxBytes ?? MAX_ATTACHMENT_BYTES });
    } catch (err) {
      if (err instanceof DownloadError) throw new AttachmentError(err.reason === "too_large" ? "too_large" : "unavailable", err.message);
      throw err;
    }
  };
}
