/**
 * Migration 004 turns SQLite's record tables into WITHOUT ROWID tables. A database that already holds records keeps
 * every one of them, byte for byte, and applies behave as before on the rebuilt tables.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator, sql, type Kysely } from "kysely";
import { writeAccountsFile } from "../../bench/generateAccounts";
import { validateFile } from "../../src/exchange/validateFile";
import { applyImport, blockedFromFindings } from "../../src/server/apply";
import { connect, migrate, MIGRATIONS, type StoreConnection } from "../../src/server/db/database";
import type { Database } from "../../src/server/db/schema";
import { IMPORT_SPECS } from "../../src/spec";
import { accountsAndAssets } from "../../src/spec/accountsAndAssets";
import { dump, TABLES } from "./support/storedRecords";

jest.setTimeout(120_000);

let folder: string;
let store: StoreConnection;
beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), "dx-without-rowid-"));
  store = await connect({ sqlitePath: join(folder, "dx.sqlite") });
});
afterEach(async () => {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

async function applyFile(db: Kysely<Database>, importId: string, filePath: string): Promise<number> {
  const blocked = blockedFromFindings((await validateFile(filePath, { specs: IMPORT_SPECS, spec: accountsAndAssets })).exceptions);
  const result = await db.transaction().execute((trx) => applyImport(trx, { organisationId: "org", importId, spec: accountsAndAssets, filePath, blocked }));
  return result.recordsImported;
}

async function createStatements(db: Kysely<Database>): Promise<Record<string, string>> {
  const { rows } = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'table'`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, r.sql]));
}

test("records stored before the migration are all there after it, unchanged, and re-applying the file changes nothing", async () => {
  const { db } = store;
  await new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } }).migrateTo("003_activity_versions");
  const file = join(folder, "accounts.csv");
  await writeAccountsFile(file, 3000);
  const imported = await applyFile(db, "1", file);
  expect(imported).toBeGreaterThan(2900);
  const before = await dump(db, "org");
  expect(before.accounts.length).toBeGreaterThan(2000);

  await migrate(db);
  const tables = await createStatements(db);
  for (const table of TABLES) expect(tables[table]).toMatch(/\) WITHOUT ROWID$/);
  const { rows: indexes } = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and name not like 'sqlite_%' order by name`.execute(db);
  expect(indexes.map((i) => i.name)).toEqual(["endpoints_meter", "imports_activity", "imports_work", "meters_place"]);
  expect(await dump(db, "org")).toEqual(before);

  // The same file again: every record is found stored exactly so, and nothing is written, import_id included.
  expect(await applyFile(db, "2", file)).toBe(imported);
  expect(await dump(db, "org")).toEqual(before);
});

test("a fresh database applies the same records as one made before the migration", async () => {
  const file = join(folder, "accounts.csv");
  await writeAccountsFile(file, 3000);
  await migrate(store.db);
  await applyFile(store.db, "1", file);

  const older = await connect({ sqlitePath: join(folder, "older.sqlite") });
  try {
    await new Migrator({ db: older.db, provider: { getMigrations: async () => MIGRATIONS } }).migrateTo("003_activity_versions");
    await applyFile(older.db, "1", file);
    expect(await dump(store.db, "org")).toEqual(await dump(older.db, "org"));
  } finally {
    await older.close();
  }
});
