/**
 * The databases every server suite runs against: the embedded SQLite default and PostgreSQL. PostgreSQL is at
 * 127.0.0.1:5432 on development and CI machines (or wherever TEST_DATABASE_URL points). When CI=true a missing
 * PostgreSQL fails the suite; elsewhere its cases are skipped with a printed reason.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { connect, migrate, type StoreConnection } from "../../../src/server/db/database";

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export type TestDatabaseKind = "sqlite" | "postgres";

let postgresReachable: Promise<boolean> | null = null;

/** Whether PostgreSQL answers; asked once per test file. */
export function postgresAvailable(): Promise<boolean> {
  postgresReachable ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query("select 1");
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return postgresReachable;
}

/** A fresh, migrated database of the given kind, and how to throw it away. */
export interface TestDatabase {
  kind: TestDatabaseKind;
  connection: StoreConnection;
  /** What a server process needs to open the same database: a SQLite path or a PostgreSQL URL plus schema. */
  settings: { sqlitePath: string; databaseUrl?: string; postgresSchema?: string };
  dataDir: string;
  dispose(): Promise<void>;
}

let counter = 0;

export async function openTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), "dx-server-test-"));
  const settings =
    kind === "sqlite"
      ? { sqlitePath: join(dataDir, "dx.sqlite") }
      : { sqlitePath: "", databaseUrl: POSTGRES_URL, postgresSchema: `t_${process.pid}_${Date.now().toString(36)}_${counter++}` };
  const connection = await connect(settings);
  await migrate(connection.db, connection.schema);
  return {
    kind,
    connection,
    settings,
    dataDir,
    async dispose() {
      await connection.close();
      if (settings.postgresSchema) await dropSchema(settings.postgresSchema);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

/**
 * Runs `suite` once per database. PostgreSQL cases are skipped off CI when it cannot be reached (saying why), and
 * fail on CI, where it must be there.
 */
export function describeEachDatabase(name: string, suite: (kind: TestDatabaseKind) => void): void {
  for (const kind of ["sqlite", "postgres"] as const) {
    describe(`${name} [${kind}]`, () => {
      if (kind === "postgres") {
        beforeAll(async () => {
          if (await postgresAvailable()) return;
          if (process.env.CI === "true") throw new Error(`PostgreSQL is required on CI but does not answer at ${POSTGRES_URL}`);
          console.warn(`Skipping PostgreSQL cases of "${name}": nothing answers at ${POSTGRES_URL} (set TEST_DATABASE_URL).`);
        });
      }
      suite(kind);
    });
  }
}

/**
 * For PostgreSQL cases off CI with no server: true means "return early". Call at the top of each postgres test body
 * (jest cannot skip from beforeAll).
 */
export async function skipWithoutDatabase(kind: TestDatabaseKind): Promise<boolean> {
  if (kind !== "postgres") return false;
  return !(await postgresAvailable()) && process.env.CI !== "true";
}
