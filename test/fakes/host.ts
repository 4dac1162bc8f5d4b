/// <reference types="office-js" />
/**
 * The fake Excel host: the in-memory workbook, `Excel.run`, `Office.context.requirements.isSetSupported` for a
 * chosen ExcelApi version, the event registry, and the user's side of Excel for tests (typing, pasting, inserting and
 * deleting rows, selecting, following a link), each firing the events Excel fires.
 *
 * Events are delivered after the change, on a later task (as Excel's arrive after the batch that caused them), and
 * only while `context.runtime.enableEvents` is on. A change made by the add-in's own sync carries
 * triggerSource "ThisLocalAddin" on ExcelApi 1.14 and later, and no triggerSource before it.
 *
 * `watch` is the fake's own addition, for a page that draws the workbook (the workbench): its listeners are called,
 * at once, after every sync that ran commands and after every action on the user's side, so the page can redraw.
 */
import { type Rect, parseArea, rectAddress } from "./a1";
import { FakeApplication, FakeRuntime } from "./application";
import { enterValue, hyperlinkAt } from "./cells";
import { FakeRequestContext } from "./context";
import { FakeOfficeError } from "./errors";
import type { EventKind } from "./events";
import { type FakeValue, type SheetModel, WorkbookModel, deleteSheetRows, insertSheetRows, rowAt, setSlot, valueAt } from "./model";
import { FakeWorkbook } from "./workbook";
import { FakeWorksheet } from "./worksheet";

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  actions: number;
}

/** Every sync of every run, with its sizes; `mark()` and `since()` measure one operation. */
export class HostStats {
  runs = 0;
  records: SyncRecord[] = [];
  maxAddressChars = 0;
  screenUpdatingSuspensions = 0;

  get syncs(): number {
    return this.records.length;
  }
  get maxRequestBytes(): number {
    return this.records.reduce((m, r) => Math.max(m, r.requestBytes), 0);
  }
  get maxResponseBytes(): number {
    return this.records.reduce((m, r) => Math.max(m, r.responseBytes), 0);
  }
  mark(): number {
    this.maxAddressChars = 0;
    return this.records.length;
  }
  since(mark: number): { syncs: number; maxRequestBytes: number; maxResponseBytes: number; maxAddressChars: number } {
    const records = this.records.slice(mark);
    return {
      syncs: records.length,
      maxRequestBytes: records.reduce((m, r) => Math.max(m, r.requestBytes), 0),
      maxResponseBytes: records.reduce((m, r) => Math.max(m, r.responseBytes), 0),
      maxAddressChars: this.maxAddressChars,
    };
  }
}

export interface Subscription {
  kind: EventKind;
  sheetId: string | null;
  handler: (args: unknown) => Promise<unknown>;
  context: FakeRequestContext;
}

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;
type RunFirst<T> = Batch<T> | Excel.RunOptions | OfficeExtension.ClientRequestContext | OfficeExtension.ClientObject | OfficeExtension.ClientObject[];

/** What the fake puts at `globalThis.Excel`: `run`, with Office.js's own signature. */
export type FakeExcelGlobal = Pick<typeof Excel, "run">;
/** What the fake puts at `globalThis.Office`. */
export interface FakeOfficeGlobal {
  context: { requirements: Office.RequirementSetSupport };
  onReady(): Promise<{ host: string | null; platform: string | null }>;
}

export interface FakeHostOptions {
  /** The ExcelApi requirement set the host supports, e.g. "1.9" (Excel 2019/2021) or "1.18" (Microsoft 365). */
  apiVersion?: string;
  /** The name notes are written under. */
  author?: string;
}

function versionNumber(version: string): number {
  const [major, minor] = version.split(".").map(Number);
  return major * 1000 + (minor ?? 0);
}

export class FakeExcelHost {
  readonly model = new WorkbookModel();
  readonly stats = new HostStats();
  apiVersion: string;
  author: string;
  eventsEnabled = true;
  /** Errors thrown by the add-in's event handlers (Excel swallows them; tests should see them). */
  readonly handlerErrors: unknown[] = [];
  private subscriptions: Subscription[] = [];
  private pendingDeliveries = 0;
  private readonly watchers = new Set<() => void>();
  /** Counts the changes watchers were told of: a cheap snapshot for a view that redraws when it moves. */
  version = 0;

