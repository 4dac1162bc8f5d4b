/// <reference types="office-js" />
/**
 * Live re-validation: edits, pastes, inserted and deleted rows re-check only what changed.
 *
 * Change events are collected for ~300 ms of quiet, then applied in order: inserted and deleted rows go to the engine
 * first (its insertRows/deleteRows keep every later row's number right, and say which rows' findings read
 * differently), with the marks and bands moved as Excel moves the conditional formats; then the edited rows are read
 * back from the sheet (addresses, never event details, which multi-cell edits lack) and replaced in the engine. Only
 * the bands whose marks changed are repainted.
 *
 * Syncs for an edit: one to read the rows (with the format ids), one to repaint, one to save the settings; the last
 * two only when a mark changed. An edit of the header row, inserted or deleted columns or shifted cells re-validate
 * the whole sheet instead.
 */
import type { CellValue, RowFormats } from "../validation";
import { type CellRect, MAX_COLUMNS, MAX_ROWS, cellAddress, parseAddress } from "./addresses";
import { runExcel } from "./excelRun";
import { type Band, type MarkFormat, shiftBandsForDelete, shiftBandsForInsert } from "./markBands";
import { deleteFormats, loadFormatIds, paintBands, storedFormats } from "./marks";
import { type NotedCells, noteText } from "./notes";
import { readRowBlocks, type RowSpan } from "./readBlocks";
import { saveSetting, type StoredState } from "./settings";
import type { SheetState } from "./sheetState";

export type LiveChange =
  | { kind: "edit"; rect: CellRect }
  /** Sheet rows `row`..`row + count - 1` (1-based) inserted or deleted. */
  | { kind: "insert"; row: number; count: number }
  | { kind: "delete"; row: number; count: number }
  | { kind: "full" };

export function changeOf(event: Pick<Excel.WorksheetChangedEventArgs, "address" | "changeType">): LiveChange {
  const rect = parseAddress(event.address);
  if (!rect) return { kind: "full" };
  switch (event.changeType) {
    case "RangeEdited":
      return { kind: "edit", rect };
    case "RowInserted":
      return { kind: "insert", row: rect.row + 1, count: rect.rows };
    case "RowDeleted":
      return { kind: "delete", row: rect.row + 1, count: rect.rows };
    default:
      // Columns inserted or deleted, cells shifted sideways, or a change Excel could not describe.
      return { kind: "full" };
  }
}

/** Collects changes until `delayMs` pass without one, then hands them over in order. */
export class Debouncer<T> {
  private items: T[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly delayMs: number,
    private readonly flush: (items: T[]) => void,
  ) {}

  push(item: T): void {
    this.items.push(item);
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fire(), this.delayMs);
  }

  get pending(): boolean {
    return this.timer !== null;
  }

  fire(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const items = this.items;
    this.items = [];
    if (items.length > 0) this.flush(items);
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.items = [];
  }
}

export interface LiveContext {
  state: SheetState;
  stored: StoredState;
  noted: NotedCells;
  notesOn: boolean;
  /** Columns read for each row; grows when an edit reaches past it. */
  readWidth: number;
}

export type LiveOutcome =
  | { kind: "full" }
  | { kind: "updated"; rowsRead: number; engineMs: number; marksChanged: boolean; stored: StoredState; readWidth: number };

const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** Data-row indexes, shifted as rows are inserted or deleted above them. */
function shifted(rows: Set<number>, at: number, count: number, deleted: boolean): Set<number> {
  const out = new Set<number>();
  for (const r of rows) {
    if (r < at) out.add(r);
    else if (!deleted) out.add(r + count);
    else if (r >= at + count) out.add(r - count);
  }
  return out;
}

function spansOf(indexes: Iterable<number>, offset: number): RowSpan[] {
  const sorted = [...indexes].sort((a, b) => a - b);
  const spans: RowSpan[] = [];
  for (const index of sorted) {
    const row = index + offset;
    const last = spans[spans.length - 1];
    if (last && last.last === row - 1) last.last = row;
    else spans.push({ first: row, last: row });
  }
  return spans;
}

