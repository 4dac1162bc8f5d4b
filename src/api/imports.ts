import { z } from "zod";

/**
 * The status object keeps BEACON's documented field names (bdeUUID, state, dryRun, importFile, message,
 * progress.percentComplete, reportUrl) so a client written for BEACON reads it unchanged; the rest is ours and
 * additive.
 */
export const importState = z.enum(["queued", "run", "done", "exception", "approved", "updating", "complete", "cancelled", "failed"]);

/** GET /v1/bde/import/{id}, and the answer to approve (PUT) and cancel (DELETE). */
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

/** One line of the activity list: the status plus who uploaded it and how. */
export const activityEntry = importStatus.extend({
  user: z.object({ name: z.string(), email: z.string() }),
  methodLabel: z.enum(["Via UI", "Via API"]),
});

/** GET /v1/bde/import?page=&pageSize=, newest first. */
export const activityPage = z.object({
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
  pages: z.number(),
  items: z.array(activityEntry),
});

/** 202 to POST /v1/bde/import. */
export const accepted = z.object({ bdeUUID: z.string(), statusUrl: z.string() });
