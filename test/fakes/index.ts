/// <reference types="office-js" />
/**
 * A fake Excel host for testing `src/excel/` without Excel: the subset of the Excel JavaScript API the add-in uses,
 * with Office.js semantics, over an in-memory workbook. Free of Node-only APIs, so a browser workbench can bundle it.
 *
 * What it models
 * - Batching: setters and methods queue; `context.sync()` runs them in order; a failing action rejects the sync
 *   (earlier actions stay applied). Loaded values arrive only with the sync; reading one before throws
 *   PropertyNotLoaded. OrNullObject proxies report `isNullObject` after a sync; acting on a null object throws
 *   ItemNotFound.
 * - Limits: 5 MB per request and per response (JSON of the queued actions and of the loaded values, as UTF-8), 5
 *   million cells per read (RangeExceedsLimit), 8,192 characters per getRange/getRanges address (InvalidArgument),
 *   255 characters per inline data-validation list, prompt and alert text lengths. Every sync is counted with its
 *   sizes (`host.stats`).
 * - API versions: `Office.context.requirements.isSetSupported("ExcelApi", v)` answers for the configured version,
 *   and members newer than it (notes 1.18, getItemOrNullObject on conditional formats 1.14, getRanges 1.9,
 *   collection events 1.9) fail at sync with ApiNotFound. `triggerSource` is sent from 1.14 on.
 * - The workbook: sheets of cells with value, formula, number format, displayed text, own format (fill, font, outer
 *   borders), note, hyperlink; conditional formats (kept with their rule and format, top priority first); data
 *   validation; frozen rows; visibility; settings (stored as JSON). Inserting and deleting rows moves cells with
 *   their formats and notes, and shifts, grows, shrinks or removes conditional formats and validations as Excel does.
 * - Typed input: writing "=..." makes a formula, "'..." forces text, numeric and TRUE/FALSE strings become values,
 *   unless the cell's number format is "@".
 * - Events: worksheet and worksheet-collection onChanged and onSelectionChanged, delivered on a later task, only while
 *   `runtime.enableEvents` is on; the user's edits, pastes, clears, row inserts and deletes, selections and link clicks.
 * - Change notification for a page that draws the workbook (`host.watch`, not an Office API): called after every sync
 *   that ran commands and every action on the user's side, sheet-tab clicks (`activate`, which fires no event) too.
 *
 * What it does not model (a test passing here says nothing about these)
 * - Formula evaluation (only HYPERLINK is understood), recalculation, number-format rendering beyond a rough `text`.
 * - Conditional-format evaluation (what a rule would show) and data-validation evaluation (which values Excel would
 *   refuse); priorities among formats are kept but not applied.
 * - Tables, named items, comments, charts, protection, merged cells, column inserts and deletes, sorting, filtering.
 * - Inside borders and diagonal borders; fonts beyond bold, italic and colour.
 * - Payload sizes exactly as Office serialises them (the estimate is JSON of arguments and values plus a fixed cost per
 *   action); timing (syncs are instant), coauthoring (no Remote events), dropped or merged events under fast typing.
 * - Excel on the web's missing `onChanged` for dropdown picks, and the null `values` some hosts return for huge reads
 *   (the fake throws instead).
 * - Office.js auto-syncing at the end of Excel.run: the fake instead fails a run that leaves commands unsynced.
 */
export { FakeExcelHost, HostStats, type FakeHostOptions, type FakeExcelGlobal, type FakeOfficeGlobal, type SyncRecord } from "./host";
export { fakeHost, loadWorkbook, cellView, snapshot, type FakeWorkbookSpec, type FakeSheetSpec, type FakeCellSpec, type CellView } from "./table";
export { FakeOfficeError, type FakeErrorCode } from "./errors";
export { PAYLOAD_LIMIT_BYTES } from "./context";
export { CELL_READ_LIMIT } from "./cells";
export { ADDRESS_LIMIT } from "./worksheet";
export { LIST_SOURCE_LIMIT } from "./dataValidation";
export type { FakeValue, OwnFormat } from "./model";
