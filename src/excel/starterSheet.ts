/// <reference types="office-js" />
/**
 * "New starter sheet": a new worksheet with the headers of an import type (for Accounts and Assets, by default the
 * Starter Spreadsheet's subset), prepared as "Prepare sheet" does: dropdowns and length limits on the data columns,
 * each column's description as the input prompt of its header and cells, the header frozen, required headers styled.
 */
import type { ImportSpec, ImportTypeId } from "../spec/types";
import { runExcel } from "./excelRun";
import type { OwnWrites } from "./ownWrites";
import { queuePreparation } from "./prepareSheet";
import { loadSetting, parseSetting, saveSetting, type StoredState } from "./settings";
import { asText, uniqueSheetName } from "./textCells";

/** The columns of a starter sheet: the spec's Starter Spreadsheet subset when asked for and there is one. */
export function starterColumns(spec: ImportSpec, starterOnly: boolean): string[] {
  const starter = spec.columns.filter((c) => c.starter);
  return (starterOnly && starter.length > 0 ? starter : spec.columns).map((c) => c.name);
}

export function starterSheetName(spec: ImportSpec, starterOnly: boolean): string {
  return starterOnly && spec.columns.some((c) => c.starter) ? "Starter Spreadsheet" : spec.label;
}

export async function newStarterSheet(importType: ImportTypeId, starterOnly: boolean, specs: readonly ImportSpec[], ownWrites: OwnWrites): Promise<{ name: string; stored: StoredState }> {
  const spec = specs.find((s) => s.id === importType);
  if (!spec) throw new Error(`There is no import type "${importType}".`);
  const headers = starterColumns(spec, starterOnly);
  return runExcel(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/id,items/name");
    const setting = loadSetting(context);
    await context.sync();
    const stored = parseSetting(setting);
    const sheet = worksheets.add(uniqueSheetName(starterSheetName(spec, starterOnly), worksheets.items.map((s) => s.name)));
    sheet.load("id,name");
    await context.sync();

    ownWrites.expect(sheet.id, { row: 0, column: 0, rows: 1, columns: headers.length });
    const header = sheet.getRangeByIndexes(0, 0, 1, headers.length);
    header.values = [headers.map(asText)];
    header.format.font.bold = true;
    const queued = queuePreparation(context, { sheet, headerIndex: 0, header: headers, spec }, stored, worksheets.items);
    header.format.autofitColumns();
    sheet.activate();
    await context.sync();
    const next: StoredState = { ...queued.settled(), importTypes: { ...stored.importTypes, [sheet.id]: spec.id } };
    saveSetting(context, next);
    await context.sync();
    return { name: sheet.name, stored: next };
  });
}
