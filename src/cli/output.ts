import { exceptionsCsvLines } from "../exchange/exceptionsCsv";
import type { Exception } from "../validation";
import type { FileValidation } from "../exchange/validateFile";

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
  const counts = result.counts;
  const head = { importType: result.spec?.id ?? "unknown", rows: result.rows, errors: counts.errors, warnings: counts.warnings };
  yield JSON.stringify(head).slice(0, -1) + ',"exceptions":[';
  let first = true;
  // Written by hand, key by key: no object a finding, and the key order is the contract.
  for (const e of result.exceptions) {
    const column = e.column === null ? "null" : JSON.stringify(e.column);
    yield `${first ? "" : ","}{"row":${e.row},"column":${column},"severity":"${e.severity}","code":"${e.code}","component":"${e.component}","message":${JSON.stringify(e.message)}}`;
    first = false;
  }
  yield "]}\n";
}

function textReport(file: string, result: FileValidation): string {
  const counts = result.counts;
  const lines: string[] = [];
  const type = result.spec ? result.spec.label : "import type not known";
  lines.push(`${file}: ${type}, ${plural(result.rows, "record")}: ${plural(counts.errors, "error")}, ${plural(counts.warnings, "warning")}, ${plural(counts.infos, "note")}`);
  if (result.fileFailed) lines.push("The file cannot be imported as it is: nothing in it would be applied.");
  else if (counts.errors === 0) lines.push(counts.warnings === 0 ? "Ready to import." : "Ready to import; review the warnings first.");

  // One pass over the findings: the tallies, and the first few to list.
  const byColumn = new Tally();
  const byComponent = new Tally();
  const first: Exception[] = [];
  for (const e of result.exceptions) {
    if (first.length < FIRST_FINDINGS) first.push(e);
    if (e.severity === "info") continue;
    byColumn.add(e.column ?? (e.row === null ? "(file)" : e.row === 1 ? "(header)" : "(row)"), e.severity);
    byComponent.add(e.component, e.severity);
  }
  if (byColumn.size > 0) {
    lines.push("", "By column:");
    lines.push(...table(["column", "errors", "warnings"], byColumn.rows()));
    lines.push("", "By component:");
    lines.push(...table(["component", "errors", "warnings"], byComponent.rows()));
  }
  const total = counts.errors + counts.warnings + counts.infos;
  if (total > 0) {
    lines.push("", total > first.length ? `First ${first.length} of ${total} findings (all of them: --format csv):` : "Findings:");
    lines.push(...table(["row", "column", "severity", "code", "message"], first.map(findingCells), true));
  }
  return lines.join("\n") + "\n";
}

function findingCells(e: Exception): string[] {
  return [e.row === null ? "-" : String(e.row), e.column ?? "-", e.severity, e.code, e.message];
}

/** Errors and warnings counted by a key, most errors first. */
class Tally {
  private readonly counts = new Map<string, { errors: number; warnings: number }>();

  get size(): number {
    return this.counts.size;
  }

  add(key: string, severity: Exception["severity"]): void {
    const entry = this.counts.get(key) ?? { errors: 0, warnings: 0 };
    if (severity === "error") entry.errors++;
    else entry.warnings++;
    this.counts.set(key, entry);
  }

  rows(): string[][] {
    return [...this.counts]
      .sort((a, b) => b[1].errors - a[1].errors || b[1].warnings - a[1].warnings || a[0].localeCompare(b[0]))
      .map(([key, c]) => [key, String(c.errors), String(c.warnings)]);
  }
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
