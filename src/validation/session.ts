import type { ImportSpec } from "../spec/types";
import { cellText, type CellValue } from "./cellText";
import { CrossRowIndex } from "./crossRowIndex";
import { MeetingPoints } from "./meetingPoints";
import { compileCrossRules } from "./crossRowRules";
import type { Exception } from "./exception";
import { CATALOGUE, type Code } from "./catalogue";
import { countSeverity, exceptionOf, type Counts } from "./findings";
import { plainTextLimit, type CellCheck } from "./cellChecks";
import { analyseHeader, columnLetter, type Binding, type HeaderAnalysis } from "./header";
import { isBlank, shown, type Params, type PlacedProblem } from "./problem";
import { rowHash } from "./rowHash";
import { compileRowRules, type RowCheck } from "./rowRules";
import { RowState, type GroupFinding } from "./rowState";

/** Excel number formats of a row's cells, parallel to its values; absent for CSV input. */
export type RowFormats = readonly (string | null | undefined)[] | null | undefined;

export interface SessionOptions {
  /** Sheet row of the header; data rows follow it. Default 1. */
  headerRow?: number;
  /**
   * Check a file in two passes to keep memory low: the first pass (appendRow) checks cells and rows and notes which
   * rows may meet others; the second gives `addCrossRow` the cells of the rows `crossRowCandidates` names. The findings
   * are the same as in one pass. Such a session cannot be edited afterwards.
   */
  twoPass?: boolean;
}

/**
 * Validates a table against one import spec, row by row, and keeps what it needs to re-check changed rows.
 *
 * Rows are appended as they are read (a CSV streaming past, or an Excel range in blocks); the session keeps each row's
 * findings and its cross-row groups, never its cells. After a full run, `replaceRows`, `insertRows` and `deleteRows`
 * re-check only the changed rows and the groups they leave or join, and say which sheet rows' findings may differ.
 */
export class ValidationSession {
  readonly analysis: HeaderAnalysis;
  private readonly headerRow: number;
  private readonly headerLength: number;
  private readonly rows: RowState[] = [];
  private readonly rowChecks: RowCheck[];
  private readonly cross: CrossRowIndex;
  /** Set for a two-pass session: the hashes of the first pass. */
  private readonly meetingPoints: MeetingPoints | null;
  private readonly required: Binding[];
  /** One row's texts, reused for every row: rules copy what they keep, so the array itself is never held. */
  private readonly scratch: string[] = [];
  /** Each header position's cell check (null for unknown columns) and whether it has a header: flat, for the hot loop. */
  private readonly checks: (CellCheck | null)[];
  private readonly headed: boolean[];
  /** Per position, the length up to which a value needs no check at all (plain text columns); -1 elsewhere. */
  private readonly plainUpTo: number[];

  constructor(
    readonly spec: ImportSpec,
    header: readonly CellValue[],
    options: SessionOptions = {},
  ) {
    this.headerRow = options.headerRow ?? 1;
    this.headerLength = header.length;
    this.analysis = analyseHeader(spec, header);
    this.rowChecks = compileRowRules(spec.rowRules, this.analysis.positionOf);
    this.cross = new CrossRowIndex(compileCrossRules(spec.crossRowRules, this.analysis.positionOf));
    this.meetingPoints = options.twoPass ? new MeetingPoints(this.cross.partitions) : null;
    this.required = this.analysis.bindings.filter((b) => b.primary && b.column?.requirement === "required");
    this.checks = this.analysis.bindings.map((b) => b.check);
    this.headed = this.analysis.bindings.map((b) => b.written !== null);
    this.plainUpTo = this.analysis.bindings.map((b) => (b.column ? plainTextLimit(b.column) : -1));
  }

  /** Data rows held, blank ones included. */
  get rowCount(): number {
    return this.rows.length;
  }

  /** Data rows that are not blank: the records the file would import. */
  get recordCount(): number {
    let count = 0;
    for (const row of this.rows) if (!row.blank) count++;
    return count;
  }

  /** Adds the next data row (the first goes on the row after the header). */
  appendRow(cells: readonly CellValue[], formats?: RowFormats): void {
    const row = new RowState(this.rows.length);
    this.rows.push(row);
    this.fill(row, cells, formats);
  }

  /** In a two-pass session, after the first pass: which data rows need `addCrossRow` (flag 1). */
  crossRowCandidates(): Uint8Array {
    if (!this.meetingPoints) throw new Error("crossRowCandidates is for a two-pass session");
    return this.meetingPoints.candidates(this.rows.length);
  }

