import { z } from "zod";
import type { Component } from "../spec/types";
import type { Exception } from "../validation";
import { importState } from "./imports";

/**
 * Every component a finding may name. Spelt out because a zod enum needs the values at run time and the spec holds
 * Component only as a type; `satisfies` keeps out names the spec lacks, and everyComponentListed (below) fails to
 * compile when the spec gains one this list lacks.
 */
const COMPONENTS = [
  "File",
  "Account",
  "Location",
  "Tags",
  "ServicePoint",
  "Meter",
  "Endpoint",
  "ServiceAgreement",
  "Reading",
  "Read",
  "Target",
  "Transaction",
  "IdUpdate",
] as const satisfies readonly Component[];
const everyComponentListed: Record<Exclude<Component, (typeof COMPONENTS)[number]>, never> = {};
void everyComponentListed;

/** One finding, as validation/ produces it: row is the file's row number (header = 1), null for the whole file. */
export const finding = z.object({
  row: z.number().nullable(),
  column: z.string().nullable(),
  severity: z.enum(["error", "warning", "info"]),
  code: z.string(),
  component: z.enum(COMPONENTS),
  message: z.string(),
}) satisfies z.ZodType<Exception>;

/**
 * GET /v1/bde/import/{id}/report (JSON): the counts first, then every finding. Begins with BEACON's mDryRun field.
 * The server streams it, so this schema is the type its head is written against, not a route response schema.
 */
export const exceptionReport = z.object({
  mDryRun: z.boolean(),
  bdeUUID: z.string(),
  importFile: z.string(),
  importType: z.string().nullable(),
  state: importState,
  rows: z.number(),
  recordsReady: z.number(),
  errors: z.number(),
  warnings: z.number(),
  infos: z.number(),
  exceptions: z.array(finding),
});
