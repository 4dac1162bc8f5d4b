/**
 * An in-memory ImportApi for the task pane's tests.
 *
 * What it does: keeps imports by id; `upload` reports progress in quarters and queues an import; each import's state
 * moves only when the test says (`advance`), so every stage the pane shows can be seen; `approve` and `cancel` follow
 * the server's rules (approve only when done; cancel until applied); `report` returns what the test put in
 * `reports`; any method can be made to fail once or always (`failures`); every call is recorded.
 *
 * What it does not: no HTTP, no validation, no time (states never move on their own), no paging limits beyond
 * slicing `activityItems`.
 */
import type { Exception } from "../../src/validation";
import { ImportApiError } from "../../src/client";
import type { Accepted, ApiErrorKind, ActivityEntry, ActivityPage, Download, ImportApi, ImportReport, ImportState, ImportStatus, SignedIn, UploadOptions } from "../../src/client/types";

type Method = keyof ImportApi;

export class FakeImportApi implements ImportApi {
  readonly imports = new Map<string, ImportStatus>();
  /** The findings each import's report lists. */
  readonly reports = new Map<string, Exception[]>();
  readonly uploads: Array<{ name: string; content: string; options: UploadOptions }> = [];
  readonly calls: Array<{ method: Method; id?: string }> = [];
  /** A method that rejects with this error, once (`once: true`) or until removed. */
  readonly failures = new Map<Method, { error: unknown; once: boolean }>();
  signedIn: SignedIn = { name: "Pat Clerk", email: "pat@example.com", organisation: { id: "1", name: "Example Water" } };
  activityItems: ActivityEntry[] = [];
  private nextId = 1;

  async me(): Promise<SignedIn> {
    this.record("me");
    return this.signedIn;
  }

  async upload(file: { name: string; content: string | Blob }, options: UploadOptions = {}): Promise<Accepted> {
    this.record("upload");
    for (const fraction of [0.25, 0.5, 0.75, 1]) options.onProgress?.(fraction);
    const content = typeof file.content === "string" ? file.content : await file.content.text();
    this.uploads.push({ name: file.name, content, options });
    const id = String(this.nextId++);
    this.imports.set(id, statusOf(id, file.name, "queued"));
    return { bdeUUID: id, statusUrl: `/v1/bde/import/${id}` };
  }

  async status(id: string): Promise<ImportStatus> {
    this.record("status", id);
    return this.get(id);
  }

  async report(id: string): Promise<ImportReport> {
    this.record("report", id);
    const status = this.get(id);
    const exceptions = this.reports.get(id) ?? [];
    const count = (severity: string) => exceptions.filter((e) => e.severity === severity).length;
    return {
      mDryRun: status.dryRun,
      bdeUUID: id,
      importFile: status.importFile,
      importType: status.importType,
      state: status.state,
      rows: status.recordsReady,
      recordsReady: status.recordsReady,
      errors: count("error"),
      warnings: count("warning"),
      infos: count("info"),
      exceptions,
    };
  }

  async approve(id: string): Promise<ImportStatus> {
    this.record("approve", id);
    const status = this.get(id);
    if (status.state !== "done") throw new ImportApiError("conflict", `Import ${id} is ${status.state} and cannot be approved.`, { status: 409 });
    return this.advance(id, "approved");
  }

  async cancel(id: string): Promise<ImportStatus> {
    this.record("cancel", id);
    return this.advance(id, "cancelled");
  }

  async activity(page: number, pageSize: number): Promise<ActivityPage> {
    this.record("activity");
    const total = this.activityItems.length;
    const pages = Math.max(1, Math.ceil(total / pageSize));
    return { page, pageSize, total, pages, items: this.activityItems.slice((page - 1) * pageSize, page * pageSize) };
  }

  async downloadFile(id: string): Promise<Download> {
    this.record("downloadFile", id);
    const entry = this.imports.get(id) ?? this.activityItems.find((item) => item.bdeUUID === id);
    if (!entry) throw new ImportApiError("not-found", `Import ${id} not found.`, { status: 404 });
    return { fileName: entry.importFile, blob: new Blob(["original"]) };
  }

  async downloadReportCsv(id: string): Promise<Download> {
    this.record("downloadReportCsv", id);
    return { fileName: "exceptions.csv", blob: new Blob(["row,column"]) };
  }

  /** Moves an import to a state, as the server's worker would; returns its new status. */
  advance(id: string, state: ImportState, changes: Partial<ImportStatus> = {}): ImportStatus {
    const next = { ...this.get(id), ...changes, state, status: state };
    this.imports.set(id, next);
    return next;
  }

  failWith(method: Method, error: unknown, once = true): void {
    this.failures.set(method, { error, once });
  }

  private get(id: string): ImportStatus {
    const status = this.imports.get(id);
    if (!status) throw new ImportApiError("not-found", `Import ${id} not found.`, { status: 404 });
    return status;
  }

  private record(method: Method, id?: string): void {
    this.calls.push({ method, id });
    const failure = this.failures.get(method);
    if (!failure) return;
    if (failure.once) this.failures.delete(method);
    throw failure.error;
  }
}

export function statusOf(id: string, file: string, state: ImportState): ImportStatus {
  return {
    bdeUUID: id,
    state,
    status: state,
    dryRun: true,
    importFile: file,
    importType: "Accounts and Assets",
    message: "",
    progress: { percentComplete: 0 },
    reportUrl: `/v1/bde/import/${id}/report`,
    fileUrl: `/v1/bde/import/${id}/file`,
    recordsReady: 0,
    recordsImported: null,
    errors: 0,
    warnings: 0,
    queueTime: "2026-12-06T09:00:00.000Z",
    testedTime: null,
    approvedTime: null,
    endTime: null,
    method: "ui",
  };
}

export function entryOf(status: ImportStatus, user = { name: "Pat Clerk", email: "pat@example.com" }): ActivityEntry {
  return { ...status, user, methodLabel: status.method === "ui" ? "Via UI" : "Via API" };
}

/** An error as the client throws it: a kind, and whether trying again may pass. */
export function apiError(kind: ApiErrorKind, message: string, retryable: boolean): ImportApiError {
  return new ImportApiError(kind, message, { retryable });
}