  /** The second pass of a two-pass session: enters a candidate row (by data-row index) in its cross-row groups. */
  addCrossRow(index: number, cells: readonly CellValue[], formats?: RowFormats): void {
    if (!this.meetingPoints) throw new Error("addCrossRow is for a two-pass session");
    const row = this.rowAt(index);
    if (row.blank) return;
    const { bindings, width } = this.analysis;
    const texts = cells.length >= width && allStrings(cells) ? cells : cells.map((value, p) => cellText(value, bindings[p]?.column ?? null, formats?.[p]).text);
    const all = texts.length >= width ? texts : [...texts, ...new Array<string>(width - texts.length).fill("")];
    row.hash = rowHash(all, width);
    this.cross.add(row, all);
  }

  /** Re-checks changed rows (by data-row index); returns the sheet rows whose findings may have changed. */
  replaceRows(changes: ReadonlyArray<{ index: number; cells: readonly CellValue[]; formats?: RowFormats }>): number[] {
    this.refuseEditsOfTwoPass();
    const touched = new Set<RowState>();
    for (const { index, cells, formats } of changes) {
      const row = this.rowAt(index);
      this.empty(row);
      this.fill(row, cells, formats);
      touched.add(row);
    }
    return this.flush(touched);
  }

  /** Inserts rows before data-row `index` (rows below move down); returns the sheet rows to re-mark. */
  insertRows(index: number, rows: ReadonlyArray<readonly CellValue[]>, formats?: ReadonlyArray<RowFormats>): number[] {
    this.refuseEditsOfTwoPass();
    if (index < 0 || index > this.rows.length) throw new RangeError(`cannot insert at data row ${index} of ${this.rows.length}`);
    const added = rows.map((_, i) => new RowState(index + i));
    this.rows.splice(index, 0, ...added);
    for (let i = index + added.length; i < this.rows.length; i++) this.rows[i].index = i;
    added.forEach((row, i) => this.fill(row, rows[i], formats?.[i]));
    return this.flushMoved(new Set(added), index + added.length);
  }

  /** Deletes `count` data rows from `index` (rows below move up); returns the sheet rows to re-mark. */
  deleteRows(index: number, count: number): number[] {
    this.refuseEditsOfTwoPass();
    if (index < 0 || count < 0 || index + count > this.rows.length) throw new RangeError(`cannot delete ${count} data rows at ${index} of ${this.rows.length}`);
    for (const row of this.rows.splice(index, count)) this.empty(row);
    for (let i = index; i < this.rows.length; i++) this.rows[i].index = i;
    return this.flushMoved(new Set(), index);
  }

  /**
   * After rows moved: a row keeps its findings when it moves, but a finding that names a moved row ("repeats row 9")
   * now reads differently, wherever it sits, so its row is re-marked too.
   */
  private flushMoved(touched: Set<RowState>, firstMoved: number): number[] {
    this.cross.flush(touched);
    for (const [target, findings] of this.cross.findingsByRow()) {
      if (findings.some((f) => Object.values(f.refs ?? {}).some((ref) => ref.index >= firstMoved))) touched.add(target);
    }
    return this.flush(touched);
  }

  /** Every finding, ordered: the file, the header, then each row by column. */
  exceptions(): Exception[] {
    return [...this.eachException()];
  }

  /**
   * The same findings in the same order, made one at a time: a report of a hundred thousand findings can be written
   * without holding them all. Findings about the whole file come first, then the header's, then row by row, where a
   * file-level finding placed on a row (a blank row, values without a header) comes before the row's own.
   */
  *eachException(): Generator<Exception> {
    this.flush(new Set());
    const file = this.fileFindings();
    const placed = file.filter((e) => e.row !== null && e.row > this.headerRow).sort((a, b) => a.row! - b.row!);
    yield* file.filter((e) => e.row === null);
    yield* file.filter((e) => e.row === this.headerRow);
    yield* this.headerFindings();
    // Only now: a reader after the file-level findings alone (is the file failed?) never walks every group.
    const byRow = this.cross.findingsByRow();
    let next = 0;
    for (const row of this.rows) {
      const sheetRow = this.sheetRow(row);
      while (next < placed.length && placed[next].row! <= sheetRow) yield placed[next++];
      if (row.problems === null && !byRow.has(row)) continue;
      yield* this.rowFindings(row, byRow.get(row) ?? []);
    }
    yield* placed.slice(next);
  }

  /** How many errors, warnings and notes `eachException` would give, without writing a message. */
  counts(): Counts {
    this.flush(new Set());
    const counts: Counts = { errors: 0, warnings: 0, infos: 0 };
    const add = (code: Code) => countSeverity(counts, CATALOGUE[code].severity);
    for (const e of this.fileFindings()) add(e.code as Code);
    for (const f of this.analysis.findings) add(f.code);
    for (const row of this.rows) for (const problem of row.problems ?? []) add(problem.code);
    for (const findings of this.cross.findingsByRow().values()) for (const finding of findings) add(finding.code);
    return counts;
  }

