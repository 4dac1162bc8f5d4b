/// <reference types="office-js" />
/**
 * Range, RangeAreas and a range's own format (fill, font, borders): the cells' direct formatting, which conditional
 * formats never touch.
 */
import { type Rect, MAX_COLUMNS, MAX_ROWS, cellName, intersect, isUnbounded, rectAddress } from "./a1";
import { displayText, hyperlinkAt, rangeAddress, readGrid, writeInput, writeNumberFormats } from "./cells";
import { FakeClientObject, type FakeRequestContext } from "./context";
import { FakeConditionalFormatCollection } from "./conditionalFormats";
import { FakeDataValidation } from "./dataValidation";
import { FakeOfficeError } from "./errors";
import { type BorderSide, type OwnFormat, type SheetModel, clearValidation, formulaAt, numberFormatAt, rowAt, setSlot, subtractArea, valueAt } from "./model";
import type { Mirror } from "./officeShape";
import type { FakeWorksheet } from "./worksheet";

export interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

export interface AreasTarget {
  sheet: SheetModel;
  rects: Rect[];
}

type RangeMembers =
  | "address" | "rowIndex" | "columnIndex" | "rowCount" | "columnCount" | "cellCount" | "values" | "numberFormat" | "text" | "formulas"
  | "hyperlink" | "format" | "conditionalFormats" | "dataValidation" | "worksheet" | "isNullObject"
  | "getRow" | "getCell" | "getColumn" | "getResizedRange" | "select" | "clear";

export class FakeRange extends FakeClientObject<RangeTarget> implements Mirror<Excel.Range, RangeMembers> {
  constructor(context: FakeRequestContext, resolver: () => RangeTarget | null, nullable = false) {
    super(context, resolver, "Range", nullable);
  }

  static make(context: FakeRequestContext, resolver: () => RangeTarget | null, label: string, args: unknown, nullable = false): FakeRange {
    return FakeClientObject.created(new FakeRange(context, resolver, nullable), label, args);
  }

  protected scalarProperties(): readonly string[] {
    return ["address", "rowIndex", "columnIndex", "rowCount", "columnCount", "cellCount", "values", "numberFormat", "text", "formulas", "hyperlink"];
  }

  protected readProperty({ sheet, rect }: RangeTarget, name: string): unknown {
    switch (name) {
      case "address":
        return rangeAddress(sheet, rect, rectAddress);
      case "rowIndex":
        return rect.row;
      case "columnIndex":
        return rect.column;
      case "rowCount":
        return rect.rows;
      case "columnCount":
        return rect.columns;
      case "cellCount":
        return rect.rows * rect.columns;
      case "values":
        return readGrid(sheet, rect, "values", (r, c) => valueAt(sheet, r, c));
      case "numberFormat":
        return readGrid(sheet, rect, "numberFormat", (r, c) => numberFormatAt(sheet, r, c));
      case "text":
        return readGrid(sheet, rect, "text", (r, c) => displayText(sheet, r, c));
      case "formulas":
        return readGrid(sheet, rect, "formulas", (r, c) => formulaAt(sheet, r, c) ?? valueAt(sheet, r, c));
      case "hyperlink":
        return hyperlinkAt(sheet, rect.row, rect.column) ?? {};
    }
    return undefined;
  }

  protected override navigation(name: string): FakeClientObject<unknown> | null {
    if (name === "format") return this.format;
    if (name === "worksheet") return this.worksheet;
    if (name === "dataValidation") return this.dataValidation;
    if (name === "conditionalFormats") return this.conditionalFormats;
    return null;
  }

