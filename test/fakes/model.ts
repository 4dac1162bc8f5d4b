/// <reference types="office-js" />
/**
 * The fake workbook's state: sheets of cells (value, formula, number format, own format, note, hyperlink), conditional
 * formats, data validation, frozen rows, and the add-in's settings. The proxies in this folder read and change it
 * only while a `context.sync()` runs; tests read it directly to check what a run left behind.
 *
 * Cells are kept a row at a time (an array per row), so a 100,000 × 40 sheet is 100,000 small arrays rather than four
 * million objects, and inserting or deleting rows moves a row's cells, formats and notes together as Excel does.
 */
import { type Rect, MAX_ROWS, intersect, shiftForDelete, shiftForInsert, subtract } from "./a1";
import { FakeOfficeError } from "./errors";

/** What a cell holds: "" for an empty cell, as Excel returns it. */
export type FakeValue = string | number | boolean;

export type BorderSide = "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight";
export const BORDER_SIDES: readonly BorderSide[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];

export interface FakeBorder {
  style: string;
  color: string;
  weight: string;
}

/** A cell's own (direct) format: what the user set with the ribbon, never what a conditional format shows. */
export interface OwnFormat {
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  borders?: Partial<Record<BorderSide, FakeBorder>>;
}

export interface FakeHyperlink {
  address?: string;
  documentReference?: string;
  screenTip?: string;
  textToDisplay?: string;
}

export interface FakeNote {
  content: string;
  author: string;
}

export interface RowModel {
  values: FakeValue[];
  formulas?: (string | undefined)[];
  numberFormats?: (string | undefined)[];
  formats?: (OwnFormat | undefined)[];
  notes?: (FakeNote | undefined)[];
  links?: (FakeHyperlink | undefined)[];
}

export interface ConditionalFormatModel {
  id: string;
  type: string;
  areas: Rect[];
  formula: string | null;
  format: { fill?: string; fontColor?: string; bold?: boolean; borders: Partial<Record<BorderSide, { style?: string; color?: string }>> };
  stopIfTrue: boolean;
}

export interface ValidationRuleModel {
  type: "None" | "List" | "TextLength" | "WholeNumber" | "Decimal" | "Date" | "Time" | "Custom";
  rule: Excel.DataValidationRule | null;
  prompt: Excel.DataValidationPrompt | null;
  errorAlert: Excel.DataValidationErrorAlert | null;
  ignoreBlanks: boolean;
}

export interface ValidationModel extends ValidationRuleModel {
  areas: Rect[];
}

export interface SheetModel {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  rows: (RowModel | undefined)[];
  /** Top priority first, as Excel's collection lists them. */
  conditionalFormats: ConditionalFormatModel[];
  validations: ValidationModel[];
  frozenRows: number;
  columnWidths: Map<number, number>;
}

export interface SelectionModel {
  sheetId: string;
  rect: Rect;
}

