import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, ImportRow, ImportState, NewImport } from "../db/schema";

/** BEACON's bdeUUID is a numeric string; ours are 18 random decimal digits, never starting with 0. */
export function newImportId(): string {
  const value = randomBytes(8).readBigUInt64BE() % 900_000_000_000_000_000n;
  return (value + 100_000_000_000_000_000n).toString();
}

/** Adds an import and counts it for its organisation, together. */
export async function insertImport(db: Kysely<Database>, row: NewImport): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("imports").values(row).execute();
    await trx
      .updateTable("organisations")
      .set((eb) => ({ import_count: eb("import_count", "+", 1) }))
      .where("id", "=", row.organisation_id)
      .execute();
  });
}

/** One import of one organisation; another organisation's id reads as absent. */
export async function findImport(db: Kysely<Database>, organisationId: string, id: string): Promise<ImportRow | undefined> {
  return db.selectFrom("imports").selectAll().where("id", "=", id).where("organisation_id", "=", organisationId).executeTakeFirst();
}

/** The columns an import's status shows; the activity list reads only these. */
export const STATUS_COLUMNS = [
  "id", "state", "dry_run", "file_name", "import_type", "message", "progress", "report_key", "records_ready", "records_imported",
  "errors", "warnings", "created_at", "tested_at", "approved_at", "applied_at", "method",
] as const;

export type StatusFields = Pick<ImportRow, (typeof STATUS_COLUMNS)[number]>;

export interface ActivityEntry extends StatusFields {
  user_name: string;
  user_email: string;
}

/** A page of the activity list as stored, with what it was read at. */
export interface StoredPage {
  items: ActivityEntry[];
  /** The organisation's number of imports. */
  total: number;
  /** The organisation's activity version in the same snapshot as the rows (see migration 003). */
  version: number;
}

/**
 * A page of the activity list, newest first, with the organisation's number of imports and activity version, in one
 * statement: one indexed query, and one snapshot, so the version truly describes the rows (a page cached under it is
 * never older than it claims).
 */
export async function listImports(db: Kysely<Database>, organisationId: string, page: number, pageSize: number): Promise<StoredPage> {
  const organisation = (column: "import_count" | "activity_version") =>
    db.selectFrom("organisations").select(column).where("organisations.id", "=", organisationId);
  const rows = await db
    .selectFrom("imports")
    .innerJoin("users", "users.id", "imports.user_id")
    .select(STATUS_COLUMNS.map((column) => `imports.${column}` as const))
    .select(["users.name as user_name", "users.email as user_email"])
    .select([organisation("import_count").as("total"), organisation("activity_version").as("version")])
    .where("imports.organisation_id", "=", organisationId)
    .orderBy("imports.created_at", "desc")
    .orderBy("imports.id", "desc")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  // The rows go out as they are (their extra `total` and `version` are never read): copying them cost 10% of a request.
  if (rows.length > 0) return { items: rows, total: Number(rows[0].total), version: Number(rows[0].version) };
  // Past the last page (or no imports yet): the total and version still have to come from somewhere.
  const found = await db.selectFrom("organisations").select(["import_count", "activity_version"]).where("id", "=", organisationId).executeTakeFirst();
  return { items: [], total: Number(found?.import_count ?? 0), version: Number(found?.activity_version ?? 0) };
}

/** What a request to change an import's state found. */
export type Transition = { ok: true; row: ImportRow } | { ok: false; row: ImportRow | undefined };

/**
 * Moves an import from one of `from` to `to` in one conditional UPDATE, so two requests (or a request and a worker)
 * racing on the same import cannot both win.
 */
export async function transition(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
  from: readonly ImportState[],
  to: ImportState,
  extra: { approved_at?: string; message?: string } = {},
): Promise<Transition> {
  const result = await db
    .updateTable("imports")
    .set({ state: to, ...extra })
    .where("id", "=", id)
    .where("organisation_id", "=", organisationId)
    .where("state", "in", from)
    .executeTakeFirst();
  const row = await findImport(db, organisationId, id);
  return Number(result.numUpdatedRows) === 1 && row ? { ok: true, row } : { ok: false, row };
}

/** Millisecond clock as the database's lease columns hold it; one place so tests can reason about it. */
export function nowMs(): number {
  return Date.now();
}

export const noLease = { lease_owner: null, lease_expires_at: null } as const;
