import { exceptionsCsvLines } from "../exchange/exceptionsCsv";
import { countBySeverity, type Exception } from "../validation";
import type { FileValidation } from "./validateFile";

export type OutputFormat = "text" | "json" | "csv";
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["text", "json", "csv"];

/** How many findings the text summary lists before pointing at --format csv for the rest. */
const FIRST_FINDINGS = 25;

/** The report in pieces, so a report of a hundred thousand findings is written without being built whole. */
export function render(format: OutputFormat, file: string, result: FileValidation): Iterable<string> {
  if (format === "csv") return exceptionsCsvLines(result.exceptions);
  if (format === "json") return jsonReport(result);
  return [textReport(file, result)];
}

/**
 * The machine-readable report: {"importType", "rows", "errors", "warnings", "exceptions": [...]}. Its keys are a
 * contract with scripts, so each object is written field by field, in this order.
 */
function* jsonReport(result: FileValidation): Generator<string> {
  const counts = countBySeverity(result.exceptions);
  const head = { importType: result.spec?.id ?? "unknown", rows: result.rows, errors: counts.errors, warnings: counts.warnings };
  yield JSON.stringify(head).slice(0, -1) + ',"exceptions":[';
  let first = true;
  for (const { row, column, severity, code, component, message } of result.exceptions) {
    yield (first ? "" : ",") + JSON.stringify({ row, column, severity, code, component, message });
    first = false;
  }
  yield "]}\n";
}

function textReport(file: string, result: FileValidation): string {
  const counts = countBySeverity(result.exceptions);
  const lines: string[] = [];
  const type = result.spec ? result.spec.label : "import type not known";
  lines.push(`${file}: ${type}, ${plural(result.rows, "record")}: ${plural(counts.errors, "error")}, ${plural(counts.warnings, "warning")}, ${plural(counts.infos, "note")}`);
  if (result.fileFailed) lines.push("The file cannot be imported as it is: nothing in it would be applied.");
  else if (counts.errors === 0) lines.push(counts.warnings === 0 ? "Ready to import." : "Ready to import; review the warnings first.");

  const byColumn = tally(result.exceptions.filter((e) => e.severity !== "info"), (e) => e.column ?? (e.row === null ? "(file)" : e.row === 1 ? "(header)" : "(row)"));
  if (byColumn.length > 0) {
    lines.push("", "By column:");
    lines.push(...table(["column", "errors", "warnings"], byColumn.map(([name, c]) => [name, String(c.errors), String(c.warnings)])));
    const byComponent = tally(result.exceptions.filter((e) => e.severity !== "info"), (e) => e.component);
    lines.push("", "By component:");
    lines.push(...table(["component", "errors", "warnings"], byComponent.map(([name, c]) => [name, String(c.errors), String(c.warnings)])));
  }
  if (result.exceptions.length > 0) {
    const shown = result.exceptions.slice(0, FIRST_FINDINGS);
    lines.push("", result.exceptions.length > shown.length ? `First ${shown.length} of ${result.exceptions.length} findings (all of them: --format csv):` : "Findings:");
    lines.push(...table(["row", "column", "severity", "code", "message"], shown.map(findingCells), true));
  }
  return lines.join("\n") + "\n";
}

function findingCells(e: Exception): string[] {
  return [e.row === null ? "-" : String(e.row), e.column ?? "-", e.severity, e.code, e.message];
}

function tally(exceptions: readonly Exception[], keyOf: (e: Exception) => string): Array<[string, { errors: number; warnings: number }]> {
  const counts = new Map<string, { errors: number; warnings: number }>();
  for (const e of exceptions) {
    const key = keyOf(e);
    const entry = counts.get(key) ?? { errors: 0, warnings: 0 };
    if (e.severity === "error") entry.errors++;
    else entry.warnings++;
    counts.set(key, entry);
  }
  return [...counts].sort((a, b) => b[1].errors - a[1].errors || b[1].warnings - a[1].warnings || a[0].localeCompare(b[0]));
}

/** Left-aligned columns; the last column runs free when `freeLast` (messages are long). */
function table(header: string[], rows: string[][], freeLast = false): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => "  " + r.map((cell, i) => (freeLast && i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ").trimEnd());
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}