  /** The findings on one data row, as the add-in shows them when the user selects it. */
  rowExceptions(index: number): Exception[] {
    this.flush(new Set());
    const row = this.rowAt(index);
    return this.rowFindings(row, this.cross.findingsOf(row));
  }

  private refuseEditsOfTwoPass(): void {
    // Rows that met no other in the first pass were never entered, so an edit could not find the rows it now meets.
    if (this.meetingPoints) throw new Error("a two-pass session checks a file once; it cannot be edited");
  }

  private rowAt(index: number): RowState {
    const row = this.rows[index];
    if (!row) throw new RangeError(`no data row ${index}; the sheet has ${this.rows.length}`);
    return row;
  }

  private sheetRow(row: RowState): number {
    return this.headerRow + 1 + row.index;
  }

  /** Checks one row's cells and rules and enters it in its cross-row groups. The hot path: keep it lean. */
  private fill(row: RowState, cells: readonly CellValue[], formats: RowFormats): void {
    const { bindings, width } = this.analysis;
    const { checks, headed, plainUpTo } = this;
    const length = Math.max(cells.length, width);
    // CSV rows are already all text: check them where they stand. Excel rows are turned into the file's text first,
    // in an array kept for the purpose (stores into it cost more than reading the row in place).
    const plain = cells.length >= width && allStrings(cells);
    const texts = plain ? (cells as readonly string[]) : this.scratch;
    if (!plain && texts.length !== length) this.scratch.length = length; // a runtime call, so only when needed
    let problems: PlacedProblem[] | null = null;
    let blank = true;
    for (let p = 0; p < length; p++) {
      const value = cells[p];
      let text: string;
      if (typeof value === "string") text = value;
      else if (value === null || value === undefined) text = "";
      else {
        const binding = p < width ? bindings[p] : undefined;
        const converted = cellText(value, binding?.column ?? null, formats?.[p]);
        text = converted.text;
        if (converted.notice && binding?.column) {
          const { code, displayed, stored } = converted.notice;
          const shownAs = displayed === stored ? "" : ` (shown as ${displayed})`;
          (problems ??= []).push({ position: p, code, params: { column: binding.column.name, displayed, stored, shownAs, text } });
        }
      }
      if (!plain) this.scratch[p] = text;
      if (text.length === 0) continue;
      blank = false;
      if (p >= width || !headed[p]) {
        (row.stray ??= []).push(p);
        continue;
      }
      const check = checks[p];
      if (check === null) continue; // an unknown column: reported once, in the header
      let checked = text;
      const first = text.charCodeAt(0);
      const last = text.charCodeAt(text.length - 1);
      if (first <= 32 || last <= 32 || first === 160 || last === 160) {
        checked = text.trim();
        const where = checked === "" ? "only" : first <= 32 || first === 160 ? (last <= 32 || last === 160 ? "leading and trailing" : "leading") : "trailing";
        (problems ??= []).push({ position: p, code: "whitespace", params: { value: shown(text), where } });
        if (checked === "") continue;
      }
      // Most cells are plain text within their limit: no call needed (the _CLEAR_ token is 7 characters, from "_").
      if (checked.length <= plainUpTo[p] && (checked.length !== 7 || checked.charCodeAt(0) !== 95)) continue;
      const problem = check(checked);
      if (problem === null) continue;
      // A sheet cell that shows a date but holds text: say so, since re-entering it as a date is the fix.
      if (formats && (problem.code === "date-format" || problem.code === "datetime-format")) problem.params.heldAsText = " Excel holds it as text, not as a date.";
      (problems ??= []).push({ position: p, code: problem.code, params: problem.params });
    }
    row.blank = blank;
    if (blank) {
      row.stray = null;
      row.problems = null;
      return;
    }
    for (const binding of this.required) {
      if (isBlank(texts[binding.position])) (problems ??= []).push({ position: binding.position, code: "required", params: { column: binding.column!.name } });
    }
    if (cells.length < width) (problems ??= []).push({ position: -1, code: "short-row", params: { count: cells.length, expected: width } });
    for (const check of this.rowChecks) {
      const problem = check(texts);
      if (problem !== null) (problems ??= []).push(problem);
    }
    if (problems !== null && problems.length > 1) problems.sort((a, b) => a.position - b.position);
    row.problems = problems;
    if (this.meetingPoints) {
      const points = this.meetingPoints;
      this.cross.meetingPoints(texts, (partition, hash) => points.record(row.index, partition, hash));
      return;
    }
    row.hash = rowHash(texts, width);
    this.cross.add(row, texts);
  }

