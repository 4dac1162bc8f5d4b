/**
 * What the task pane may ask of the workbook. `src/excel/` implements it (the only code that touches Excel.* and
 * Office.*); `src/taskpane/` calls it and never calls Excel.run itself. Rows are sheet rows (header = 1), columns
 * the headers as written, exactly as in an Exception.
 */
import type { ImportSpec, ImportTypeId } from "../spec/types";
import type { Counts, Exception } from "../validation";

export type Phase = "reading" | "validating" | "marking";

export interface ValidateOptions {
  /** The worksheet to check; the active one when absent. */
  sheet?: string;
  /** Overrides detection from the header row. */
  importType?: ImportTypeId;
  /** 0..1 within the phase; called often, so keep it cheap. */
  onProgress?: (phase: Phase, fraction: number) => void;
  signal?: AbortSignal;
}

export interface SheetValidation {
  sheet: string;
  /** The type used, and how it was chosen. Null when the header matches no type (the findings then say why). */
  spec: ImportSpec | null;
  detectedBy: "header" | "user" | "none";
  /** Data rows read (not counting blank rows at the end). */
  rows: number;
  columns: number;
  /** All findings, local and (after a submit) the server's, in report order. */
  exceptions: readonly Exception[];
  counts: Counts;
}

export interface SelectedCell {
  sheet: string;
  row: number;
  /** The header of the selected column, or null beyond the headers. */
  column: string | null;
  /** The findings on that cell (and the row-level findings of that row with no column). */
  exceptions: readonly Exception[];
}

export interface HostCapabilities {
  /** Notes on cells (ExcelApi 1.18); otherwise findings show only in the pane. */
  notes: boolean;
  /** Events know when the add-in itself made a change (ExcelApi 1.14); otherwise a flag around our own writes. */
  triggerSource: boolean;
}

export interface WorkbookAdapter {
  capabilities(): Promise<HostCapabilities>;
  listSheets(): Promise<string[]>;
  /** Reads, validates and marks the sheet; replaces the marks of any earlier run. */
  validate(options?: ValidateOptions): Promise<SheetValidation>;
  /** Removes every mark the add-in made; the sheet's own formatting is exactly as before. */
  clearMarks(): Promise<void>;
  /** Selects (and scrolls to) the cell of a finding; a row-level finding selects the row's first cell. */
  selectFinding(finding: Pick<Exception, "row" | "column">, sheet?: string): Promise<void>;
  /** Writes (or rewrites) the "Exceptions" worksheet: one row per finding with a link to its cell. Returns its name. */
  writeExceptionsSheet(): Promise<string>;
  /** Excel data validation from the spec on the data columns, frozen header, required columns styled. */
  prepareSheet(sheet?: string): Promise<void>;
  /** A new worksheet with the headers of the import type (the Starter Spreadsheet for Accounts and Assets), prepared. */
  newStarterSheet(importType: ImportTypeId, starterOnly?: boolean): Promise<string>;
  /** Notes on marked cells, where supported and the user opted in. */
  setNotes(enabled: boolean): Promise<void>;
  /** Live re-validation after edits, pastes, inserts and deletes (debounced); the listener gets each new result. */
  onValidationChanged(listener: (result: SheetValidation) => void): () => void;
  onSelectionChanged(listener: (cell: SelectedCell) => void): () => void;
  /** A live re-validation (or a note) that failed in the background; the pane says so rather than go quiet. */
  onLiveError(listener: (error: unknown) => void): () => void;

  /**
   * The validated sheet as the file the import API receives, read afresh: canonical headers, no blank rows or
   * columns, IDs and codes as text, dates as the spec writes them. Rejects when no sheet was validated.
   */
  exportSubmission(): Promise<Submission>;
  /**
   * Paints the import API's findings back onto the cells they name (file rows turned into sheet rows with the
   * submission's `sheetRows`), alongside the local ones, and lists them the same way. Only the findings the engine
   * cannot make (they need stored data) are added: the rest are the local findings again. A new validation drops them.
   * Listeners of onValidationChanged get the merged result too.
   */
  showServerFindings(findings: readonly Exception[], submission: Pick<Submission, "sheet" | "sheetRows">): Promise<SheetValidation>;
  /** What a safe fix for this finding would do ("Trim the spaces", ...), or null when it has none. Cheap. */
  fixLabel(finding: Exception): string | null;
  /** The cells a fix would change, read afresh, for the user to preview; `all` takes every finding of the same code and column. */
  planFix(finding: Exception, scope: FixScope): Promise<FixPlan>;
  /** Writes the plan's cells (only those still holding `before`), re-validates them and keeps the plan for undo. */
  applyFix(plan: FixPlan): Promise<SheetValidation>;
  /** Puts back what the add-in's own last fix replaced (values and number formats); null when there is nothing to undo. */
  undoFix(): Promise<SheetValidation | null>;
  /** Whether undoFix has something to put back. */
  canUndoFix(): boolean;
}

/** A sheet turned into the CSV file the import API receives. */
export interface Submission {
  sheet: string;
  importType: ImportTypeId;
  /** A safe file name from the sheet's name and the import type, ending in .csv. */
  fileName: string;
  csv: string;
  /** Data rows in the file (the header not counted). */
  rows: number;
  /** sheetRows[i] is the sheet row that became the file's row i + 2 (the file's header is row 1). */
  sheetRows: readonly number[];
  /** The local findings' counts when the file was made: the pane refuses to send errors unless the user insists. */
  counts: Counts;
}

export type FixScope = "cell" | "all";

export interface FixChange {
  row: number;
  column: string;
  /** The cell's text before and after, as the user sees it. */
  before: string;
  after: string;
  /** The fix also formats the cell as Text ("@"), so Excel keeps what is typed (an ID with leading zeros). */
  asText: boolean;
}

export interface FixPlan {
  sheet: string;
  code: string;
  label: string;
  scope: FixScope;
  changes: readonly FixChange[];
}

// ---- Added by src/excel (the adapter's own additions; nothing above changed) -------------------------------------

/** How the adapter is set up; the task pane passes nothing. */
export interface AdapterOptions {
  /** The specs to choose from (a utility's overrides applied); IMPORT_SPECS by default. */
  specs?: readonly ImportSpec[];
  /** Quiet time before live re-validation runs; 300 ms by default. */
  debounceMs?: number;
  /** Called after each live re-validation with what it cost (for the benchmark and diagnostics). */
  onLiveTiming?: (timing: LiveTiming) => void;
}

export interface LiveTiming {
  /** Rows read back from the sheet. */
  rowsRead: number;
  /** Time in the engine and the add-in's bookkeeping (findings, marks), between reading and painting. */
  engineMs: number;
  /** Time to rebuild the findings list in report order for the listeners. */
  listMs: number;
  /** Whether marks changed (and so were repainted and saved). */
  marksChanged: boolean;
  /** A structural change made it validate the whole sheet again. */
  full: boolean;
}

/** The adapter `createExcelAdapter` returns: the contract, plus what a host page or test needs around it. */
export interface ExcelWorkbookAdapter extends WorkbookAdapter {
  /**
   * Runs any re-validation still waiting out its debounce, and resolves once queued events and workbook work are done
   * (tests, the benchmark, before the pane closes). Rejects with the first error a live re-validation met since the
   * last call: live work has no caller to throw to otherwise.
   */
  whenIdle(): Promise<void>;
  /** Removes the event handlers the adapter registered. */
  dispose(): Promise<void>;
}
