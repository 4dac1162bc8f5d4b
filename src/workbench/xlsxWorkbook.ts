/**
 * An .xlsx file as Excel holds it, read with exceljs's browser build: numbers stay numbers with their number formats,
 * dates become serial numbers with their date formats, text stays text, and the cells' own fills and bold come along.
 * So the add-in meets what it meets in Excel ("ID stored as a number", dates held as text).
 */
import ExcelJS from "exceljs";
import type { FakeCellSpec, FakeSheetSpec, FakeValue, FakeWorkbookSpec } from "../../test/fakes";
import { xlsxCellValue, xlsxNumberFormat } from "../exchange/xlsxCellValue";

export async function xlsxWorkbook(bytes: ArrayBuffer, fileName: string): Promise<FakeWorkbookSpec> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes);
  } catch (error) {
    throw new Error(`${fileName} could not be opened as an Excel workbook (${error instanceof Error ? error.message : String(error)}).`);
  }
  const sheets = workbook.worksheets.map(sheetSpec);
  if (sheets.length === 0) throw new Error(`${fileName} has no worksheets.`);
  const active = sheets.find((s) => s.visibility === "Visible");
  return { sheets, active: active?.name };
}

function sheetSpec(worksheet: ExcelJS.Worksheet): FakeSheetSpec {
  const rows: FakeValue[][] = [];
  const cells: Record<string, FakeCellSpec> = {};
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: FakeValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      const value = xlsxCellValue(cell);
      values[columnNumber - 1] = value ?? "";
      const spec: FakeCellSpec = {};
      const format = xlsxNumberFormat(cell);
      if (format) spec.numberFormat = format;
      const fill = solidFill(cell);
      if (fill) spec.fill = fill;
      if (cell.font?.bold) spec.bold = true;
      if (Object.keys(spec).length > 0) cells[cell.address] = spec;
    });
    // Holes (cells never written) read as empty, as in Excel.
    rows[rowNumber - 1] = Array.from(values, (v) => v ?? "");
  });
  const frozen = worksheet.views?.find((view) => view.state === "frozen");
  return {
    name: worksheet.name,
    rows: Array.from(rows, (row) => row ?? []),
    cells,
    visibility: worksheet.state === "hidden" ? "Hidden" : worksheet.state === "veryHidden" ? "VeryHidden" : "Visible",
    frozenRows: frozen && "ySplit" in frozen ? (frozen.ySplit ?? 0) : 0,
  };
}

/** A cell's solid fill colour as #RRGGBB; theme colours and patterns are left out (the grid shows them plain). */
function solidFill(cell: ExcelJS.Cell): string | null {
  const fill = cell.fill;
  if (!fill || fill.type !== "pattern" || fill.pattern !== "solid") return null;
  const argb = fill.fgColor?.argb;
  return typeof argb === "string" && /^[0-9A-F]{8}$/i.test(argb) ? `#${argb.slice(2).toUpperCase()}` : null;
}
