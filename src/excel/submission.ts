/// <reference types="office-js" />
/**
 * The validated sheet as the CSV file the import API receives, read afresh (the sheet may have changed since the
 * findings were listed; what is sent is what the sheet holds now). Blank rows and blank columns are left out, interior
 * ones too: they carry no data, and an empty record must not reach the import. `sheetRows` says which sheet row each
 * file row came from, so the server's findings can be painted back where they belong.
 *
 * The file is written by the same writer as `dx` uses and checked by the same engine, so its findings are the sheet's,
 * save those about how the sheet holds its values (SHEET_ONLY_CODES) and with rows renumbered through `sheetRows`.
 */
import type { ImportSpec } from "../spec/types";
import { writeCsv } from "../exchange/writeCsv";
import type { CellValue, RowFormats } from "../validation";
import { runExcel } from "./excelRun";
import { readRowBlocks } from "./readBlocks";
import type { SheetState } from "./sheetState";
import type { Submission } from "./types";

/**
 * Findings the sheet has and its file cannot: the blank rows and columns the file leaves out, the header spellings it
 * writes canonically, and values Excel holds as numbers that the file writes as text (IDs, percentages, date serials).
 */
export const SHEET_ONLY_CODES: ReadonlySet<string> = new Set([
  "blank-row", "blank-column", "trailing-blank-rows", "trailing-blank-columns", "legacy-alias", "header-case",
  "number-stored-id", "percent-stored", "date-serial",
]);

interface SheetTable {
  headerRow: number;
  header: CellValue[];
  rows: CellValue[][];
  formats: RowFormats[];
}

export async function exportSubmission(state: SheetState): Promise<Submission> {
  const spec = state.spec;
  if (!spec) {
    throw new Error(`The header of "${state.sheetName}" matches no import type, so there is no file to send: choose the import type and validate again.`);
  }
  const table = await readSheet(state.sheetId);
  return submissionOf(state.sheetName, spec, table, state.findings.localCounts);
}

async function readSheet(sheetId: string): Promise<SheetTable> {
  return runExcel(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetId);
    const used = sheet.getUsedRange(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    const headerCells = used.getRow(0);
    headerCells.load("values");
    await context.sync();
    const width = used.columnIndex + used.columnCount;
    const header: CellValue[] = [...new Array<CellValue>(used.columnIndex).fill(""), ...(headerCells.values[0] as CellValue[])];
    const rows: CellValue[][] = [];
    const formats: RowFormats[] = [];
    const span = { first: used.rowIndex + 1, last: used.rowIndex + used.rowCount - 1 };
    for await (const block of readRowBlocks(context, sheet, [span], width)) {
      rows.push(...block.values);
      formats.push(...block.formats);
    }
    return { headerRow: used.rowIndex + 1, header, rows, formats };
  });
}

/** The file from the table read: blank rows and columns out, the rest as `writeCsv` writes it. */
export function submissionOf(sheetName: string, spec: ImportSpec, table: SheetTable, counts: Submission["counts"]): Submission {
  const keptRows: number[] = [];
  table.rows.forEach((cells, i) => {
    if (!cells.every(isEmpty)) keptRows.push(i);
  });
  let width = table.header.length;
  for (const cells of table.rows) width = Math.max(width, cells.length);
  const keptColumns: number[] = [];
  for (let p = 0; p < width; p++) {
    const headed = !isEmpty(table.header[p]) && String(table.header[p]).trim() !== "";
    if (headed || keptRows.some((i) => !isEmpty(table.rows[i][p]))) keptColumns.push(p);
  }
  const pick = <T>(cells: ArrayLike<T> | null | undefined): T[] => keptColumns.map((p) => cells?.[p] as T);
  const csv = writeCsv(
    spec,
    { header: pick(table.header), rows: keptRows.map((i) => pick(table.rows[i])), formats: keptRows.map((i) => pick(table.formats[i])) },
    { keepAll: true },
  );
  return {
    sheet: sheetName,
    importType: spec.id,
    fileName: fileNameOf(sheetName, spec.id),
    csv,
    rows: keptRows.length,
    sheetRows: keptRows.map((i) => table.headerRow + 1 + i),
    counts,
  };
}

/** A cell the engine counts as empty: nothing in it at all (a space is a value, and a finding). */
function isEmpty(value: CellValue): boolean {
  return value === null || value === undefined || value === "";
}

/** "<sheet> - <import type>.csv", with what Windows, macOS or a server would refuse in a file name replaced. */
export function fileNameOf(sheetName: string, importType: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = `${sheetName} - ${importType}`.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, "_").replace(/[. ]+$/, "");
  return `${safe || importType}.csv`;
}
