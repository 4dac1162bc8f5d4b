import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { ImportSpec, ImportTypeId } from "../../spec/types";
import { AccountsAndAssetsApplier } from "./accountsAndAssets";
import type { ApplierContext, BatchApplier } from "./applier";
import type { BlockedComponents } from "./blocked";
import { dialectOf, type Dialect } from "./dialect";
import { IdUpdateApplier } from "./idUpdate";
import { BILLING_READ_IMPORT, CONSUMPTION_TARGET_IMPORT, INTERVAL_READ_IMPORT, RecordImportApplier, TRANSACTION_IMPORT } from "./recordImports";
import { PendingWrites } from "./pendingWrites";
import { forEachBatch } from "./sheetRows";

export { blockedFromFindings, NOTHING_BLOCKED, type BlockedComponents } from "./blocked";

export interface ApplyJob {
  organisationId: string;
  importId: string;
  spec: ImportSpec;
  /** The stored CSV file, which its test run read without a file-level error. */
  filePath: string;
  blocked: BlockedComponents;
}

export interface ApplyResult {
  /**
   * Data rows that imported: at least one of their records was written or was already stored exactly so. Rows
   * fully blocked, with no usable key, referring to a record that does not exist (a read for an unknown endpoint),
   * or skipped by ID Update are not counted; blank rows are not data rows.
   */
  recordsImported: number;
}

/**
 * Rows read and written together: enough that per-statement costs are small against the rows, few enough that a
 * batch's live data stays small for the garbage collector. Measured on 100,000 rows, SQLite (whose work runs in this
 * process) did best with 500. PostgreSQL works in its own process while a batch is folded (see TableBatch.writeFresh),
 * and each batch waits once for its lookups: 5,000 rows did 4-10% better than 2,500 and about 18% better than 1,000.
 */
export const APPLY_BATCH_ROWS: Record<Dialect, number> = { sqlite: 500, postgres: 5000 };

export interface ApplyOptions {
  /** Rows per batch (APPLY_BATCH_ROWS); tests make it tiny to see rows of one record meet across batches. */
  batchRows?: number;
}

/**
 * Applies an approved import inside the caller's transaction (the worker's, which also marks the import complete):
 * nothing here commits or opens a transaction, and any throw aborts all of it. Every read and write is confined to
 * the job's organisation.
 */
export async function applyImport(trx: Kysely<Database>, job: ApplyJob, options: ApplyOptions = {}): Promise<ApplyResult> {
  const dialect = dialectOf(trx);
  const context: ApplierContext = {
    scope: { db: trx, dialect, organisationId: job.organisationId, importId: job.importId, writes: new PendingWrites(trx) },
    spec: job.spec,
    blocked: job.blocked,
  };
  const applier = applierFor(job.spec.id, context);
  let recordsImported = 0;
  try {
    await forEachBatch(job.filePath, options.batchRows ?? APPLY_BATCH_ROWS[dialect], async (batch) => {
      context.scope.writes.beginBatch();
      recordsImported += await applier.apply(batch);
    });
    await applier.finish();
    await context.scope.writes.drain();
  } catch (error) {
    // Nothing may still be running when the caller rolls back; a write that failed first is the cause to report.
    await context.scope.writes.drain();
    throw error;
  }
  return { recordsImported };
}

function applierFor(type: ImportTypeId, context: ApplierContext): BatchApplier {
  switch (type) {
    case "accounts-and-assets":
      return new AccountsAndAssetsApplier(context);
    case "interval-reads":
      return new RecordImportApplier(context, INTERVAL_READ_IMPORT);
    case "billing-reads":
      return new RecordImportApplier(context, BILLING_READ_IMPORT);
    case "consumption-targets":
      return new RecordImportApplier(context, CONSUMPTION_TARGET_IMPORT);
    case "transaction-history":
      return new RecordImportApplier(context, TRANSACTION_IMPORT);
    case "id-update":
      return new IdUpdateApplier(context);
  }
}
