import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { ServiceIndex } from "./serviceIndex";
import { serviceKeySql } from "./serviceKey";

/**
 * What an Accounts and Assets row is compared with: where each meter is, which meter each endpoint is on, who holds
 * each service point, and how far each service point's history reaches. Only the columns the rules read are loaded,
 * as flat string maps where they can be (no object per meter or endpoint), so 100,000 meters cost a few megabytes.
 */

/** meter_id → serviceKey(location, service point). */
export async function meterPlaces(db: Kysely<Database>, organisationId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("meters")
    .select(["meter_id", serviceKeySql().as("place")])
    .where("organisation_id", "=", organisationId)
    .execute();
  const map = new Map<string, string>();
  for (const r of rows) map.set(r.meter_id, r.place);
  return map;
}

/** endpoint_sn → meter_id, for endpoints on a meter (one on none cannot move between locations). */
export async function endpointMeters(db: Kysely<Database>, organisationId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("endpoints")
    .select(["endpoint_sn", "meter_id"])
    .where("organisation_id", "=", organisationId)
    .where("meter_id", "is not", null)
    .execute();
  const map = new Map<string, string>();
  for (const r of rows) if (r.meter_id !== null) map.set(r.endpoint_sn, r.meter_id);
  return map;
}

/**
 * The organisation's service points that are held by an account (`holders`) or have dated history (`history`), in one
 * index so a row finds both with one lookup. The database takes the maximum history date, so one date per service
 * point crosses the wire; history rows without a date ("") take no part.
 */
export async function storedServices(db: Kysely<Database>, organisationId: string, wanted: { holders: boolean; history: boolean }): Promise<ServiceIndex> {
  const index = new ServiceIndex();
  const [held, dated] = await Promise.all([
    wanted.holders
      ? db
          .selectFrom("service_points")
          .select(["location_id", "service_point_id", "account_id"])
          .where("organisation_id", "=", organisationId)
          .where("account_id", "is not", null)
          .execute()
      : [],
    wanted.history
      ? db
          .selectFrom("configuration_history")
          .select((eb) => ["location_id", "service_point_id", eb.fn.max("effective_date").as("latest")])
          .where("organisation_id", "=", organisationId)
          .where("effective_date", "<>", "")
          .groupBy(["location_id", "service_point_id"])
          .execute()
      : [],
  ]);
  for (const r of held) index.entry(r.location_id, r.service_point_id).holder = r.account_id;
  // Only the day counts: a stored time of day must not make a row dated that same day look backdated.
  for (const r of dated) index.entry(r.location_id, r.service_point_id).latest = String(r.latest).slice(0, 10);
  return index;
}
