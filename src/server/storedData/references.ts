import type { Kysely } from "kysely";
import { shown } from "../../validation/problem";
import type { Database } from "../db/schema";
import { given } from "./cells";
import type { ColumnAt, FileColumns } from "./columns";
import type { FindingList } from "./findingList";
import type { RowCheck } from "./rowCheck";
import { serviceKey } from "./serviceKey";
import { accountIds, locationIds, meterIds, NOTHING, servicePointKeys } from "./storedIds";

/** What a reference file attaches to, and the words its rejection message uses ("billing reads for it are rejected"). */
export interface ReferenceKind {
  withMeter: boolean;
  what: string;
}

export const BILLING_READS: ReferenceKind = { withMeter: true, what: "billing reads" };
export const CONSUMPTION_TARGETS: ReferenceKind = { withMeter: false, what: "consumption targets" };

/**
 * Billing reads and consumption targets name an account, a location, a service point and (reads) a meter that must
 * already be stored (spec §5, §6, B15). One error a row, on the first missing reference in that order: a missing
 * location would make its service point missing too, and the location is what needs fixing.
 */
export async function referencesCheck(db: Kysely<Database>, organisationId: string, columns: FileColumns, kind: ReferenceKind): Promise<RowCheck | null> {
  const account = columns.get("Account_ID");
  const location = columns.get("Location_ID");
  // A service point ID means nothing without its location, so it is checked only beside one.
  const servicePoint = location ? columns.get("Service_Point_ID") : undefined;
  const meter = kind.withMeter ? columns.get("Meter_ID") : undefined;
  if (!account && !location && !meter) return null;
  const [accounts, locations, servicePoints, meters] = await Promise.all([
    account ? accountIds(db, organisationId) : NOTHING,
    location ? locationIds(db, organisationId) : NOTHING,
    servicePoint ? servicePointKeys(db, organisationId) : NOTHING,
    meter ? meterIds(db, organisationId) : NOTHING,
  ]);
  const at = { account: account?.position ?? -1, location: location?.position ?? -1, servicePoint: servicePoint?.position ?? -1, meter: meter?.position ?? -1 };

  const missing = (findings: FindingList, row: number, column: ColumnAt, value: string, scope: string) =>
    findings.add(row, column, "unknown-reference", { column: column.spec.name, value: shown(value), scope, what: kind.what });

  return (cells, row, findings) => {
    const accountId = given(cells, at.account);
    if (account && accountId !== "" && !accounts.has(accountId)) return missing(findings, row, account, accountId, "");
    const locationId = given(cells, at.location);
    if (location && locationId !== "" && !locations.has(locationId)) return missing(findings, row, location, locationId, "");
    const servicePointId = given(cells, at.servicePoint);
    if (servicePoint && servicePointId !== "" && locationId !== "" && !servicePoints.has(serviceKey(locationId, servicePointId))) {
      return missing(findings, row, servicePoint, servicePointId, ` at location ${shown(locationId)}`);
    }
    const meterId = given(cells, at.meter);
    if (meter && meterId !== "" && !meters.has(meterId)) missing(findings, row, meter, meterId, "");
  };
}
