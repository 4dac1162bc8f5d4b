/// <reference types="office-js" />
/**
 * The WorkbookAdapter the task pane uses: each operation is a plain async function of this folder wrapping
 * `Excel.run`; this class holds what lives between them (the validated sheet's state, the settings last read or
 * written, the listeners) and runs workbook work one operation at a time, so a live re-validation never interleaves
 * with a full one or with clearing the marks.
 */
import { IMPORT_SPECS } from "../spec";
import type { ImportSpec, ImportTypeId } from "../spec/types";
import type { Exception } from "../validation";
import { fixLabel } from "../validation/fixes";
import { cellAddress, type CellRect } from "./addresses";
import { planFix, writeFix, writeUndo, type UndoRecord } from "./cellFixes";
import { detectCapabilities } from "./capabilities";
import { registerSheetEvents } from "./eventHandlers";
import { runExcel } from "./excelRun";
import { writeExceptionsSheet } from "./exceptionsSheet";
import { changeOf, Debouncer, revalidateChanges, type LiveChange } from "./liveValidation";
import { MARK_SEVERITIES } from "./markIndex";
import { NOTE_LIMIT, NotedCells, noteText, placeNotes, removeOurNotes, type NoteTarget } from "./notes";
import { OldMarks } from "./oldMarks";
import { OwnWrites } from "./ownWrites";
import { prepareSheet } from "./prepareSheet";
import { repaintRows } from "./repaint";
import { placeServerFindings } from "./serverFindings";
import { selectedCellOf } from "./selection";
import { loadSetting, parseSetting, saveSetting, type StoredState } from "./settings";
import type { SheetState } from "./sheetState";
import { newStarterSheet } from "./starterSheet";
import { exportSubmission } from "./submission";
import type { AdapterOptions, ExcelWorkbookAdapter, FixPlan, FixScope, HostCapabilities, SelectedCell, SheetValidation, Submission, ValidateOptions } from "./types";
import { validateSheet, type FullValidation } from "./validateSheet";

export function createExcelAdapter(options: AdapterOptions = {}): ExcelWorkbookAdapter {
  return new ExcelAdapter(options);
}

const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

class ExcelAdapter implements ExcelWorkbookAdapter {
  private readonly specs: readonly ImportSpec[];
  private state: SheetState | null = null;
  private stored: StoredState | null = null;
  private readWidth = 0;
  private notesWanted = false;
  private readonly noted = new NotedCells();
  private readonly ownWrites = new OwnWrites(detectCapabilities().triggerSource);
  private readonly validationListeners = new Set<(result: SheetValidation) => void>();
  private readonly selectionListeners = new Set<(cell: SelectedCell) => void>();
  private readonly sheetNames = new Map<string, string>();
  private chain: Promise<unknown> = Promise.resolve();
  private validating = false;
  private readonly debouncer: Debouncer<LiveChange>;
  private unregister: Promise<() => Promise<void>> | null = null;
  private failures: unknown[] = [];
  private readonly errorListeners = new Set<(error: unknown) => void>();
  /** What the add-in's own last fix replaced (one level). */
  private undo: UndoRecord | null = null;

  constructor(private readonly options: AdapterOptions) {
    this.specs = options.specs ?? IMPORT_SPECS;
    this.debouncer = new Debouncer(options.debounceMs ?? 300, (changes) => {
      this.serial(() => this.applyLive(changes)).catch((error: unknown) => this.failed(error));
    });
  }

  /** Runs workbook work after whatever is running (even if that failed). */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  async capabilities(): Promise<HostCapabilities> {
    const { notes, triggerSource } = detectCapabilities();
    return { notes, triggerSource };
  }

  listSheets(): Promise<string[]> {
    return this.serial(() =>
      runExcel(async (context) => {
        const worksheets = context.workbook.worksheets;
        worksheets.load("items/id,items/name,items/visibility");
        await context.sync();
        for (const s of worksheets.items) this.sheetNames.set(s.id, s.name);
        return worksheets.items.filter((s) => s.visibility === "Visible").map((s) => s.name);
      }),
    );
  }

