/// <reference types="office-js" />
/**
 * Repainting the bands of some rows after the add-in changed their findings itself (the server's findings shown):
 * their formats are deleted and added afresh, and the settings keep the new ids, as a live re-validation does.
 */
import { runExcel } from "./excelRun";
import type { Band } from "./markBands";
import { deleteFormats, loadFormatIds, paintBands, storedFormats } from "./marks";
import { saveSetting, type StoredState } from "./settings";
import type { SheetState } from "./sheetState";

/** Re-marks the bands holding `rows` (sheet rows whose marks changed); returns the settings as saved. */
export async function repaintRows(state: SheetState, stored: StoredState, rows: readonly number[]): Promise<StoredState> {
  if (!state.painting || rows.length === 0) return stored;
  const bands: Band[] = [...state.bandsOf(rows)];
  return runExcel(async (context) => {
    const sheet = context.workbook.worksheets.getItem(state.sheetId);
    const formats = loadFormatIds(sheet);
    await context.sync();
    context.application.suspendScreenUpdatingUntilNextSync();
    deleteFormats(formats, bands.flatMap((b) => b.formats.map((f) => f.id)));
    await paintBands(context, sheet, state.marks, bands);
    const next: StoredState = { ...stored, marks: { sheetId: state.sheetId, formats: storedFormats(state.bands) } };
    saveSetting(context, next);
    await context.sync();
    return next;
  });
}
