import type { Kysely } from "kysely";

/**
 * The first schema. Written once and never edited: a later change is a new numbered migration, so every database,
 * SQLite or PostgreSQL, goes through the same steps. Types are the portable subset (text, integer, bigint).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("organisations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("imports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("file_key", "text", (c) => c.notNull())
    .addColumn("file_bytes", "bigint", (c) => c.notNull())
    .addColumn("file_sha256", "text", (c) => c.notNull())
    .addColumn("import_type", "text")
    .addColumn("dry_run", "integer", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("progress", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("message", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("records_ready", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("records_imported", "integer")
    .addColumn("errors", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("warnings", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("infos", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("report_key", "text")
    .addColumn("lease_owner", "text")
    .addColumn("lease_expires_at", "bigint")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("apply_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failure_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("tested_at", "text")
    .addColumn("approved_at", "text")
    .addColumn("applied_at", "text")
    .execute();
  // The activity list pages an organisation's imports newest first; workers look for claimable states.
  await db.schema.createIndex("imports_activity").on("imports").columns(["organisation_id", "created_at", "id"]).execute();
  await db.schema.createIndex("imports_work").on("imports").columns(["state", "lease_expires_at"]).execute();

  const record = (name: string, keys: string[], extra: Array<[string, "text" | "null-text"]>) => {
    let table = db.schema.createTable(name).addColumn("organisation_id", "text", (c) => c.notNull());
    for (const key of keys) table = table.addColumn(key, "text", (c) => c.notNull());
    for (const [column, kind] of extra) table = table.addColumn(column, "text", (c) => (kind === "text" ? c.notNull() : c));
    return table.addColumn("import_id", "text", (c) => c.notNull()).addPrimaryKeyConstraint(`${name}_pk`, ["organisation_id", ...keys] as never);
  };

  await record("accounts", ["account_id"], [["attributes", "text"]]).execute();
  await record("locations", ["location_id"], [["attributes", "text"]]).execute();
  await record("service_points", ["location_id", "service_point_id"], [["account_id", "null-text"], ["attributes", "text"]]).execute();
  await record("meters", ["meter_id"], [["location_id", "text"], ["service_point_id", "text"], ["attributes", "text"]]).execute();
  await record("registers", ["meter_id", "register_number"], [["attributes", "text"]]).execute();
  await record("endpoints", ["endpoint_sn"], [["endpoint_type", "null-text"], ["meter_id", "null-text"], ["attributes", "text"]]).execute();
  await record("service_agreements", ["account_id", "location_id", "service_point_id", "start_date"], [["end_date", "null-text"], ["attributes", "text"]]).execute();
  await record("configuration_history", ["location_id", "service_point_id", "row_hash"], [
    ["effective_date", "text"],
    ["account_id", "null-text"],
    ["meter_id", "null-text"],
    ["endpoint_sn", "null-text"],
  ]).execute();
  await record("interval_reads", ["endpoint_sn", "read_time"], [["encoder_value", "text"], ["read_interval", "text"]]).execute();
  await record("billing_reads", ["meter_id", "register_number", "read_time"], [
    ["account_id", "text"],
    ["location_id", "text"],
    ["service_point_id", "text"],
    ["attributes", "text"],
  ]).execute();
  await record("consumption_targets", ["account_id", "location_id", "service_point_id", "period_start"], [["attributes", "text"]]).execute();
  await record("transactions", ["account_transaction_id"], [["account_id", "text"], ["transaction_type", "text"], ["amount", "text"], ["attributes", "text"]]).execute();

  // Stored-data checks look these up by their links.
  await db.schema.createIndex("meters_place").on("meters").columns(["organisation_id", "location_id", "service_point_id"]).execute();
  await db.schema.createIndex("endpoints_meter").on("endpoints").columns(["organisation_id", "meter_id"]).execute();
}