  constructor(options: FakeHostOptions = {}) {
    this.apiVersion = options.apiVersion ?? "1.18";
    this.author = options.author ?? "Fake User";
  }

  supports(version: string): boolean {
    return versionNumber(this.apiVersion) >= versionNumber(version);
  }

  checkApi(version: string, member: string): void {
    if (!this.supports(version)) throw new FakeOfficeError("ApiNotFound", `${member} needs ExcelApi ${version}; this host has ExcelApi ${this.apiVersion}.`);
  }

  recordSync(requestBytes: number, actions: number): SyncRecord {
    const record: SyncRecord = { requestBytes, responseBytes: 0, actions };
    this.stats.records.push(record);
    return record;
  }

  noteAddress(address: string): void {
    this.stats.maxAddressChars = Math.max(this.stats.maxAddressChars, address.length);
  }

  createWorkbookProxy(context: FakeRequestContext): FakeWorkbook {
    return new FakeWorkbook(context);
  }
  createApplicationProxy(context: FakeRequestContext): FakeApplication {
    return new FakeApplication(context);
  }
  createRuntimeProxy(context: FakeRequestContext): FakeRuntime {
    return new FakeRuntime(context);
  }
  worksheetProxy(context: FakeRequestContext, resolver: () => SheetModel): FakeWorksheet {
    return new FakeWorksheet(context, resolver);
  }

  // ---- Excel.run and the globals -------------------------------------------------------------------------------

  /**
   * Excel.run. Stricter than Office.js in one way: a run that ends with commands queued but never synced fails,
   * since relying on an implicit final sync hides a missing `await context.sync()`.
   */
  async run<T>(first: RunFirst<T>, second?: Batch<T>): Promise<T> {
    let context: FakeRequestContext;
    let batch: Batch<T>;
    if (typeof first === "function") {
      context = new FakeRequestContext(this);
      batch = first;
    } else {
      if (!second) throw new FakeOfficeError("InvalidArgument", "Excel.run needs a batch function.");
      batch = second;
      if (first instanceof FakeRequestContext) {
        context = first;
        context.reopen();
      } else context = new FakeRequestContext(this);
    }
    this.stats.runs++;
    try {
      // The one place the fake poses as the real type: the batch is written against Excel.RequestContext.
      const result = await batch(context as unknown as Excel.RequestContext);
      const pending = context.pendingCommands;
      if (pending.length > 0) throw new Error(`Excel.run ended with commands that were never synced: ${pending.slice(0, 5).join("; ")}`);
      return result;
    } finally {
      context.close();
    }
  }

  excelGlobal(): FakeExcelGlobal {
    const run: FakeExcelGlobal["run"] = <T>(first: RunFirst<T>, second?: Batch<T>) => this.run(first, second);
    return { run };
  }

  officeGlobal(): FakeOfficeGlobal {
    return {
      context: { requirements: { isSetSupported: (name: string, minVersion?: string | number) => name === "ExcelApi" && this.supports(String(minVersion ?? "1.1")) } },
      onReady: async () => ({ host: "Excel", platform: "OfficeOnline" }),
    };
  }

  /** Puts `Excel` and `Office` on globalThis for the code under test; returns the function that takes them away. */
  install(): () => void {
    const g = globalThis as unknown as { Excel?: unknown; Office?: unknown };
    const before = { Excel: g.Excel, Office: g.Office };
    g.Excel = this.excelGlobal();
    g.Office = this.officeGlobal();
    return () => {
      g.Excel = before.Excel;
      g.Office = before.Office;
    };
  }

  // ---- change notification (not an Office API) -------------------------------------------------------------------

  /**
   * Calls `listener` after anything may have changed the workbook or the selection: a sync that ran commands, or the
   * user's side below. It is told nothing about what changed (a view redraws what it shows). Returns the unsubscribe.
   */
  watch(listener: () => void): () => void {
    this.watchers.add(listener);
    return () => void this.watchers.delete(listener);
  }

  /** Tells the watchers the workbook may have changed (the context calls it after a sync; loaders after loading). */
  notifyWatchers(): void {
    this.version++;
    for (const listener of this.watchers) listener();
  }

  // ---- events -----------------------------------------------------------------------------------------------------

