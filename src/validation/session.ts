import type { ImportSpec } from "../spec/types";
import { cellText, type CellValue } from "./cellText";
import { ALL_PARTITIONS, CrossRowIndex } from "./crossRowIndex";
import { MeetingPoints } from "./meetingPoints";
import { compileCrossRules } from "./crossRowRules";
import type { Exception } from "./exception";
import { CATALOGUE, type Code } from "./catalogue";
import { countSeverity, exceptionOf, type Counts } from "./findings";
import { plainTextLimit, type CellCheck } from "./cellChecks";
import { analyseHeader, columnLetter, type Binding, type HeaderAnalysis } from "./header";
import { isBlank, shown, type Params, type PlacedProblem } from "./problem";
import { ProblemLog } from "./problemLog";
import { rowHash } from "./rowHash";
import { compileRowRules, type RowCheck } from "./rowRules";
import { newRowState, type GroupFinding, type RowState } from "./rowState";

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
  /**
   * Each data row's state. In a two-pass session a row with nothing to keep (not blank, no values without a header:
   * nearly every row of a file, since its findings go to `log`) is held as null until something needs its state, so a
   * hundred thousand rows cost a slot each, not an object the garbage collector must copy and keep. Editable sessions
   * hold every row, with its findings.
   */
  private readonly rows: Array<RowState | null> = [];
  /** Set for a two-pass session: its rows' own findings, kept compactly (see ProblemLog). */
  private readonly log: ProblemLog | null;
  private readonly rowChecks: RowCheck[];
  private readonly cross: CrossRowIndex;
  /** Set for a two-pass session: the hashes of the first pass. */
  private readonly meetingPoints: MeetingPoints | null;
  private meetings: Uint8Array | null = null;
  /** The state a two-pass session checks each row in before deciding whether to keep it. */
  private readonly probe = newRowState(0);
  /** The rows' problems counted by severity as rows are checked, so counting a report's findings walks no rows. */
  private readonly problemCounts: Counts = { errors: 0, warnings: 0, infos: 0 };
  /** See rowsSummary: kept up to date as rows are appended (while they are hot); null once rows are edited. */
  private summary: RowsSummary | null = emptySummary();
  private readonly required: Binding[];
  /** One row's texts, reused for every row: rules copy what they keep, so the array itself is never held. */
  private readonly scratch: string[] = [];
  /** Each header position's cell check (null for unknown columns): flat, for the hot loop. */
  private readonly checks: (CellCheck | null)[];
  /**
   * Per header position, what a value there needs: for a plain text column, the length up to which it needs no check
   * at all; MUST_CHECK for the other columns; UNKNOWN for a column not in the spec; STRAY for a position without a
   * header. One number a cell, read from one typed array.
   */
  private readonly limits: Int32Array;
  /** Per header position, the last value its check found good (see checkCells). */
  private readonly lastGood: string[];

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
    this.log = options.twoPass ? new ProblemLog() : null;
    this.required = this.analysis.bindings.filter((b) => b.primary && b.column?.requirement === "required");
    this.checks = this.analysis.bindings.map((b) => b.check);
    this.lastGood = this.analysis.bindings.map(() => "");
    this.limits = Int32Array.from(this.analysis.bindings, (b) => {
      if (b.written === null) return STRAY;
      if (b.check === null) return UNKNOWN;
      const plain = b.column ? plainTextLimit(b.column) : -1;
      return plain >= 0 ? Math.min(plain, 0x7fffffff) : MUST_CHECK;
    });
  }

  /** Data rows held, blank ones included. */
  get rowCount(): number {
    return this.rows.length;
  }

  /** Data rows that are not blank: the records the file would import. */
  get recordCount(): number {
    return this.rowsSummary().dataRows;
  }

  /** Adds the next data row (the first goes on the row after the header). */
  appendRow(cells: readonly CellValue[], formats?: RowFormats): void {
    const index = this.rows.length;
    let row: RowState | null;
    if (this.log) {
      // Checked in a state used for every row, and copied only if there is something to keep (see `rows`).
      const probe = this.probe;
      probe.index = index;
      probe.stray = null;
      this.fill(probe, cells, formats);
      if (probe.problems !== null) this.log.add(index, probe.problems);
      row = probe.blank || probe.stray !== null ? keptCopy(probe) : null;
    } else {
      row = newRowState(index);
      this.fill(row, cells, formats);
    }
    this.rows.push(row);
    if (this.summary) noteRow(this.summary, row, index);
  }

  /** In a two-pass session, after the first pass: which data rows need `addCrossRow` (flag 1). */
  crossRowCandidates(): Uint8Array {
    const meetings = this.meetingsOfRows();
    const flags = new Uint8Array(meetings.length);
    for (let i = 0; i < meetings.length; i++) if (meetings[i] !== 0) flags[i] = 1;
    return flags;
  }

  /** The second pass of a two-pass session: enters a candidate row (by data-row index) in its cross-row groups. */
  addCrossRow(index: number, cells: readonly CellValue[], formats?: RowFormats): void {
    const meetings = this.meetingsOfRows();
    const row = this.rowAt(index);
    if (row.blank) return;
    const { bindings, width } = this.analysis;
    const texts = cells.length >= width && allStrings(cells) ? cells : cells.map((value, p) => cellText(value, bindings[p]?.column ?? null, formats?.[p]).text);
    const all = texts.length >= width ? texts : [...texts, ...new Array<string>(width - texts.length).fill("")];
    row.hash = rowHash(all, width);
    // Only the partitions where the row met another in the first pass: elsewhere it would stand alone.
    this.cross.add(row, all, this.cross.partitions <= 8 ? meetings[index] : ALL_PARTITIONS, this.meetingPoints);
  }

  /** Per data row, the partition indexes where the first pass saw it meet another row (see MeetingPoints). */
  private meetingsOfRows(): Uint8Array {
    if (!this.meetingPoints) throw new Error("crossRowCandidates and addCrossRow are for a two-pass session");
    // Rows are only appended in the first pass, so the meetings are worked out once, when the second begins.
    if (this.meetings?.length !== this.rows.length) this.meetings = this.meetingPoints.meetings(this.rows.length);
    return this.meetings;
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
    this.summary = null;
    return this.flush(touched);
  }

  /** Inserts rows before data-row `index` (rows below move down); returns the sheet rows to re-mark. */
  insertRows(index: number, rows: ReadonlyArray<readonly CellValue[]>, formats?: ReadonlyArray<RowFormats>): number[] {
    this.refuseEditsOfTwoPass();
    if (index < 0 || index > this.rows.length) throw new RangeError(`cannot insert at data row ${index} of ${this.rows.length}`);
    const added = rows.map((_, i) => newRowState(index + i));
    this.rows.splice(index, 0, ...added);
    for (let i = index + added.length; i < this.rows.length; i++) this.rows[i]!.index = i; // editable: no nulls
    added.forEach((row, i) => this.fill(row, rows[i], formats?.[i]));
    this.summary = null;
    return this.flushMoved(new Set(added), index + added.length);
  }

  /** Deletes `count` data rows from `index` (rows below move up); returns the sheet rows to re-mark. */
  deleteRows(index: number, count: number): number[] {
    this.refuseEditsOfTwoPass();
    if (index < 0 || count < 0 || index + count > this.rows.length) throw new RangeError(`cannot delete ${count} data rows at ${index} of ${this.rows.length}`);
    for (const row of this.rows.splice(index, count)) this.empty(row!); // editable: no nulls
    for (let i = index; i < this.rows.length; i++) this.rows[i]!.index = i;
    this.summary = null;
    return this.flushMoved(new Set(), index);
  }

  /**
   * After rows moved: a row keeps its findings when it moves, but a finding that names a moved row ("repeats row 9")
   * now reads differently, wherever it sits, so its row is re-marked too.
   */
  private flushMoved(touched: Set<RowState>, firstMoved: number): number[] {
    this.cross.flush(touched);
    for (const [target, findings] of this.cross.findingsByRow()) {
      if (findings.some((f) => f.other !== undefined && f.other.index >= firstMoved)) touched.add(target);
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
    this.flush(null);
    const file = this.fileFindings();
    const placed = file.filter((e) => e.row !== null && e.row > this.headerRow).sort((a, b) => a.row! - b.row!);
    // Index loops throughout: in a generator, for-of over an array makes an iterator result for every element.
    for (let i = 0; i < file.length; i++) if (file[i].row === null) yield file[i];
    for (let i = 0; i < file.length; i++) if (file[i].row === this.headerRow) yield file[i];
    const header = this.headerFindings();
    for (let i = 0; i < header.length; i++) yield header[i];
    // Only now: a reader after the file-level findings alone (is the file failed?) never walks every group.
    const byRow = this.cross.findingsByRow();
    const log = this.log;
    let logged = 0; // the log's next finding: the log is in row order, like this walk
    let next = 0;
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r];
      const sheetRow = this.headerRow + 1 + r;
      while (next < placed.length && placed[next].row! <= sheetRow) yield placed[next++];
      let problems: readonly PlacedProblem[] | null = row === null ? null : row.problems;
      if (log !== null && logged < log.length && log.row(logged) === r) {
        problems = this.loggedProblems(log, r, logged);
        logged += problems.length;
      }
      const grouped = row === null ? undefined : byRow.get(row);
      if (problems === null && grouped === undefined) continue;
      const findings = this.rowFindings(sheetRow, problems, grouped ?? []);
      for (let i = 0; i < findings.length; i++) yield findings[i];
    }
    while (next < placed.length) yield placed[next++];
  }

  /** How many errors, warnings and notes `eachException` would give, without writing a message. */
  counts(): Counts {
    this.flush(null);
    const counts: Counts = { ...this.problemCounts };
    const add = (code: Code) => countSeverity(counts, CATALOGUE[code].severity);
    for (const e of this.fileFindings()) add(e.code as Code);
    for (const f of this.analysis.findings) add(f.code);
    for (const findings of this.cross.findingsByRow().values()) for (const finding of findings) add(finding.code);
    return counts;
  }

  /** The findings on one data row, as the add-in shows them when the user selects it. */
  rowExceptions(index: number): Exception[] {
    this.flush(null);
    const row = this.rowAt(index);
    if (!this.log) return this.rowFindings(this.sheetRow(row), row.problems, this.cross.findingsOf(row));
    // A two-pass session lets the keys of judged rows go (see judgeComplete), so their findings are looked up by row.
    const problems = this.loggedProblems(this.log, index, this.log.firstAtOrAfter(index));
    return this.rowFindings(this.sheetRow(row), problems, this.cross.findingsByRow().get(row) ?? []);
  }

  /** The findings the log holds for data row `row`, whose first is at or after `at`, with their parameters made again. */
  private loggedProblems(log: ProblemLog, row: number, at: number): PlacedProblem[] {
    const problems: PlacedProblem[] = [];
    for (let i = at; i < log.length && log.row(i) === row; i++) {
      const position = log.position(i);
      const code = log.code(i);
      problems.push({ position, code, params: this.remadeParams(position, code, log.detail(i)) });
    }
    return problems;
  }

  /**
   * The parameters of a finding kept as its cell's text: made again by the check that made them (the whitespace
   * check, or the column's cell check on the trimmed text), which are pure functions of the text.
   */
  private remadeParams(position: number, code: Code, detail: string | Params): Params {
    if (typeof detail !== "string") return detail;
    const checked = trimmedCell(detail);
    if (code === "whitespace") return whitespaceParams(detail, checked);
    const problem = this.checks[position]?.(checked);
    if (problem?.code !== code) throw new Error(`the ${code} finding in column ${position + 1} was not found again in its text`);
    return problem.params;
  }

  private refuseEditsOfTwoPass(): void {
    // Rows that met no other in the first pass were never entered, so an edit could not find the rows it now meets.
    if (this.meetingPoints) throw new Error("a two-pass session checks a file once; it cannot be edited");
  }

  private rowAt(index: number): RowState {
    const row = this.rows[index];
    if (row === undefined) throw new RangeError(`no data row ${index}; the sheet has ${this.rows.length}`);
    if (row !== null) return row;
    // A clean row of a two-pass session, now needed (its cross-row entries, its findings): its state, made as it was.
    const made = newRowState(index);
    this.rows[index] = made;
    return made;
  }

  private sheetRow(row: RowState): number {
    return this.headerRow + 1 + row.index;
  }

  /** Checks one row's cells and rules and enters it in its cross-row groups. The hot path: keep it lean. */
  private fill(row: RowState, cells: readonly CellValue[], formats: RowFormats): void {
    const { width } = this.analysis;
    const fromSheet = formats !== null && formats !== undefined;
    // CSV rows are all text: they are checked where they stand, and the check itself stops at a value that is not
    // text. Such a row (from Excel) is turned into the file's text first and checked again.
    let texts = cells as readonly string[];
    const asText = cells.length >= width ? this.checkCells(row, texts, null, fromSheet) : NOT_TEXT;
    let problems: PlacedProblem[] | null;
    if (asText !== NOT_TEXT) problems = asText;
    else {
      row.stray = null;
      const notices = this.toTexts(cells, formats);
      texts = this.scratch;
      problems = this.checkCells(row, texts, notices, fromSheet) as PlacedProblem[] | null; // all text now
    }
    const blank = row.blank;
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
    if (problems !== null && problems.length > 1 && !inOrder(problems)) problems.sort((a, b) => a.position - b.position);
    row.problems = problems;
    if (problems !== null) tally(this.problemCounts, problems, 1);
    if (this.meetingPoints) {
      this.cross.meetingPoints(texts, row.index, this.meetingPoints);
      return;
    }
    row.hash = rowHash(texts, width);
    this.cross.add(row, texts);
  }

  /**
   * Turns an Excel row into the file's text, in `scratch` (an array kept for the purpose: stores into it cost more
   * than reading a CSV row in place); returns the notices of the conversion (a number stored for an ID, ...).
   */
  private toTexts(cells: readonly CellValue[], formats: RowFormats): PlacedProblem[] | null {
    const { bindings, width } = this.analysis;
    const length = Math.max(cells.length, width);
    if (this.scratch.length !== length) this.scratch.length = length; // a runtime call, so only when needed
    let notices: PlacedProblem[] | null = null;
    for (let p = 0; p < length; p++) {
      const value = cells[p];
      if (typeof value === "string") {
        this.scratch[p] = value;
        continue;
      }
      if (value === null || value === undefined) {
        this.scratch[p] = "";
        continue;
      }
      const binding = p < width ? bindings[p] : undefined;
      const converted = cellText(value, binding?.column ?? null, formats?.[p]);
      this.scratch[p] = converted.text;
      if (converted.notice && binding?.column) {
        const { code, displayed, stored } = converted.notice;
        const shownAs = displayed === stored ? "" : ` (shown as ${displayed})`;
        (notices ??= []).push({ position: p, code, params: { column: binding.column.name, displayed, stored, shownAs, text: converted.text } });
      }
    }
    return notices;
  }

  /**
   * Checks each cell's text; sets the row's blank flag and notes its values without a header; returns `problems` with
   * the cells' own added, or NOT_TEXT at the first value that is not text. `fromSheet` says the row came from Excel
   * (a date held as text is then said to be one).
   */
  private checkCells(row: RowState, texts: readonly string[], problems: PlacedProblem[] | null, fromSheet: boolean): PlacedProblem[] | null | typeof NOT_TEXT {
    const { checks, limits, lastGood } = this;
    const width = limits.length;
    let blank = true;
    for (let p = 0; p < texts.length; p++) {
      const text = texts[p];
      if (typeof text !== "string") return NOT_TEXT;
      if (text.length === 0) continue;
      blank = false;
      const limit = p < width ? limits[p] : STRAY;
      if (limit < MUST_CHECK) {
        if (limit === STRAY) (row.stray ??= []).push(p);
        continue; // an unknown column is reported once, in the header
      }
      // A control character at an edge counts as space here, though trim() keeps it: the finding stands.
      const edged = spaceAtEdge(text);
      const checked = edged ? text.trim() : text;
      if (edged) {
        (problems ??= []).push({ position: p, code: "whitespace", params: whitespaceParams(text, checked), cell: text });
        if (checked === "") continue;
      }
      // Most cells are plain text within their limit: no call needed (the _CLEAR_ token is 7 characters, from "_").
      if (checked.length <= limit && (checked.length !== 7 || checked.charCodeAt(0) !== 95)) continue;
      // Files repeat codes, units, sizes and dates from row to row: a value just found good needs no second look.
      if (checked === lastGood[p]) continue;
      const problem = checks[p]!(checked);
      if (problem === null) {
        // Only short values are remembered: a longer one may be a slice that keeps its whole chunk of the file alive.
        if (checked.length < 13) lastGood[p] = checked;
        continue;
      }
      // A sheet cell that shows a date but holds text: say so, since re-entering it as a date is the fix. The text alone
      // then no longer gives the parameters.
      const heldAsText = fromSheet && (problem.code === "date-format" || problem.code === "datetime-format");
      if (heldAsText) problem.params.heldAsText = " Excel holds it as text, not as a date.";
      (problems ??= []).push({ position: p, code: problem.code, params: problem.params, cell: heldAsText ? undefined : text });
    }
    row.blank = blank;
    return problems;
  }

  /** Takes a row out of its partitions and forgets its findings, before it is re-filled or deleted. */
  private empty(row: RowState): void {
    this.cross.remove(row);
    if (row.problems !== null) tally(this.problemCounts, row.problems, -1);
    row.problems = null;
    row.stray = null;
    row.blank = false;
  }

  /** Re-judges the partitions that changed; returns the sheet rows whose findings may differ, in order. */
  private flush(touched: Set<RowState> | null): number[] {
    this.cross.flush(touched);
    const rows: number[] = [];
    if (touched) for (const row of touched) if (this.rows[row.index] === row) rows.push(this.sheetRow(row));
    return rows.sort((a, b) => a - b);
  }

  private rowFindings(sheetRow: number, problems: readonly PlacedProblem[] | null, grouped: readonly GroupFinding[]): Exception[] {
    // Most rows with findings have only their own, already in column order.
    if (grouped.length === 0) return (problems ?? []).map((problem) => this.cellException(sheetRow, problem.position, problem.code, problem.params));
    const placed: Array<{ position: number; exception: Exception }> = [];
    for (const problem of problems ?? []) placed.push({ position: problem.position, exception: this.cellException(sheetRow, problem.position, problem.code, problem.params) });
    for (const finding of grouped) {
      // The row a message names is numbered as it is written, since rows move. The number goes into the finding's own
      // parameters, which only its message reads: copying the parameters first cost more than the message.
      if (finding.other !== undefined) finding.params.other = this.sheetRow(finding.other);
      placed.push({ position: finding.position, exception: this.cellException(sheetRow, finding.position, finding.code, finding.params) });
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

  /**
   * What the findings about the whole table are made from, gathered in one walk over the rows: a report asks for
   * them several times (its counts, whether the file failed, the findings), so the walk is made again only after rows
   * change.
   */
  private rowsSummary(): RowsSummary {
    if (this.summary) return this.summary;
    const summary = emptySummary();
    for (let i = 0; i < this.rows.length; i++) noteRow(summary, this.rows[i], i);
    this.summary = summary;
    return summary;
  }

  /** Findings that need the whole table: emptiness, blank rows, and values in columns without a header. */
  private fileFindings(): Exception[] {
    const out: Exception[] = [];
    const { width, bindings } = this.analysis;
    const { dataRows, lastData, blankRuns, stray } = this.rowsSummary();
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

/** What checkCells says of a row that holds a value other than text: it must be turned into text first. */
const NOT_TEXT = Symbol("not text");

/** What a cell at a position needs besides a plain-text length check (see ValidationSession's `limits`). */
const MUST_CHECK = -1;
const UNKNOWN = -2;
const STRAY = -3;

/** The rows' walk that the file-level findings are made from (see ValidationSession's rowsSummary). */
interface RowsSummary {
  /** Rows that are not blank. */
  dataRows: number;
  lastData: number;
  /** Runs of blank rows between data rows, as [first, last] data-row indexes. */
  blankRuns: Array<[number, number]>;
  /** Where the blank rows since the last data row began; -1 when the last row holds data. */
  openRun: number;
  /** Per position without a header, how many rows hold a value there, and the first. */
  stray: Map<number, { count: number; first: RowState }>;
}

/**
 * A row state worth keeping, copied from the probe it was checked in (its findings are in the session's log). Its own
 * object literal: V8 notes where objects are made and, seeing that all of these live on, makes them straight in the
 * old generation instead of copying them out of the young one.
 */
function keptCopy(probe: RowState): RowState {
  return { blank: probe.blank, hash: 0, problems: null, stray: probe.stray, entries: null, index: probe.index };
}

/** Whether a cell's text starts or ends with a space (or a control character): a whitespace finding. */
function spaceAtEdge(text: string): boolean {
  return isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1));
}

/** A cell's text as the cell checks see it: trimmed when it has a space at an edge (nearly every cell has none). */
function trimmedCell(text: string): string {
  return spaceAtEdge(text) ? text.trim() : text;
}

function isSpace(c: number): boolean {
  return c <= 32 || c === 160;
}

/** The parameters of a whitespace finding on `text`, which trims to `trimmed`. */
function whitespaceParams(text: string, trimmed: string): Params {
  const leading = isSpace(text.charCodeAt(0));
  const where = trimmed === "" ? "only" : leading ? (isSpace(text.charCodeAt(text.length - 1)) ? "leading and trailing" : "leading") : "trailing";
  return { value: shown(text), where };
}

function emptySummary(): RowsSummary {
  return { dataRows: 0, lastData: -1, blankRuns: [], openRun: -1, stray: new Map() };
}

/** Adds the next row (data-row index `index`; null for a clean row of a two-pass session) to a summary. */
function noteRow(summary: RowsSummary, row: RowState | null, index: number): void {
  if (row !== null && row.blank) {
    if (summary.openRun < 0) summary.openRun = index;
    return;
  }
  if (summary.openRun >= 0) summary.blankRuns.push([summary.openRun, index - 1]);
  summary.openRun = -1;
  summary.dataRows++;
  summary.lastData = index;
  if (row === null || row.stray === null) return;
  for (const p of row.stray) {
    const entry = summary.stray.get(p);
    if (entry) entry.count++;
    else summary.stray.set(p, { count: 1, first: row });
  }
}

/** Adds (sign 1) or takes away (sign -1) a row's problems from running counts by severity. */
function tally(counts: Counts, problems: readonly PlacedProblem[], sign: 1 | -1): void {
  for (const problem of problems) {
    const severity = CATALOGUE[problem.code].severity;
    if (severity === "error") counts.errors += sign;
    else if (severity === "warning") counts.warnings += sign;
    else counts.infos += sign;
  }
}

/** Whether problems are already in column order, as a row's usually are: then they need no sort. */
function inOrder(problems: readonly PlacedProblem[]): boolean {
  for (let i = 1; i < problems.length; i++) if (problems[i].position < problems[i - 1].position) return false;
  return true;
}

function allStrings(cells: readonly CellValue[]): cells is readonly string[] {
  for (let i = 0; i < cells.length; i++) if (typeof cells[i] !== "string") return false;
  return true;
}
