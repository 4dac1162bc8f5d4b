/// <reference types="office-js" />
/**
 * Building a fake workbook from plain data (JSON-friendly, for tests and a browser workbench), and reading a sheet
 * back as plain data to compare before and after.
 */
import { type Rect, cellName, parseArea, rectAddress } from "./a1";
import { FakeExcelHost, type FakeHostOptions } from "./host";
import { type BorderSide, type FakeBorder, type FakeValue, type OwnFormat, type SheetModel, rowAt, setSlot, validationAt } from "./model";
import { hyperlinkAt } from "./cells";

export interface FakeCellSpec {
  value?: FakeValue;
  formula?: string;
  numberFormat?: string;
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  borders?: Partial<Record<BorderSide, Partial<FakeBorder>>>;
  note?: string;
}

export interface FakeConditionalFormatSpec {
  /** One or more areas: "B2:B9" or "B2:B9, D4". */
  address: string;
  formula: string;
  fill?: string;
  fontColor?: string;
}

export interface FakeSheetSpec {
  name: string;
  /** Values from A1, a row per array. */
  rows?: FakeValue[][];
  /** Per-cell extras by address ("B2"): number format, own format, note. */
  cells?: Record<string, FakeCellSpec>;
  conditionalFormats?: FakeConditionalFormatSpec[];
  visibility?: SheetModel["visibility"];
  frozenRows?: number;
}

export interface FakeWorkbookSpec {
  sheets: FakeSheetSpec[];
  /** The active sheet's name; the first sheet when absent. */
  active?: string;
  settings?: Record<string, unknown>;
}

/** A host holding the workbook described. */
export function fakeHost(workbook: FakeWorkbookSpec, options: FakeHostOptions = {}): FakeExcelHost {
  const host = new FakeExcelHost(options);
  loadWorkbook(host, workbook);
  return host;
}

export function loadWorkbook(host: FakeExcelHost, workbook: FakeWorkbookSpec): void {
  for (const spec of workbook.sheets) {
    const sheet = host.model.addSheet(spec.name);
    sheet.visibility = spec.visibility ?? "Visible";
    sheet.frozenRows = spec.frozenRows ?? 0;
    spec.rows?.forEach((line, r) => {
      if (line.length > 0) rowAt(sheet, r, true).values = [...line];
    });
    for (const [address, cell] of Object.entries(spec.cells ?? {})) applyCell(sheet, address, cell);
    for (const cf of spec.conditionalFormats ?? []) {
      const areas = cf.address.split(",").map((a) => parseArea(a)?.rect).filter((r): r is Rect => r !== undefined);
      sheet.conditionalFormats.push({ id: host.model.newConditionalFormatId(), type: "Custom", areas, formula: cf.formula, format: { fill: cf.fill, fontColor: cf.fontColor, borders: {} }, stopIfTrue: false });
    }
  }
  const active = workbook.active ? host.model.sheet(workbook.active) : host.model.sheets[0];
  if (active) host.model.activeSheetId = active.id;
  for (const [key, value] of Object.entries(workbook.settings ?? {})) host.model.settings.set(key, JSON.stringify(value));
  host.notifyWatchers();
}

function applyCell(sheet: SheetModel, address: string, cell: FakeCellSpec): void {
  const rect = parseArea(address)?.rect;
  if (!rect) throw new Error(`fake workbook: '${address}' is not a cell address`);
  for (let r = rect.row; r < rect.row + rect.rows; r++) {
    for (let c = rect.column; c < rect.column + rect.columns; c++) {
      const row = rowAt(sheet, r, true);
      if (cell.value !== undefined) row.values[c] = cell.value;
      if (cell.formula !== undefined) setSlot(row, "formulas", c, cell.formula);
      if (cell.numberFormat !== undefined) setSlot(row, "numberFormats", c, cell.numberFormat);
      if (cell.note !== undefined) setSlot(row, "notes", c, { content: cell.note, author: "Workbook Owner" });
      const format: OwnFormat = {};
      if (cell.fill) format.fill = cell.fill.toUpperCase();
      if (cell.bold) format.bold = true;
      if (cell.italic) format.italic = true;
      if (cell.fontColor) format.fontColor = cell.fontColor.toUpperCase();
      if (cell.borders) {
        format.borders = {};
        for (const [side, border] of Object.entries(cell.borders) as Array<[BorderSide, Partial<FakeBorder>]>) {
          format.borders[side] = { style: border.style ?? "Continuous", color: (border.color ?? "#000000").toUpperCase(), weight: border.weight ?? "Thin" };
        }
      }
      if (Object.keys(format).length > 0) setSlot(row, "formats", c, format);
    }
  }
}

