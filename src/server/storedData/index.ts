import type { Kysely } from "kysely";
import type { ImportSpec } from "../../spec/types";
import type { Exception } from "../../validation/exception";
import type { Database } from "../db/schema";
import { accountsAndAssetsCheck } from "./accountsAndAssets";
import { FileColumns } from "./columns";
import { FindingList } from "./findingList";
import { idUpdateCheck } from "./idUpdate";
import { intervalReadsCheck } from "./intervalReads";
import { BILLING_READS, CONSUMPTION_TARGETS, referencesCheck } from "./references";
import type { RowCheck } from "./rowCheck";

/**
 * The findings of the import API's test run that need stored data (spec §10 warnings, B6, B15, §8): the engine
 * checks the file on its own, these compare it with what earlier imports stored for the same organisation.
 */
export interface StoredDataChecks {
  /** Called once per data row in file order, as the engine reads it. cells are the CSV strings in written-header order; sheetRow: header = 1, first data row = 2. */
  row(cells: readonly string[], sheetRow: number): void;
  /** The findings, sorted by row then column position, after the last row. */
  findings(): Exception[];
}

/**
 * Loads what the file's import type and columns need from the organisation's stored data (all queries run here, up
 * front) and returns checks that look at each row synchronously. Values are compared exactly as written; blank cells
 * mean "no change" and are compared with nothing.
 */
export async function loadStoredDataChecks(db: Kysely<Database>, organisationId: string, spec: ImportSpec, header: readonly string[]): Promise<StoredDataChecks> {
  const check = await rowCheckFor(db, organisationId, spec, new FileColumns(spec, header));
  const found = new FindingList();
  return {
    row: check ? (cells, sheetRow) => check(cells, sheetRow, found) : () => undefined,
    findings: () => found.sorted(),
  };
}

function rowCheckFor(db: Kysely<Database>, organisationId: string, spec: ImportSpec, columns: FileColumns): Promise<RowCheck | null> {
  switch (spec.id) {
    case "accounts-and-assets":
      return accountsAndAssetsCheck(db, organisationId, columns);
    case "interval-reads":
      return intervalReadsCheck(db, organisationId, columns);
    case "billing-reads":
      return referencesCheck(db, organisationId, columns, BILLING_READS);
    case "consumption-targets":
      return referencesCheck(db, organisationId, columns, CONSUMPTION_TARGETS);
    case "transaction-history":
      // Account_ID is not validated for transactions (spec §7): they may come from a finance system.
      return Promise.resolve(null);
    case "id-update":
      return idUpdateCheck(db, organisationId, columns);
  }
}
