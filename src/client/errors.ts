import type { ApiErrorKind } from "./types";

/** Failures worth trying again as they are: the same request may well succeed in a moment. */
const RETRYABLE: ReadonlySet<ApiErrorKind> = new Set(["unreachable", "timeout", "rate-limited", "server"]);

export interface ImportApiErrorDetails {
  /** The HTTP status, or null when no answer came. */
  status?: number | null;
  /** The server's stable error code (invalid_state, file_too_large, …), or null when it gave none. */
  code?: string | null;
  /** Overrides the kind's default (unreachable, timeout, rate-limited and server are retryable). */
  retryable?: boolean;
  /** How long the server asked us to wait (Retry-After), so a poller can back off by as much. */
  retryAfterMs?: number | null;
  cause?: unknown;
}

/**
 * Every failure of the import API client: `kind` for the pane to choose what to offer (retry, open Settings, …),
 * `message` a sentence a clerk can act on (never a stack or "[object Object]"), `code` the server's own code when it
 * sent one.
 */
export class ImportApiError extends Error {
  override readonly name = "ImportApiError";
  readonly status: number | null;
  readonly code: string | null;
  readonly retryable: boolean;
  readonly retryAfterMs: number | null;

  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    details: ImportApiErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status ?? null;
    this.code = details.code ?? null;
    this.retryable = details.retryable ?? RETRYABLE.has(kind);
    this.retryAfterMs = details.retryAfterMs ?? null;
  }
}

export function isImportApiError(error: unknown): error is ImportApiError {
  return error instanceof ImportApiError;
}

/** The caller cancelled (its AbortSignal fired): the pane says nothing, it asked for this. */
export function abortedError(): ImportApiError {
  return new ImportApiError("aborted", "The request was cancelled.");
}
