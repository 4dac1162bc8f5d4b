import type { Kysely } from "kysely";
import type { Database } from "../db/schema";

export type Dialect = "sqlite" | "postgres";

/**
 * Which engine the connection speaks, read from how it compiles a parameter ($1 for PostgreSQL, ? for SQLite), so
 * apply needs nothing from the caller but the transaction. Needed where the portable SQL is slow on one of them.
 */
export function dialectOf(db: Kysely<Database>): Dialect {
  const compiled = db.selectFrom("accounts").select("account_id").where("account_id", "=", "").compile();
  return compiled.sql.includes("$1") ? "postgres" : "sqlite";
}
