/**
 * Tells "the server is there but refuses this page's origin" from "nothing answers". To a browser's XHR both are the
 * same bare network error, by design. A `no-cors` fetch is not subject to CORS: it resolves with an opaque response
 * whenever the server answers at all, and rejects only when nothing does.
 *
 * Resolves true when something answered. Injectable so tests (Node, where there is no CORS) can take both branches.
 */
export type CorsProbe = (healthUrl: string) => Promise<boolean>;

/** How long the probe waits: it only has to tell an answer from none, after a request has already failed. */
const PROBE_TIMEOUT_MS = 5000;

export const probeNoCors: CorsProbe = async (healthUrl) => {
  // Without a page there is no origin and no CORS (Node: `dx`, tests): a network error is just that.
  if (pageOrigin() === null || typeof fetch !== "function") return false;
  try {
    await fetch(healthUrl, { mode: "no-cors", cache: "no-store", credentials: "omit", signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return true;
  } catch {
    return false;
  }
};

/** The origin the add-in's page is served from (what DX_ALLOWED_ORIGINS must list), or null outside a browser. */
export function pageOrigin(): string | null {
  const origin = (globalThis as { location?: { origin?: unknown } }).location?.origin;
  return typeof origin === "string" && origin !== "null" ? origin : null;
}
