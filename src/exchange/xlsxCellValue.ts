import type { Cell, CellValue as ExcelCellValue } from "exceljs";
import type { CellValue } from "../validation";
import { dateToSerial } from "../validation/dates";

/**
 * A workbook cell as the engine takes it: what Excel stores, not what it shows. Dates go back to serial numbers so
 * `cellText` writes them the way the CSV will carry them; formulas give their cached result.
 */
export function xlsxCellValue(cell: Cell): CellValue {
  // Excel's CSV export writes a merged area's value once, in its top-left cell; the rest are empty.
  if (cell.isMerged && cell.master !== cell) return null;
  return plainValue(cell.value);
}

function plainValue(value: ExcelCellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return dateToSerial(value);
  if ("error" in value) return value.error;
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("hyperlink" in value) return hyperlinkText(value.text);
  if ("formula" in value || "sharedFormula" in value) return value.result === undefined ? null : plainValue(value.result);
  return null;
}

/** A hyperlink's text, which exceljs gives as rich text when the link is formatted. */
function hyperlinkText(text: unknown): string {
  if (typeof text === "string") return text;
  if (typeof text === "object" && text !== null && "richText" in text && Array.isArray(text.richText)) {
    return text.richText.map((run: { text?: unknown }) => (typeof run.text === "string" ? run.text : "")).join("");
  }
  return "";
}

/** The cell's number format, or null when it has none worth telling (General). */
export function xlsxNumberFormat(cell: Cell): string | null {
  const format = cell.numFmt;
  return typeof format === "string" && format !== "" && format !== "General" ? format : null;
}
