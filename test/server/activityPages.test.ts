/**
 * The activity list is answered from pages kept per organisation under its activity version (activityPages.ts,
 * migration 003). These cases prove it is never stale: every column the list shows raises the version, and a change
 * made through another connection, or by another server process, is on the very next page asked for.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Kysely } from "kysely";
import type { Database, NewImport } from "../../src/server/db/schema";
import { STATUS_COLUMNS } from "../../src/server/imports/importRecords";
import { connect } from "../../src/server/db/database";
import { describeEachDatabase, openTestDatabase, skipWithoutDatabase } from "./support/databases";
import { assertFreshBuild, startServerProcess } from "./support/serverProcess";
import { startTestService, type TestService } from "./support/testService";

jest.setTimeout(120_000);

const CLEAN = join(__dirname, "../../assets/samples/starter-clean.csv");

function importRow(service: TestService, id: string, createdAt: string): NewImport {
  return {
    id,
    organisation_id: service.user.organisationId,
    user_id: service.user.userId,
    method: "api",
    file_name: `file-${id}.csv`,
    file_key: `files/${id}`,
    file_bytes: 10,
    file_sha256: "0".repeat(64),
    import_type: "accounts-and-assets",
    dry_run: 1,
    state: "done",
    created_at: createdAt,
  };
}

async function version(db: Kysely<Database>, organisationId: string): Promise<number> {
  const row = await db.selectFrom("organisations").select("activity_version").where("id", "=", organisationId).executeTakeFirstOrThrow();
  return Number(row.activity_version);
}

/** A value of the column's type that differs from what importRow stored. */
function changed(column: (typeof STATUS_COLUMNS)[number]): string | number {
  switch (column) {
    case "dry_run":
    case "progress":
    case "records_ready":
    case "records_imported":
    case "errors":
    case "warnings":
      return 7;
    case "state":
      return "complete";
    case "method":
      return "ui";
    default:
      return "2030-01-01T00:00:00.000Z";
  }
}

interface Page {
  total: number;
  items: Array<{ bdeUUID: string; state: string; importFile: string; user: { name: string } }>;
}

