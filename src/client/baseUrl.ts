import { ImportApiError } from "./errors";

/**
 * The base URL as typed in Settings, made safe to append paths to: trimmed, trailing slashes dropped, http or https
 * only, and no credentials inside it (they go in the Authorization header, never in a URL that may be logged).
 */
export function normaliseBaseUrl(input: string): string {
  const typed = input.trim();
  if (typed === "") throw badUrl(typed, "it is empty");
  // "127.0.0.1:8080" or "localhost:8080" would otherwise parse as a URL with an odd scheme.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(typed)) throw badUrl(typed, "it does not begin with http:// or https://");
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    throw badUrl(typed, "it is not a web address");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw badUrl(typed, `it begins with ${url.protocol}// rather than http:// or https://`);
  // Shown without them: the message may be displayed or logged.
  if (url.username || url.password) throw badUrl(`${url.protocol}//…@${url.host}${url.pathname}`, "it holds a user name or password; enter those in their own fields");
  if (url.search || url.hash) throw badUrl(typed, "it has a ?query or #fragment");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function badUrl(typed: string, why: string): ImportApiError {
  return new ImportApiError("bad-url", `"${typed}" is not an import API address (${why}). Use one like http://127.0.0.1:8080 in Settings.`);
}
