/// <reference types="office-js" />
/**
 * Validating a whole sheet: read its geometry and header, choose the import type, read the rows in blocks and feed
 * them to the engine a slice at a time (yielding to the pane between slices), then replace the earlier marks with new
 * ones and record them in the settings. Syncs: one for the geometry, one a block (~4 MB), one or two to mark, one to
 * save the settings.
 */
import { IMPORT_SPECS } from "../spec";
import type { ImportSpec } from "../spec/types";
import { ValidationSession, type CellValue } from "../validation";
import { Pacer, runExcel, stopIfAborted } from "./excelRun";
import { chooseSpec } from "./importChoice";
import { paintBands, storedFormats } from "./marks";
import { OldMarks } from "./oldMarks";
import { readRowBlocks } from "./readBlocks";
import { loadSetting, parseSetting, saveSetting, storedImportType, type StoredState } from "./settings";
import { SheetState } from "./sheetState";
import type { ValidateOptions } from "./types";

export interface FullValidation {
  state: SheetState;
  stored: StoredState;
  /** The longest address sent to getRanges, for the benchmark. */
  longestAddress: number;
  /** Columns read for each row (the used range's right edge). */
  readWidth: number;
  /** Every sheet's id and name, for naming the sheet of a selection. */
  sheetNames: Array<[string, string]>;
}

export async function validateSheet(options: ValidateOptions, specs: readonly ImportSpec[] = IMPORT_SPECS): Promise<FullValidation> {
  const progress = options.onProgress ?? (() => undefined);
  const signal = options.signal;
  return runExcel(async (context) => {
    const worksheets = context.workbook.worksheets;
    const sheet = options.sheet ? worksheets.getItem(options.sheet) : worksheets.getActiveWorksheet();
    sheet.load("id,name");
    // Values only: cells that merely carry formatting (a filled block below the data) are not rows to check.
    const used = sheet.getUsedRange(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    const headerCells = used.getRow(0);
    headerCells.load("values");
    const setting = loadSetting(context);
    worksheets.load("items/id,items/name");
    await context.sync();
    stopIfAborted(signal);
    progress("reading", 0);

    const stored = parseSetting(setting);
    const headerIndex = used.rowIndex;
    const width = used.columnIndex + used.columnCount;
    // Columns left of the used range are blank: the header still starts at column A, as the file would.
    const header: CellValue[] = [...new Array<CellValue>(used.columnIndex).fill(""), ...(headerCells.values[0] as CellValue[])];
    const choice = chooseSpec(header, options.importType, storedImportType(stored, sheet.id), specs);
    const session = choice.spec ? new ValidationSession(choice.spec, header, { headerRow: headerIndex + 1 }) : null;
    const state = new SheetState({ sheetId: sheet.id, sheetName: sheet.name, spec: choice.spec, detectedBy: choice.detectedBy, headerRow: headerIndex + 1, header, session });
    const oldMarks = new OldMarks(context, stored.marks, { sheet, id: sheet.id });

    if (session) {
      const first = headerIndex + 1;
      const last = used.rowIndex + used.rowCount - 1;
      const total = Math.max(last - first + 1, 1);
      const pacer = new Pacer();
      const blocks = readRowBlocks(context, sheet, [{ first, last }], width, { piggyback: oldMarks, signal, onRows: (rows) => progress("reading", rows / total) });
      for await (const block of blocks) {
        for (let r = 0; r < block.values.length; r++) {
          session.appendRow(block.values[r], block.formats[r]);
          state.findings.noteCells(block.first + r - first, block.values[r]);
          if ((r & 255) === 255) await pacer.maybeYield();
        }
        progress("validating", (block.first + block.values.length - first) / total);
        stopIfAborted(signal);
        await pacer.maybeYield();
      }
    }
    await oldMarks.ready();
    stopIfAborted(signal);

    progress("validating", 1);
    state.rebuild(session ? session.exceptions() : choice.finding ? [choice.finding] : []);
    state.layout();
    progress("marking", 0);
    // Nothing is changed before this point, so a stopped validation leaves the earlier marks in place.
    stopIfAborted(signal);
    context.application.suspendScreenUpdatingUntilNextSync();
    oldMarks.queueDeletes();
    const painted = await paintBands(context, sheet, state.marks, state.bands);

    const next: StoredState = {
      ...stored,
      marks: { sheetId: state.sheetId, formats: storedFormats(state.bands) },
      importTypes: { ...stored.importTypes },
    };
    if (options.importType) next.importTypes[state.sheetId] = options.importType;
    saveSetting(context, next);
    await context.sync();
    progress("marking", 1);
    return { state, stored: next, longestAddress: painted.longestAddress, readWidth: width, sheetNames: worksheets.items.map((s) => [s.id, s.name]) };
  });
}
