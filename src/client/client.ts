import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from "axios";
import type { z } from "zod";
import { accepted, activityPage, exceptionReport, importStatus, signedIn } from "../api";
import { normaliseBaseUrl } from "./baseUrl";
import { fileNameOf } from "./contentDisposition";
import { probeNoCors, type CorsProbe } from "./corsProbe";
import { ImportApiError } from "./errors";
import { failureOf, headerOf, jsonOf, textOf, type FailureContext } from "./failures";
import type { ConnectionSettings, Download, ImportApi, UploadOptions } from "./types";

export interface ImportApiClientOptions {
  /** How long an ordinary call may take before it fails with kind timeout. Default 30 s. */
  timeoutMs?: number;
  /** The same for uploads and downloads, which move up to 70 MB on whatever line the clerk has. Default 10 min. */
  transferTimeoutMs?: number;
  /** X-DX-Client: the server labels imports from "excel-addin" (the default) "Via UI", any other "Via API". */
  client?: string;
  /** Tells a CORS refusal from no answer after a network error; see corsProbe.ts. */
  probe?: CorsProbe;
}

/**
 * The import API over HTTP with axios. Every call either resolves with a zod-checked answer or rejects with an
 * ImportApiError; a bad base URL does not throw here but rejects every call, so the pane handles one kind of failure.
 */
export function createImportApiClient(settings: ConnectionSettings, options: ImportApiClientOptions = {}): ImportApi {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const transferTimeoutMs = options.transferTimeoutMs ?? 600_000;
  let baseUrl: string;
  try {
    baseUrl = normaliseBaseUrl(settings.baseUrl);
  } catch (error) {
    return refusingClient(error as ImportApiError);
  }
  const context: FailureContext = { baseUrl, timeoutMs, probe: options.probe ?? probeNoCors };
  const http: AxiosInstance = axios.create({
    baseURL: baseUrl,
    timeout: timeoutMs,
    // Our own header rather than axios's `auth`: axios's browser adapter sends the e-mail unencoded (non-ASCII fails).
    headers: { Authorization: basicAuth(settings.email, settings.password), "X-DX-Client": options.client ?? "excel-addin" },
    transitional: { clarifyTimeoutError: true },
  });

  async function send<T>(config: AxiosRequestConfig): Promise<AxiosResponse<T>> {
    try {
      return await http.request<T>(config);
    } catch (error) {
      throw await failureOf(error, { ...context, timeoutMs: config.timeout ?? timeoutMs });
    }
  }

  /** A JSON call: the text is parsed and checked here, so a wrong server is told apart from a wrong answer. */
  async function json<S extends z.ZodType>(schema: S, config: AxiosRequestConfig): Promise<z.infer<S>> {
    const response = await send<string>({ ...config, responseType: "text" });
    const parsed = schema.safeParse(jsonOf(textOf(response.data)));
    if (parsed.success) return parsed.data;
    throw new ImportApiError(
      "invalid-response",
      `The server at ${baseUrl} is not a compatible import API: its answer to ${config.method ?? "GET"} ${config.url} is not the documented JSON. Check the URL in Settings.`,
      { status: response.status, cause: parsed.error },
    );
  }

  async function download(url: string, fallbackName: string): Promise<Download> {
    const response = await send<ArrayBuffer>({ url, responseType: "arraybuffer", timeout: transferTimeoutMs });
    const type = headerOf(response.headers, "content-type") ?? "application/octet-stream";
    return { fileName: fileNameOf(headerOf(response.headers, "content-disposition"), fallbackName), blob: new Blob([response.data], { type }) };
  }

  const importUrl = (id: string) => `/v1/bde/import/${encodeURIComponent(id)}`;

  return {
    me: (signal) => json(signedIn, { url: "/v1/me", signal }),

    async upload(file, uploadOptions: UploadOptions = {}) {
      const { importType, dryRun, onProgress, signal } = uploadOptions;
      // The server reads the fields named in src/server/imports/upload.ts: the file in `data`, then importType, dryRun.
      const form = new FormData();
      if (importType !== undefined) form.append("importType", importType);
      if (dryRun !== undefined) form.append("dryRun", String(dryRun));
      const content = typeof file.content === "string" ? new Blob([file.content], { type: "text/csv" }) : file.content;
      form.append("data", content, file.name);
      let sent = 0;
      const answer = await json(accepted, {
        method: "POST",
        url: "/v1/bde/import",
        data: form,
        signal,
        timeout: transferTimeoutMs,
        // Node only (dx): following redirects would buffer the whole body to replay it.
        maxRedirects: 0,
        onUploadProgress: (event) => {
          if (!onProgress || !event.total) return;
          sent = Math.min(1, event.loaded / event.total);
          onProgress(sent);
        },
      });
      // Progress events are throttled, so the last may be short of 1; the 202 means every byte arrived.
      if (onProgress && sent < 1) onProgress(1);
      return answer;
    },

    status: (id, signal) => json(importStatus, { url: importUrl(id), signal }),
    report: (id, signal) => json(exceptionReport, { url: `${importUrl(id)}/report`, signal }),
    // No body, and so no Content-Type: axios would send form-urlencoded, which the server refuses with 415.
    approve: (id) => json(importStatus, { method: "PUT", url: importUrl(id), headers: { "Content-Type": false } }),
    cancel: (id) => json(importStatus, { method: "DELETE", url: importUrl(id) }),
    activity: (page, pageSize, signal) => json(activityPage, { url: "/v1/bde/import", params: { page, pageSize }, signal }),
    downloadFile: (id) => download(`${importUrl(id)}/file`, `import-${id}.csv`),
    downloadReportCsv: (id) => download(`${importUrl(id)}/report?format=csv`, `import-${id}-exceptions.csv`),
  };
}

/** HTTP Basic as the server decodes it: UTF-8 bytes of "email:password", base64 (btoa takes only Latin-1). */
function basicAuth(email: string, password: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(`${email}:${password}`)) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** Settings that cannot work: every call rejects with the same clear error. */
function refusingClient(error: ImportApiError): ImportApi {
  const refuse = () => Promise.reject(error);
  return { me: refuse, upload: refuse, status: refuse, report: refuse, approve: refuse, cancel: refuse, activity: refuse, downloadFile: refuse, downloadReportCsv: refuse };
}
