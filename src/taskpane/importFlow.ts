/**
 * The life of one submitted sheet, as BEACON's import page shows it: the sheet becomes a file, the file is uploaded,
 * the test run is followed (Queued, then its percent), its result is shown and its stored-data findings are painted
 * onto the cells; the clerk approves (System Updating, then the records imported) or cancels.
 *
 * The hook owns the stage and the one problem of the moment. A problem carries a retry when trying again can pass
 * (the network, a time-out, a 5xx), and retrying repeats only the step that failed: approving twice applies once, and
 * a lost connection while following resumes following the same import rather than uploading again.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { followImport, isImportApiError } from "../client";
import type { ImportApi, ImportReport, ImportStatus } from "../client/types";
import type { SheetValidation, Submission, WorkbookAdapter } from "../excel/types";
import { isStoredDataCode } from "../validation/catalogue";

/** The import API refuses files over 70 MB (BEACON's limit); a bigger sheet is refused here, before any upload. */
export const UPLOAD_LIMIT_BYTES = 70 * 1024 * 1024;

export type Stage =
  | { kind: "idle" }
  | { kind: "preparing" }
  | { kind: "uploading"; submission: Submission; fraction: number }
  /** Queued or in its test run; `status` is null until the first answer. */
  | { kind: "testing"; submission: Submission; id: string; status: ImportStatus | null }
  /** The test run finished: records ready, warnings, errors; waiting for Approve or Cancel. */
  | { kind: "tested"; submission: Submission; id: string; status: ImportStatus; report: ImportReport; painted: number }
  /** A file-level failure: nothing can be imported from this file. */
  | { kind: "rejected"; submission: Submission; id: string; status: ImportStatus }
  | { kind: "applying"; submission: Submission; id: string; status: ImportStatus | null }
  | { kind: "complete"; submission: Submission; id: string; status: ImportStatus }
  | { kind: "cancelled"; submission: Submission; id: string; status: ImportStatus }
  | { kind: "failed"; submission: Submission; id: string; status: ImportStatus };

export interface FlowProblem {
  title: string;
  error: unknown;
  /** Repeats the failed step; absent when trying again cannot help (wrong password, a 409). */
  retry?: () => void;
}

export interface ImportFlow {
  stage: Stage;
  problem: FlowProblem | null;
  /** The connection dropped while following; it is being retried on its own. */
  reconnecting: string | null;
  submit(): void;
  approve(): void;
  cancel(): void;
  /** Back to idle (after a finished import), keeping nothing but the sheet's marks. */
  reset(): void;
  dismissProblem(): void;
}

export interface ImportFlowOptions {
  adapter: WorkbookAdapter;
  api: ImportApi | null;
  /** Validates the sheet when it has not been validated yet, so Submit is one click. */
  ensureValidated: () => Promise<SheetValidation | null>;
  /** The result with the server's findings painted in. */
  onResult: (result: SheetValidation) => void;
  /** An import reached a state the activity list shows differently (tested, complete, cancelled, rejected). */
  onSettled?: () => void;
  pollMs?: number;
}

