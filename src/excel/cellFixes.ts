/// <reference types="office-js" />
/**
 * Safe fixes on the sheet: planning them (the cells read afresh, each one's fix from validation/fixes.ts), writing a
 * plan (only the cells still showing what the plan saw), and putting back what the last fix replaced.
 *
 * A fix changes a cell's value and nothing else, except that an ID stored as a number is also formatted as Text ("@"),
 * as the engine's message asks. Fixed text goes in with Excel's text prefix (an apostrophe, which is not part of the
 * value) rather than as typed input, so Excel keeps it as written: "2020-05-13" stays that text instead of becoming a
 * date serial, "00123" keeps its zeros, and the cell's number format is left as the user set it. For dates that is the
 * choice over writing a serial with a yyyy-mm-dd format: the cell held text already (a date-format finding is always
 * about text), the file carries exactly that text, and no number format of the user's is changed.
 */
import type { CellValue, Exception } from "../validation";
import { fixAllLabel, fixFor, fixLabel } from "../validation/fixes";
import type { CellRect } from "./addresses";
import { runExcel } from "./excelRun";
import type { OwnWrites } from "./ownWrites";
import { readCells, type CellRead, type CellRef } from "./readCells";
import type { SheetState } from "./sheetState";
import type { FixChange, FixPlan, FixScope } from "./types";

/** What one fix replaced, to put back. */
export interface UndoRecord {
  sheetId: string;
  cells: Array<{ row: number; position: number; value: CellValue; numberFormat: string; formatChanged: boolean; after: string }>;
}

/** The cells written (as blocks) and those left alone because they had changed since the plan. */
export interface WriteOutcome {
  written: CellRect[];
  skipped: CellRect[];
}

/** Request bytes of one written block besides its cells, and of one cell besides its text. */
const BLOCK_BYTES = 400;
const CELL_BYTES = 24;
const REQUEST_BUDGET_BYTES = 3_000_000;

const key = (row: number, position: number) => `${row}:${position}`;

export async function planFix(state: SheetState, finding: Exception, scope: FixScope): Promise<FixPlan> {
  const label = scope === "cell" ? (fixLabel(finding) ?? fixAllLabel(finding.code)) : fixAllLabel(finding.code);
  if (label === null) throw new Error(`There is no safe fix for "${finding.code}" findings: change the cell by hand.`);
  const plan = { sheet: state.sheetName, code: finding.code, label, scope };
  const position = finding.column === null ? undefined : state.columnOf(finding.column);
  const column = position === undefined ? null : state.session?.analysis.bindings[position]?.column;
  if (finding.row === null || position === undefined || !column) return { ...plan, changes: [] };

  const rows = scope === "cell" ? [finding.row] : [...new Set(state.findings.list().filter((f) => f.code === finding.code && f.column === finding.column && f.row !== null).map((f) => f.row!))];
  const cells = rows.map((row) => ({ row, position }));
  const read = await runExcel((context) => readCells(context, context.workbook.worksheets.getItem(state.sheetId), cells));
  const changes: FixChange[] = [];
  for (const { row } of cells) {
    const cell = read.get(key(row, position));
    // A formula's result is not the user's to overwrite with a value.
    if (!cell || cell.formula) continue;
    const fix = fixFor(finding.code, cell, column);
    if (fix) changes.push({ row, column: finding.column!, before: cell.text, after: fix.text, asText: fix.asText });
  }
  changes.sort((a, b) => a.row - b.row);
  return { ...plan, changes };
}

