import { sql, type RawBuilder } from "kysely";

/**
 * A service point is a Location_ID and a Service_Point_ID together. Joined with the ASCII unit separator (a control
 * character made to separate fields, which IDs are not written with; NUL would do too, but PostgreSQL text cannot
 * hold it), the pair is one plain string: a Set entry, or a meter's place as a Map value, with no object per record.
 */
const SEPARATOR = "\u001f";
const SEPARATOR_CODE = 0x1f;

export function serviceKey(locationId: string, servicePointId: string): string {
  return locationId + SEPARATOR + servicePointId;
}

/**
 * The same key joined by the database, for loading many: the driver then hands over one flat string a record, where
 * joining in JavaScript would keep three strings and two links between them for every stored meter.
 */
export function serviceKeySql(): RawBuilder<string> {
  return sql<string>`location_id || ${SEPARATOR} || service_point_id`;
}

export function locationOf(key: string): string {
  return key.slice(0, key.indexOf(SEPARATOR));
}

export function servicePointOf(key: string): string {
  return key.slice(key.indexOf(SEPARATOR) + 1);
}

/** Whether `key` is at `locationId`, without building a string: this runs for every row. */
export function atLocation(key: string, locationId: string): boolean {
  return key.charCodeAt(locationId.length) === SEPARATOR_CODE && key.startsWith(locationId);
}

/** Whether `key` is the service point of `locationId` and `servicePointId`; a blank servicePointId matches any. */
export function atService(key: string, locationId: string, servicePointId: string): boolean {
  if (!atLocation(key, locationId)) return false;
  return servicePointId === "" || (key.length === locationId.length + 1 + servicePointId.length && key.endsWith(servicePointId));
}
