import type { ColumnSpec } from "../spec/types";
import { CATALOGUE, render, type Code } from "./catalogue";
import type { Exception, Severity } from "./exception";
import type { Params } from "./problem";

/** Builds an exception from a catalogue code: severity, component and message all come from the catalogue. */
export function exceptionOf(code: Code, row: number | null, column: string | null, spec: ColumnSpec | null, params: Params): Exception {
  const entry = CATALOGUE[code];
  const component = entry.component === "column" ? (spec?.component ?? "File") : entry.component;
  return { row, column, severity: entry.severity, code, component, message: render(entry.template, params) };
}

/** A finding about the whole file (its bytes, its encoding, its type), not tied to a row or column. */
export function fileException(code: Code, params: Params = {}): Exception {
  return exceptionOf(code, null, null, null, params);
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countBySeverity(exceptions: readonly Exception[]): Counts {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const e of exceptions) countSeverity(counts, e.severity);
  return counts;
}

export function countSeverity(counts: Counts, severity: Severity): void {
  if (severity === "error") counts.errors++;
  else if (severity === "warning") counts.warnings++;
  else counts.infos++;
}
