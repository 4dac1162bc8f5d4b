/// <reference types="office-js" />
/**
 * Registering for change and selection events on every worksheet (ExcelApi 1.9 collection events: one registration
 * covers sheets added later, and the handler filters by sheet id). Handlers are not kept by Excel across pane
 * reloads, so the adapter registers them once per pane; removing them needs the context that added them.
 */
import { runExcel } from "./excelRun";

export interface SheetEvents {
  changed(event: Excel.WorksheetChangedEventArgs): void;
  selected(event: Excel.WorksheetSelectionChangedEventArgs): void;
}

/** Registers the handlers; resolves to the function that removes them. */
export async function registerSheetEvents(events: SheetEvents): Promise<() => Promise<void>> {
  return runExcel(async (context) => {
    const worksheets = context.workbook.worksheets;
    const changed = worksheets.onChanged.add(async (event) => events.changed(event));
    const selected = worksheets.onSelectionChanged.add(async (event) => events.selected(event));
    await context.sync();
    return async () => {
      await Excel.run(changed.context, async (same) => {
        changed.remove();
        selected.remove();
        await same.sync();
      });
    };
  });
}
