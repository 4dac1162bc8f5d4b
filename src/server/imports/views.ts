import { z } from "zod";
import { IMPORT_SPECS } from "../../spec";
import type { ImportState } from "../db/schema";
import type { ActivityEntry, StatusFields } from "./importRecords";

/**
 * The JSON shapes of the import API. The status object keeps BEACON's documented field names (bdeUUID, state,
 * dryRun, importFile, message, progress.percentComplete, reportUrl) so a client written for BEACON reads it unchanged;
 * the rest is ours and additive.
 */
export const importState = z.enum(["queued", "run", "done", "exception", "approved", "updating", "complete", "cancelled", "failed"]);

/** The words BEACON's Activity List uses for each state. */
const STATUS_LABELS: Record<ImportState, string> = {
  queued: "Queued",
  run: "Test run in progress",
  done: "Ready to approve",
  exception: "File rejected",
  approved: "System Updating",
  updating: "System Updating",
  complete: "Imported",
  cancelled: "Cancelled",
  failed: "Failed",
};

export const importStatus = z.object({
  bdeUUID: z.string(),
  state: importState,
  status: z.string().describe("The state in the Activity List's words (Queued, System Updating, …)"),
  dryRun: z.boolean(),
  importFile: z.string(),
  importType: z.string().nullable().describe("The import type's label, e.g. Accounts and Assets; null until known"),
  message: z.string(),
  progress: z.object({ percentComplete: z.number() }),
  reportUrl: z.string().optional(),
  fileUrl: z.string(),
  recordsReady: z.number(),
  recordsImported: z.number().nullable(),
  errors: z.number(),
  warnings: z.number(),
  queueTime: z.string(),
  testedTime: z.string().nullable(),
  approvedTime: z.string().nullable(),
  endTime: z.string().nullable(),
  method: z.enum(["ui", "api"]),
});
export type ImportStatus = z.infer<typeof importStatus>;

export const activityEntry = importStatus.extend({
  user: z.object({ name: z.string(), email: z.string() }),
  methodLabel: z.enum(["Via UI", "Via API"]),
});

export const activityPage = z.object({
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
  pages: z.number(),
  items: z.array(activityEntry),
});

export const accepted = z.object({ bdeUUID: z.string(), statusUrl: z.string() });

export function statusUrl(id: string): string {
  return `/v1/bde/import/${id}`;
}

/** Import type ids (as stored) to the labels BEACON's Activity List shows. */
const LABELS = new Map(IMPORT_SPECS.map((spec) => [spec.id as string, spec.label]));

export function importStatusOf(row: StatusFields): ImportStatus {
  const url = statusUrl(row.id);
  return {
    bdeUUID: row.id,
    state: row.state,
    status: STATUS_LABELS[row.state],
    dryRun: row.dry_run === 1,
    importFile: row.file_name,
    importType: row.import_type ? (LABELS.get(row.import_type) ?? row.import_type) : null,
    message: row.message || defaultMessage(row.state),
    progress: { percentComplete: row.state === "queued" ? 0 : row.progress },
    ...(row.report_key ? { reportUrl: `${url}/report` } : {}),
    fileUrl: `${url}/file`,
    recordsReady: row.records_ready,
    recordsImported: row.records_imported,
    errors: row.errors,
    warnings: row.warnings,
    queueTime: row.created_at,
    testedTime: row.tested_at,
    approvedTime: row.approved_at,
    endTime: row.applied_at ?? row.tested_at,
    method: row.method,
  };
}

export function activityEntryOf(row: ActivityEntry): z.infer<typeof activityEntry> {
  const entry = importStatusOf(row) as z.infer<typeof activityEntry>;
  entry.user = { name: row.user_name, email: row.user_email };
  entry.methodLabel = row.method === "ui" ? "Via UI" : "Via API";
  return entry;
}

function defaultMessage(state: ImportState): string {
  switch (state) {
    case "queued":
      return "import operation queued.";
    case "run":
      return "import operation running.";
    case "approved":
    case "updating":
      return "import approved; system updating.";
    case "cancelled":
      return "import cancelled.";
    default:
      return "";
  }
}