  /** Takes a row out of its partitions and forgets its findings, before it is re-filled or deleted. */
  private empty(row: RowState): void {
    this.cross.remove(row);
    row.problems = null;
    row.stray = null;
    row.blank = false;
  }

  /** Re-judges the partitions that changed; returns the sheet rows whose findings may differ, in order. */
  private flush(touched: Set<RowState>): number[] {
    this.cross.flush(touched);
    const rows: number[] = [];
    for (const row of touched) if (this.rows[row.index] === row) rows.push(this.sheetRow(row));
    return rows.sort((a, b) => a - b);
  }

  private rowFindings(row: RowState, grouped: readonly GroupFinding[]): Exception[] {
    const sheetRow = this.sheetRow(row);
    const placed: Array<{ position: number; exception: Exception }> = [];
    for (const problem of row.problems ?? []) placed.push({ position: problem.position, exception: this.cellException(sheetRow, problem.position, problem.code, problem.params) });
    for (const finding of grouped) {
      const params: Params = { ...finding.params };
      for (const [name, ref] of Object.entries(finding.refs ?? {})) params[name] = this.sheetRow(ref);
      placed.push({ position: finding.position, exception: this.cellException(sheetRow, finding.position, finding.code, params) });
    }
    placed.sort((a, b) => a.position - b.position);
    return placed.map((p) => p.exception);
  }

  private cellException(sheetRow: number, position: number, code: PlacedProblem["code"], params: Params): Exception {
    const binding = position >= 0 ? this.analysis.bindings[position] : undefined;
    return exceptionOf(code, sheetRow, binding?.written ?? null, binding?.column ?? null, params);
  }

  private headerFindings(): Exception[] {
    return this.analysis.findings.map((f) => {
      const binding = f.position >= 0 ? this.analysis.bindings[f.position] : undefined;
      return exceptionOf(f.code, this.headerRow, binding?.written ?? null, f.column, f.params);
    });
  }

  /** Findings that need the whole table: emptiness, blank rows, and values in columns without a header. */
  private fileFindings(): Exception[] {
    const out: Exception[] = [];
    const { width, bindings } = this.analysis;
    // One pass over the rows: blank runs between data rows, the last data row, values in columns without a header.
    const stray = new Map<number, { count: number; first: RowState }>();
    const blankRuns: Array<[number, number]> = [];
    let dataRows = 0;
    let lastData = -1;
    let runStart = -1;
    for (let i = 0; i < this.rows.length; i++) {
      const row = this.rows[i];
      if (row.blank) {
        if (runStart < 0) runStart = i;
        continue;
      }
      if (runStart >= 0) blankRuns.push([runStart, i - 1]);
      runStart = -1;
      dataRows++;
      lastData = i;
      for (const p of row.stray ?? []) {
        const entry = stray.get(p);
        if (entry) entry.count++;
        else stray.set(p, { count: 1, first: row });
      }
    }
    if (dataRows === 0) out.push(exceptionOf(width === 0 ? "empty-file" : "no-data-rows", null, null, null, {}));
    const trailing = this.rows.length - 1 - lastData;
    if (dataRows > 0 && trailing > 0) out.push(exceptionOf("trailing-blank-rows", null, null, null, { count: trailing }));

    for (const [p, { count, first }] of [...stray].sort((a, b) => a[0] - b[0])) {
      out.push(exceptionOf("blank-header", this.sheetRow(first), null, null, { letter: columnLetter(p), count, row: this.sheetRow(first) }));
    }
    for (const binding of bindings) {
      if (binding.written === null && !stray.has(binding.position)) {
        out.push(exceptionOf("blank-column", this.headerRow, null, null, { letter: columnLetter(binding.position) }));
      }
    }
    let trailingColumns = 0;
    for (let p = width; p < this.headerLength; p++) if (!stray.has(p)) trailingColumns++;
    if (trailingColumns > 0) out.push(exceptionOf("trailing-blank-columns", null, null, null, { count: trailingColumns }));

    // Blank rows between data rows: one warning a run, on the run's first row.
    for (const [from, to] of blankRuns) {
      const first = this.headerRow + 1 + from;
      const last = this.headerRow + 1 + to;
      const rows = first === last ? `Row ${first} is` : `Rows ${first} to ${last} are`;
      out.push(exceptionOf("blank-row", first, null, null, { rows, them: first === last ? "it" : "them" }));
    }
    return out;
  }
}

function allStrings(cells: readonly CellValue[]): cells is readonly string[] {
  for (let i = 0; i < cells.length; i++) if (typeof cells[i] !== "string") return false;
  return true;
}
