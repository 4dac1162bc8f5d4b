/// <reference types="office-js" />
/** Worksheets and the worksheet collection. */
import { type Rect, MAX_COLUMNS, MAX_ROWS, parseArea, splitAreas } from "./a1";
import { areaOn } from "./cells";
import { FakeClientObject, FakeItemsCollection, type FakeRequestContext } from "./context";
import { FakeOfficeError } from "./errors";
import { FakeEventHandlers } from "./events";
import { type SheetModel, type WorkbookModel, usedRect } from "./model";
import { FakeNoteCollection } from "./notes";
import type { Mirror } from "./officeShape";
import { FakeRange, FakeRangeAreas } from "./range";

/** Excel truncates or rejects longer addresses in getRange and getRanges. */
export const ADDRESS_LIMIT = 8192;

type Visibility = Excel.SheetVisibility | "Visible" | "Hidden" | "VeryHidden";

type WorksheetMembers =
  | "id" | "name" | "visibility" | "position" | "isNullObject" | "getRange" | "getRanges" | "getRangeByIndexes" | "getCell" | "getUsedRange"
  | "getUsedRangeOrNullObject" | "activate" | "delete" | "freezePanes" | "notes" | "onChanged" | "onSelectionChanged";

export class FakeWorksheet extends FakeClientObject<SheetModel> implements Mirror<Excel.Worksheet, WorksheetMembers> {
  constructor(context: FakeRequestContext, resolver: () => SheetModel | null, nullable = false) {
    super(context, resolver, "Worksheet", nullable);
  }

  static item(context: FakeRequestContext, sheet: SheetModel): FakeWorksheet {
    return new FakeWorksheet(context, () => sheet).adoptSheet(sheet);
  }

  private adoptSheet(sheet: SheetModel): this {
    return this.adopt(sheet);
  }

  /** For a collection's item load. */
  readNow(names: string[]): Array<[string, unknown]> {
    const sheet = this.resolveTarget();
    return names.map((n) => [n, this.readProperty(sheet, n)]);
  }

  accept(values: Array<[string, unknown]>): void {
    for (const [k, v] of values) this.loaded.set(k, v);
  }

  protected scalarProperties(): readonly string[] {
    return ["id", "name", "visibility", "position"];
  }

  protected readProperty(sheet: SheetModel, name: string): unknown {
    if (name === "id") return sheet.id;
    if (name === "name") return sheet.name;
    if (name === "visibility") return sheet.visibility;
    if (name === "position") return this.context.host.model.sheets.indexOf(sheet);
    return undefined;
  }

