/**
 * An in-memory WorkbookAdapter for the task pane's tests.
 *
 * What it does: records every call with its arguments; `validate` reports progress through each phase and returns
 * the result set in `nextResult` (its spec and `detectedBy` follow `importType`); any method can be made to fail via
 * `failures`; `hold()` keeps `validate` pending until released, to see progress and cancel; `emitValidation` and
 * `emitSelection` play the live events. Submitting and fixing: `exportSubmission` returns `nextSubmission`,
 * `showServerFindings` returns `serverResult` (by default `nextResult` with the findings appended) and tells the
 * validation listeners; `fixLabel` answers from `fixLabels` by code; `planFix` returns `nextPlan` (by default one
 * change for the finding's cell); `applyFix` returns `afterFix` and makes `canUndoFix()` true; `undoFix` returns
 * `afterUndo` (null when nothing to undo) and makes it false.
 *
 * What it does not: no cells, no marking, no real validation (findings are whatever the test puts in), no Office
 * limits, no debouncing of events.
 */
import type {
  FixPlan,
  FixScope,
  HostCapabilities,
  SelectedCell,
  SheetValidation,
  Submission,
  ValidateOptions,
  WorkbookAdapter,
} from "../../src/excel/types";
import { IMPORT_SPECS, specById } from "../../src/spec";
import type { Component, ImportTypeId } from "../../src/spec/types";
import { countBySeverity, type Exception, type Severity } from "../../src/validation";

type Method = keyof WorkbookAdapter;

export class FakeWorkbook implements WorkbookAdapter {
  capabilitiesValue: HostCapabilities = { notes: true, triggerSource: true };
  /** What the next `validate` returns (before the import type is applied). */
  nextResult: SheetValidation = resultOf([]);
  /** Methods that reject with this error. */
  failures: Partial<Record<Method, unknown>> = {};
  readonly calls = {
    validate: [] as ValidateOptions[],
    selectFinding: [] as Array<{ row: number | null; column: string | null; sheet?: string }>,
    writeExceptionsSheet: 0,
    prepareSheet: [] as Array<string | undefined>,
    newStarterSheet: [] as Array<{ importType: ImportTypeId; starterOnly?: boolean }>,
    clearMarks: 0,
    setNotes: [] as boolean[],
    exportSubmission: 0,
    showServerFindings: [] as Array<{ findings: readonly Exception[]; submission: Pick<Submission, "sheet" | "sheetRows"> }>,
    fixLabel: [] as Exception[],
    planFix: [] as Array<{ finding: Exception; scope: FixScope }>,
    applyFix: [] as FixPlan[],
    undoFix: 0,
  };
  /** What `exportSubmission` returns. */
  nextSubmission: Submission = submissionOf();
  /** What `showServerFindings` returns; when null, `nextResult` with the given findings appended. */
  serverResult: SheetValidation | null = null;
  /** `fixLabel`'s answer by finding code (null for codes not listed). */
  fixLabels: Record<string, string> = { whitespace: "Trim the spaces" };
  /** What `planFix` returns; when null, one change on the finding's cell ("before" → "after"). */
  nextPlan: FixPlan | null = null;
  /** What `applyFix` returns; when null, `nextResult`. */
  afterFix: SheetValidation | null = null;
  /** What `undoFix` returns when there is something to undo; when null, `nextResult`. */
  afterUndo: SheetValidation | null = null;
  private undoable = false;
  private readonly validationListeners = new Set<(result: SheetValidation) => void>();
  private readonly errorListeners = new Set<(error: unknown) => void>();
  private readonly selectionListeners = new Set<(cell: SelectedCell) => void>();
  private gate: Promise<void> | null = null;

