/**
 * What the cell editor starts with, as Excel's formula bar shows a cell: its formula, else its value as entered
 * (201 for a number shown as 000201), except a date, which is shown as the date rather than its serial number.
 */
import { formulaAt, numberFormatAt, valueAt, type SheetModel } from "../../test/fakes/model";
import { isDateFormat, shownText } from "./cellText";

export function editText(sheet: SheetModel, row: number, column: number): string {
  const formula = formulaAt(sheet, row, column);
  if (formula !== undefined) return formula;
  const value = valueAt(sheet, row, column);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number" && isDateFormat(numberFormatAt(sheet, row, column))) return shownText(sheet, row, column);
  return String(value);
}