  get id(): string {
    return this.get("id");
  }
  get name(): string {
    return this.get("name");
  }
  set name(name: string) {
    this.setProperty("name", name, (sheet) => {
      const other = this.context.host.model.findSheet(name);
      if (other && other !== sheet) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named '${name}' already exists.`);
      sheet.name = name;
    });
  }
  get visibility(): Visibility {
    return this.get("visibility");
  }
  set visibility(visibility: Visibility) {
    this.setProperty("visibility", visibility, (sheet) => {
      if (visibility !== "Visible" && this.context.host.model.sheets.filter((s) => s.visibility === "Visible" && s !== sheet).length === 0) {
        throw new FakeOfficeError("InvalidOperation", "A workbook must keep at least one visible sheet.");
      }
      sheet.visibility = visibility as SheetModel["visibility"];
    });
  }
  get position(): number {
    return this.get("position");
  }

  private range(label: string, args: unknown, rectOf: (sheet: SheetModel) => Rect | null, nullable = false): FakeRange {
    return FakeRange.make(this.context, () => {
      const sheet = this.resolveTarget();
      const rect = rectOf(sheet);
      return rect ? { sheet, rect } : null;
    }, `Worksheet.${label}`, args, nullable);
  }

  getRange(address?: string): FakeRange {
    if (address !== undefined) this.context.host.noteAddress(address);
    return this.range("getRange", [address ?? null], (sheet) => {
      if (address === undefined || address === "") return { row: 0, column: 0, rows: MAX_ROWS, columns: MAX_COLUMNS };
      checkAddressLength(address);
      if (splitAreas(address).length > 1) throw new FakeOfficeError("InvalidArgument", `getRange takes one area; use getRanges for '${address.slice(0, 40)}...'.`);
      return areaOn(sheet, address);
    });
  }

  /** Without an address, Excel returns the selection's areas; the fake requires one. */
  getRanges(address?: string): FakeRangeAreas {
    if (address === undefined) throw new FakeOfficeError("InvalidArgument", "The fake host's getRanges needs an address.");
    this.context.host.noteAddress(address);
    return FakeRangeAreas.make(
      this.context,
      () => {
        this.context.host.checkApi("1.9", "getRanges");
        const sheet = this.resolveTarget();
        checkAddressLength(address);
        const rects = splitAreas(address).map((area) => areaOn(sheet, area));
        return { sheet, rects };
      },
      "Worksheet.getRanges",
      [address],
    );
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return this.range("getRangeByIndexes", [startRow, startColumn, rowCount, columnCount], () => {
      if (startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1 || startRow + rowCount > MAX_ROWS || startColumn + columnCount > MAX_COLUMNS) {
        throw new FakeOfficeError("InvalidArgument", `getRangeByIndexes(${startRow}, ${startColumn}, ${rowCount}, ${columnCount}) is outside the sheet.`);
      }
      return { row: startRow, column: startColumn, rows: rowCount, columns: columnCount };
    });
  }

  getCell(row: number, column: number): FakeRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  /** The used range; on a sheet with nothing in it, A1 (Excel does not throw here). */
  getUsedRange(valuesOnly?: boolean): FakeRange {
    return this.range("getUsedRange", [valuesOnly ?? false], (sheet) => usedRect(sheet, valuesOnly === true) ?? { row: 0, column: 0, rows: 1, columns: 1 });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return this.range("getUsedRangeOrNullObject", [valuesOnly ?? false], (sheet) => usedRect(sheet, valuesOnly === true), true);
  }

  activate(): void {
    this.invoke("activate", null, (sheet) => {
      if (sheet.visibility !== "Visible") throw new FakeOfficeError("InvalidOperation", "A hidden sheet cannot be activated.");
      this.context.host.model.activeSheetId = sheet.id;
    });
  }

  delete(): void {
    this.invoke("delete", null, (sheet) => this.context.host.model.deleteSheet(sheet));
  }

  get freezePanes(): FakeFreezePanes {
    return new FakeFreezePanes(this.context, () => this.resolveTarget());
  }

  get notes(): FakeNoteCollection {
    return new FakeNoteCollection(this.context, () => ({ workbook: this.context.host.model, sheet: this.resolveTarget() }));
  }

  get onChanged(): FakeEventHandlers<Excel.WorksheetChangedEventArgs> {
    return new FakeEventHandlers(this.context, this.context.host, "changed", () => this.resolveTarget().id, "1.7");
  }

  get onSelectionChanged(): FakeEventHandlers<Excel.WorksheetSelectionChangedEventArgs> {
    return new FakeEventHandlers(this.context, this.context.host, "selectionChanged", () => this.resolveTarget().id, "1.7");
  }
}

function checkAddressLength(address: string): void {
  if (address.length > ADDRESS_LIMIT) {
    throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: the address has ${address.length} characters; Excel reads at most ${ADDRESS_LIMIT}.`);
  }
}

export class FakeFreezePanes extends FakeClientObject<SheetModel> implements Mirror<Excel.WorksheetFreezePanes, "freezeRows" | "unfreeze"> {
  constructor(context: FakeRequestContext, resolver: () => SheetModel) {
    super(context, resolver, "WorksheetFreezePanes");
  }
  protected scalarProperties(): readonly string[] {
    return [];
  }
  protected readProperty(): unknown {
    return undefined;
  }
  freezeRows(count?: number): void {
    this.invoke("freezeRows", [count ?? 1], (sheet) => void (sheet.frozenRows = count ?? 1));
  }
  unfreeze(): void {
    this.invoke("unfreeze", null, (sheet) => void (sheet.frozenRows = 0));
  }
}

type CollectionMembers = "items" | "getItem" | "getItemOrNullObject" | "add" | "getActiveWorksheet" | "onChanged" | "onSelectionChanged";

export class FakeWorksheetCollection extends FakeItemsCollection<WorkbookModel, FakeWorksheet> implements Mirror<Excel.WorksheetCollection, CollectionMembers> {
  constructor(context: FakeRequestContext) {
    super(context, () => context.host.model, "WorksheetCollection");
  }

  protected readonly defaultItemProperties = ["id", "name", "visibility", "position"];

  protected readItems(names: readonly string[]) {
    const items = this.resolveTarget().sheets.map((sheet) => FakeWorksheet.item(this.context, sheet));
    const values = items.map((item) => item.readNow([...names]));
    return {
      responseBytes: JSON.stringify(values).length,
      commit: () => {
        items.forEach((item, i) => item.accept(values[i]));
        return items;
      },
    };
  }


  private lookup(key: string, nullable: boolean): FakeWorksheet {
    const proxy = new FakeWorksheet(
      this.context,
      () => {
        const sheet = this.resolveTarget().findSheet(key);
        if (!sheet && !nullable) throw new FakeOfficeError("ItemNotFound", `The worksheet '${key}' does not exist.`);
        return sheet ?? null;
      },
      nullable,
    );
    return FakeClientObject.created(proxy, nullable ? "WorksheetCollection.getItemOrNullObject" : "WorksheetCollection.getItem", [key]);
  }

  getItem(key: string): FakeWorksheet {
    return this.lookup(key, false);
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return this.lookup(key, true);
  }

  add(name?: string): FakeWorksheet {
    return FakeClientObject.created(
      new FakeWorksheet(this.context, () => {
        const model = this.resolveTarget();
        let chosen = name;
        for (let n = model.sheets.length + 1; chosen === undefined; n++) if (!model.findSheet(`Sheet${n}`)) chosen = `Sheet${n}`;
        return model.addSheet(chosen);
      }),
      "WorksheetCollection.add",
      [name ?? null],
      "command",
    );
  }

  getActiveWorksheet(): FakeWorksheet {
    return FakeClientObject.created(new FakeWorksheet(this.context, () => this.resolveTarget().activeSheet()), "WorksheetCollection.getActiveWorksheet", null);
  }

  get onChanged(): FakeEventHandlers<Excel.WorksheetChangedEventArgs> {
    return new FakeEventHandlers(this.context, this.context.host, "changed", () => null, "1.9");
  }

  get onSelectionChanged(): FakeEventHandlers<Excel.WorksheetSelectionChangedEventArgs> {
    return new FakeEventHandlers(this.context, this.context.host, "selectionChanged", () => null, "1.9");
  }
}

export { parseArea };