  get address(): string {
    return this.get("address");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get cellCount(): number {
    return this.get("cellCount");
  }
  get text(): string[][] {
    return this.get("text");
  }

  get values(): (string | number | boolean)[][] {
    return this.get("values");
  }
  set values(grid: (string | number | boolean | null)[][]) {
    this.setProperty("values", grid, ({ sheet, rect }) => {
      writeInput(sheet, rect, grid, "values");
      this.context.noteChange(sheet.id, rectAddress(rect));
    });
  }

  get formulas(): (string | number | boolean)[][] {
    return this.get("formulas");
  }
  set formulas(grid: (string | number | boolean | null)[][]) {
    this.setProperty("formulas", grid, ({ sheet, rect }) => {
      writeInput(sheet, rect, grid, "formulas");
      this.context.noteChange(sheet.id, rectAddress(rect));
    });
  }

  get numberFormat(): string[][] {
    return this.get("numberFormat");
  }
  set numberFormat(grid: (string | null)[][]) {
    this.setProperty("numberFormat", grid, ({ sheet, rect }) => writeNumberFormats(sheet, rect, grid));
  }

  get hyperlink(): Excel.RangeHyperlink {
    return this.get("hyperlink");
  }
  set hyperlink(link: Excel.RangeHyperlink) {
    this.setProperty("hyperlink", link, ({ sheet, rect }) => {
      if (isUnbounded(rect)) throw new FakeOfficeError("InvalidArgument", "Cannot set a hyperlink on a whole row or column.");
      for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.columns; c++) setSlot(rowAt(sheet, rect.row + r, true), "links", rect.column + c, { ...link });
    });
  }

  get format(): FakeRangeFormat {
    return new FakeRangeFormat(this.context, () => this.resolveTarget());
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    return new FakeConditionalFormatCollection(this.context, () => {
      const { sheet, rect } = this.resolveTarget();
      return { sheet, areas: [rect] };
    });
  }

  get dataValidation(): FakeDataValidation {
    return new FakeDataValidation(this.context, () => {
      const { sheet, rect } = this.resolveTarget();
      return { sheet, areas: [rect] };
    });
  }

  get worksheet(): FakeWorksheet {
    return this.context.host.worksheetProxy(this.context, () => this.resolveTarget().sheet);
  }

  private relative(label: string, args: unknown, rectOf: (rect: Rect) => Rect): FakeRange {
    return FakeRange.make(this.context, () => {
      const { sheet, rect } = this.resolveTarget();
      const next = rectOf(rect);
      if (next.row < 0 || next.column < 0 || next.rows < 1 || next.columns < 1 || next.row + next.rows > MAX_ROWS || next.column + next.columns > MAX_COLUMNS) {
        throw new FakeOfficeError("InvalidArgument", `Range.${label} falls outside the sheet.`);
      }
      return { sheet, rect: next };
    }, `Range.${label}`, args);
  }

  getRow(row: number): FakeRange {
    return this.relative("getRow", [row], (rect) => ({ ...rect, row: rect.row + row, rows: 1 }));
  }

  getColumn(column: number): FakeRange {
    return this.relative("getColumn", [column], (rect) => ({ ...rect, column: rect.column + column, columns: 1 }));
  }

