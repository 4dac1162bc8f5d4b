/**
 * What the task pane (and `dx`) may ask of the import API. `createImportApiClient` in this folder implements it with
 * axios, every response checked with zod; tests and the task pane's own tests may use any other implementation.
 */
import type { z } from "zod";
import type { accepted, activityEntry, activityPage, exceptionReport, importState, importStatus, signedIn } from "../api";

/** Where the import API is and who signs in; kept in the browser's storage for the add-in, never in the workbook. */
export interface ConnectionSettings {
  /** e.g. http://127.0.0.1:8080 (no trailing slash needed). */
  baseUrl: string;
  email: string;
  password: string;
}

/** The shapes the import API answers with: inferred from the wire contract's schemas, so there is one definition. */
export type ImportState = z.infer<typeof importState>;

/** GET /v1/bde/import/{id}: BEACON's field names, plus our additive ones. */
export type ImportStatus = z.infer<typeof importStatus>;

export type ActivityEntry = z.infer<typeof activityEntry>;

export type ActivityPage = z.infer<typeof activityPage>;

export type Accepted = z.infer<typeof accepted>;

/**
 * GET /v1/bde/import/{id}/report: BEACON's mDryRun, the import's file, type and state, the counts, then every finding
 * with the file's row numbers (header = 1); each finding is a validation Exception.
 */
export type ImportReport = z.infer<typeof exceptionReport>;

/** GET /v1/me: the user and the organisation the settings sign in to. */
export type SignedIn = z.infer<typeof signedIn>;

/** A file the browser can save: its name from Content-Disposition, its bytes. */
export interface Download {
  fileName: string;
  blob: Blob;
}

export interface UploadOptions {
  /** Import type id or label; the server detects it from the header when absent. */
  importType?: string;
  /** A test run only (the default, as BEACON does). */
  dryRun?: boolean;
  /** 0..1 of the bytes sent. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface ImportApi {
  /** Who the settings sign in as: the "test connection" button. */
  me(signal?: AbortSignal): Promise<SignedIn>;
  upload(file: { name: string; content: string | Blob }, options?: UploadOptions): Promise<Accepted>;
  status(id: string, signal?: AbortSignal): Promise<ImportStatus>;
  report(id: string, signal?: AbortSignal): Promise<ImportReport>;
  approve(id: string): Promise<ImportStatus>;
  cancel(id: string): Promise<ImportStatus>;
  activity(page: number, pageSize: number, signal?: AbortSignal): Promise<ActivityPage>;
  downloadFile(id: string): Promise<Download>;
  downloadReportCsv(id: string): Promise<Download>;
}

/**
 * Why a call failed, so the pane can say what to do and offer a retry where one makes sense:
 *   unreachable     no answer at all (wrong host or port, server down, offline)
 *   cors            the server answers, but not to this add-in's origin (DX_ALLOWED_ORIGINS)
 *   timeout         no answer in time
 *   bad-url         the base URL is not an http(s) URL, or it answers but is not the import API
 *   unauthorized    401: wrong e-mail or password
 *   not-found       404: the import is gone or belongs to another organisation
 *   too-large       413: over 70 MB
 *   conflict        409: the import's state does not allow it (the message says why)
 *   rate-limited    429
 *   server          5xx (503: the database is away)
 *   bad-request     other 4xx
 *   invalid-response the answer does not have the documented shape
 *   aborted         the caller cancelled
 */
export type ApiErrorKind =
  | "unreachable"
  | "cors"
  | "timeout"
  | "bad-url"
  | "unauthorized"
  | "not-found"
  | "too-large"
  | "conflict"
  | "rate-limited"
  | "server"
  | "bad-request"
  | "invalid-response"
  | "aborted";