  validate(options: ValidateOptions = {}): Promise<SheetValidation> {
    return this.serial(async () => {
      // Every row is read again, so changes waiting to be re-checked are moot.
      this.debouncer.cancel();
      this.validating = true;
      try {
        this.adopt(await validateSheet(options, this.specs));
      } finally {
        this.validating = false;
      }
      await this.ensureEvents();
      if (this.notesWanted && detectCapabilities().notes) await this.renewNotes();
      return this.state!.result();
    });
  }

  private adopt(full: FullValidation): void {
    this.state = full.state;
    this.stored = full.stored;
    this.readWidth = full.readWidth;
    this.noted.clear();
    for (const [id, name] of full.sheetNames) this.sheetNames.set(id, name);
  }

  private async ensureEvents(): Promise<void> {
    this.unregister ??= registerSheetEvents({ changed: (event) => this.onChanged(event), selected: (event) => this.onSelected(event) });
    await this.unregister;
  }

  private onChanged(event: Excel.WorksheetChangedEventArgs): void {
    const state = this.state;
    if (!state || event.worksheetId !== state.sheetId || this.ownWrites.isOwn(event)) return;
    const change = changeOf(event);
    // Rows inserted or deleted while a full read is under way may have shifted rows it had not read yet.
    this.debouncer.push(this.validating && change.kind !== "edit" ? { kind: "full" } : change);
  }

  private onSelected(event: Excel.WorksheetSelectionChangedEventArgs): void {
    const state = this.state;
    const cell = selectedCellOf(state, event, (id) => this.sheetNames.get(id) ?? "");
    for (const listener of this.selectionListeners) listener(cell);
    const position = cell.column === null ? null : state?.columnOf(cell.column);
    if (!state || !this.notesWanted || !detectCapabilities().notes || position === null || position === undefined) return;
    if (!cell.exceptions.some((f) => f.severity !== "info") || this.noted.has(cell.row, position)) return;
    // Past the first NOTE_LIMIT notes, a note appears on a marked cell when the user selects it.
    this.serial(() => this.addNotes([{ row: cell.row, column: position, text: noteText(cell.exceptions) }])).catch((error: unknown) => this.failed(error));
  }

  private async applyLive(changes: LiveChange[]): Promise<void> {
    if (!this.state || !this.stored) return;
    await this.revalidate(changes);
  }

  /** Re-checks the changed rows (the whole sheet when a change calls for it), repaints, and tells the listeners. */
  private async revalidate(changes: LiveChange[]): Promise<SheetValidation> {
    const state = this.state!;
    let outcome;
    try {
      outcome = await revalidateChanges({ state, stored: this.stored!, noted: this.noted, notesOn: this.notesWanted && detectCapabilities().notes, readWidth: this.readWidth }, changes);
    } catch (error) {
      // The held state may be half-updated: start again from the sheet.
      this.failed(error);
      outcome = { kind: "full" } as const;
    }
    let full = false;
    if (outcome.kind === "full") {
      full = true;
      try {
        this.adopt(await validateSheet({ sheet: state.sheetId, importType: state.detectedBy === "user" ? state.spec?.id : undefined }, this.specs));
      } catch (error) {
        // The sheet may be gone; a half-updated state must not take more edits.
        this.state = null;
        throw error;
      }
      if (!state.painting) await this.clearMarksNow();
    } else {
      this.stored = outcome.stored;
      this.readWidth = outcome.readWidth;
    }
    const started = now();
    const result = this.state!.result();
    const listMs = now() - started;
    this.options.onLiveTiming?.({
      rowsRead: outcome.kind === "updated" ? outcome.rowsRead : this.state!.session?.rowCount ?? 0,
      engineMs: outcome.kind === "updated" ? outcome.engineMs : 0,
      listMs,
      marksChanged: outcome.kind === "updated" ? outcome.marksChanged : true,
      full,
    });
    return this.publish(result);
  }

  private publish(result: SheetValidation): SheetValidation {
    for (const listener of this.validationListeners) listener(result);
    return result;
  }

  clearMarks(): Promise<void> {
    return this.serial(() => this.clearMarksNow());
  }