  subscribe(subscription: Subscription): void {
    this.subscriptions.push(subscription);
  }

  unsubscribe(kind: EventKind, sheetId: string | null, handler: (args: unknown) => Promise<unknown>, context: FakeRequestContext): void {
    const at = this.subscriptions.findIndex((s) => s.kind === kind && s.sheetId === sheetId && s.handler === handler);
    if (at < 0) return;
    if (this.subscriptions[at].context !== context) throw new FakeOfficeError("InvalidOperation", "An event handler is removed with the request context that added it.");
    this.subscriptions.splice(at, 1);
  }

  get handlerCount(): number {
    return this.subscriptions.length;
  }

  private dispatch(kind: EventKind, sheetId: string, args: unknown): void {
    // Every change on the user's side and every add-in selection ends here, events enabled or not.
    this.notifyWatchers();
    if (!this.eventsEnabled) return;
    for (const s of this.subscriptions) {
      if (s.kind !== kind || (s.sheetId !== null && s.sheetId !== sheetId)) continue;
      this.pendingDeliveries++;
      setTimeout(() => {
        Promise.resolve()
          .then(() => s.handler(args))
          .catch((error: unknown) => this.handlerErrors.push(error))
          .finally(() => this.pendingDeliveries--);
      }, 0);
    }
  }

  private changedArgs(sheet: SheetModel, address: string, changeType: Excel.WorksheetChangedEventArgs["changeType"], trigger: "ThisLocalAddin" | "Unknown", details?: Excel.ChangedEventDetail): Excel.WorksheetChangedEventArgs {
    const rangeOf = (ctx: Excel.RequestContext) => (ctx as unknown as FakeRequestContext).workbook.worksheets.getItem(sheet.id).getRange(address) as unknown as Excel.Range;
    const args: Omit<Excel.WorksheetChangedEventArgs, "triggerSource" | "details" | "changeDirectionState"> & Partial<Excel.WorksheetChangedEventArgs> = {
      address,
      changeType,
      source: "Local",
      type: "WorksheetChanged",
      worksheetId: sheet.id,
      getRange: rangeOf,
      getRangeOrNullObject: rangeOf,
    };
    if (details) args.details = details;
    // Hosts before ExcelApi 1.14 send no triggerSource at all: the typings cannot say so, hence the cast below.
    if (this.supports("1.14")) args.triggerSource = trigger;
    return args as Excel.WorksheetChangedEventArgs;
  }

  /** Called after an add-in sync that changed values. */
  deliverChanges(changes: ReadonlyArray<{ sheetId: string; address: string }>): void {
    for (const change of changes) {
      const sheet = this.model.findSheet(change.sheetId);
      if (sheet) this.dispatch("changed", sheet.id, this.changedArgs(sheet, change.address, "RangeEdited", "ThisLocalAddin"));
    }
  }

  selectFromAddIn(sheet: SheetModel, rect: Rect): void {
    if (sheet.visibility !== "Visible") throw new FakeOfficeError("InvalidOperation", "Cannot select cells on a hidden sheet.");
    this.model.activeSheetId = sheet.id;
    this.model.selection = { sheetId: sheet.id, rect };
    this.dispatch("selectionChanged", sheet.id, { address: rectAddress(rect), type: "WorksheetSelectionChanged", worksheetId: sheet.id } satisfies Excel.WorksheetSelectionChangedEventArgs);
  }

  /** Resolves once every event delivered so far has been handled (handlers included). */
  async settle(): Promise<void> {
    do await new Promise((resolve) => setTimeout(resolve, 0));
    while (this.pendingDeliveries > 0);
  }

  // ---- the user's side of Excel --------------------------------------------------------------------------------

  private locate(address: string): { sheet: SheetModel; rect: Rect } {
    const parsed = parseArea(address);
    if (!parsed) throw new Error(`fake host: '${address}' is not an address`);
    const sheet = parsed.sheet === null ? this.model.activeSheet() : this.model.sheet(parsed.sheet);
    return { sheet, rect: parsed.rect };
  }

