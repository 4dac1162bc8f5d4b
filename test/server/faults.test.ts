/**
 * Faults the issue names, with real processes where only a process shows it: SIGKILL in the middle of an apply, two
 * servers sharing one PostgreSQL database, a database that goes away mid-request, a job that keeps failing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeAccountsFile } from "../../bench/generateAccounts";
import { connect, migrate } from "../../src/server/db/database";
import { describeEachDatabase, openTestDatabase, POSTGRES_URL, postgresAvailable, skipWithoutDatabase, type TestDatabase } from "./support/databases";
import { assertFreshBuild, startServerProcess, type ServerProcess } from "./support/serverProcess";
import { startTcpProxy } from "./support/tcpProxy";
import { startTestService } from "./support/testService";

jest.setTimeout(180_000);

const ADMIN = { authorization: `Basic ${Buffer.from("admin@example.com:admin-password").toString("base64")}` };
const CLEAN = join(__dirname, "../../assets/samples/starter-clean.csv");

function serverEnv(database: TestDatabase, extra: Record<string, string> = {}): Record<string, string> {
  const { settings } = database;
  return {
    DATA_DIR: database.dataDir,
    ...(settings.databaseUrl ? { DATABASE_URL: settings.databaseUrl, DATABASE_SCHEMA: settings.postgresSchema! } : {}),
    DX_LEASE_MS: "1500",
    LOG_LEVEL: "info",
    ...extra,
  };
}

async function upload(server: ServerProcess, path: string, fields: Record<string, string> = {}): Promise<string> {
  const form = new FormData();
  form.append("data", new Blob([readFileSync(path)]), path.split("/").pop());
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const response = await fetch(`${server.url}/v1/bde/import`, { method: "POST", body: form, headers: ADMIN });
  expect(response.status).toBe(202);
  return ((await response.json()) as { bdeUUID: string }).bdeUUID;
}

async function status(server: ServerProcess, id: string): Promise<{ state: string; recordsImported: number | null; message: string }> {
  const response = await fetch(`${server.url}/v1/bde/import/${id}`, { headers: ADMIN });
  return (await response.json()) as { state: string; recordsImported: number | null; message: string };
}

async function waitFor(server: ServerProcess, id: string, states: string[], timeoutMs = 120_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const { state } = await status(server, id);
    if (states.includes(state)) return state;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`import ${id} never reached ${states.join("/")}`);
}

describeEachDatabase("SIGKILL in the middle of an apply", (kind) => {
  beforeAll(() => assertFreshBuild());
  test("leaves the data untouched, and after a restart the import is applied exactly once", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const database = await openTestDatabase(kind);
    const file = join(database.dataDir, "big.csv");
    await writeAccountsFile(file, 40_000);
    let server = await startServerProcess(serverEnv(database));
    try {
      const id = await upload(server, file);
      expect(await waitFor(server, id, ["done", "exception"])).toBe("done");
      await fetch(`${server.url}/v1/bde/import/${id}`, { method: "PUT", headers: ADMIN });
      await waitFor(server, id, ["updating"]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await server.kill();

      const { db } = database.connection;
      const killed = await db.selectFrom("imports").select(["state", "apply_count"]).where("id", "=", id).executeTakeFirstOrThrow();
      // Still updating: the kill came before the commit (otherwise this test proves nothing, so it fails).
      expect(killed).toEqual({ state: "updating", apply_count: 0 });
      for (const table of ["accounts", "locations", "service_points", "meters", "registers", "endpoints", "service_agreements", "configuration_history"] as const) {
        expect(await db.selectFrom(table).select("organisation_id").execute()).toEqual([]);
      }

      server = await startServerProcess(serverEnv(database));
      expect(await waitFor(server, id, ["complete", "failed"])).toBe("complete");
      const done = await db.selectFrom("imports").select(["apply_count", "records_imported"]).where("id", "=", id).executeTakeFirstOrThrow();
      expect(done.apply_count).toBe(1);
      expect(done.records_imported).toBeGreaterThan(30_000);
      expect((await db.selectFrom("meters").select("meter_id").execute()).length).toBeGreaterThan(0);
    } finally {
      await server.stop();
      await database.dispose();
    }
  });
});

describe("two server processes sharing one PostgreSQL database", () => {
  beforeAll(() => assertFreshBuild());
  test("split the work and never run an import twice", async () => {
    if (await skipWithoutDatabase("postgres")) return;
    const database = await openTestDatabase("postgres");
    const first = await startServerProcess(serverEnv(database));
    const second = await startServerProcess(serverEnv(database));
    try {
      const ids: string[] = [];
      for (let i = 0; i < 16; i++) ids.push(await upload(i % 2 ? second : first, CLEAN, { dryRun: "false" }));
      for (const id of ids) expect(await waitFor(first, id, ["complete", "failed", "exception"])).toBe("complete");
      const rows = await database.connection.db.selectFrom("imports").select(["id", "apply_count"]).execute();
      expect(rows.map((r) => r.apply_count)).toEqual(ids.map(() => 1));
      // Each process logs the jobs it finished; together exactly one test run and one apply per import.
      const finished = (server: ServerProcess, message: string) => server.logs.filter((l) => l.msg === message).map((l) => String(l.importId));
      for (const message of ["test run finished", "apply finished"]) {
        const all = [...finished(first, message), ...finished(second, message)].sort();
        expect(all).toEqual([...ids].sort());
      }
      expect(finished(first, "apply finished").length).toBeGreaterThan(0);
      expect(finished(second, "apply finished").length).toBeGreaterThan(0);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      await database.dispose();
    }
  });
});

describe("a database that goes away mid-request", () => {
  test("is a clear 503, and the service recovers when it returns", async () => {
    if (await skipWithoutDatabase("postgres")) return;
    const database = await openTestDatabase("postgres");
    const proxy = await startTcpProxy("127.0.0.1", Number(new URL(POSTGRES_URL).port || 5432));
    const url = new URL(POSTGRES_URL);
    url.port = String(proxy.port);
    const viaProxy = await connect({ sqlitePath: "", databaseUrl: url.toString(), postgresSchema: database.settings.postgresSchema });
    await migrate(viaProxy.db, viaProxy.schema);
    const service = await startTestService("postgres", { worker: false, database: { ...database, connection: viaProxy } });
    try {
      expect((await service.request({ method: "GET", url: "/v1/bde/import" })).statusCode).toBe(200);
      await proxy.cut();
      for (const request of [{ method: "GET" as const, url: "/v1/bde/import" }, { method: "GET" as const, url: "/health" }]) {
        const response = await service.request(request);
        expect(response.statusCode).toBe(503);
        expect(response.json()).toMatchObject({ code: "database_unavailable", message: expect.stringContaining("try again") });
        expect(response.headers["retry-after"]).toBeDefined();
      }
      await proxy.restore();
      let recovered = 0;
      for (let i = 0; i < 50 && recovered !== 200; i++) {
        recovered = (await service.request({ method: "GET", url: "/v1/bde/import" })).statusCode;
        if (recovered !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(recovered).toBe(200);
    } finally {
      await service.close();
      await viaProxy.close();
      await proxy.close();
    }
  });
});

describeEachDatabase("a job that keeps failing", (kind) => {
  test("is marked failed with a reason after its attempts, not retried for ever", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const service = await startTestService(kind, { worker: false });
    try {
      const { db } = service.database.connection;
      const id = "100000000000000001";
      await db
        .insertInto("imports")
        .values({ id, organisation_id: service.user.organisationId, user_id: service.user.userId, method: "api", file_name: "x.csv", file_key: "files/missing.upload", file_bytes: 1, file_sha256: "", import_type: "accounts-and-assets", dry_run: 1, state: "updating", report_key: "reports/missing.jsonl", lease_owner: "dead-worker", lease_expires_at: Date.now() - 1000, attempts: 3, created_at: new Date().toISOString() })
        .execute();
      service.worker.start();
      const status = await service.settle(id);
      expect(status).toMatchObject({ state: "failed", message: expect.stringContaining("Nothing of it was stored") });
    } finally {
      await service.close();
    }
  });
});

test("postgres availability is known", async () => {
  // Keeps the CI contract visible: on CI PostgreSQL must answer.
  if (process.env.CI === "true") expect(await postgresAvailable()).toBe(true);
});
