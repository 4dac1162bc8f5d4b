import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { CellValue, RowFormats, TableInput } from "../validation";
import { sniffContent } from "./sniff";
import { xlsxCellValue, xlsxNumberFormat } from "./xlsxCellValue";

export interface XlsxRead {
  sheetName: string;
  /** Every worksheet's name, in workbook order. */
  sheets: string[];
  table: TableInput;
}

/**
 * Reads one worksheet (the first, or the one named) as a table: row 1 is the header, data row i is sheet row i + 2.
 * Problems opening the workbook throw an Error whose message is one line meant for the user.
 */
export async function readXlsx(source: string | Buffer, options: { sheet?: string } = {}): Promise<XlsxRead> {
  const bytes = typeof source === "string" ? await readSource(source) : source;
  const workbook = await openWorkbook(bytes);
  const sheets = workbook.worksheets.map((sheet) => sheet.name);
  const worksheet = options.sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(options.sheet);
  if (!worksheet) {
    if (options.sheet === undefined) throw new Error("The workbook has no worksheets.");
    throw new Error(`The workbook has no sheet named "${options.sheet}"; its sheets are ${sheets.map((s) => `"${s}"`).join(", ")}.`);
  }
  return { sheetName: worksheet.name, sheets, table: sheetTable(worksheet) };
}

function sheetTable(worksheet: ExcelJS.Worksheet): TableInput {
  const headerRow = worksheet.getRow(1);
  const width = headerRow.cellCount;
  const header: CellValue[] = [];
  for (let c = 1; c <= width; c++) header.push(xlsxCellValue(headerRow.getCell(c)));

  const rows: CellValue[][] = [];
  const formats: RowFormats[] = [];
  for (let r = 2; r <= worksheet.rowCount; r++) {
    const row = worksheet.getRow(r);
    const values: CellValue[] = [];
    const rowFormats: (string | null)[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      values.push(xlsxCellValue(cell));
      rowFormats.push(xlsxNumberFormat(cell));
    }
    const blank = values.every((value) => value === null || value === "");
    // Blank rows stay (as empty arrays) so every later row keeps its sheet row number.
    rows.push(blank ? [] : padded(values, width, null));
    formats.push(blank ? [] : padded(rowFormats, width, null));
  }
  // Rows that are only formatted after the last value are Excel's used range, not blank rows the user left.
  while (rows.length > 0 && rows[rows.length - 1].length === 0) {
    rows.pop();
    formats.pop();
  }
  return { header, rows, formats };
}

function padded<T>(cells: T[], width: number, filler: T): T[] {
  while (cells.length < width) cells.push(filler);
  return cells;
}

async function readSource(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : code === "EACCES" ? "permission denied" : "it cannot be read";
    throw new Error(`Cannot open ${path}: ${reason}.`);
  }
}

/** Sniffing describes files as "not a CSV file"; here the file was meant to be a workbook. */
function notAWorkbook(description: string): string {
  if (description.includes("(.xls)")) return "This is an old-style Excel workbook (.xls); open it in Excel and save it as .xlsx or CSV UTF-8.";
  return description.replace("not a CSV file", "not an Excel workbook (.xlsx)");
}

/** exceljs types its input as its own ArrayBuffer-like "Buffer"; at run time it takes Node's Buffer (via JSZip). */
type XlsxBytes = Parameters<ExcelJS.Xlsx["load"]>[0];

async function openWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const content = sniffContent(bytes);
  if (content.kind === "binary") throw new Error(notAWorkbook(content.description));
  if (content.kind === "text") throw new Error("This file is text, not an Excel workbook (.xlsx); read it as a CSV file.");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as XlsxBytes);
  } catch {
    // exceljs errors name zip internals ("end of central directory"), which tell a user nothing.
    throw new Error("The file cannot be opened as an Excel workbook (.xlsx): it is damaged, or another kind of file saved with that name.");
  }
  return workbook;
}
