/** Who may call the import API and how often: Basic auth, API tokens, CORS for the add-in, rate limits, OpenAPI. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { basic, startTestService, type TestService } from "./support/testService";
import { describeEachDatabase, skipWithoutDatabase } from "./support/databases";

jest.setTimeout(60_000);
const CLEAN = join(__dirname, "../../assets/samples/starter-clean.csv");

describeEachDatabase("access", (kind) => {
  let service: TestService;
  beforeAll(async () => {
    if (await skipWithoutDatabase(kind)) return;
    service = await startTestService(kind, { rateLimitPerMinute: 40, allowedOrigins: ["https://addin.example.com"] });
  });
  afterAll(async () => service?.close());

  test("no credentials, a wrong password and an unknown user are 401s that say how to sign in", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const none = await service.request({ method: "GET", url: "/v1/bde/import", as: {} });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: "missing_credentials" });
    expect(none.headers["www-authenticate"]).toMatch(/^Basic realm=/);
    for (const as of [basic("pat@example.com", "wrong password"), basic("nobody@example.com", "x"), { authorization: "Bearer dx_not-a-token" }, { authorization: "Basic %%%" }]) {
      const response = await service.request({ method: "GET", url: "/v1/bde/import", as });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe("invalid_credentials");
    }
  });

  test("the e-mail is matched without regard to case, and /v1/me answers who is signed in", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const me = await service.request({ method: "GET", url: "/v1/me", as: basic("PAT@Example.com", service.password) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ name: "Pat Clerk", email: "pat@example.com", organisation: { name: "Test Water" } });
  });

  test("an API token works as a Bearer credential, and only its hash is stored", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const created = await service.request({ method: "POST", url: "/v1/tokens", payload: { label: "nightly CIS export" } });
    expect(created.statusCode).toBe(201);
    const { token } = created.json();
    expect(token).toMatch(/^dx_/);
    const upload = await service.upload({ name: "a.csv", content: readFileSync(CLEAN) }, {}, { authorization: `Bearer ${token}` });
    expect(upload.statusCode).toBe(202);
    const stored = await service.database.connection.db.selectFrom("api_tokens").select("token_hash").execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
  });

  test("CORS answers the configured add-in origin only", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const preflight = { "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" };
    const allowed = await service.request({ method: "OPTIONS", url: "/v1/bde/import", as: {}, headers: { origin: "https://addin.example.com", ...preflight } });
    expect(allowed.headers["access-control-allow-origin"]).toBe("https://addin.example.com");
    expect(String(allowed.headers["access-control-allow-headers"])).toContain("authorization");
    const refused = await service.request({ method: "OPTIONS", url: "/v1/bde/import", as: {}, headers: { origin: "https://evil.example.com", ...preflight } });
    expect(refused.headers["access-control-allow-origin"]).toBeUndefined();
    // A 401 to the add-in still carries the header, so the task pane can read it and say "wrong password".
    const denied = await service.request({ method: "GET", url: "/v1/bde/import", as: basic("pat@example.com", "nope"), headers: { origin: "https://addin.example.com" } });
    expect(denied.statusCode).toBe(401);
    expect(denied.headers["access-control-allow-origin"]).toBe("https://addin.example.com");
  });

  test("the OpenAPI document is generated from the route schemas", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const doc = (await service.request({ method: "GET", url: "/v1/openapi.json", as: {} })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/v1/bde/import", "/v1/bde/import/{id}", "/v1/bde/import/{id}/report", "/v1/bde/import/{id}/file", "/v1/me"]));
    expect(doc.paths["/v1/bde/import"].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["page", "pageSize"]));
    expect(doc.paths["/v1/bde/import/{id}"].get.responses["200"].content["application/json"].schema.properties).toHaveProperty("bdeUUID");
  });

  test("each user has its own rate limit; past it, 429 with Retry-After", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const limited = await service.addUser(service.user.organisationId, `busy-${kind}@example.com`);
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await service.request({ method: "GET", url: "/v1/me", as: limited.auth })).statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    const over = await service.request({ method: "GET", url: "/v1/me", as: limited.auth });
    expect(over.statusCode).toBe(429);
    expect(over.json()).toMatchObject({ code: "rate_limited", message: expect.stringContaining("40") });
    expect(over.headers["retry-after"]).toBeDefined();
    // Another user of the same organisation is not held back by it.
    expect((await service.request({ method: "GET", url: "/v1/me" })).statusCode).toBe(200);
  });
});

describeEachDatabase("restart", (kind) => {
  test("a test run left queued or running by a stopped server is taken up and finished", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const service = await startTestService(kind, { worker: false, leaseMs: 500 });
    try {
      const queued = (await service.upload({ name: "a.csv", content: readFileSync(CLEAN) })).json().bdeUUID;
      const running = (await service.upload({ name: "b.csv", content: readFileSync(CLEAN) })).json().bdeUUID;
      // As a server killed during b's test run leaves it: state run, a lease held by a process that is gone.
      await service.database.connection.db.updateTable("imports").set({ state: "run", progress: 40, lease_owner: "gone:1", lease_expires_at: Date.now() + 300, attempts: 1 }).where("id", "=", running).execute();
      service.worker.start();
      expect(await service.settle(queued)).toMatchObject({ state: "done", errors: 0 });
      expect(await service.settle(running)).toMatchObject({ state: "done", errors: 0, progress: { percentComplete: 100 } });
    } finally {
      await service.close();
    }
  });
});
