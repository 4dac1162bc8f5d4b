/**
 * The findings of a validated sheet, kept so that an edit costs only its rows: the findings of each data row, those
 * about the file and the header, and the running counts. The list in report order is rebuilt from these in one pass
 * (no message is rendered again), and a change of a few rows updates the counts by difference.
 *
 * Some findings about the whole table sit on a data row (a run of blank rows, values in a column without a header);
 * the session's `rowExceptions` does not give them. They can change only when a row turns blank or not, or values
 * appear or go in a column without a header, or rows are inserted or deleted: then the caller rebuilds everything
 * from `session.exceptions()` (see `needsFullRebuild`).
 *
 * The import API's findings that need stored data (see showServerFindings) are kept apart from the engine's: the engine
 * never makes them, so a rebuild from the session keeps them, rows inserted or deleted move them, and only an edit of
 * their own row drops them (the user changed what the server judged).
 */
import type { CellValue, Counts, Exception, ValidationSession } from "../validation";
import { countSeverity } from "../validation/findings";

/** Codes the engine places on a data row but derives from the whole table (blank runs, values without a header). */
const TABLE_CODES_ON_ROWS: ReadonlySet<string> = new Set(["blank-row", "blank-header"]);

const BLANK = 1;
const STRAY = 2;

export class SheetFindings {
  /** Findings with no row or on the header row (or above), in report order. */
  private top: Exception[] = [];
  /** Findings of each data row (index 0 = the row after the header), in report order. */
  private rows: (Exception[] | undefined)[] = [];
  /** Per data row: BLANK when every cell is empty, STRAY when a column without a header holds a value. */
  private flags: number[] = [];
  private tally: Counts = { errors: 0, warnings: 0, infos: 0 };
  /** The server's findings with no row or on the header row, in report order. */
  private serverTop: Exception[] = [];
  /** The server's findings of each data row (same indexes as `rows`). */
  private serverRows: (Exception[] | undefined)[] = [];
  private serverTally: Counts = { errors: 0, warnings: 0, infos: 0 };

  constructor(
    readonly headerRow: number,
    /** Which positions have no header (their values are "values without a header"). */
    private readonly headerless: (position: number) => boolean,
  ) {}

  get counts(): Counts {
    const { tally, serverTally } = this;
    return { errors: tally.errors + serverTally.errors, warnings: tally.warnings + serverTally.warnings, infos: tally.infos + serverTally.infos };
  }

  /** The engine's findings' counts alone (what the add-in found itself). */
  get localCounts(): Counts {
    return { ...this.tally };
  }

  /** Replaces the server's findings: those with no row or on the header row, and those of data rows by sheet row. */
  setServer(top: readonly Exception[], byRow: ReadonlyMap<number, readonly Exception[]>): void {
    this.serverTop = [...top];
    this.serverRows = [];
    this.serverTally = { errors: 0, warnings: 0, infos: 0 };
    for (const f of top) countSeverity(this.serverTally, f.severity);
    for (const [row, findings] of byRow) {
      const index = row - this.headerRow - 1;
      if (index < 0 || findings.length === 0) continue;
      (this.serverRows[index] ??= []).push(...findings);
      for (const f of findings) countSeverity(this.serverTally, f.severity);
    }
  }

  /** Sheet rows holding server findings (the header row among them when one is there). */
  serverSheetRows(): number[] {
    const rows = this.serverTop.some((f) => f.row === this.headerRow) ? [this.headerRow] : [];
    this.serverRows.forEach((findings, i) => findings?.length && rows.push(this.headerRow + 1 + i));
    return rows;
  }

  /** Drops the server's findings on these sheet rows (the user edited them); true when there were any. */
  dropServer(sheetRows: Iterable<number>): boolean {
    let dropped = false;
    for (const row of sheetRows) {
      const index = row - this.headerRow - 1;
      const findings = this.serverRows[index];
      if (!findings) continue;
      for (const f of findings) uncount(this.serverTally, f);
      this.serverRows[index] = undefined;
      dropped = true;
    }
    return dropped;
  }

  /** Replaces everything with the session's full list. */
  rebuild(all: readonly Exception[]): void {
    this.top = [];
    this.rows = [];
    this.tally = { errors: 0, warnings: 0, infos: 0 };
    for (const finding of all) {
      countSeverity(this.tally, finding.severity);
      if (finding.row === null || finding.row <= this.headerRow) this.top.push(finding);
      else (this.rows[finding.row - this.headerRow - 1] ??= []).push(finding);
    }
  }