  getCell(row: number, column: number): FakeRange {
    return this.relative("getCell", [row, column], (rect) => ({ row: rect.row + row, column: rect.column + column, rows: 1, columns: 1 }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.relative("getResizedRange", [deltaRows, deltaColumns], (rect) => ({ ...rect, rows: rect.rows + deltaRows, columns: rect.columns + deltaColumns }));
  }

  select(): void {
    this.invoke("select", null, ({ sheet, rect }) => this.context.host.selectFromAddIn(sheet, rect));
  }

  /** "All" (the default) clears values, formats, conditional formats, validation, notes and links, as Excel's Clear All. */
  clear(applyTo?: Excel.ClearApplyTo | "All" | "Formats" | "Contents" | "Hyperlinks" | "RemoveHyperlinks" | "ResetContents"): void {
    const what = applyTo ?? "All";
    this.invoke("clear", [what], ({ sheet, rect }) => {
      const all = what === "All";
      const contents = all || what === "Contents" || what === "ResetContents";
      const formats = all || what === "Formats";
      const links = all || what === "Hyperlinks" || what === "RemoveHyperlinks";
      sheet.rows.forEach((row, r) => {
        if (!row || r < rect.row || r >= rect.row + rect.rows) return;
        const last = Math.min(rect.column + rect.columns, MAX_COLUMNS);
        for (let c = rect.column; c < last && c < Math.max(row.values.length, row.formats?.length ?? 0, row.numberFormats?.length ?? 0, row.notes?.length ?? 0, row.links?.length ?? 0, row.formulas?.length ?? 0); c++) {
          if (contents) {
            if (c < row.values.length) row.values[c] = "";
            if (row.formulas) row.formulas[c] = undefined;
          }
          if (formats) {
            if (row.formats) row.formats[c] = undefined;
            if (row.numberFormats) row.numberFormats[c] = undefined;
          }
          if (links && row.links) row.links[c] = undefined;
          if (all && row.notes) row.notes[c] = undefined;
        }
      });
      if (formats) {
        for (const cf of sheet.conditionalFormats) cf.areas = subtractArea(cf.areas, rect);
        sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => cf.areas.length > 0);
      }
      if (all) clearValidation(sheet, [rect]);
      if (contents) this.context.noteChange(sheet.id, rectAddress(rect));
    });
  }
}

type AreasMembers = "address" | "areaCount" | "cellCount" | "conditionalFormats" | "dataValidation" | "isNullObject";

export class FakeRangeAreas extends FakeClientObject<AreasTarget> implements Mirror<Excel.RangeAreas, AreasMembers> {
  static make(context: FakeRequestContext, resolver: () => AreasTarget, label: string, args: unknown): FakeRangeAreas {
    return FakeClientObject.created(new FakeRangeAreas(context, resolver, "RangeAreas"), label, args);
  }

  protected scalarProperties(): readonly string[] {
    return ["address", "areaCount", "cellCount"];
  }

  protected readProperty({ sheet, rects }: AreasTarget, name: string): unknown {
    if (name === "address") return rects.map((r) => rangeAddress(sheet, r, rectAddress)).join(",");
    if (name === "areaCount") return rects.length;
    if (name === "cellCount") return rects.reduce((n, r) => n + r.rows * r.columns, 0);
    return undefined;
  }

  get address(): string {
    return this.get("address");
  }
  get areaCount(): number {
    return this.get("areaCount");
  }
  get cellCount(): number {
    return this.get("cellCount");
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    return new FakeConditionalFormatCollection(this.context, () => {
      const { sheet, rects } = this.resolveTarget();
      return { sheet, areas: rects };
    });
  }

