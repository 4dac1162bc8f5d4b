/**
 * Failures a clerk meets without a well-behaved import API at the other end: nothing answering, a hung server, a
 * database away, a different web server, a bad URL, and a browser's CORS refusal. Each is the right ImportApiError
 * kind with a message that says what to do, and never an HTML page, "[object Object]" or a stack.
 */
import { createImportApiClient, ImportApiError, probeNoCors, type ConnectionSettings } from "../../src/client";
import { startLiveApi } from "./support/liveApi";
import { cannedServer, deadUrl, silentServer, type TinyServer } from "./support/tinyServers";
import { failure } from "./support/failure";

jest.setTimeout(30_000);

const credentials = { email: "pat@example.com", password: "correct horse battery" };
const settingsFor = (baseUrl: string): ConnectionSettings => ({ baseUrl, ...credentials });
const noAnswer = async () => false;


/** A message fit for a clerk: no markup, no object dumps, no stack lines. */
function expectCleanMessage(error: ImportApiError): void {
  expect(error.message).not.toMatch(/<|\[object|\n\s+at |undefined|null/);
}

const servers: TinyServer[] = [];
async function canned(...args: Parameters<typeof cannedServer>): Promise<TinyServer> {
  const server = await cannedServer(...args);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("no answer", () => {
  test("a stopped import API is kind unreachable, retryable, naming the URL", async () => {
    const live = await startLiveApi();
    const api = createImportApiClient(live.settings, { probe: noAnswer });
    await expect(api.me()).resolves.toMatchObject({ email: "pat@example.com" });
    await live.close();
    const error = await failure(api.me());
    expect(error).toMatchObject({ kind: "unreachable", status: null, code: null, retryable: true });
    expect(error.message).toBe(`No answer from ${live.baseUrl}: check the URL in Settings and that the import API is running.`);
  });

  test("a server that accepts and never answers is kind timeout, retryable", async () => {
    const silent = await silentServer();
    servers.push(silent);
    const started = Date.now();
    const error = await failure(createImportApiClient(settingsFor(silent.baseUrl), { timeoutMs: 300, probe: noAnswer }).me());
    expect(error).toMatchObject({ kind: "timeout", status: null, retryable: true });
    expect(error.message).toBe(`The import API at ${silent.baseUrl} did not answer within 1 second; try again. If it keeps happening, check that the import API is running.`);
    expect(silent.hits()).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("CORS: the server answers, but not to this origin", () => {
  const origin = "https://addin.example.com";
  beforeEach(() => {
    (globalThis as { location?: unknown }).location = { origin };
  });
  afterEach(() => {
    delete (globalThis as { location?: unknown }).location;
  });

  test("a network error after which the probe gets an answer is kind cors, naming the origin and DX_ALLOWED_ORIGINS", async () => {
    const baseUrl = await deadUrl();
    const probed: string[] = [];
    const api = createImportApiClient(settingsFor(`${baseUrl}/`), { probe: async (url) => (probed.push(url), true) });
    const error = await failure(api.me());
    expect(probed).toEqual([`${baseUrl}/health`]);
    expect(error).toMatchObject({ kind: "cors", status: null, retryable: false });
    expect(error.message).toBe(`The import API at ${baseUrl} answers, but not to this add-in (served from ${origin}). Ask whoever runs it to add ${origin} to DX_ALLOWED_ORIGINS.`);
  });

  test("a network error after which the probe gets no answer either is kind unreachable", async () => {
    const baseUrl = await deadUrl();
    const probed: string[] = [];
    const error = await failure(createImportApiClient(settingsFor(baseUrl), { probe: async (url) => (probed.push(url), false) }).me());
    expect(probed).toEqual([`${baseUrl}/health`]);
    expect(error.kind).toBe("unreachable");
  });

  test("the built-in probe: an opaque answer is true, a closed port false", async () => {
    const up = await canned(200, "ok");
    await expect(probeNoCors(`${up.baseUrl}/health`)).resolves.toBe(true);
    expect(up.hits()).toBe(1);
    await expect(probeNoCors(`${await deadUrl()}/health`)).resolves.toBe(false);
  });

  test("an https page calling a plain-http host is told about mixed content", async () => {
    const error = await failure(createImportApiClient(settingsFor("http://import-api.invalid:8080"), { probe: noAnswer }).me());
    expect(error.kind).toBe("unreachable");
    expect(error.message).toContain("use the import API's https:// address");
  });
});

test("outside a browser the built-in probe never claims CORS (there is none): a live server is still false", async () => {
  const up = await canned(200, "ok");
  await expect(probeNoCors(`${up.baseUrl}/health`)).resolves.toBe(false);
  expect(up.hits()).toBe(0);
});

describe("answers that are not what the import API says", () => {
  test("503 from the import API (its database away) is kind server, retryable, with Retry-After kept", async () => {
    const body = JSON.stringify({ statusCode: 503, code: "database_unavailable", error: "Service Unavailable", message: "The import service cannot reach its database right now." });
    const server = await canned(503, body, { "content-type": "application/json", "retry-after": "30" });
    const error = await failure(createImportApiClient(settingsFor(server.baseUrl)).status("1"));
    expect(error).toMatchObject({ kind: "server", status: 503, code: "database_unavailable", retryable: true, retryAfterMs: 30_000 });
    expect(error.message).toBe("The import API's database is not available; try again in a minute.");
  });

  test("a proxy's HTML 502 is kind server with a clean message", async () => {
    const server = await canned(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", { "content-type": "text/html" });
    const error = await failure(createImportApiClient(settingsFor(server.baseUrl)).me());
    expect(error).toMatchObject({ kind: "server", status: 502, code: null, retryable: true });
    expect(error.message).toBe(`The import API at ${server.baseUrl} failed (HTTP 502 Bad Gateway); try again in a minute.`);
    expectCleanMessage(error);
  });

  test("429 is kind rate-limited, retryable, and says how long to wait", async () => {
    const body = JSON.stringify({ statusCode: 429, code: "rate_limited", error: "Too Many Requests", message: "Too many requests: at most 600 a minute. Wait 12 s and try again." });
    const server = await canned(429, body, { "content-type": "application/json", "retry-after": "12" });
    const error = await failure(createImportApiClient(settingsFor(server.baseUrl)).activity(1, 25));
    expect(error).toMatchObject({ kind: "rate-limited", status: 429, code: "rate_limited", retryable: true, retryAfterMs: 12_000 });
    expect(error.message).toBe("The import API has had too many requests from you; wait 12 seconds and try again.");
  });

  test("a 200 that is not JSON (another web server) is kind invalid-response, naming the URL", async () => {
    const server = await canned(200, "<!doctype html><title>Router login</title>", { "content-type": "text/html" });
    const error = await failure(createImportApiClient(settingsFor(server.baseUrl)).me());
    expect(error).toMatchObject({ kind: "invalid-response", status: 200, retryable: false });
    expect(error.message).toBe(`The server at ${server.baseUrl} is not a compatible import API: its answer to GET /v1/me is not the documented JSON. Check the URL in Settings.`);
  });

  test("JSON of another shape is kind invalid-response too", async () => {
    const server = await canned(200, JSON.stringify({ bdeUUID: 42, state: "somewhere" }), { "content-type": "application/json" });
    const error = await failure(createImportApiClient(settingsFor(server.baseUrl)).status("42"));
    expect(error.kind).toBe("invalid-response");
    expect(error.message).toContain("its answer to GET /v1/bde/import/42 is not the documented JSON");
  });

  test("a 404 page of some other server is kind not-found and points to the URL in Settings", async () => {
    const server = await canned(404, "<html>Not Found</html>", { "content-type": "text/html" });
    const error = await failure(createImportApiClient(settingsFor(`${server.baseUrl}/wrong`)).me());
    expect(error).toMatchObject({ kind: "not-found", status: 404, code: null, retryable: false });
    expect(error.message).toBe(`${server.baseUrl}/wrong does not know that address (HTTP 404 Not Found): check the URL in Settings; it should be the import API's own, like http://127.0.0.1:8080.`);
  });

  test("an error body that is JSON but not ours gives the generic message, not the object", async () => {
    const server = await canned(400, JSON.stringify({ message: { nested: true } }), { "content-type": "application/json" });
    const error = await failure(createImportApiClient(settingsFor(server.baseUrl)).me());
    expect(error).toMatchObject({ kind: "bad-request", status: 400 });
    expect(error.message).toBe("The import API refused the request (HTTP 400 Bad Request).");
    expectCleanMessage(error);
  });
});

describe("settings that cannot work", () => {
  test.each([
    ["ftp://127.0.0.1:8080", "it begins with ftp:// rather than http:// or https://"],
    ["localhost:8080", "it does not begin with http:// or https://"],
    ["127.0.0.1:8080", "it does not begin with http:// or https://"],
    ["http://exa mple.com", "it is not a web address"],
    ["  ", "it is empty"],
  ])("%j is kind bad-url, for every call, before any request", async (baseUrl, why) => {
    const api = createImportApiClient(settingsFor(baseUrl));
    for (const call of [() => api.me(), () => api.status("1"), () => api.activity(1, 10), () => api.downloadFile("1")]) {
      const error = await failure(call());
      expect(error).toMatchObject({ kind: "bad-url", status: null, retryable: false });
      expect(error.message).toContain(why);
      expect(error.message).toContain("Use one like http://127.0.0.1:8080 in Settings.");
    }
  });

  test("credentials in the URL are refused without a request, and not repeated in the message", async () => {
    const server = await canned(200, "{}", { "content-type": "application/json" });
    const withCredentials = server.baseUrl.replace("http://", "http://pat:secret@");
    const error = await failure(createImportApiClient(settingsFor(withCredentials)).me());
    expect(error.kind).toBe("bad-url");
    expect(error.message).toBe(`"http://…@${server.baseUrl.slice("http://".length)}/" is not an import API address (it holds a user name or password; enter those in their own fields). Use one like http://127.0.0.1:8080 in Settings.`);
    expect(server.hits()).toBe(0);
  });
});
