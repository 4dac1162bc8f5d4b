import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { serviceKeySql } from "./serviceKey";

/**
 * The IDs an organisation has stored, as sets, for the checks that only ask whether an ID exists (reads, targets, ID
 * Update). Each is one query, run before the first row so the row checks never wait on the database.
 */

export async function accountIds(db: Kysely<Database>, organisationId: string): Promise<Set<string>> {
  const rows = await db.selectFrom("accounts").select("account_id").where("organisation_id", "=", organisationId).execute();
  return new Set(rows.map((r) => r.account_id));
}

export async function locationIds(db: Kysely<Database>, organisationId: string): Promise<Set<string>> {
  const rows = await db.selectFrom("locations").select("location_id").where("organisation_id", "=", organisationId).execute();
  return new Set(rows.map((r) => r.location_id));
}

/** Service points as serviceKey(location, service point), since their IDs only mean something within a location. */
export async function servicePointKeys(db: Kysely<Database>, organisationId: string): Promise<Set<string>> {
  const rows = await db.selectFrom("service_points").select(serviceKeySql().as("key")).where("organisation_id", "=", organisationId).execute();
  return new Set(rows.map((r) => r.key));
}

export async function meterIds(db: Kysely<Database>, organisationId: string): Promise<Set<string>> {
  const rows = await db.selectFrom("meters").select("meter_id").where("organisation_id", "=", organisationId).execute();
  return new Set(rows.map((r) => r.meter_id));
}

/** A stand-in for a set the file's columns never ask about, so the checks need no "was it loaded" branches. */
export const NOTHING: ReadonlySet<string> = new Set<string>();