export async function revalidateChanges(live: LiveContext, changes: readonly LiveChange[]): Promise<LiveOutcome> {
  const { state, noted } = live;
  const session = state.session;
  if (!session || changes.some((c) => c.kind === "full")) return { kind: "full" };
  const headerRow = state.headerRow;
  let dirty = new Set<number>(); // data-row indexes to read back
  let touched = new Set<number>(); // data-row indexes whose findings may have changed
  const bands = new Set<Band>();
  const orphans: MarkFormat[] = [];
  let structural = false;
  let readWidth = live.readWidth;
  let reachesPastEnd = false;

  for (const change of changes) {
    if (change.kind === "full") return { kind: "full" };
    if (change.kind === "edit") {
      const top = change.rect.row + 1;
      if (top <= headerRow) return { kind: "full" };
      const wholeRows = change.rect.columns === MAX_COLUMNS;
      if (!wholeRows) readWidth = Math.max(readWidth, Math.min(change.rect.column + change.rect.columns, MAX_COLUMNS));
      const lastData = headerRow + session.rowCount;
      const bottom = Math.min(change.rect.row + change.rect.rows, MAX_ROWS);
      if (bottom > lastData) reachesPastEnd = true;
      for (let row = top; row <= Math.min(bottom, lastData); row++) dirty.add(row - headerRow - 1);
      continue;
    }
    if (change.row <= headerRow) return { kind: "full" };
    structural = true;
    const index = change.row - headerRow - 1;
    if (change.kind === "insert") {
      if (index <= session.rowCount) {
        dirty = shifted(dirty, index, change.count, false);
        touched = shifted(touched, index, change.count, false);
        for (const row of session.insertRows(index, new Array<CellValue[]>(change.count).fill([]))) touched.add(row - headerRow - 1);
        state.findings.insertRows(index, change.count);
        // Usually blank, but "Insert copied cells" fills them: read them like edited rows.
        for (let i = index; i < index + change.count; i++) dirty.add(i);
      }
      state.marks.insertRows(change.row, change.count);
      noted.insertRows(change.row, change.count);
      bands.add(shiftBandsForInsert(state.bands, change.row, change.count));
    } else {
      if (index < session.rowCount) {
        const count = Math.min(change.count, session.rowCount - index);
        dirty = shifted(dirty, index, change.count, true);
        touched = shifted(touched, index, change.count, true);
        for (const row of session.deleteRows(index, count)) touched.add(row - headerRow - 1);
        state.findings.deleteRows(index, count);
      }
      state.marks.deleteRows(change.row, change.count);
      noted.deleteRows(change.row, change.count);
      const moved = shiftBandsForDelete(state.bands, change.row, change.count);
      bands.add(moved.band);
      orphans.push(...moved.orphans);
    }
  }

  return runExcel(async (context) => {
    const sheet = context.workbook.worksheets.getItem(state.sheetId);
    const formats = state.painting ? loadFormatIds(sheet) : null;
    // Our notes on rows about to be re-read: whether they are still there decides update or leave.
    const notedCells = live.notesOn ? noted.in([...dirty].map((i) => i + headerRow + 1)) : [];
    const noteProbes = notedCells.map((cell) => {
      const note = sheet.notes.getItemOrNullObject(cellAddress(cell.row - 1, cell.column));
      note.load("content");
      return { cell, note };
    });
    const used = reachesPastEnd ? sheet.getUsedRangeOrNullObject(true) : null;
    used?.load("rowIndex,rowCount");

    const replaced: Array<{ index: number; cells: readonly CellValue[]; formats?: RowFormats }> = [];
    let flips = false;
    const take = async (spans: RowSpan[]) => {
      for await (const block of readRowBlocks(context, sheet, spans, readWidth, { formatsAlong: true })) {
        block.values.forEach((cells, r) => {
          const index = block.first + r - headerRow;
          replaced.push({ index, cells, formats: block.formats[r] });
          if (state.findings.noteCells(index, cells)) flips = true;
        });
      }
    };
    await take(spansOf(dirty, headerRow));
    if (dirty.size === 0) await context.sync();
    // An edit or paste below the last row: the rows up to the sheet's new last row join the table.
    if (used !== null && !used.isNullObject) {
      const lastRow = used.rowIndex + used.rowCount; // 1-based
      const added = lastRow - headerRow - session.rowCount;
      if (added > 0) {
        const from = session.rowCount;
        session.insertRows(from, new Array<CellValue[]>(added).fill([]));
        state.findings.insertRows(from, added);
        structural = true;
        const spans = [{ first: headerRow + from, last: headerRow + from + added - 1 }];
        for (let i = from; i < from + added; i++) dirty.add(i);
        await take(spans);
      }
    }

    const started = now();
    // The import API judged these rows as they were; once edited, its findings on them may no longer hold.
    state.findings.dropServer([...dirty].map((i) => i + headerRow + 1));
    for (const row of session.replaceRows(replaced)) touched.add(row - headerRow - 1);
    for (const index of dirty) touched.add(index);
    const changedRows: number[] = [];
    if (structural || flips) {
      changedRows.push(...state.rebuild(session.exceptions()));
    } else {
      const rows = [...touched].map((i) => i + headerRow + 1);
      state.findings.updateRows(session, rows);
      for (const row of rows) if (state.refreshMarks(row)) changedRows.push(row);
    }
    for (const band of state.bandsOf(changedRows)) bands.add(band);
    const engineMs = now() - started;

    let stored = live.stored;
    const repaint = state.painting && (bands.size > 0 || orphans.length > 0);
    if (repaint || noteProbes.length > 0) {
      if (repaint) {
        context.application.suspendScreenUpdatingUntilNextSync();
        deleteFormats(formats!, [...orphans, ...[...bands].flatMap((b) => b.formats)].map((f) => f.id));
      }
      for (const { cell, note } of noteProbes) {
        if (note.isNullObject) {
          noted.remove(cell.row, cell.column);
          continue;
        }
        const findings = state.cellFindings(cell.row, cell.column);
        if (findings.some((f) => f.severity !== "info")) note.content = noteText(findings);
        else {
          note.delete();
          noted.remove(cell.row, cell.column);
        }
      }
      // A band that a later delete removed is gone (its formats are among the orphans).
      if (repaint) await paintBands(context, sheet, state.marks, [...bands].filter((b) => state.bands.includes(b)));
      else await context.sync();
    }
    if (repaint) {
      stored = { ...stored, marks: { sheetId: state.sheetId, formats: storedFormats(state.bands) } };
      saveSetting(context, stored);
      await context.sync();
    }
    return { kind: "updated", rowsRead: replaced.length, engineMs, marksChanged: repaint, stored, readWidth } as const;
  });
}
