import type { Component } from "../spec/types";

export type Severity = "error" | "warning" | "info";

/** One finding, as the add-in lists it, the server reports it and `dx` prints it. */
export interface Exception {
  /** Sheet row (the header is row 1); null for a finding about the whole file. */
  row: number | null;
  /** The header as written in the file; null for file-level findings and columns without a header. */
  column: string | null;
  severity: Severity;
  code: string;
  component: Component;
  message: string;
}
