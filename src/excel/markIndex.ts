/**
 * Which cells of the sheet carry a mark, and which colour: errors red, warnings amber (a cell with both shows the
 * error); notes (info) are listed but not marked. Kept per sheet row so an insert or delete moves the marks with the
 * rows, and an edit changes only its own rows.
 */
import type { Exception } from "../validation";
import type { Run } from "./rectangles";

export type MarkSeverity = "error" | "warning";
export const MARK_SEVERITIES: readonly MarkSeverity[] = ["error", "warning"];

export interface RowMarks {
  error: Run[];
  warning: Run[];
}

/**
 * The marks of one sheet row from its findings: a finding on a column marks that cell; a finding on a data row with
 * no column (a blank row, values without a header) marks the row across the table. Header findings without a column
 * (a missing column) have no cell to mark.
 */
export function marksOfRow(findings: readonly Exception[], columnOf: (header: string) => number | undefined, width: number, isHeaderRow: boolean): RowMarks | undefined {
  const severity = new Map<number, 1 | 2>();
  let wholeRow: 0 | 1 | 2 = 0;
  for (const finding of findings) {
    const level = finding.severity === "error" ? 2 : finding.severity === "warning" ? 1 : 0;
    if (level === 0) continue;
    const column = finding.column === null ? undefined : columnOf(finding.column);
    if (column === undefined) {
      if (!isHeaderRow && level > wholeRow) wholeRow = level;
      continue;
    }
    if ((severity.get(column) ?? 0) < level) severity.set(column, level);
  }
  const rowLevel = wholeRow;
  if (rowLevel !== 0) for (let c = 0; c < width; c++) if ((severity.get(c) ?? 0) < rowLevel) severity.set(c, rowLevel);
  if (severity.size === 0) return undefined;
  const columns = [...severity.keys()].sort((a, b) => a - b);
  const marks: RowMarks = { error: [], warning: [] };
  let runStart = columns[0];
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i];
    const next = columns[i + 1];
    const level = severity.get(column)!;
    if (next === column + 1 && severity.get(next) === level) continue;
    (level === 2 ? marks.error : marks.warning).push([runStart, column]);
    runStart = next;
  }
  return marks;
}

export function sameMarks(a: RowMarks | undefined, b: RowMarks | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const same = (x: Run[], y: Run[]) => x.length === y.length && x.every((run, i) => run[0] === y[i][0] && run[1] === y[i][1]);
  return same(a.error, b.error) && same(a.warning, b.warning);
}

/** Marks by sheet row (1-based; index 0 unused). */
export class MarkIndex {
  private rows: (RowMarks | undefined)[] = [];

  get(row: number): RowMarks | undefined {
    return this.rows[row];
  }

  set(row: number, marks: RowMarks | undefined): void {
    if (marks === undefined && row >= this.rows.length) return;
    this.rows[row] = marks;
  }

  /** Rows with marks in [first, last], ascending. */
  *between(first: number, last: number): Generator<{ row: number; marks: RowMarks }> {
    const end = Math.min(last, this.rows.length - 1);
    for (let row = Math.max(first, 0); row <= end; row++) {
      const marks = this.rows[row];
      if (marks) yield { row, marks };
    }
  }

  get lastRow(): number {
    return this.rows.length - 1;
  }

  /** Rows inserted before sheet row `at`: the rows below move down and the new rows have no marks yet. */
  insertRows(at: number, count: number): void {
    if (at < this.rows.length) this.rows.splice(at, 0, ...new Array<RowMarks | undefined>(count));
  }

  deleteRows(at: number, count: number): void {
    if (at < this.rows.length) this.rows.splice(at, count);
  }

  clear(): void {
    this.rows = [];
  }
}