export function useImportFlow(options: ImportFlowOptions): ImportFlow {
  const { adapter, api, ensureValidated, onResult, onSettled, pollMs } = options;
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const [problem, setProblem] = useState<FlowProblem | null>(null);
  const [reconnecting, setReconnecting] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  /** A fresh signal for the next step; the previous step, if any, stops. */
  const nextSignal = useCallback(() => {
    controller.current?.abort();
    controller.current = new AbortController();
    return controller.current.signal;
  }, []);

  const settle = useCallback(
    async (submission: Submission, id: string, status: ImportStatus, signal: AbortSignal) => {
      if (!api) return;
      switch (status.state) {
        case "done": {
          const report = await api.report(id, signal);
          const merged = await adapter.showServerFindings(report.exceptions, submission);
          onResult(merged);
          setStage({ kind: "tested", submission, id, status, report, painted: storedDataFindings(report) });
          break;
        }
        case "exception":
          setStage({ kind: "rejected", submission, id, status });
          break;
        case "complete":
          setStage({ kind: "complete", submission, id, status });
          break;
        case "cancelled":
          setStage({ kind: "cancelled", submission, id, status });
          break;
        default:
          setStage({ kind: "failed", submission, id, status });
      }
      onSettled?.();
    },
    [api, adapter, onResult, onSettled],
  );

  const follow = useCallback(
    async (submission: Submission, id: string, applying: boolean) => {
      if (!api) return;
      const signal = nextSignal();
      setProblem(null);
      let last = "";
      const shown = (status: ImportStatus | null) => {
        // Polls mostly repeat the last answer: re-render the pane only when something it shows has changed.
        const key = status ? `${status.state}:${status.progress.percentComplete}:${status.message}` : "";
        if (status && key === last) return;
        last = key;
        setStage(applying ? { kind: "applying", submission, id, status } : { kind: "testing", submission, id, status });
      };
      shown(null);
      try {
        const status = await followImport(api, id, {
          signal,
          intervalMs: pollMs,
          onStatus: (s) => {
            setReconnecting(null);
            shown(s);
          },
          onRetry: (error) => setReconnecting(error.message),
        });
        setReconnecting(null);
        await settle(submission, id, status, signal);
      } catch (error) {
        setReconnecting(null);
        if (signal.aborted) return;
        setProblem({
          title: applying ? "Lost track of the import" : "Lost track of the test run",
          error,
          retry: isRetryable(error) ? () => void follow(submission, id, applying) : undefined,
        });
      }
    },
    [api, nextSignal, pollMs, settle],
  );

  const submit = useCallback(async () => {
    if (!api) return;
    const signal = nextSignal();
    setProblem(null);
    setStage({ kind: "preparing" });
    let submission: Submission;
    try {
      await ensureValidated();
      submission = await adapter.exportSubmission();
    } catch (error) {
      setStage({ kind: "idle" });
      setProblem({ title: "Couldn't turn the sheet into a file", error });
      return;
    }
    const bytes = new Blob([submission.csv]).size;
    if (bytes > UPLOAD_LIMIT_BYTES) {
      setStage({ kind: "idle" });
      setProblem({
        title: "The sheet is too large to send",
        error: new Error(`It makes a ${megabytes(bytes)} MB file, and the import API takes at most 70 MB. Split the rows over two sheets and submit each.`),
      });
      return;
    }
    setStage({ kind: "uploading", submission, fraction: 0 });
    let id: string;
    try {
      const accepted = await api.upload(
        { name: submission.fileName, content: submission.csv },
        {
          importType: submission.importType,
          dryRun: true,
          signal,
          onProgress: (fraction) => setStage((now) => (now.kind === "uploading" ? { ...now, fraction } : now)),
        },
      );
      id = accepted.bdeUUID;
    } catch (error) {
      if (signal.aborted) return;
      setStage({ kind: "idle" });
      setProblem({ title: "Couldn't upload the file", error, retry: isRetryable(error) ? () => void submit() : undefined });
      return;
    }
    await follow(submission, id, false);
  }, [api, adapter, ensureValidated, follow, nextSignal]);

  const approve = useCallback(async () => {
    if (!api || stage.kind !== "tested") return;
    const { submission, id } = stage;
    setProblem(null);
    try {
      await api.approve(id);
    } catch (error) {
      setProblem({ title: "Couldn't approve the import", error, retry: isRetryable(error) ? () => void approve() : undefined });
      return;
    }
    await follow(submission, id, true);
  }, [api, stage, follow]);

  const cancel = useCallback(async () => {
    if (!api || (stage.kind !== "tested" && stage.kind !== "testing")) return;
    const { submission, id } = stage;
    controller.current?.abort();
    setProblem(null);
    try {
      const status = await api.cancel(id);
      setStage({ kind: "cancelled", submission, id, status });
      onSettled?.();
    } catch (error) {
      setProblem({ title: "Couldn't cancel the import", error, retry: isRetryable(error) ? () => void cancel() : undefined });
    }
  }, [api, stage, onSettled]);

  const reset = useCallback(() => {
    controller.current?.abort();
    setProblem(null);
    setStage({ kind: "idle" });
  }, []);

  return {
    stage,
    problem,
    reconnecting,
    submit: () => void submit(),
    approve: () => void approve(),
    cancel: () => void cancel(),
    reset,
    dismissProblem: () => setProblem(null),
  };
}

/** The findings only the server could make (they compare with stored data): the ones painted back. */
export function storedDataFindings(report: ImportReport): number {
  return report.exceptions.filter((finding) => isStoredDataCode(finding.code)).length;
}

function isRetryable(error: unknown): boolean {
  return isImportApiError(error) && error.retryable;
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