  /** Makes `validate` wait (after reporting "validating" 40%) until the returned function is called. */
  hold(): () => void {
    let release = () => {};
    this.gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.gate = null;
      release();
    };
  }

  get listenerCount(): number {
    return this.validationListeners.size + this.selectionListeners.size + this.errorListeners.size;
  }

  async capabilities(): Promise<HostCapabilities> {
    this.failIfSet("capabilities");
    return this.capabilitiesValue;
  }

  async listSheets(): Promise<string[]> {
    this.failIfSet("listSheets");
    return [this.nextResult.sheet];
  }

  async validate(options: ValidateOptions = {}): Promise<SheetValidation> {
    this.calls.validate.push(options);
    this.failIfSet("validate");
    options.onProgress?.("reading", 0);
    options.onProgress?.("reading", 1);
    options.onProgress?.("validating", 0.4);
    if (this.gate) {
      const gate = this.gate;
      await new Promise<void>((resolve, reject) => {
        options.signal?.addEventListener("abort", () => reject(new DOMException("The validation was cancelled.", "AbortError")));
        void gate.then(resolve);
      });
    }
    options.onProgress?.("validating", 1);
    options.onProgress?.("marking", 1);
    const result = this.nextResult;
    if (!options.importType) return result;
    return { ...result, spec: specById(options.importType), detectedBy: "user" };
  }

  async clearMarks(): Promise<void> {
    this.calls.clearMarks++;
    this.failIfSet("clearMarks");
  }

  async selectFinding(finding: Pick<Exception, "row" | "column">, sheet?: string): Promise<void> {
    this.calls.selectFinding.push({ row: finding.row, column: finding.column, sheet });
    this.failIfSet("selectFinding");
  }

  async writeExceptionsSheet(): Promise<string> {
    this.calls.writeExceptionsSheet++;
    this.failIfSet("writeExceptionsSheet");
    return "Exceptions";
  }

  async prepareSheet(sheet?: string): Promise<void> {
    this.calls.prepareSheet.push(sheet);
    this.failIfSet("prepareSheet");
  }

  async newStarterSheet(importType: ImportTypeId, starterOnly?: boolean): Promise<string> {
    this.calls.newStarterSheet.push({ importType, starterOnly });
    this.failIfSet("newStarterSheet");
    return `${specById(importType).label} starter`;
  }

  async setNotes(enabled: boolean): Promise<void> {
    this.calls.setNotes.push(enabled);
    this.failIfSet("setNotes");
  }

  async exportSubmission(): Promise<Submission> {
    this.calls.exportSubmission++;
    this.failIfSet("exportSubmission");
    return this.nextSubmission;
  }

  async showServerFindings(findings: readonly Exception[], submission: Pick<Submission, "sheet" | "sheetRows">): Promise<SheetValidation> {
    this.calls.showServerFindings.push({ findings, submission });
    this.failIfSet("showServerFindings");
    const exceptions = [...this.nextResult.exceptions, ...findings];
    const result = this.serverResult ?? { ...this.nextResult, exceptions, counts: countBySeverity(exceptions) };
    this.emitValidation(result);
    return result;
  }

  fixLabel(finding: Exception): string | null {
    this.calls.fixLabel.push(finding);
    this.failIfSet("fixLabel");
    return this.fixLabels[finding.code] ?? null;
  }

  async planFix(finding: Exception, scope: FixScope): Promise<FixPlan> {
    this.calls.planFix.push({ finding, scope });
    this.failIfSet("planFix");
    if (this.nextPlan) return this.nextPlan;
    const label = this.fixLabels[finding.code] ?? "Fix";
    const changes = finding.row !== null && finding.column !== null ? [{ row: finding.row, column: finding.column, before: "before", after: "after", asText: false }] : [];
    return { sheet: this.nextResult.sheet, code: finding.code, label, scope, changes };
  }

  async applyFix(plan: FixPlan): Promise<SheetValidation> {
    this.calls.applyFix.push(plan);
    this.failIfSet("applyFix");
    if (plan.changes.length > 0) this.undoable = true;
    return this.afterFix ?? this.nextResult;
  }

  async undoFix(): Promise<SheetValidation | null> {
    this.calls.undoFix++;
    this.failIfSet("undoFix");
    if (!this.undoable) return null;
    this.undoable = false;
    return this.afterUndo ?? this.nextResult;
  }

  canUndoFix(): boolean {
    return this.undoable;
  }

  onValidationChanged(listener: (result: SheetValidation) => void): () => void {
    this.validationListeners.add(listener);
    return () => this.validationListeners.delete(listener);
  }

  onSelectionChanged(listener: (cell: SelectedCell) => void): () => void {
    this.selectionListeners.add(listener);
    return () => this.selectionListeners.delete(listener);
  }

  onLiveError(listener: (error: unknown) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  emitLiveError(error: unknown): void {
    this.errorListeners.forEach((listener) => listener(error));
  }

  emitValidation(result: SheetValidation): void {
    this.validationListeners.forEach((listener) => listener(result));
  }

  emitSelection(cell: SelectedCell): void {
    this.selectionListeners.forEach((listener) => listener(cell));
  }

  private failIfSet(method: Method): void {
    if (method in this.failures) throw this.failures[method];
  }
}

