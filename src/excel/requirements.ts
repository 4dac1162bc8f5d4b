/**
 * The Excel API requirement sets the add-in relies on. The manifest declares MIN_EXCEL_API (a test keeps the two
 * equal): a higher minimum would hide the add-in from Excel 2021 and older Microsoft 365 builds, a lower one would let
 * it load where RangeAreas (`getRanges`), `getCellProperties` and event details are missing. Newer sets are used only
 * after a runtime check.
 */
export const EXCEL_API = "ExcelApi";

/** RangeAreas, getRanges, set/getCellProperties, getSpecialCells, WorksheetChangedEventArgs.details. */
export const MIN_EXCEL_API = "1.9";

/** Events say whether the add-in itself made the change (`triggerSource`). */
export const TRIGGER_SOURCE_EXCEL_API = "1.14";

/** Notes on cells (not in perpetual / LTSC Office). */
export const NOTES_EXCEL_API = "1.18";

/** `Excel.run({ delayForCellEdit })`: wait for the user to leave a cell being edited rather than fail. */
export const DELAY_FOR_CELL_EDIT_EXCEL_API = "1.11";
