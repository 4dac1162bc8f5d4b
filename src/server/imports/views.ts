import type { z } from "zod";
import type { activityEntry, importStatus } from "../../api";
import { IMPORT_SPECS } from "../../spec";
import type { ImportState } from "../db/schema";
import type { ActivityEntry, StatusFields } from "./importRecords";

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

/** The status object; its schema and BEACON's field names are the wire contract in api/. */
export type ImportStatus = z.infer<typeof importStatus>;

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
