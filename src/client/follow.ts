import { abortedError, ImportApiError } from "./errors";
import type { ImportApi, ImportState, ImportStatus } from "./types";

/** States in which nothing more happens without the user: read the report, approve, fix and upload again. */
const NEEDS_USER: ReadonlySet<ImportState> = new Set(["done", "exception", "complete", "cancelled", "failed"]);
/** States no action can leave. */
const FINAL: ReadonlySet<ImportState> = new Set(["complete", "cancelled", "failed"]);

/** The import waits for the user (or is over): polling it further shows nothing new. */
export function needsUser(state: ImportState): boolean {
  return NEEDS_USER.has(state);
}

/** The import is over for good: complete, cancelled or failed. */
export function isFinal(state: ImportState): boolean {
  return FINAL.has(state);
}

export interface FollowOptions {
  /** Every status read, so the pane can show the state and progress. */
  onStatus?: (status: ImportStatus) => void;
  /** A retryable failure, and how long until the next try: for "connection lost, retrying…". */
  onRetry?: (error: ImportApiError, attempt: number, delayMs: number) => void;
  signal?: AbortSignal;
  /** Between polls while all is well. Default 1 s. */
  intervalMs?: number;
  /** The most the backoff waits between retries (a Retry-After may ask for more). Default 30 s. */
  maxDelayMs?: number;
}

/**
 * Polls an import's status until it needs the user (done, exception, complete, cancelled, failed) and resolves with
 * that status. Retryable failures (no answer, timeout, 429, 5xx) are retried with exponential backoff, for as long as
 * it takes: the user stops it with the signal, which rejects with an ImportApiError of kind aborted. Any other failure
 * (401, 404, …) rejects at once, since asking again cannot help.
 */
export async function followImport(api: ImportApi, id: string, options: FollowOptions = {}): Promise<ImportStatus> {
  const { onStatus, onRetry, signal } = options;
  const intervalMs = options.intervalMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  let attempt = 0;
  for (;;) {
    if (signal?.aborted) throw abortedError();
    let status: ImportStatus;
    try {
      status = await api.status(id, signal);
    } catch (error) {
      if (!(error instanceof ImportApiError) || !error.retryable) throw error;
      attempt += 1;
      const delayMs = Math.max(error.retryAfterMs ?? 0, Math.min(maxDelayMs, intervalMs * 2 ** attempt));
      onRetry?.(error, attempt, delayMs);
      await sleep(delayMs, signal);
      continue;
    }
    attempt = 0;
    onStatus?.(status);
    if (needsUser(status.state)) return status;
    await sleep(intervalMs, signal);
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