/** Everything about a cell a test may assert on. */
export interface CellView {
  value: FakeValue;
  formula: string | null;
  numberFormat: string;
  format: OwnFormat | null;
  note: string | null;
  link: string | null;
  validation: { type: string; rule: Excel.DataValidationRule | null; prompt: Excel.DataValidationPrompt | null } | null;
  /** Ids of the conditional formats covering the cell, top priority first. */
  conditionalFormats: string[];
}

export function cellView(host: FakeExcelHost, address: string): CellView {
  const parsed = parseArea(address);
  if (!parsed) throw new Error(`fake host: '${address}' is not an address`);
  const sheet = parsed.sheet === null ? host.model.activeSheet() : host.model.sheet(parsed.sheet);
  const { row, column } = parsed.rect;
  const model = sheet.rows[row];
  const validation = validationAt(sheet, row, column);
  const link = hyperlinkAt(sheet, row, column);
  const probe = { row, column, rows: 1, columns: 1 };
  return {
    value: model?.values[column] ?? "",
    formula: model?.formulas?.[column] ?? null,
    numberFormat: model?.numberFormats?.[column] ?? "General",
    format: model?.formats?.[column] ?? null,
    note: model?.notes?.[column]?.content ?? null,
    link: link?.documentReference ?? link?.address ?? null,
    validation: validation ? { type: validation.type, rule: validation.rule, prompt: validation.prompt } : null,
    conditionalFormats: sheet.conditionalFormats.filter((cf) => cf.areas.some((a) => a.row <= probe.row && probe.row < a.row + a.rows && a.column <= probe.column && probe.column < a.column + a.columns)).map((cf) => cf.id),
  };
}

/**
 * A sheet as plain data: every cell's value, formula, number format, own format, note and link, and the conditional
 * formats, validations and frozen rows. Two snapshots are equal exactly when nothing the user could see changed
 * (conditional formats included, so compare after clearing marks).
 */
export function snapshot(host: FakeExcelHost, sheetName: string): unknown {
  const sheet = host.model.sheet(sheetName);
  const cells: Record<string, unknown> = {};
  sheet.rows.forEach((row, r) => {
    if (!row) return;
    const width = Math.max(row.values.length, row.formats?.length ?? 0, row.numberFormats?.length ?? 0, row.notes?.length ?? 0, row.links?.length ?? 0);
    for (let c = 0; c < width; c++) {
      const entry = {
        value: row.values[c] ?? "",
        formula: row.formulas?.[c],
        numberFormat: row.numberFormats?.[c],
        format: row.formats?.[c],
        note: row.notes?.[c],
        link: row.links?.[c],
      };
      if (entry.value === "" && Object.values(entry).filter((v) => v !== undefined).length === 1) continue;
      cells[cellName(r, c)] = JSON.parse(JSON.stringify(entry));
    }
  });
  return {
    name: sheet.name,
    cells,
    conditionalFormats: sheet.conditionalFormats.map((cf) => ({ ...cf, areas: cf.areas.map(rectAddress) })),
    validations: sheet.validations.map((v) => ({ ...v, areas: v.areas.map(rectAddress) })),
    frozenRows: sheet.frozenRows,
  };
}
