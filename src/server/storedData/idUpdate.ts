import type { Kysely } from "kysely";
import { shown } from "../../validation/problem";
import type { Database } from "../db/schema";
import { given } from "./cells";
import type { ColumnAt, FileColumns } from "./columns";
import type { FindingList } from "./findingList";
import type { RowCheck } from "./rowCheck";
import { serviceKey } from "./serviceKey";
import { accountIds, locationIds, meterIds, servicePointKeys } from "./storedIds";

/** One ID pair of the file: the existing ID's column (if any), the *_new column, and how to ask whether an ID is stored. */
interface Pair {
  name: string;
  existing: ColumnAt | undefined;
  replacement: ColumnAt;
  /** Whether `id` is stored; `locationId` scopes service point IDs and is ignored by the others. */
  stored(id: string, locationId: string): boolean;
}

/**
 * An ID Update renames stored IDs (spec §8): the existing ID must be stored (`id-not-found`) and the new one must
 * not be (`new-id-exists`). A pair is checked when its *_new cell has a value: only then does the row rename it. An
 * existing ID written alone (a Location_ID that only scopes a service point) is left to the pair that uses it.
 * Service point IDs are looked up within the row's Location_ID, the existing one, since the rename happens there.
 */
export async function idUpdateCheck(db: Kysely<Database>, organisationId: string, columns: FileColumns): Promise<RowCheck | null> {
  const pairs: Pair[] = [];
  const location = columns.get("Location_ID");
  const locationAt = location?.position ?? -1;
  const add = async (name: string, load: () => Promise<(id: string, locationId: string) => boolean>) => {
    const replacement = columns.get(`${name}_new`);
    if (replacement) pairs.push({ name, existing: columns.get(name), replacement, stored: await load() });
  };
  await Promise.all([
    add("Account_ID", async () => {
      const ids = await accountIds(db, organisationId);
      return (id) => ids.has(id);
    }),
    add("Location_ID", async () => {
      const ids = await locationIds(db, organisationId);
      return (id) => ids.has(id);
    }),
    add("Service_Point_ID", async () => {
      const keys = await servicePointKeys(db, organisationId);
      return (id, locationId) => keys.has(serviceKey(locationId, id));
    }),
    add("Meter_ID", async () => {
      const ids = await meterIds(db, organisationId);
      return (id) => ids.has(id);
    }),
  ]);
  if (pairs.length === 0) return null;
  // Awaited loads finish in any order; the checks run in a fixed one so findings never depend on timing.
  pairs.sort((a, b) => a.replacement.position - b.replacement.position);

  return (cells, row, findings) => {
    const locationId = given(cells, locationAt);
    for (const pair of pairs) checkPair(pair, cells, row, findings, locationId);
  };
}

function checkPair(pair: Pair, cells: readonly string[], row: number, findings: FindingList, locationId: string): void {
  const newId = given(cells, pair.replacement.position);
  if (newId === "") return;
  const scoped = pair.name === "Service_Point_ID";
  // Without its location a service point ID cannot be looked up; the engine asks for the Location_ID.
  if (scoped && locationId === "") return;
  const scope = scoped ? ` at location ${shown(locationId)}` : "";
  const oldId = pair.existing ? given(cells, pair.existing.position) : "";
  if (pair.existing && oldId !== "" && !pair.stored(oldId, locationId)) {
    findings.add(row, pair.existing, "id-not-found", { column: pair.name, value: shown(oldId), scope });
  }
  if (pair.stored(newId, locationId)) findings.add(row, pair.replacement, "new-id-exists", { column: pair.name, value: shown(newId), scope });
}
