/// <reference types="office-js" />
/**
 * "Prepare sheet", an explicit user action: Excel data validation from the spec on each data column (dropdowns for
 * code lists, text-length limits, the column's description as the input prompt), the header row frozen, and the
 * header cells of required columns bold with a fill. It replaces the data validation of those columns (that is what
 * was asked for) and formats header cells only; it changes no value and no data cell's format.
 *
 * A code list longer than Excel's 255-character inline limit goes to a hidden sheet of the add-in's own ("DX Lists",
 * very hidden so it cannot be edited by accident), and the dropdown refers to its cells.
 */
import { headerIndex } from "../spec/headers";
import type { ColumnSpec, ImportSpec } from "../spec/types";
import type { CellValue } from "../validation";
import { MAX_ROWS, sheetPrefix } from "./addresses";
import { runExcel } from "./excelRun";
import { chooseSpec } from "./importChoice";
import { loadSetting, parseSetting, saveSetting, storedImportType, type StoredState } from "./settings";
import type { SheetState } from "./sheetState";
import { asText, uniqueSheetName } from "./textCells";
import { columnValidation, inlineList } from "./validationRules";

export const LIST_SHEET_NAME = "DX Lists";
export const REQUIRED_HEADER_FILL = "#DDEBF7";

export interface PrepareTarget {
  sheet: Excel.Worksheet;
  /** 0-based row of the header. */
  headerIndex: number;
  header: readonly CellValue[];
  spec: ImportSpec;
}

function columnLetters(position: number): string {
  let text = "";
  for (let n = position + 1; n > 0; n = Math.floor((n - 1) / 26)) text = String.fromCharCode(65 + ((n - 1) % 26)) + text;
  return text;
}

export interface QueuedPreparation {
  /** The settings to save once synced: call `settled()` after the sync (a new list sheet's id is known only then). */
  settled(): StoredState;
}

/** Queues the preparation; the list sheet (if needed) is created or rewritten. The caller syncs and saves settings. */
export function queuePreparation(context: Excel.RequestContext, target: PrepareTarget, stored: StoredState, sheets: readonly Excel.Worksheet[]): QueuedPreparation {
  const index = headerIndex(target.spec);
  const columns: Array<{ position: number; column: ColumnSpec }> = [];
  target.header.forEach((cell, position) => {
    const text = cell === null || cell === undefined ? "" : String(cell);
    if (text.trim() === "") return;
    const match = index.match(text);
    if (match.kind !== "unknown") columns.push({ position, column: match.column });
  });

  // Lists too long (or too awkward) to write inline go to the list sheet, a column each.
  const longLists = columns.map(({ column }) => ({ column, rule: columnValidation(column) })).filter(({ rule }) => rule.list !== null && inlineList(rule.list) === null);
  let created: Excel.Worksheet | null = null;
  const sources = new Map<string, string>();
  if (longLists.length > 0) {
    const existing = sheets.find((s) => s.id === stored.listSheetId);
    const listName = existing ? existing.name : uniqueSheetName(LIST_SHEET_NAME, sheets.map((s) => s.name));
    let lists: Excel.Worksheet;
    if (existing) {
      lists = existing;
      lists.getRange().clear();
    } else {
      lists = context.workbook.worksheets.add(listName);
      lists.load("id");
      created = lists;
    }
    longLists.forEach(({ column, rule }, i) => {
      const values = [[asText(column.name)], ...rule.list!.map((v) => [asText(v)])];
      lists.getRangeByIndexes(0, i, values.length, 1).values = values;
      sources.set(column.name, `=${sheetPrefix(listName)}$${columnLetters(i)}$2:$${columnLetters(i)}$${values.length}`);
    });
    lists.visibility = "VeryHidden";
  }

  const rows = MAX_ROWS - target.headerIndex - 1;
  for (const { position, column } of columns) {
    const rule = columnValidation(column);
    const data = target.sheet.getRangeByIndexes(target.headerIndex + 1, position, rows, 1).dataValidation;
    data.clear();
    if (rule.list) {
      data.rule = { list: { inCellDropDown: true, source: inlineList(rule.list) ?? sources.get(column.name)! } };
    } else if (rule.maxLength !== null) {
      data.rule = { textLength: { operator: "LessThanOrEqualTo", formula1: rule.maxLength } };
    }
    data.prompt = { showPrompt: true, title: rule.prompt.title, message: rule.prompt.message };
    if (rule.alert) data.errorAlert = { showAlert: true, style: "Warning", title: rule.alert.title, message: rule.alert.message };
    data.ignoreBlanks = true;

    const headerCell = target.sheet.getCell(target.headerIndex, position);
    headerCell.dataValidation.clear();
    headerCell.dataValidation.prompt = { showPrompt: true, title: rule.prompt.title, message: rule.prompt.message };
    if (column.requirement === "required") {
      headerCell.format.font.bold = true;
      headerCell.format.fill.color = REQUIRED_HEADER_FILL;
    }
  }
  target.sheet.freezePanes.freezeRows(target.headerIndex + 1);
  return { settled: () => (created ? { ...stored, listSheetId: created.id } : stored) };
}

/** Prepares a sheet (the active one when no name is given) for the type it was validated or is detected as. */
export async function prepareSheet(sheetName: string | undefined, state: SheetState | null, specs: readonly ImportSpec[]): Promise<StoredState> {
  return runExcel(async (context) => {
    const worksheets = context.workbook.worksheets;
    const sheet = sheetName ? worksheets.getItem(sheetName) : worksheets.getActiveWorksheet();
    sheet.load("id,name");
    const used = sheet.getUsedRange(true);
    used.load("rowIndex,columnIndex");
    const headerCells = used.getRow(0);
    headerCells.load("values");
    worksheets.load("items/id,items/name");
    const setting = loadSetting(context);
    await context.sync();
    const stored = parseSetting(setting);
    const header: CellValue[] = [...new Array<CellValue>(used.columnIndex).fill(""), ...(headerCells.values[0] as CellValue[])];
    let spec = state && state.sheetId === sheet.id ? state.spec : null;
    if (!spec) {
      const choice = chooseSpec(header, undefined, storedImportType(stored, sheet.id), specs);
      if (!choice.spec) throw new Error(choice.finding?.message ?? "The header row matches no import type.");
      spec = choice.spec;
    }
    const headerRow = state && state.sheetId === sheet.id ? state.headerRow - 1 : used.rowIndex;
    const queued = queuePreparation(context, { sheet, headerIndex: headerRow, header, spec }, stored, worksheets.items);
    await context.sync();
    const next = queued.settled();
    saveSetting(context, next);
    await context.sync();
    return next;
  });
}