/** Writes the plan's cells that still show `before`; returns what was written and the undo record. */
export async function writeFix(state: SheetState, plan: FixPlan, ownWrites: OwnWrites): Promise<WriteOutcome & { undo: UndoRecord }> {
  const targets = plan.changes.flatMap((change) => {
    const position = state.columnOf(change.column);
    return position === undefined ? [] : [{ change, ref: { row: change.row, position } }];
  });
  return runExcel(async (context) => {
    const sheet = context.workbook.worksheets.getItem(state.sheetId);
    const read = await readCells(context, sheet, targets.map((t) => t.ref));
    const undo: UndoRecord = { sheetId: state.sheetId, cells: [] };
    const writes: CellWrite[] = [];
    const skipped: CellRect[] = [];
    for (const { change, ref } of targets) {
      const cell = read.get(key(ref.row, ref.position));
      if (!cell || cell.formula || cell.text !== change.before) {
        skipped.push(rectOf(ref));
        continue;
      }
      undo.cells.push({ ...ref, value: cell.value, numberFormat: cell.numberFormat, formatChanged: change.asText && cell.numberFormat !== "@", after: change.after });
      writes.push({ ...ref, input: textInput(change.after, change.asText ? "@" : cell.numberFormat), format: change.asText ? "@" : undefined });
    }
    const written = await queueWrites(context, sheet, state.sheetId, writes, ownWrites);
    return { written, skipped, undo };
  });
}

/** Puts back the cells of an undo record that still show what the fix wrote. */
export async function writeUndo(undo: UndoRecord, ownWrites: OwnWrites): Promise<WriteOutcome> {
  return runExcel(async (context) => {
    const sheet = context.workbook.worksheets.getItem(undo.sheetId);
    const read = await readCells(context, sheet, undo.cells);
    const writes: CellWrite[] = [];
    const skipped: CellRect[] = [];
    for (const cell of undo.cells) {
      const now: CellRead | undefined = read.get(key(cell.row, cell.position));
      // Edited again since the fix: the user's newer value wins.
      if (!now || now.formula || now.text !== cell.after) {
        skipped.push(rectOf(cell));
        continue;
      }
      const input = typeof cell.value === "string" ? textInput(cell.value, cell.numberFormat) : (cell.value ?? "");
      writes.push({ row: cell.row, position: cell.position, input, format: cell.formatChanged ? cell.numberFormat : undefined });
    }
    const written = await queueWrites(context, sheet, undo.sheetId, writes, ownWrites);
    return { written, skipped };
  });
}

/** Text as a cell's input that Excel keeps as written: with the text prefix, unless the cell is formatted as Text. */
function textInput(text: string, numberFormat: string): string {
  return text === "" || numberFormat === "@" ? text : `'${text}`;
}

interface CellWrite extends CellRef {
  input: CellValue;
  /** A number format to set before the value; undefined leaves the cell's own. */
  format: string | undefined;
}

function rectOf(ref: CellRef): CellRect {
  return { row: ref.row - 1, column: ref.position, rows: 1, columns: 1 };
}

/**
 * Writes cells as vertical blocks (consecutive rows of a column that all set a format, or all keep theirs), the
 * format before the value so Excel reads the value under it; syncs every ~3 MB of request. Returns the blocks.
 */
async function queueWrites(context: Excel.RequestContext, sheet: Excel.Worksheet, sheetId: string, writes: CellWrite[], ownWrites: OwnWrites): Promise<CellRect[]> {
  const sorted = [...writes].sort((a, b) => a.position - b.position || a.row - b.row);
  const blocks: CellWrite[][] = [];
  for (const write of sorted) {
    const block = blocks[blocks.length - 1];
    const last = block?.[block.length - 1];
    if (last && last.position === write.position && last.row + 1 === write.row && (last.format === undefined) === (write.format === undefined)) block.push(write);
    else blocks.push([write]);
  }
  const rects: CellRect[] = [];
  let bytes = 0;
  for (const block of blocks) {
    const rect = { row: block[0].row - 1, column: block[0].position, rows: block.length, columns: 1 };
    ownWrites.expect(sheetId, rect);
    const range = sheet.getRangeByIndexes(rect.row, rect.column, rect.rows, 1);
    if (block[0].format !== undefined) range.numberFormat = block.map((w) => [w.format ?? "General"]);
    range.values = block.map((w) => [w.input ?? ""]) as Array<Array<string | number | boolean>>;
    rects.push(rect);
    bytes += BLOCK_BYTES + block.reduce((n, w) => n + CELL_BYTES + String(w.input ?? "").length + (w.format?.length ?? 0), 0);
    if (bytes > REQUEST_BUDGET_BYTES) {
      // Only when a fix reaches past ~3 MB of text: each request stays under Excel's 5 MB.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      bytes = 0;
    }
  }
  if (bytes > 0) await context.sync();
  return rects;
}