describeEachDatabase("activity list pages", (kind) => {
  let service: TestService;
  beforeEach(async () => {
    if (await skipWithoutDatabase(kind)) return;
    service = await startTestService(kind, { worker: false });
  });
  afterEach(async () => {
    await service?.close();
  });

  test("every column the list shows raises the organisation's version; lease bookkeeping and other organisations do not", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const { db } = service.database.connection;
    const other = await service.addUser(null, "other@example.com");
    const organisation = service.user.organisationId;
    let last = await version(db, organisation);
    await db.insertInto("imports").values(importRow(service, "100", "2026-01-01T00:00:00.000Z")).execute();
    expect(await version(db, organisation)).toBeGreaterThan(last);
    const columns = STATUS_COLUMNS.filter((column) => column !== "id");
    for (const column of columns) {
      last = await version(db, organisation);
      await db.updateTable("imports").set({ [column]: changed(column) }).where("id", "=", "100").execute();
      expect({ column, raised: (await version(db, organisation)) > last }).toEqual({ column, raised: true });
    }
    for (const column of ["name", "email"] as const) {
      last = await version(db, organisation);
      await db.updateTable("users").set({ [column]: `renamed-${column}@example.com` }).where("id", "=", service.user.userId).execute();
      expect({ column, raised: (await version(db, organisation)) > last }).toEqual({ column, raised: true });
    }
    last = await version(db, organisation);
    const otherBefore = await version(db, other.user.organisationId);
    await db.updateTable("imports").set({ lease_owner: "w", lease_expires_at: 5, attempts: 2, apply_count: 1 }).where("id", "=", "100").execute();
    expect(await version(db, organisation)).toBe(last);
    await db.deleteFrom("imports").where("id", "=", "100").execute();
    expect(await version(db, organisation)).toBeGreaterThan(last);
    expect(await version(db, other.user.organisationId)).toBe(otherBefore);
  });

  test("a change made through another connection is on the next page asked for", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const list = async (url = "/v1/bde/import?page=1&pageSize=2") => (await service.request({ method: "GET", url })).json() as Page;
    const { db } = service.database.connection;
    for (let i = 1; i <= 3; i++) await db.insertInto("imports").values(importRow(service, String(100 + i), `2026-01-0${i}T00:00:00.000Z`)).execute();
    const first = await list();
    expect(first.total).toBe(0); // the rows went in straight, without the import count: the page says what the database says
    expect(first.items.map((i) => i.bdeUUID)).toEqual(["103", "102"]);
    expect(await list()).toEqual(first); // answered from the kept page

    // Another connection stands for another process: nothing of this app sees these writes happen.
    const elsewhere = await connect(service.database.settings);
    try {
      await elsewhere.db.updateTable("imports").set({ state: "cancelled" }).where("id", "=", "103").execute();
      expect((await list()).items[0].state).toBe("cancelled");
      await elsewhere.db.insertInto("imports").values(importRow(service, "104", "2026-01-04T00:00:00.000Z")).execute();
      expect((await list()).items.map((i) => i.bdeUUID)).toEqual(["104", "103"]);
      await elsewhere.db.updateTable("users").set({ name: "Pat Renamed" }).where("id", "=", service.user.userId).execute();
      expect((await list()).items[0].user.name).toBe("Pat Renamed");
      await elsewhere.db.updateTable("organisations").set({ import_count: 4 }).where("id", "=", service.user.organisationId).execute();
      await elsewhere.db.deleteFrom("imports").where("id", "=", "104").execute();
      const last = await list();
      expect(last.items.map((i) => i.bdeUUID)).toEqual(["103", "102"]);
      expect(last.total).toBe(4);
      // Another page size is another page, not the one kept.
      expect((await list("/v1/bde/import?page=1&pageSize=3")).items.map((i) => i.bdeUUID)).toEqual(["103", "102", "101"]);
    } finally {
      await elsewhere.close();
    }
  });

  test("many requests at once while the list changes all see at least what was committed before they began", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const { db } = service.database.connection;
    // Signed in once first: twenty first sign-ins at once would be twenty deliberate password hashes.
    await service.request({ method: "GET", url: "/v1/me" });
    for (let round = 1; round <= 5; round++) {
      await db.insertInto("imports").values(importRow(service, String(200 + round), `2026-02-0${round}T00:00:00.000Z`)).execute();
      const pages = await Promise.all(Array.from({ length: 20 }, () => service.request({ method: "GET", url: "/v1/bde/import" })));
      for (const page of pages) expect((page.json() as Page).items[0].bdeUUID).toBe(String(200 + round));
    }
  });
});

describe("two server processes sharing one PostgreSQL database", () => {
  beforeAll(() => assertFreshBuild());
  test("a list kept by one shows the other's upload and cancel on the next request", async () => {
    if (await skipWithoutDatabase("postgres")) return;
    const database = await openTestDatabase("postgres");
    const { settings } = database;
    const env = { DATA_DIR: database.dataDir, DATABASE_URL: settings.databaseUrl!, DATABASE_SCHEMA: settings.postgresSchema!, DX_WORKER: "off", LOG_LEVEL: "warn" };
    const first = await startServerProcess(env);
    const second = await startServerProcess(env);
    const admin = { authorization: `Basic ${Buffer.from("admin@example.com:admin-password").toString("base64")}` };
    const list = async () => (await (await fetch(`${first.url}/v1/bde/import`, { headers: admin })).json()) as Page;
    try {
      expect((await list()).total).toBe(0);
      expect((await list()).total).toBe(0); // kept by the first process now
      const form = new FormData();
      form.append("data", new Blob([readFileSync(CLEAN)]), "starter-clean.csv");
      const uploaded = await fetch(`${second.url}/v1/bde/import`, { method: "POST", body: form, headers: admin });
      expect(uploaded.status).toBe(202);
      const { bdeUUID } = (await uploaded.json()) as { bdeUUID: string };
      const afterUpload = await list();
      expect(afterUpload.total).toBe(1);
      expect(afterUpload.items.map((i) => [i.bdeUUID, i.state])).toEqual([[bdeUUID, "queued"]]);
      const cancelled = await fetch(`${second.url}/v1/bde/import/${bdeUUID}`, { method: "DELETE", headers: admin });
      expect(cancelled.status).toBe(200);
      expect((await list()).items.map((i) => [i.bdeUUID, i.state])).toEqual([[bdeUUID, "cancelled"]]);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      await database.dispose();
    }
  });
});