  private async clearMarksNow(): Promise<void> {
    const notes = detectCapabilities().notes;
    const stored = await runExcel(async (context) => {
      const setting = loadSetting(context);
      await context.sync();
      const current = parseSetting(setting);
      const old = new OldMarks(context, current.marks, null);
      await old.ready();
      old.queueDeletes();
      const next: StoredState = { ...current, marks: null };
      saveSetting(context, next);
      await context.sync();
      const sheetId = current.marks?.sheetId ?? this.state?.sheetId;
      if (notes && sheetId) {
        const sheet = context.workbook.worksheets.getItemOrNullObject(sheetId);
        await context.sync();
        if (!sheet.isNullObject) await removeOurNotes(context, sheet);
      }
      return next;
    });
    this.stored = stored;
    this.noted.clear();
    if (this.state) {
      this.state.painting = false;
      for (const band of this.state.bands) band.formats = [];
    }
  }

  selectFinding(finding: Pick<Exception, "row" | "column">, sheet?: string): Promise<void> {
    return this.serial(() =>
      runExcel(async (context) => {
        const state = this.state;
        const worksheets = context.workbook.worksheets;
        const target = sheet ? worksheets.getItem(sheet) : state ? worksheets.getItem(state.sheetId) : worksheets.getActiveWorksheet();
        target.load("id");
        let header: unknown[] | null = null;
        let headerRow = state?.headerRow ?? 1;
        const ours = state !== null && (sheet === undefined || sheet === state.sheetName);
        if (!ours && finding.column !== null) {
          const used = target.getUsedRange(true);
          used.load("rowIndex,columnIndex");
          const row = used.getRow(0);
          row.load("values");
          await context.sync();
          header = [...new Array<unknown>(used.columnIndex).fill(""), ...row.values[0]];
          headerRow = used.rowIndex + 1;
        }
        let position = 0;
        if (finding.column !== null) position = ours ? (state.columnOf(finding.column) ?? 0) : Math.max(0, header?.findIndex((h) => String(h) === finding.column) ?? 0);
        target.getRange(cellAddress((finding.row ?? headerRow) - 1, position)).select();
        await context.sync();
      }),
    );
  }

  writeExceptionsSheet(): Promise<string> {
    return this.serial(async () => {
      if (!this.state) throw new Error("Validate a sheet first: the Exceptions sheet lists the findings of the last validation.");
      const { name, stored } = await writeExceptionsSheet(this.state, this.ownWrites);
      this.stored = stored;
      return name;
    });
  }

  prepareSheet(sheet?: string): Promise<void> {
    return this.serial(async () => {
      this.stored = await prepareSheet(sheet, this.state, this.specs);
    });
  }

  newStarterSheet(importType: ImportTypeId, starterOnly = true): Promise<string> {
    return this.serial(async () => {
      const { name, stored } = await newStarterSheet(importType, starterOnly, this.specs, this.ownWrites);
      this.stored = stored;
      return name;
    });
  }

  setNotes(enabled: boolean): Promise<void> {
    return this.serial(async () => {
      this.notesWanted = enabled;
      // Without notes (before ExcelApi 1.18) the findings show in the pane only.
      if (!detectCapabilities().notes || !this.state) return;
      if (enabled) await this.addNotes(this.firstMarkedCells());
      else await this.removeNotes();
    });
  }

  /** The first NOTE_LIMIT marked cells not yet noted, in sheet order, with their note text. */
  private firstMarkedCells(): NoteTarget[] {
    const state = this.state!;
    const targets: NoteTarget[] = [];
    for (const { row, marks } of state.marks.between(1, state.marks.lastRow)) {
      const columns = MARK_SEVERITIES.flatMap((s) => marks[s].flatMap(([first, last]) => Array.from({ length: last - first + 1 }, (_, i) => first + i))).sort((a, b) => a - b);
      for (const column of columns) {
        if (targets.length >= NOTE_LIMIT) return targets;
        if (!this.noted.has(row, column)) targets.push({ row, column, text: noteText(state.cellFindings(row, column)) });
      }
    }
    return targets;
  }

  private async addNotes(targets: NoteTarget[]): Promise<void> {
    const state = this.state;
    if (!state || targets.length === 0) return;
    const placed = await runExcel((context) => placeNotes(context, context.workbook.worksheets.getItem(state.sheetId), targets));
    for (const target of placed) this.noted.add(target.row, target.column);
  }

