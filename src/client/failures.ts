import { AxiosError, type AxiosResponse } from "axios";
import { errorBody } from "../api";
import { pageOrigin, type CorsProbe } from "./corsProbe";
import { abortedError, ImportApiError } from "./errors";

/** What a failure is judged against: which server, how long we waited, and how to probe it. */
export interface FailureContext {
  baseUrl: string;
  timeoutMs: number;
  probe: CorsProbe;
}

/**
 * Turns whatever axios threw into an ImportApiError with a message a clerk can act on. The axios error is not kept as
 * the cause: its config holds the Authorization header, which must not reach a log or a bug report.
 */
export async function failureOf(error: unknown, context: FailureContext): Promise<ImportApiError> {
  if (error instanceof ImportApiError) return error;
  if (!(error instanceof AxiosError)) throw error; // not an HTTP failure: a bug, keep its stack for the developer
  if (error.code === AxiosError.ERR_CANCELED) return abortedError();
  if (error.response) return responseFailure(error.response, context.baseUrl);
  if (error.code === AxiosError.ECONNABORTED || error.code === AxiosError.ETIMEDOUT) {
    return new ImportApiError("timeout", `The import API at ${context.baseUrl} did not answer within ${seconds(context.timeoutMs)}; try again. If it keeps happening, check that the import API is running.`);
  }
  // ERR_NETWORK in a browser, ECONNREFUSED, ENOTFOUND, ECONNRESET… in Node: no answer we may read.
  if (await context.probe(`${context.baseUrl}/health`)) {
    const origin = pageOrigin();
    const page = origin ?? "this add-in's origin";
    return new ImportApiError(
      "cors",
      `The import API at ${context.baseUrl} answers, but not to this add-in (served from ${page}). Ask whoever runs it to add ${page} to DX_ALLOWED_ORIGINS.`,
    );
  }
  return new ImportApiError("unreachable", `No answer from ${context.baseUrl}: check the URL in Settings and that the import API is running.${mixedContentHint(context.baseUrl)}`);
}

/** An HTTP answer other than 2xx. The server's message is used only from its JSON error body, never raw HTML. */
export function responseFailure(response: Pick<AxiosResponse, "status" | "statusText" | "headers" | "data">, baseUrl: string): ImportApiError {
  const { status } = response;
  const body = errorBody.safeParse(jsonOf(textOf(response.data)));
  const server = body.success ? body.data : null;
  const details = { status, code: server?.code ?? null, retryAfterMs: retryAfterMs(headerOf(response.headers, "retry-after")) };
  const said = (fallback: string) => server?.message || fallback;
  const reason = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ""}`;

  if (status === 401) return new ImportApiError("unauthorized", "The import API refused the e-mail or password. Check them in Settings.", details);
  if (status === 404) {
    // Without our error body, the URL leads to some other web server (or a path in front of the API).
    return new ImportApiError("not-found", said(`${baseUrl} does not know that address (${reason}): check the URL in Settings; it should be the import API's own, like http://127.0.0.1:8080.`), details);
  }
  if (status === 409) {
    // The report of a test run still going: asking again shortly succeeds.
    return new ImportApiError("conflict", said("The import's state does not allow that now; refresh its status."), { ...details, retryable: server?.code === "report_not_ready" });
  }
  if (status === 413) return new ImportApiError("too-large", said("The file is larger than the import API takes (70 MB). Split it into smaller files."), details);
  if (status === 429) {
    const wait = details.retryAfterMs === null ? "a minute" : seconds(details.retryAfterMs);
    return new ImportApiError("rate-limited", `The import API has had too many requests from you; wait ${wait} and try again.`, details);
  }
  if (status === 503 && (server === null || server.code === "database_unavailable")) {
    return new ImportApiError("server", "The import API's database is not available; try again in a minute.", details);
  }
  if (status >= 500) return new ImportApiError("server", said(`The import API at ${baseUrl} failed (${reason}); try again in a minute.`), details);
  return new ImportApiError("bad-request", said(`The import API refused the request (${reason}).`), details);
}

/** A body as text whatever axios made of it: a string, bytes (downloads), or nothing. */
export function textOf(data: unknown): string {
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return new TextDecoder().decode(data);
  return "";
}

export function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function headerOf(headers: AxiosResponse["headers"], name: string): string | null {
  const value: unknown = headers[name];
  return typeof value === "string" ? value : Array.isArray(value) ? String(value[0]) : value == null ? null : String(value);
}

/** Retry-After is either seconds or an HTTP date. */
function retryAfterMs(value: string | null): number | null {
  if (value === null || value.trim() === "") return null;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function seconds(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s === 1 ? "1 second" : `${s} seconds`;
}

/**
 * The commonest reason an add-in cannot reach a server that is running: its page is https, and the browser blocks
 * http:// calls to anything but the machine itself (mixed content), with the same bare network error.
 */
function mixedContentHint(baseUrl: string): string {
  const origin = pageOrigin();
  if (!origin?.startsWith("https:") || !baseUrl.startsWith("http:")) return "";
  const host = new URL(baseUrl).hostname;
  if (host === "localhost" || host === "127.0.0.1" || host === "[::1]") return "";
  return " The add-in runs on https, so the browser blocks http:// addresses other than localhost: use the import API's https:// address.";
}
