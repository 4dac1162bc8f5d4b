/**
 * SQLite's apply INSERTs are padded with rows of nulls to a multiple of 32 rows, so that a table's statements come in
 * a few shapes. The padding must never be stored, every real row must be, and an upsert must overwrite exactly the
 * rows it carries.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { insertStatements } from "../../src/server/apply/statements";
import { connect, migrate, type StoreConnection } from "../../src/server/db/database";

let folder: string;
let store: StoreConnection;
beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), "dx-apply-statements-"));
  store = await connect({ sqlitePath: join(folder, "dx.sqlite") });
  await migrate(store.db);
});
afterEach(async () => {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

const COLUMNS = ["organisation_id", "account_id", "attributes", "import_id"];
const rowsOf = (count: number, from: number, text: string) =>
  Array.from({ length: count }, (_, i) => [`A${String(from + i).padStart(5, "0")}`, `{"n":"${text}${from + i}"}`]);

async function stored(): Promise<string[]> {
  const { rows } = await sql<{ line: string }>`select organisation_id || '|' || account_id || '|' || attributes || '|' || import_id as line from accounts order by account_id`.execute(store.db);
  return rows.map((r) => r.line);
}

test("every row count stores exactly its rows, in a few statement shapes", async () => {
  const texts = new Set<string>();
  let next = 0;
  const expected: string[] = [];
  for (let count = 1; count <= 70; count++) {
    const rows = rowsOf(count, next, "v");
    for (const statement of insertStatements("sqlite", "accounts", COLUMNS, null, rows, { first: "org", last: "imp" })) {
      texts.add(statement.sql);
      expect(statement.parameters.length % 2).toBe(0);
      await store.db.executeQuery(statement);
    }
    for (const [key, attributes] of rows) expected.push(`org|${key}|${attributes}|imp`);
    next += count;
  }
  expect(await stored()).toEqual(expected.sort());
  expect(texts.size).toBe(3); // 32, 64 and 96 rows
});

test("a padded upsert overwrites the rows it carries and no other", async () => {
  const first = rowsOf(40, 0, "old");
  for (const statement of insertStatements("sqlite", "accounts", COLUMNS, null, first, { first: "org", last: "one" })) await store.db.executeQuery(statement);
  const changed = rowsOf(5, 10, "new");
  const conflict = { columns: ["organisation_id", "account_id"], update: ["attributes", "import_id"] };
  for (const statement of insertStatements("sqlite", "accounts", COLUMNS, conflict, changed, { first: "org", last: "two" })) await store.db.executeQuery(statement);
  const lines = await stored();
  expect(lines).toHaveLength(40);
  expect(lines.filter((l) => l.endsWith("|two"))).toEqual(changed.map(([key, attributes]) => `org|${key}|${attributes}|two`));
  expect(lines.filter((l) => l.endsWith("|one"))).toHaveLength(35);
});