  get dataValidation(): FakeDataValidation {
    return new FakeDataValidation(this.context, () => {
      const { sheet, rects } = this.resolveTarget();
      return { sheet, areas: rects };
    });
  }
}

/** Every cell of a bounded block, for direct formatting; an unbounded one would be a million cells a column. */
function eachCell(target: RangeTarget, visit: (format: OwnFormat, row: number, column: number) => void): void {
  const { sheet, rect } = target;
  if (isUnbounded(rect)) throw new FakeOfficeError("InvalidArgument", "The fake host formats bounded ranges only.");
  for (let r = rect.row; r < rect.row + rect.rows; r++) {
    const row = rowAt(sheet, r, true);
    for (let c = rect.column; c < rect.column + rect.columns; c++) {
      const format = row.formats?.[c] ?? {};
      visit(format, r, c);
      setSlot(row, "formats", c, Object.keys(format).length > 0 ? format : undefined);
    }
  }
}

/** One value for the whole block, or null when cells differ (as Excel reports a mixed format). */
function uniform<V>(target: RangeTarget, read: (format: OwnFormat | undefined) => V): V | null {
  const { sheet, rect } = target;
  const bounded = intersect(rect, { row: 0, column: 0, rows: Math.min(rect.rows, 10000), columns: Math.min(rect.columns, 1000) }) ?? rect;
  let first: V | undefined;
  for (let r = bounded.row; r < bounded.row + bounded.rows; r++) {
    for (let c = bounded.column; c < bounded.column + bounded.columns; c++) {
      const value = read(sheet.rows[r]?.formats?.[c]);
      if (first === undefined) first = value;
      else if (JSON.stringify(first) !== JSON.stringify(value)) return null;
    }
  }
  return first ?? null;
}

export class FakeRangeFormat extends FakeClientObject<RangeTarget> implements Mirror<Excel.RangeFormat, "fill" | "font" | "borders" | "autofitColumns" | "autofitRows" | "columnWidth"> {
  constructor(context: FakeRequestContext, resolver: () => RangeTarget) {
    super(context, resolver, "RangeFormat");
  }
  protected scalarProperties(): readonly string[] {
    return ["columnWidth"];
  }
  protected readProperty({ sheet, rect }: RangeTarget, name: string): unknown {
    return name === "columnWidth" ? (sheet.columnWidths.get(rect.column) ?? 48) : undefined;
  }
  protected override navigation(name: string): FakeClientObject<unknown> | null {
    if (name === "fill") return this.fill;
    if (name === "font") return this.font;
    return null;
  }
  get columnWidth(): number {
    return this.get("columnWidth");
  }
  set columnWidth(width: number) {
    this.setProperty("columnWidth", width, ({ sheet, rect }) => {
      for (let c = rect.column; c < rect.column + Math.min(rect.columns, 16384); c++) sheet.columnWidths.set(c, width);
    });
  }
  get fill(): FakeRangeFill {
    return new FakeRangeFill(this.context, () => this.resolveTarget());
  }
  get font(): FakeRangeFont {
    return new FakeRangeFont(this.context, () => this.resolveTarget());
  }
  get borders(): FakeRangeBorderCollection {
    return new FakeRangeBorderCollection(this.context, () => this.resolveTarget());
  }
  autofitColumns(): void {
    this.invoke("autofitColumns", null, () => undefined);
  }
  autofitRows(): void {
    this.invoke("autofitRows", null, () => undefined);
  }
}

export class FakeRangeFill extends FakeClientObject<RangeTarget> implements Mirror<Excel.RangeFill, "color" | "clear"> {
  constructor(context: FakeRequestContext, resolver: () => RangeTarget) {
    super(context, resolver, "RangeFill");
  }
  protected scalarProperties(): readonly string[] {
    return ["color"];
  }
  protected readProperty(target: RangeTarget): unknown {
    return uniform(target, (f) => f?.fill ?? null);
  }
  get color(): string {
    return this.get("color");
  }
  set color(color: string) {
    this.setProperty("color", color, (target) => eachCell(target, (f) => void (f.fill = color.toUpperCase())));
  }
  clear(): void {
    this.invoke("clear", null, (target) => eachCell(target, (f) => void delete f.fill));
  }
}

export class FakeRangeFont extends FakeClientObject<RangeTarget> implements Mirror<Excel.RangeFont, "bold" | "italic" | "color"> {
  constructor(context: FakeRequestContext, resolver: () => RangeTarget) {
    super(context, resolver, "RangeFont");
  }
  protected scalarProperties(): readonly string[] {
    return ["bold", "italic", "color"];
  }
  protected readProperty(target: RangeTarget, name: string): unknown {
    if (name === "bold") return uniform(target, (f) => f?.bold ?? false);
    if (name === "italic") return uniform(target, (f) => f?.italic ?? false);
    return uniform(target, (f) => f?.fontColor ?? "#000000");
  }
  get bold(): boolean {
    return this.get("bold");
  }
  set bold(bold: boolean) {
    this.setProperty("bold", bold, (target) => eachCell(target, (f) => void (bold ? (f.bold = true) : delete f.bold)));
  }
  get italic(): boolean {
    return this.get("italic");
  }
  set italic(italic: boolean) {
    this.setProperty("italic", italic, (target) => eachCell(target, (f) => void (italic ? (f.italic = true) : delete f.italic)));
  }
  get color(): string {
    return this.get("color");
  }
  set color(color: string) {
    this.setProperty("color", color, (target) => eachCell(target, (f) => void (f.fontColor = color.toUpperCase())));
  }
}

type BorderIndex = Excel.BorderIndex | "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideVertical" | "InsideHorizontal" | "DiagonalDown" | "DiagonalUp";

export class FakeRangeBorderCollection extends FakeClientObject<RangeTarget> implements Mirror<Excel.RangeBorderCollection, "getItem"> {
  constructor(context: FakeRequestContext, resolver: () => RangeTarget) {
    super(context, resolver, "RangeBorderCollection");
  }
  protected scalarProperties(): readonly string[] {
    return [];
  }
  protected readProperty(): unknown {
    return undefined;
  }
  getItem(index: BorderIndex): FakeRangeBorder {
    if (index !== "EdgeTop" && index !== "EdgeBottom" && index !== "EdgeLeft" && index !== "EdgeRight") {
      throw new FakeOfficeError("InvalidArgument", `The fake host models outer borders only, not ${index}.`);
    }
    return new FakeRangeBorder(this.context, () => this.resolveTarget(), index);
  }
}

/** An outer edge of a block: the edge cells' borders on that side (a one-cell range is the common case). */
export class FakeRangeBorder extends FakeClientObject<RangeTarget> implements Mirror<Excel.RangeBorder, "style" | "color" | "weight"> {
  constructor(context: FakeRequestContext, resolver: () => RangeTarget, private readonly side: BorderSide) {
    super(context, resolver, "RangeBorder");
  }
  protected scalarProperties(): readonly string[] {
    return ["style", "color", "weight"];
  }
  protected readProperty(target: RangeTarget, name: string): unknown {
    const side = this.side;
    const value = uniform(target, (f) => f?.borders?.[side] ?? null);
    if (name === "style") return value?.style ?? "None";
    if (name === "color") return value?.color ?? "#000000";
    return value?.weight ?? "Thin";
  }
  private edit(change: (border: { style: string; color: string; weight: string }) => void): (target: RangeTarget) => void {
    const side = this.side;
    return (target) =>
      eachCell(target, (f, r, c) => {
        const { rect } = target;
        const onEdge = side === "EdgeTop" ? r === rect.row : side === "EdgeBottom" ? r === rect.row + rect.rows - 1 : side === "EdgeLeft" ? c === rect.column : c === rect.column + rect.columns - 1;
        if (!onEdge) return;
        const borders = (f.borders ??= {});
        const border = (borders[side] ??= { style: "Continuous", color: "#000000", weight: "Thin" });
        change(border);
        if (border.style === "None") delete borders[side];
        if (Object.keys(borders).length === 0) delete f.borders;
      });
  }
  get style(): Excel.BorderLineStyle | "None" | "Continuous" | "Dash" | "DashDot" | "DashDotDot" | "Dot" | "Double" | "SlantDashDot" {
    return this.get("style");
  }
  set style(style: Excel.BorderLineStyle | "None" | "Continuous" | "Dash" | "DashDot" | "DashDotDot" | "Dot" | "Double" | "SlantDashDot") {
    this.setProperty("style", style, this.edit((b) => void (b.style = style)));
  }
  get color(): string {
    return this.get("color");
  }
  set color(color: string) {
    this.setProperty("color", color, this.edit((b) => void (b.color = color.toUpperCase())));
  }
  get weight(): Excel.BorderWeight | "Hairline" | "Thin" | "Medium" | "Thick" {
    return this.get("weight");
  }
  set weight(weight: Excel.BorderWeight | "Hairline" | "Thin" | "Medium" | "Thick") {
    this.setProperty("weight", weight, this.edit((b) => void (b.weight = weight)));
  }
}

export { cellName };
