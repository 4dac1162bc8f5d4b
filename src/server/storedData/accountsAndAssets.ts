import type { Kysely } from "kysely";
import { checkDate } from "../../validation/dates";
import { shown } from "../../validation/problem";
import type { Database } from "../db/schema";
import type { ColumnAt, FileColumns } from "./columns";
import { given } from "./cells";
import type { FindingList } from "./findingList";
import { NO_ID, type RowCheck } from "./rowCheck";
import { atLocation, atService, locationOf, servicePointOf } from "./serviceKey";
import { endpointMeters, meterPlaces, storedServices } from "./storedServices";

/** The dates of a row that can reach back before a service point's stored history (those the spec has). */
const DATE_COLUMNS = ["Meter_Install_Date", "Endpoint_Install_Date", "SA_Start_Date", "Meter_Removal_Date", "Endpoint_Removal_Date", "SA_End_Date"];

const EMPTY = new Map<string, string>();

/**
 * The warnings an Accounts and Assets row earns against stored service configurations (spec §10): a meter or an
 * endpoint moving to another location, a move-in (B6), and a backdated change. Each row is compared with what is
 * stored, never with earlier rows of the file: those the engine's cross-row rules already judge.
 */
export async function accountsAndAssetsCheck(db: Kysely<Database>, organisationId: string, columns: FileColumns): Promise<RowCheck | null> {
  const account = columns.get("Account_ID");
  const location = columns.get("Location_ID");
  const meter = columns.get("Meter_ID");
  const endpoint = columns.get("Endpoint_SN");
  const dates = DATE_COLUMNS.flatMap((name) => columns.get(name) ?? []).sort((a, b) => a.position - b.position);
  // Every rule needs the row's location; the rest decides which stored data is worth loading.
  if (!location) return null;
  const [meters, endpoints, services] = await Promise.all([
    meter ? meterPlaces(db, organisationId) : EMPTY,
    meter && endpoint ? endpointMeters(db, organisationId) : EMPTY,
    storedServices(db, organisationId, { holders: account !== undefined, history: dates.length > 0 }),
  ]);
  const at = {
    account: columns.position("Account_ID"),
    location: location.position,
    servicePoint: columns.position("Service_Point_ID"),
    meter: columns.position("Meter_ID"),
    endpoint: columns.position("Endpoint_SN"),
    meterRemoval: columns.position("Meter_Removal_Date"),
    endpointRemoval: columns.position("Endpoint_Removal_Date"),
    agreementEnd: columns.position("SA_End_Date"),
  };

  return (cells, row, findings) => {
    const locationId = given(cells, at.location);
    if (locationId === "") return;
    const servicePointId = given(cells, at.servicePoint);
    const meterId = given(cells, at.meter);

    // A history row (the meter removed) records where the meter was, not where it goes.
    if (meterId !== "" && meter && given(cells, at.meterRemoval) === "") {
      const place = meters.get(meterId);
      if (place !== undefined && !atService(place, locationId, servicePointId)) {
        findings.add(row, meter, "meter-moves", {
          meter: shown(meterId),
          fromLocation: locationOf(place),
          fromServicePoint: idText(servicePointOf(place)),
          toLocation: shown(locationId),
          toServicePoint: idText(shown(servicePointId)),
        });
      }
    }

    const endpointSn = given(cells, at.endpoint);
    if (endpointSn !== "" && endpoint && meterId !== "" && given(cells, at.endpointRemoval) === "") {
      const fromMeter = endpoints.get(endpointSn);
      const place = fromMeter === undefined || fromMeter === meterId ? undefined : meters.get(fromMeter);
      if (fromMeter !== undefined && place !== undefined && !atLocation(place, locationId)) {
        findings.add(row, endpoint, "endpoint-moves", {
          endpoint: shown(endpointSn),
          fromMeter,
          fromLocation: locationOf(place),
          toMeter: shown(meterId),
          toLocation: shown(locationId),
        });
      }
    }

    // A blank Service_Point_ID names the location's unnamed service point, stored with the ID "".
    const service = services.size > 0 ? services.get(locationId, servicePointId) : undefined;
    if (service === undefined) return;
    const accountId = given(cells, at.account);
    // A row that ends its agreement records an account leaving (or long gone), not one moving in.
    if (account && service.holder !== null && accountId !== "" && service.holder !== accountId && given(cells, at.agreementEnd) === "") {
      findings.add(row, account, "move-in", { servicePoint: idText(shown(servicePointId)), location: shown(locationId), fromAccount: service.holder, toAccount: shown(accountId) });
    }
    if (service.latest !== null) backdated(cells, row, findings, dates, service.latest, locationId, servicePointId);
  };
}

/** One warning a row at most, on the leftmost date column before the service point's latest stored date. */
function backdated(cells: readonly string[], row: number, findings: FindingList, dates: readonly ColumnAt[], latest: string, locationId: string, servicePointId: string): void {
  for (const column of dates) {
    const value = given(cells, column.position);
    // ISO dates compare as text; a value that is not one (the engine reports it) is skipped rather than guessed at.
    if (value === "" || value >= latest || !checkDate(value).ok) continue;
    findings.add(row, column, "backdated-change", { column: column.spec.name, value, latest, servicePoint: idText(shown(servicePointId)), location: shown(locationId) });
    return;
  }
}

function idText(id: string): string {
  return id === "" ? NO_ID : id;
}
