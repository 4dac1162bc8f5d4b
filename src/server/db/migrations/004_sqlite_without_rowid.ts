import { sql, type Kysely } from "kysely";

/**
 * SQLite only: the record tables become WITHOUT ROWID tables, stored in their primary key's B-tree. As ordinary
 * tables each had two B-trees, the rows in rowid order and the primary key (organisation, key columns) as an index
 * beside them, so every record an apply wrote was two B-tree inserts and its key text was stored twice. Apply writes
 * eight of these tables per Accounts and Assets row; one B-tree each cut its CPU by a fifth to a third (measured on
 * 100,000 rows), and a lookup by key is one search instead of two. Same columns, same keys, same values: only the
 * storage changes. PostgreSQL keeps its heap plus primary-key index; it has no such table form.
 *
 * Each table is rebuilt from its own CREATE statement (so columns and constraints stay exactly as migration 001
 * made them), its rows copied, the old one dropped and the new one renamed, all in one transaction: a process
 * stopped half-way leaves the old tables, and the next start does it again.
 */
const RECORD_TABLES = [
  "accounts", "locations", "service_points", "meters", "registers", "endpoints", "service_agreements", "configuration_history",
  "interval_reads", "billing_reads", "consumption_targets", "transactions",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (sql`select ${1}`.compile(db).sql.includes("$1")) return; // PostgreSQL
  await db.transaction().execute(async (trx) => {
    for (const table of RECORD_TABLES) {
      const { rows } = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(trx);
      const create = rows[0]?.sql;
      const head = `CREATE TABLE "${table}"`;
      if (!create?.startsWith(head)) throw new Error(`table ${table} is not as migration 001 created it`);
      const rebuilt = `${table}_rebuilt`;
      await sql.raw(`CREATE TABLE "${rebuilt}"${create.slice(head.length)} WITHOUT ROWID`).execute(trx);
      await sql.raw(`insert into "${rebuilt}" select * from "${table}"`).execute(trx);
      await sql.raw(`drop table "${table}"`).execute(trx);
      await sql.raw(`alter table "${rebuilt}" rename to "${table}"`).execute(trx);
    }
    // Dropping the tables dropped their secondary indexes; these are migration 001's, as it made them.
    await trx.schema.createIndex("meters_place").on("meters").columns(["organisation_id", "location_id", "service_point_id"]).execute();
    await trx.schema.createIndex("endpoints_meter").on("endpoints").columns(["organisation_id", "meter_id"]).execute();
  });
}
