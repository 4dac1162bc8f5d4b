/// <reference types="office-js" />
/**
 * The "Exceptions" worksheet, on demand: one row per finding (row, column, severity, code, component, message) and a
 * link that jumps to the cell. The links are HYPERLINK formulas written with the block, not one `hyperlink` call a
 * cell, so a hundred thousand findings take a few syncs rather than a hundred thousand calls.
 *
 * The sheet is the add-in's own (its id is in the settings): writing again clears and rewrites it. A sheet the user
 * named "Exceptions" is never touched; ours then gets another name.
 */
import type { Exception } from "../validation";
import { cellAddress, sheetPrefix } from "./addresses";
import { runExcel } from "./excelRun";
import type { OwnWrites } from "./ownWrites";
import { loadSetting, parseSetting, saveSetting, type StoredState } from "./settings";
import type { SheetState } from "./sheetState";
import { asText, uniqueSheetName } from "./textCells";

export const EXCEPTIONS_SHEET_NAME = "Exceptions";
export const EXCEPTIONS_HEADER = ["Row", "Column", "Severity", "Code", "Component", "Message", "Cell"];
const REQUEST_BUDGET_BYTES = 3_000_000;

function linkFormula(sheetName: string, address: string): string {
  const target = `#${sheetPrefix(sheetName)}${address}`.replace(/"/g, '""');
  return `=HYPERLINK("${target}","${address}")`;
}

function rowOf(finding: Exception, state: SheetState): { cells: Array<string | number>; link: string } {
  const row = finding.row ?? state.headerRow;
  const position = finding.column === null ? 0 : (state.columnOf(finding.column) ?? 0);
  const address = cellAddress(row - 1, position);
  return {
    cells: [finding.row ?? "", asText(finding.column ?? ""), finding.severity, finding.code, finding.component, asText(finding.message)],
    link: linkFormula(state.sheetName, address),
  };
}

/** Writes the sheet; returns its name and the settings with its id. */
export async function writeExceptionsSheet(state: SheetState, ownWrites: OwnWrites): Promise<{ name: string; stored: StoredState }> {
  const findings = state.findings.list();
  return runExcel(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/id,items/name");
    const setting = loadSetting(context);
    await context.sync();
    const stored = parseSetting(setting);
    const ours = worksheets.items.find((s) => s.id === stored.exceptionsSheetId);
    let sheet: Excel.Worksheet;
    if (ours) {
      sheet = ours;
      sheet.getRange().clear();
    } else {
      sheet = worksheets.add(uniqueSheetName(EXCEPTIONS_SHEET_NAME, worksheets.items.map((s) => s.name)));
    }
    sheet.load("id,name");
    await context.sync();

    const width = EXCEPTIONS_HEADER.length;
    ownWrites.expect(sheet.id, { row: 0, column: 0, rows: findings.length + 1, columns: width });
    const header = sheet.getRangeByIndexes(0, 0, 1, width);
    header.values = [EXCEPTIONS_HEADER];
    header.format.font.bold = true;
    sheet.freezePanes.freezeRows(1);

    let start = 0;
    while (start < findings.length) {
      let bytes = 0;
      const values: Array<Array<string | number>> = [];
      const links: string[][] = [];
      for (let i = start; i < findings.length && bytes < REQUEST_BUDGET_BYTES; i++) {
        const { cells, link } = rowOf(findings[i], state);
        values.push(cells);
        links.push([link]);
        bytes += cells.reduce<number>((n, c) => n + String(c).length + 4, 0) + link.length + 8;
      }
      sheet.getRangeByIndexes(start + 1, 0, values.length, width - 1).values = values;
      sheet.getRangeByIndexes(start + 1, width - 1, values.length, 1).formulas = links;
      start += values.length;
      // One sync per ~3 MB of rows keeps each request under Excel's 5 MB; a short report needs none here.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      if (start < findings.length) await context.sync();
    }
    sheet.getRangeByIndexes(0, 0, Math.max(findings.length, 1) + 1, width).format.autofitColumns();
    sheet.activate();
    const next: StoredState = { ...stored, exceptionsSheetId: sheet.id };
    saveSetting(context, next);
    await context.sync();
    return { name: sheet.name, stored: next };
  });
}
