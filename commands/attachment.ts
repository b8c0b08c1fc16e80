// Files sent with a command: the bound every front door downloads within, and the error their
// lazy readers reject with, so that a command can tell the user what went wrong in their terms.
import { MAX_REPORT_BYTES } from "../src/ingest/ingest.js";

/** No front door downloads more than this for a command (a report's own limit: 1 MiB). */
export const MAX_ATTACHMENT_BYTES = MAX_REPORT_BYTES;

/** How long one download may take, from the request to the last byte. */
export const ATTACHMENT_TIMEOUT_MS = 15_000;

export type AttachmentProblem = "too_large" | "unavailable";

/**
 * Why an attachment could not be read: larger than the bound (the platform's figure was wrong or
 * missing, and the download passed it), or the platform could not hand it over (an HTTP error,
 * a timeout, a refused address). The message is for logs and never holds a URL or a token.
 */
export class AttachmentError extends Error {
  constructor(
    readonly problem: AttachmentProblem,
    message: string,
  ) {
    super(message);
    this.name = "AttachmentError";
  }
}
