/** Applying small files and reading back what an apply stored, in a stable order, so tests can compare whole tables "byte for byte". */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql, type Kysely } from "kysely";
import { applyImport, NOTHING_BLOCKED, type BlockedComponents } from "../../../src/server/apply";
import type { Database } from "../../../src/server/db/schema";
import type { ImportSpec } from "../../../src/spec/types";

export const TABLES = [
  "accounts", "locations", "service_points", "meters", "registers", "endpoints", "service_agreements", "configuration_history",
  "interval_reads", "billing_reads", "consumption_targets", "transactions",
] as const;

export type Row = Record<string, unknown>;

/** One table's rows of one organisation, sorted by their JSON text. */
export async function table(db: Kysely<Database>, name: string, organisationId: string): Promise<Row[]> {
  const { rows } = await sql<Row>`select * from ${sql.table(name)} where organisation_id = ${organisationId}`.execute(db);
  return rows.map((r) => JSON.stringify(r)).sort().map((r) => JSON.parse(r) as Row);
}

/** Every record table of one organisation. */
export async function dump(db: Kysely<Database>, organisationId: string): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const name of TABLES) out[name] = await table(db, name, organisationId);
  return out;
}

export const attributes = (row: Row | undefined): Record<string, string> => JSON.parse(String(row?.attributes ?? "{}")) as Record<string, string>;

/** Applies `rows` (header first) as a CSV file of the given type in one transaction; returns the records imported. */
export async function applyRows(
  db: Kysely<Database>,
  spec: ImportSpec,
  organisationId: string,
  importId: string,
  rows: readonly string[][],
  blocked: BlockedComponents = NOTHING_BLOCKED,
): Promise<number> {
  const folder = mkdtempSync(join(tmpdir(), "dx-apply-"));
  try {
    const filePath = join(folder, "import.csv");
    writeFileSync(filePath, rows.map((r) => r.join(",")).join("\r\n") + "\r\n");
    const result = await db.transaction().execute((trx) => applyImport(trx, { organisationId, importId, spec, filePath, blocked }));
    return result.recordsImported;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