  /** All findings in report order. */
  list(): Exception[] {
    // Report order: findings about the file (no row) first, then the header's.
    const top = [...this.top, ...this.serverTop];
    const out = [...top.filter((f) => f.row === null), ...top.filter((f) => f.row !== null)];
    const length = Math.max(this.rows.length, this.serverRows.length);
    for (let i = 0; i < length; i++) {
      const local = this.rows[i];
      if (local) for (const f of local) out.push(f);
      const server = this.serverRows[i];
      if (server) for (const f of server) out.push(f);
    }
    return out;
  }

  /** Findings on one sheet row (the header's when `row` is the header row). */
  at(row: number): readonly Exception[] {
    if (row === this.headerRow) return [...this.top, ...this.serverTop].filter((f) => f.row === row);
    const index = row - this.headerRow - 1;
    const local = this.rows[index] ?? [];
    const server = this.serverRows[index];
    return server ? [...local, ...server] : local;
  }

  /** Sheet rows holding findings, ascending (the header row first when it has any). */
  *rowsWithFindings(): Generator<number> {
    if (this.top.some((f) => f.row === this.headerRow) || this.serverTop.some((f) => f.row === this.headerRow)) yield this.headerRow;
    const length = Math.max(this.rows.length, this.serverRows.length);
    for (let i = 0; i < length; i++) if (this.rows[i]?.length || this.serverRows[i]?.length) yield this.headerRow + 1 + i;
  }

  /** Notes a data row's cells as read (for `needsFullRebuild`); returns whether its blank or stray state changed. */
  noteCells(index: number, cells: readonly CellValue[]): boolean {
    let blank = true;
    let stray = false;
    for (let p = 0; p < cells.length; p++) {
      const value = cells[p];
      if (value === null || value === undefined || value === "") continue;
      blank = false;
      if (this.headerless(p)) stray = true;
    }
    const flags = (blank ? BLANK : 0) | (stray ? STRAY : 0);
    const before = this.flags[index];
    this.flags[index] = flags;
    return before !== undefined && (before !== flags || ((before | flags) & STRAY) !== 0);
  }

  /** Data rows inserted (rows below move down) or deleted: keeps the per-row state aligned with the session's. */
  insertRows(index: number, count: number): void {
    if (index < this.rows.length) this.rows.splice(index, 0, ...new Array<Exception[] | undefined>(count));
    if (index < this.flags.length) this.flags.splice(index, 0, ...new Array<number>(count).fill(BLANK));
    if (index < this.serverRows.length) {
      this.serverRows.splice(index, 0, ...new Array<Exception[] | undefined>(count));
      this.renumberServer(index + count);
    }
  }

  deleteRows(index: number, count: number): void {
    if (index < this.rows.length) this.rows.splice(index, count);
    if (index < this.flags.length) this.flags.splice(index, count);
    if (index < this.serverRows.length) {
      for (const findings of this.serverRows.splice(index, count)) for (const f of findings ?? []) uncount(this.serverTally, f);
      this.renumberServer(index);
    }
  }

  /** The server's findings from data row `from` on, given the sheet rows they now stand on. */
  private renumberServer(from: number): void {
    for (let i = from; i < this.serverRows.length; i++) {
      const row = this.headerRow + 1 + i;
      this.serverRows[i] = this.serverRows[i]?.map((f) => (f.row === row ? f : { ...f, row }));
    }
  }

  /**
   * Takes the session's new findings for the given sheet rows (from replaceRows), keeping the table-wide findings
   * placed on them; the counts follow.
   */
  updateRows(session: ValidationSession, sheetRows: readonly number[]): void {
    for (const row of sheetRows) {
      const index = row - this.headerRow - 1;
      if (index < 0 || index >= session.rowCount) continue;
      const old = this.rows[index] ?? [];
      for (const f of old) uncount(this.tally, f);
      const kept = old.filter((f) => TABLE_CODES_ON_ROWS.has(f.code));
      const next = [...kept, ...session.rowExceptions(index)];
      for (const f of next) countSeverity(this.tally, f.severity);
      this.rows[index] = next.length > 0 ? next : undefined;
    }
  }
}

function uncount(counts: Counts, finding: Exception): void {
  if (finding.severity === "error") counts.errors--;
  else if (finding.severity === "warning") counts.warnings--;
  else counts.infos--;
}
