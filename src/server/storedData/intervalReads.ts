import type { Kysely } from "kysely";
import { shown } from "../../validation/problem";
import type { Database } from "../db/schema";
import { given } from "./cells";
import type { FileColumns } from "./columns";
import type { RowCheck } from "./rowCheck";

/**
 * Interval reads attach to a provisioned endpoint: its Endpoint_SN must be stored, with the same Endpoint_Type, or the
 * read is rejected (spec §4, B15). Only endpoints are loaded.
 */
export async function intervalReadsCheck(db: Kysely<Database>, organisationId: string, columns: FileColumns): Promise<RowCheck | null> {
  const endpoint = columns.get("Endpoint_SN");
  if (!endpoint) return null;
  const endpointType = columns.get("Endpoint_Type");
  const typeAt = endpointType?.position ?? -1;
  const types = await endpointTypes(db, organisationId);

  return (cells, row, findings) => {
    const endpointSn = given(cells, endpoint.position);
    if (endpointSn === "") return;
    const stored = types.get(endpointSn);
    if (stored === undefined) {
      findings.add(row, endpoint, "unknown-reference", { column: endpoint.spec.name, value: shown(endpointSn), scope: "", what: "interval reads" });
      return;
    }
    const value = given(cells, typeAt);
    // An endpoint stored without a type cannot contradict the row.
    if (endpointType && value !== "" && stored !== "" && value !== stored) {
      findings.add(row, endpointType, "endpoint-type-differs", { endpoint: shown(endpointSn), stored, value: shown(value) });
    }
  };
}

/** endpoint_sn → endpoint_type as provisioned ("" when none was stored). */
async function endpointTypes(db: Kysely<Database>, organisationId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom("endpoints").select(["endpoint_sn", "endpoint_type"]).where("organisation_id", "=", organisationId).execute();
  return new Map(rows.map((r) => [r.endpoint_sn, r.endpoint_type ?? ""]));
}
