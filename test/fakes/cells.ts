/// <reference types="office-js" />
/**
 * Reading and writing cells of the model the way Excel's range properties do: typed input is parsed as Excel parses
 * what is typed (a leading "=" makes a formula, "'" forces text, numbers and TRUE/FALSE become values, unless the
 * cell's number format is Text "@"), and `text` is the value as displayed.
 */
import { type Rect, cellName, isUnbounded, parseArea, quoteSheet } from "./a1";
import { FakeOfficeError } from "./errors";
import { type FakeHyperlink, type FakeValue, type SheetModel, formulaAt, numberFormatAt, rowAt, setSlot, valueAt } from "./model";

/** Excel's cap on the cells one read may return (all platforms). */
export const CELL_READ_LIMIT = 5_000_000;

export function checkReadable(rect: Rect, property: string): void {
  const cells = rect.rows * rect.columns;
  if (!isUnbounded(rect) && cells > CELL_READ_LIMIT) {
    throw new FakeOfficeError("RangeExceedsLimit", `Reading ${property} of ${cells} cells exceeds the limit of ${CELL_READ_LIMIT} cells a read.`);
  }
}

/** A 2D read of one cell property; null for an unbounded range (a whole row or column), as Excel returns. */
export function readGrid<V>(sheet: SheetModel, rect: Rect, property: string, cell: (row: number, column: number) => V): V[][] | null {
  if (isUnbounded(rect)) return null;
  checkReadable(rect, property);
  const out: V[][] = new Array<V[]>(rect.rows);
  for (let r = 0; r < rect.rows; r++) {
    const line = new Array<V>(rect.columns);
    for (let c = 0; c < rect.columns; c++) line[c] = cell(rect.row + r, rect.column + c);
    out[r] = line;
  }
  void sheet;
  return out;
}

export function displayText(sheet: SheetModel, row: number, column: number): string {
  const value = valueAt(sheet, row, column);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  const format = numberFormatAt(sheet, row, column);
  if (format.includes("%")) {
    const decimals = /\.(0+)%/.exec(format)?.[1].length ?? 0;
    return `${(value * 100).toFixed(decimals)}%`;
  }
  if (/^0+$/.test(format) && Number.isInteger(value)) return String(value).padStart(format.length, "0");
  if (Math.abs(value) >= 1e11) {
    const [mantissa, exponent] = value.toExponential(5).split("e");
    const power = Number(exponent);
    return `${mantissa.replace(/\.?0+$/, "")}E${power < 0 ? "-" : "+"}${String(Math.abs(power)).padStart(2, "0")}`;
  }
  return String(value);
}

function checkShape(grid: unknown, rect: Rect, property: string): unknown[][] {
  if (!Array.isArray(grid) || grid.length !== rect.rows || grid.some((line) => !Array.isArray(line) || line.length !== rect.columns)) {
    throw new FakeOfficeError("InvalidArgument", `The number of rows or columns in the input array for ${property} doesn't match the size or dimensions of the range (${rect.rows} × ${rect.columns}).`);
  }
  return grid as unknown[][];
}

/** Writes typed input (values or formulas) to a block; null leaves a cell as it is. */
export function writeInput(sheet: SheetModel, rect: Rect, grid: unknown, property: "values" | "formulas"): void {
  if (isUnbounded(rect)) throw new FakeOfficeError("InvalidArgument", `Cannot set ${property} of a whole row or column.`);
  const lines = checkShape(grid, rect, property);
  lines.forEach((line, r) =>
    line.forEach((input, c) => {
      if (input === null || input === undefined) return;
      if (typeof input !== "string" && typeof input !== "number" && typeof input !== "boolean") {
        throw new FakeOfficeError("InvalidArgument", `Cell ${cellName(rect.row + r, rect.column + c)}: ${typeof input} is not a cell value.`);
      }
      enterValue(sheet, rect.row + r, rect.column + c, input);
    }),
  );
}

/** Puts one typed value in a cell, as Excel does when a value is written through `values`. */
export function enterValue(sheet: SheetModel, row: number, column: number, input: FakeValue): void {
  const model = rowAt(sheet, row, true);
  const text = numberFormatAt(sheet, row, column) === "@";
  setSlot<string>(model, "formulas", column, undefined);
  if (typeof input !== "string" || text) {
    model.values[column] = input;
    return;
  }
  if (input.startsWith("'")) {
    model.values[column] = input.slice(1);
    return;
  }
  if (input.startsWith("=") && input.length > 1) {
    setSlot(model, "formulas", column, input);
    model.values[column] = parseHyperlinkFormula(input)?.text ?? "#NAME?";
    return;
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(input.trim())) {
    model.values[column] = Number(input);
    return;
  }
  if (/^(TRUE|FALSE)$/i.test(input)) {
    model.values[column] = input.toUpperCase() === "TRUE";
    return;
  }
  model.values[column] = input;
}

/**
 * `=HYPERLINK("target","text")`, the one formula the fake evaluates (the Exceptions sheet's links). Other formulas
 * are kept but not calculated: their value is #NAME?.
 */
export function parseHyperlinkFormula(formula: string): { target: string; text: string } | null {
  const match = /^=HYPERLINK\(\s*"((?:[^"]|"")*)"\s*(?:,\s*"((?:[^"]|"")*)"\s*)?\)$/i.exec(formula);
  if (!match) return null;
  const target = match[1].replace(/""/g, '"');
  return { target, text: match[2] === undefined ? target : match[2].replace(/""/g, '"') };
}

export function writeNumberFormats(sheet: SheetModel, rect: Rect, grid: unknown): void {
  if (isUnbounded(rect)) throw new FakeOfficeError("InvalidArgument", "Cannot set numberFormat of a whole row or column with a 2D array.");
  const lines = checkShape(grid, rect, "numberFormat");
  lines.forEach((line, r) =>
    line.forEach((format, c) => {
      if (format === null || format === undefined) return;
      if (typeof format !== "string") throw new FakeOfficeError("InvalidArgument", "A number format must be a string.");
      setSlot(rowAt(sheet, rect.row + r, true), "numberFormats", rect.column + c, format === "General" ? undefined : format);
    }),
  );
}

/** A cell's hyperlink: one set through `Range.hyperlink`, or a HYPERLINK formula's. */
export function hyperlinkAt(sheet: SheetModel, row: number, column: number): FakeHyperlink | null {
  const own = sheet.rows[row]?.links?.[column];
  if (own) return own;
  const formula = formulaAt(sheet, row, column);
  const link = formula ? parseHyperlinkFormula(formula) : null;
  if (!link) return null;
  return link.target.startsWith("#") ? { documentReference: link.target.slice(1), textToDisplay: link.text } : { address: link.target, textToDisplay: link.text };
}

export function rangeAddress(sheet: SheetModel, rect: Rect, rectAddress: (r: Rect) => string): string {
  return `${quoteSheet(sheet.name)}!${rectAddress(rect)}`;
}

/** Resolves an address on `sheet` (a sheet prefix must name that sheet); one area only. */
export function areaOn(sheet: SheetModel, address: string): Rect {
  const parsed = parseArea(address);
  if (!parsed) throw new FakeOfficeError("InvalidArgument", `'${address}' is not a valid range address.`);
  if (parsed.sheet !== null && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
    throw new FakeOfficeError("InvalidArgument", `'${address}' is not on sheet '${sheet.name}'.`);
  }
  return parsed.rect;
}