  private async removeNotes(): Promise<void> {
    const state = this.state;
    if (!state) return;
    await runExcel((context) => removeOurNotes(context, context.workbook.worksheets.getItem(state.sheetId)));
    this.noted.clear();
  }

  private async renewNotes(): Promise<void> {
    await this.removeNotes();
    await this.addNotes(this.firstMarkedCells());
  }

  /** The held state, after any re-validation still waiting out its debounce (so counts and findings are current). */
  private current<T>(work: (state: SheetState) => Promise<T>): Promise<T> {
    this.debouncer.fire();
    return this.serial(() => {
      if (!this.state) throw new Error("Validate a sheet first: the add-in works from the last validation's findings.");
      return work(this.state);
    });
  }

  exportSubmission(): Promise<Submission> {
    return this.current((state) => exportSubmission(state));
  }

  showServerFindings(findings: readonly Exception[], submission: Pick<Submission, "sheet" | "sheetRows">): Promise<SheetValidation> {
    return this.current(async (state) => {
      if (submission.sheet !== state.sheetName) {
        throw new Error(`These findings are for the sheet "${submission.sheet}", but the add-in last validated "${state.sheetName}": validate "${submission.sheet}" and send it again.`);
      }
      const placement = placeServerFindings(state, findings, submission.sheetRows);
      const rows = new Set(state.findings.serverSheetRows());
      state.findings.setServer(placement.top, placement.byRow);
      for (const row of state.findings.serverSheetRows()) rows.add(row);
      const changed = [...rows].sort((a, b) => a - b).filter((row) => state.refreshMarks(row));
      if (this.stored) this.stored = await repaintRows(state, this.stored, changed);
      return this.publish(state.result());
    });
  }

  fixLabel(finding: Exception): string | null {
    return fixLabel(finding);
  }

  planFix(finding: Exception, scope: FixScope): Promise<FixPlan> {
    return this.current((state) => planFix(state, finding, scope));
  }

  applyFix(plan: FixPlan): Promise<SheetValidation> {
    return this.current(async (state) => {
      if (plan.sheet !== state.sheetName) throw new Error(`This fix is for the sheet "${plan.sheet}", but the add-in last validated "${state.sheetName}": plan the fix again.`);
      if (plan.changes.length === 0) return state.result();
      const { written, skipped, undo } = await writeFix(state, plan, this.ownWrites);
      if (undo.cells.length > 0) this.undo = undo;
      // Skipped cells changed since the plan: re-checked too, so the result shows what they hold now.
      return this.revalidateCells([...written, ...skipped]);
    });
  }

  undoFix(): Promise<SheetValidation | null> {
    if (!this.undo) return Promise.resolve(null);
    this.debouncer.fire();
    return this.serial(async () => {
      const undo = this.undo;
      if (!undo) return null;
      const { written, skipped } = await writeUndo(undo, this.ownWrites);
      this.undo = null;
      const state = this.state;
      if (!state) return null;
      // The fix was on another sheet than the one now validated: nothing here to re-check.
      if (state.sheetId !== undo.sheetId) return state.result();
      return this.revalidateCells([...written, ...skipped]);
    });
  }

  canUndoFix(): boolean {
    return this.undo !== null;
  }

  /** Re-validates the given blocks as the live path does after an edit (cross-row findings follow). */
  private async revalidateCells(rects: CellRect[]): Promise<SheetValidation> {
    if (rects.length === 0) return this.state!.result();
    return this.revalidate(rects.map((rect) => ({ kind: "edit", rect })));
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

  /** Background work failed: kept for whenIdle (tests) and told to the pane. */
  private failed(error: unknown): void {
    this.failures.push(error);
    for (const listener of this.errorListeners) listener(error);
  }

  async whenIdle(): Promise<void> {
    do {
      this.debouncer.fire();
      await this.chain;
    } while (this.debouncer.pending);
    const failures = this.failures;
    this.failures = [];
    if (failures.length > 0) throw failures[0];
  }

  async dispose(): Promise<void> {
    this.debouncer.cancel();
    await this.chain;
    const unregister = this.unregister;
    this.unregister = null;
    if (unregister) await (await unregister)();
  }
}