let idCounter = 0;
function newId(prefix: string): string {
  idCounter++;
  return `{${prefix}-${idCounter.toString(16).padStart(8, "0")}}`;
}

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  /** Setting values as Office stores them: serialised JSON. */
  readonly settings = new Map<string, string>();
  activeSheetId = "";
  selection: SelectionModel | null = null;

  addSheet(name: string, at = this.sheets.length): SheetModel {
    checkSheetName(name);
    if (this.findSheet(name)) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named '${name}' already exists.`);
    const sheet: SheetModel = { id: newId("sheet"), name, visibility: "Visible", rows: [], conditionalFormats: [], validations: [], frozenRows: 0, columnWidths: new Map() };
    this.sheets.splice(at, 0, sheet);
    if (!this.activeSheetId) this.activeSheetId = sheet.id;
    return sheet;
  }

  /** By name (case-insensitive, as Excel compares sheet names) or by id. */
  findSheet(key: string): SheetModel | undefined {
    const lower = key.toLowerCase();
    return this.sheets.find((s) => s.id === key || s.name.toLowerCase() === lower);
  }

  sheet(key: string): SheetModel {
    const sheet = this.findSheet(key);
    if (!sheet) throw new FakeOfficeError("ItemNotFound", `The worksheet '${key}' does not exist.`);
    return sheet;
  }

  activeSheet(): SheetModel {
    return this.sheet(this.activeSheetId);
  }

  deleteSheet(sheet: SheetModel): void {
    const visible = this.sheets.filter((s) => s.visibility === "Visible");
    if (visible.length === 1 && visible[0] === sheet) throw new FakeOfficeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    if (this.activeSheetId === sheet.id) this.activeSheetId = this.sheets.find((s) => s.visibility === "Visible")!.id;
    if (this.selection?.sheetId === sheet.id) this.selection = null;
  }

  newConditionalFormatId(): string {
    return newId("cf");
  }
}

export function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[\\/?*[\]:]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw new FakeOfficeError("InvalidArgument", `'${name}' is not a valid sheet name.`);
  }
}

export function rowAt(sheet: SheetModel, row: number, create: true): RowModel;
export function rowAt(sheet: SheetModel, row: number, create?: false): RowModel | undefined;
export function rowAt(sheet: SheetModel, row: number, create = false): RowModel | undefined {
  let model = sheet.rows[row];
  if (!model && create) {
    model = { values: [] };
    sheet.rows[row] = model;
  }
  return model;
}

export function valueAt(sheet: SheetModel, row: number, column: number): FakeValue {
  return sheet.rows[row]?.values[column] ?? "";
}

export function numberFormatAt(sheet: SheetModel, row: number, column: number): string {
  return sheet.rows[row]?.numberFormats?.[column] ?? "General";
}

export function formulaAt(sheet: SheetModel, row: number, column: number): string | undefined {
  return sheet.rows[row]?.formulas?.[column];
}

export function setSlot<T>(row: RowModel, key: "formulas" | "numberFormats" | "formats" | "notes" | "links", column: number, value: T | undefined): void {
  const list = (row[key] ??= []) as (T | undefined)[];
  list[column] = value;
}

/**
 * The smallest block holding every cell with a value (and, unless `valuesOnly`, every cell with a format, number
 * format or note); null for a sheet with none.
 */
export function usedRect(sheet: SheetModel, valuesOnly: boolean): Rect | null {
  let top = -1;
  let bottom = -1;
  let left = Number.MAX_SAFE_INTEGER;
  let right = -1;
  sheet.rows.forEach((row, r) => {
    if (!row) return;
    let first = -1;
    let last = -1;
    const note = (c: number) => {
      if (first < 0 || c < first) first = c;
      if (c > last) last = c;
    };
    row.values.forEach((v, c) => {
      if (v !== "") note(c);
    });
    row.formulas?.forEach((f, c) => f !== undefined && note(c));
    if (!valuesOnly) {
      row.numberFormats?.forEach((f, c) => f !== undefined && f !== "General" && note(c));
      row.formats?.forEach((f, c) => f !== undefined && note(c));
      row.notes?.forEach((n, c) => n !== undefined && note(c));
    }
    if (first < 0) return;
    if (top < 0) top = r;
    bottom = r;
    left = Math.min(left, first);
    right = Math.max(right, last);
  });
  return top < 0 ? null : { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
}

/** Moves everything at or below `at` down by `count` rows, as inserting whole rows in Excel does. */
export function insertSheetRows(sheet: SheetModel, at: number, count: number): void {
  if (at < sheet.rows.length) sheet.rows.splice(at, 0, ...new Array<RowModel | undefined>(count));
  for (const cf of sheet.conditionalFormats) cf.areas = cf.areas.map((r) => shiftForInsert(r, at, count));
  for (const v of sheet.validations) v.areas = v.areas.map((r) => shiftForInsert(r, at, count));
  if (sheet.rows.length > MAX_ROWS) sheet.rows.length = MAX_ROWS;
}

/** Removes rows `at`..`at+count-1`; conditional formats and validations left with no cells disappear, as in Excel. */
export function deleteSheetRows(sheet: SheetModel, at: number, count: number): void {
  if (at < sheet.rows.length) sheet.rows.splice(at, count);
  const shrink = (areas: Rect[]) => areas.map((r) => shiftForDelete(r, at, count)).filter((r): r is Rect => r !== null);
  for (const cf of sheet.conditionalFormats) cf.areas = shrink(cf.areas);
  sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => cf.areas.length > 0);
  for (const v of sheet.validations) v.areas = shrink(v.areas);
  sheet.validations = sheet.validations.filter((v) => v.areas.length > 0);
}

/** Removes `area` from every rectangle in `areas`. */
export function subtractArea(areas: readonly Rect[], area: Rect): Rect[] {
  return areas.flatMap((r) => subtract(r, area));
}

export function overlapsAny(areas: readonly Rect[], area: Rect): boolean {
  return areas.some((r) => intersect(r, area) !== null);
}

/** The validation in force at one cell, or null. */
export function validationAt(sheet: SheetModel, row: number, column: number): ValidationModel | null {
  const probe: Rect = { row, column, rows: 1, columns: 1 };
  return sheet.validations.find((v) => overlapsAny(v.areas, probe)) ?? null;
}

/**
 * Sets one part of the data validation of `areas`, as Excel does: cells keep the other parts of the validation they
 * had, and cells without one get a new validation holding only this part.
 */
export function setValidationPart(sheet: SheetModel, areas: readonly Rect[], change: (v: ValidationRuleModel) => void): void {
  const created: ValidationModel[] = [];
  let uncovered: Rect[] = [...areas];
  for (const existing of [...sheet.validations]) {
    const inside: Rect[] = [];
    for (const area of areas) for (const r of existing.areas) {
      const overlap = intersect(r, area);
      if (overlap) inside.push(overlap);
    }
    if (inside.length === 0) continue;
    for (const area of areas) existing.areas = subtractArea(existing.areas, area);
    for (const r of inside) uncovered = subtractArea(uncovered, r);
    const copy: ValidationModel = { ...existing, areas: inside };
    change(copy);
    created.push(copy);
  }
  if (uncovered.length > 0) {
    const fresh: ValidationModel = { type: "None", rule: null, prompt: null, errorAlert: null, ignoreBlanks: true, areas: uncovered };
    change(fresh);
    created.push(fresh);
  }
  sheet.validations = [...sheet.validations.filter((v) => v.areas.length > 0), ...created];
}

export function clearValidation(sheet: SheetModel, areas: readonly Rect[]): void {
  for (const v of sheet.validations) for (const area of areas) v.areas = subtractArea(v.areas, area);
  sheet.validations = sheet.validations.filter((v) => v.areas.length > 0);
}
