/// <reference types="office-js" />
/**
 * The one way this folder enters Excel: `Excel.run`, asking Excel to wait while the user is typing in a cell where the
 * host allows it (otherwise a run then fails with InvalidOperationInCellEditMode).
 */
import { detectCapabilities } from "./capabilities";

export function runExcel<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return detectCapabilities().delayForCellEdit ? Excel.run({ delayForCellEdit: true }, batch) : Excel.run(batch);
}

/** The Office error code of a failed call ("InvalidArgument", "RequestPayloadSizeLimitExceeded", ...), if any. */
export function officeErrorCode(error: unknown): string | null {
  if (typeof error !== "object" || error === null || !("code" in error)) return null;
  const code = (error as { code: unknown }).code;
  return typeof code === "string" ? code : null;
}

/** A sync failed for its size: the caller should send less at once. */
export function isPayloadTooLarge(error: unknown): boolean {
  const code = officeErrorCode(error);
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded" || code === "RangeExceedsLimit";
}

/** Lets the browser paint and handle input: the desktop host restarts an add-in unresponsive for 5 s. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Calls `yieldToEventLoop` once `sliceMs` have passed since the last yield: cheap to call in a loop. */
export class Pacer {
  private last = now();
  constructor(private readonly sliceMs = 12) {}
  async maybeYield(): Promise<void> {
    if (now() - this.last < this.sliceMs) return;
    await yieldToEventLoop();
    this.last = now();
  }
}

function now(): number {
  return typeof performance !== "undefined" ? performance.now() : Date.now();
}

/**
 * Stops when the pane asked to (`AbortSignal.throwIfAborted` is missing from the webviews of older Excel for Mac, so
 * this does the same by hand): the error is the signal's reason, an AbortError.
 */
export function stopIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  const reason: unknown = signal.reason;
  throw reason instanceof Error ? reason : new Error("The validation was stopped.");
}
