/**
 * Everything the add-in holds about the sheet it validated: the engine's session (which re-checks changed rows), the
 * findings by row, the marks by row and how they are split into conditional formats. Pure data and engine calls; the
 * host code around it reads the sheet and paints.
 */
import type { ImportSpec } from "../spec/types";
import type { CellValue, Exception, ValidationSession } from "../validation";
import { bandOf, layoutBands, type Band } from "./markBands";
import { MarkIndex, marksOfRow, sameMarks } from "./markIndex";
import { SheetFindings } from "./sheetFindings";
import type { SheetValidation } from "./types";

export interface SheetStateInit {
  sheetId: string;
  sheetName: string;
  spec: ImportSpec | null;
  detectedBy: SheetValidation["detectedBy"];
  /** 1-based sheet row of the header. */
  headerRow: number;
  header: readonly CellValue[];
  session: ValidationSession | null;
}

export class SheetState {
  readonly sheetId: string;
  sheetName: string;
  readonly spec: ImportSpec | null;
  readonly detectedBy: SheetValidation["detectedBy"];
  readonly headerRow: number;
  readonly header: readonly CellValue[];
  readonly session: ValidationSession | null;
  readonly findings: SheetFindings;
  readonly marks = new MarkIndex();
  bands: Band[] = [];
  /** False once the user cleared the marks: findings still follow edits, nothing is painted until the next validate. */
  painting = true;
  private readonly positions = new Map<string, number>();
  /** Columns a whole-row mark spans: the header's width. */
  readonly tableWidth: number;

  constructor(init: SheetStateInit) {
    this.sheetId = init.sheetId;
    this.sheetName = init.sheetName;
    this.spec = init.spec;
    this.detectedBy = init.detectedBy;
    this.headerRow = init.headerRow;
    this.header = init.header;
    this.session = init.session;
    const texts = init.header.map((cell) => (cell === null || cell === undefined ? "" : String(cell)));
    // A header written twice maps to its first column: findings name columns by header only.
    texts.forEach((text, position) => text !== "" && !this.positions.has(text) && this.positions.set(text, position));
    let width = 0;
    texts.forEach((text, position) => text.trim() !== "" && (width = position + 1));
    this.tableWidth = Math.max(width, 1);
    this.findings = new SheetFindings(this.headerRow, (p) => p >= texts.length || texts[p].trim() === "");
  }

  columnOf(header: string): number | undefined {
    return this.positions.get(header);
  }

  /** The header of a column position, or null beyond the headers. */
  columnName(position: number): string | null {
    const cell = this.header[position];
    const text = cell === null || cell === undefined ? "" : String(cell);
    return text.trim() === "" ? null : text;
  }

  /** The session's full list replaces what is held; returns the sheet rows whose marks changed. */
  rebuild(all: readonly Exception[]): number[] {
    this.findings.rebuild(all);
    const changed: number[] = [];
    const rows = new Set<number>(this.findings.rowsWithFindings());
    for (const { row } of this.marks.between(1, this.marks.lastRow)) rows.add(row);
    for (const row of [...rows].sort((a, b) => a - b)) if (this.refreshMarks(row)) changed.push(row);
    return changed;
  }

  /** Recomputes one row's marks from its findings; true when they changed. */
  refreshMarks(row: number): boolean {
    const next = marksOfRow(this.findings.at(row), (h) => this.columnOf(h), this.tableWidth, row === this.headerRow);
    if (sameMarks(this.marks.get(row), next)) return false;
    this.marks.set(row, next);
    return true;
  }

  /** Cuts the marks into bands afresh (a full validation). */
  layout(): void {
    this.bands = layoutBands(this.marks);
  }

  /** The bands holding the given sheet rows. */
  bandsOf(rows: Iterable<number>): Set<Band> {
    const out = new Set<Band>();
    for (const row of rows) out.add(bandOf(this.bands, row));
    return out;
  }

  result(): SheetValidation {
    return {
      sheet: this.sheetName,
      spec: this.spec,
      detectedBy: this.detectedBy,
      rows: this.session?.rowCount ?? 0,
      columns: this.tableWidth,
      exceptions: this.findings.list(),
      counts: this.findings.counts,
    };
  }

  /** The findings on one cell: its own, and its row's findings that name no column. */
  cellFindings(row: number, position: number): Exception[] {
    const name = this.columnName(position);
    return this.findings.at(row).filter((f) => (name !== null && f.column === name) || (f.column === null && row !== this.headerRow));
  }
}
