import { column, ENDPOINT_TYPE_HINT, ENDPOINT_TYPE_PATTERN } from "./columns";
import type { ImportSpec } from "./types";

/** Interval Meter Reads: one read a row for an endpoint already provisioned (reference §4, S9). */
export const intervalReads: ImportSpec = {
  id: "interval-reads",
  label: "Interval",
  version: "S9",
  description: "Interval (AMR/AMI) meter reads, one read a row; Endpoint_SN and Endpoint_Type must match a provisioned endpoint.",
  columns: [
    column("Endpoint_SN", "Endpoint", "text", "required", 20, "Serial of the endpoint that took the read.", "C", "S9 (length as in Accounts and Assets)", { clearable: false, keepAsText: true }),
    column("Endpoint_Type", "Endpoint", "code", "required", 1, "Endpoint type code; must match the provisioned endpoint.", "I", "S9", { pattern: ENDPOINT_TYPE_PATTERN, patternHint: ENDPOINT_TYPE_HINT, clearable: false, keepAsText: true }),
    column("Encoder_Value", "Read", "decimal", "required", 12, "The register reading.", "I", "S9 (format inferred)", { clearable: false }),
    column("Read_Time", "Read", "datetime", "required", 19, "When the read was taken (YYYY-MM-DD HH:MM[:SS]).", "I", "S9 (format and time zone not public)", { clearable: false }),
    column("Read_Interval", "Read", "integer", "required", 5, "Minutes the read covers (15, 60).", "I", "S9 (unit inferred)", { clearable: false }),
  ],
  signature: [["Endpoint_SN", "Encoder_Value"], ["Encoder_Value", "Read_Interval"]],
  keys: { columns: ["Endpoint_SN", "Read_Time"], match: "Reads attach to the provisioned endpoint with the same Endpoint_SN and Endpoint_Type." },
  rowRules: [],
  crossRowRules: [
    { kind: "duplicateRow", code: "duplicate-row" },
    { kind: "unique", key: ["Endpoint_SN", "Read_Time"], code: "duplicate-key" },
  ],
};
