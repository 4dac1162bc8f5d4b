import { sql, type Kysely } from "kysely";

/**
 * Each organisation's activity version: a counter the database itself raises, in the same transaction, whenever
 * anything the activity list shows may have changed: an import added or removed, any of its columns set but the
 * lease bookkeeping, a user's name or e-mail. A server may keep a page it has built for as long as the version it was built at is current, so
 * the list is answered from memory when nothing changed, and never stale, whichever process (or script) made the
 * change: two servers sharing PostgreSQL see each other's changes on their next request.
 *
 * Triggers rather than application code, so no writer can forget it. Lease bookkeeping (lease_owner,
 * lease_expires_at, attempts, apply_count) is left out: it is not shown, a renewal would needlessly empty the cache,
 * and the apply transaction claims its import with apply_count first: a version raise there would lock the
 * organisation's row (PostgreSQL) for the whole apply, holding up its uploads. Its final UPDATE (state complete) does
 * raise it, just before the commit.
 *
 * A column added to imports later must be added to these triggers by a new migration if the list shows it (a test
 * checks that every column the list shows raises the version).
 */
const WATCHED_IMPORT_COLUMNS = [
  "organisation_id", "user_id", "method", "file_name", "import_type", "dry_run", "state", "progress", "message", "records_ready",
  "records_imported", "errors", "warnings", "infos", "report_key", "failure_reason", "created_at", "tested_at", "approved_at", "applied_at",
  "file_key", "file_bytes", "file_sha256", "id",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const columns = WATCHED_IMPORT_COLUMNS.map((c) => `"${c}"`).join(", ");
  const addVersion = (on: Kysely<unknown>) =>
    on.schema.alterTable("organisations").addColumn("activity_version", "bigint", (c) => c.notNull().defaultTo(0)).execute();
  if (sql`select ${1}`.compile(db).sql.includes("$1")) {
    // Kysely runs a PostgreSQL migration in a transaction of its own.
    await addVersion(db);
    // The organisations table is found through the trigger's own schema, whatever the caller's search_path.
    await sql`
      create function dx_raise_activity_version() returns trigger language plpgsql as $$
      begin
        execute format('update %I.organisations set activity_version = activity_version + 1 where id = $1', tg_table_schema)
          using (case when tg_op = 'DELETE' then old.organisation_id else new.organisation_id end);
        return null;
      end
      $$`.execute(db);
    await sql.raw(`create trigger imports_activity_added after insert or delete on imports for each row execute function dx_raise_activity_version()`).execute(db);
    await sql.raw(`create trigger imports_activity_changed after update of ${columns} on imports for each row execute function dx_raise_activity_version()`).execute(db);
    await sql.raw(`create trigger users_activity_changed after update of "name", "email" on users for each row execute function dx_raise_activity_version()`).execute(db);
    return;
  }
  // On SQLite Kysely does not wrap migrations in a transaction: this one does, so a stop half-way leaves nothing.
  const raise = (row: "new" | "old") => `begin update organisations set activity_version = activity_version + 1 where id = ${row}.organisation_id; end`;
  await db.transaction().execute(async (trx) => {
    await addVersion(trx);
    await sql.raw(`create trigger imports_activity_added after insert on imports for each row ${raise("new")}`).execute(trx);
    await sql.raw(`create trigger imports_activity_removed after delete on imports for each row ${raise("old")}`).execute(trx);
    await sql.raw(`create trigger imports_activity_changed after update of ${columns} on imports for each row ${raise("new")}`).execute(trx);
    await sql.raw(`create trigger users_activity_changed after update of "name", "email" on users for each row ${raise("new")}`).execute(trx);
  });
}