/** A result as the adapter would return it for these findings, detected as `importType` from the header. */
export function resultOf(exceptions: Exception[], importType: ImportTypeId = IMPORT_SPECS[0].id, rows = 500): SheetValidation {
  return {
    sheet: "Sheet1",
    spec: specById(importType),
    detectedBy: "header",
    rows,
    columns: 12,
    exceptions,
    counts: countBySeverity(exceptions),
  };
}

/** A submission as `exportSubmission` would make it: `rows` data rows from sheet row 2 on. */
export function submissionOf(rows = 3, importType: ImportTypeId = IMPORT_SPECS[0].id): Submission {
  const spec = specById(importType);
  const header = spec.columns.slice(0, 2).map((c) => c.name).join(",");
  return {
    sheet: "Sheet1",
    importType,
    fileName: `Sheet1 - ${importType}.csv`,
    csv: [header, ...Array.from({ length: rows }, (_, i) => `A${i + 1},B${i + 1}`)].join("\r\n") + "\r\n",
    rows,
    sheetRows: Array.from({ length: rows }, (_, i) => i + 2),
    counts: { errors: 0, warnings: 0, infos: 0 },
  };
}

export function finding(row: number | null, column: string | null, severity: Severity, code: string, component: Component, message: string): Exception {
  return { row, column, severity, code, component, message };
}

/** A small, varied set: two errors, a warning and an info, on different columns and components. */
export const FEW: Exception[] = [
  finding(2, "Meter_ID", "error", "too-long", "Meter", '"M-0000000000000000000000001" has 27 characters; Meter_ID takes at most 20.'),
  finding(3, "Service_Point_Type", "error", "invalid-code", "ServicePoint", '"X" is not an allowed Service_Point_Type; use W, S or F.'),
  finding(4, "Account_ID", "warning", "whitespace", "Account", '" A1" has leading spaces; they would be imported as part of the value. Trim them.'),
  finding(null, null, "info", "trailing-blank-rows", "File", "3 blank row(s) after the last data row were ignored."),
];

const COLUMNS: Array<[string, Component]> = [
  ["Account_ID", "Account"],
  ["Location_ID", "Location"],
  ["Meter_ID", "Meter"],
  ["Endpoint_SN", "Endpoint"],
  ["Service_Point_Type", "ServicePoint"],
];
const SEVERITIES: Severity[] = ["error", "error", "warning", "info"];

/** `count` findings spread over five columns and three severities, one per row from row 2. */
export function manyFindings(count: number): Exception[] {
  const out = new Array<Exception>(count);
  for (let i = 0; i < count; i++) {
    const [column, component] = COLUMNS[i % COLUMNS.length];
    const severity = SEVERITIES[i % SEVERITIES.length];
    out[i] = finding(i + 2, column, severity, severity === "error" ? "required" : "whitespace", component, `Finding ${i + 1} on ${column}.`);
  }
  return out;
}