  /** The user types a value into a cell (Excel parses it as typed input), or a block of values. */
  edit(address: string, input: FakeValue | FakeValue[][]): void {
    const { sheet, rect } = this.locate(address);
    if (Array.isArray(input)) return this.paste(address, input);
    const before = valueAt(sheet, rect.row, rect.column);
    enterValue(sheet, rect.row, rect.column, input);
    const after = valueAt(sheet, rect.row, rect.column);
    const kind = (v: FakeValue) => (v === "" ? "Empty" : typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String");
    const details = { valueBefore: before, valueAfter: after, valueTypeBefore: kind(before), valueTypeAfter: kind(after) } as Excel.ChangedEventDetail;
    this.dispatch("changed", sheet.id, this.changedArgs(sheet, rectAddress({ ...rect, rows: 1, columns: 1 }), "RangeEdited", "Unknown", details));
  }

  /** The user pastes a block (values as they were, and their number formats if given): one event, no details. */
  paste(address: string, values: FakeValue[][], numberFormats?: string[][]): void {
    const { sheet, rect } = this.locate(address);
    const rows = values.length;
    const columns = Math.max(...values.map((v) => v.length));
    values.forEach((line, r) =>
      line.forEach((value, c) => {
        const row = rowAt(sheet, rect.row + r, true);
        row.values[rect.column + c] = value;
        setSlot<string>(row, "formulas", rect.column + c, undefined);
        const format = numberFormats?.[r]?.[c];
        if (format !== undefined) setSlot(row, "numberFormats", rect.column + c, format === "General" ? undefined : format);
      }),
    );
    this.dispatch("changed", sheet.id, this.changedArgs(sheet, rectAddress({ row: rect.row, column: rect.column, rows, columns }), "RangeEdited", "Unknown"));
  }

  /** The user clears cells (the Delete key): values go, formats stay. */
  clearContents(address: string): void {
    const { sheet, rect } = this.locate(address);
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      const row = sheet.rows[r];
      if (!row) continue;
      for (let c = rect.column; c < rect.column + rect.columns && c < row.values.length; c++) {
        row.values[c] = "";
        setSlot<string>(row, "formulas", c, undefined);
      }
    }
    this.dispatch("changed", sheet.id, this.changedArgs(sheet, rectAddress(rect), "RangeEdited", "Unknown"));
  }

  /** The user inserts `count` whole rows before sheet row `row` (1-based). */
  insertRows(sheetName: string, row: number, count = 1): void {
    const sheet = this.model.sheet(sheetName);
    insertSheetRows(sheet, row - 1, count);
    this.dispatch("changed", sheet.id, this.changedArgs(sheet, `${row}:${row + count - 1}`, "RowInserted", "Unknown"));
  }

  /** The user deletes `count` whole rows from sheet row `row` (1-based). */
  deleteRows(sheetName: string, row: number, count = 1): void {
    const sheet = this.model.sheet(sheetName);
    deleteSheetRows(sheet, row - 1, count);
    this.dispatch("changed", sheet.id, this.changedArgs(sheet, `${row}:${row + count - 1}`, "RowDeleted", "Unknown"));
  }

  /** The user selects cells ("Sheet1!B5" or "B5" on the active sheet). */
  select(address: string): void {
    const { sheet, rect } = this.locate(address);
    this.model.activeSheetId = sheet.id;
    this.model.selection = { sheetId: sheet.id, rect };
    this.dispatch("selectionChanged", sheet.id, { address: rectAddress(rect), type: "WorksheetSelectionChanged", worksheetId: sheet.id } satisfies Excel.WorksheetSelectionChangedEventArgs);
  }

  /** The user clicks a sheet's tab: it becomes the active sheet (the fake has no onActivated event to fire). */
  activate(sheetName: string): void {
    const sheet = this.model.sheet(sheetName);
    if (sheet.visibility !== "Visible") throw new FakeOfficeError("InvalidOperation", "Cannot activate a hidden sheet.");
    this.model.activeSheetId = sheet.id;
    this.notifyWatchers();
  }

  /** The user clicks the link in a cell: Excel selects the cell the link names. Returns that address. */
  followLink(address: string): string {
    const { sheet, rect } = this.locate(address);
    const link = hyperlinkAt(sheet, rect.row, rect.column);
    if (!link?.documentReference) throw new Error(`fake host: ${address} has no link into the workbook`);
    this.select(link.documentReference);
    return link.documentReference;
  }
}
