import type { Exception } from "../validation/exception";

/** The exceptions report's columns, in the order BEACON-style reports list them. */
export const REPORT_COLUMNS = ["row", "column", "severity", "code", "component", "message"] as const;

/**
 * The exceptions report as CSV (RFC 4180, CRLF). A cell that a spreadsheet would run as a formula (leading =, +, -,
 * @, tab or CR) is prefixed with an apostrophe, since the report quotes values straight from the user's file.
 */
export function exceptionsCsv(exceptions: readonly Exception[]): string {
  return [...exceptionsCsvLines(exceptions)].join("");
}

/** The same report a line at a time (CRLF included), for writing a large one without building it whole. */
export function* exceptionsCsvLines(exceptions: Iterable<Exception>): Generator<string> {
  yield REPORT_COLUMNS.join(",") + "\r\n";
  for (const e of exceptions) {
    yield [e.row === null ? "" : String(e.row), e.column ?? "", e.severity, e.code, e.component, e.message].map(reportCell).join(",") + "\r\n";
  }
}

function reportCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
