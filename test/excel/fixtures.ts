/// <reference types="office-js" />
/**
 * Workbooks for the adapter tests: a small Accounts and Assets sheet whose good rows raise no finding, with helpers to
 * spoil cells, and a harness that installs the fake host's globals and makes an adapter over it.
 */
import { createExcelAdapter } from "../../src/excel/adapter";
import type { AdapterOptions, ExcelWorkbookAdapter } from "../../src/excel/types";
import { cellView, fakeHost, type FakeExcelHost, type FakeSheetSpec, type FakeValue, type FakeWorkbookSpec } from "../fakes";

export const HEADER = [
  "Account_ID", "Account_Full_Name", "Account_Email", "Location_ID", "Location_Address_Line1", "Location_City", "Location_State",
  "Location_Zip", "Service_Point_ID", "Service_Point_Type", "Meter_ID", "Meter_SN", "Meter_Size", "Register_Unit_Of_Measure",
  "Meter_Install_Date", "Endpoint_SN", "Endpoint_Type", "Read_Sequence",
];

/** Column letter of a header in HEADER. */
export function col(name: string): string {
  const i = HEADER.indexOf(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return String.fromCharCode(65 + i);
}

/** A good row: IDs distinct per `i`, so no cross-row rule fires. */
export function goodRow(i: number): FakeValue[] {
  const n = String(i + 1).padStart(4, "0");
  const cells: Record<string, FakeValue> = {
    Account_ID: `AC${n}`, Account_Full_Name: `Customer ${n}`, Account_Email: `c${n}@example.com`, Location_ID: `L-${n}`,
    Location_Address_Line1: `${i + 10} Main St`, Location_City: "Springfield", Location_State: "IL", Location_Zip: "62701",
    Service_Point_ID: `SP${n}`, Service_Point_Type: "W", Meter_ID: `M-${n}`, Meter_SN: `SN${n}`, Meter_Size: "0.625",
    Register_Unit_Of_Measure: "GAL", Meter_Install_Date: "2020-05-01", Endpoint_SN: `EP${n}`, Endpoint_Type: "M", Read_Sequence: String(i + 1),
  };
  return HEADER.map((h) => cells[h]);
}

export function sheetSpec(name: string, rows: number, edit: (rows: FakeValue[][]) => void = () => undefined, extra: Partial<FakeSheetSpec> = {}): FakeSheetSpec {
  const data = [HEADER as FakeValue[], ...Array.from({ length: rows }, (_, i) => goodRow(i))];
  edit(data);
  return { name, rows: data, ...extra };
}

/** Sets cell (sheet row, header) in a rows array (row 1 = header). */
export function put(rows: FakeValue[][], row: number, header: string, value: FakeValue): void {
  rows[row - 1][HEADER.indexOf(header)] = value;
}

export interface Harness {
  host: FakeExcelHost;
  adapter: ExcelWorkbookAdapter;
  uninstall(): void;
}

/** Installs a fake host over the workbook and makes an adapter (debounce shortened so tests run fast). */
export function harness(workbook: FakeWorkbookSpec, hostOptions: { apiVersion?: string } = {}, adapterOptions: AdapterOptions = {}): Harness {
  const host = fakeHost(workbook, hostOptions);
  const uninstall = host.install();
  const adapter = createExcelAdapter({ debounceMs: 5, ...adapterOptions });
  return { host, adapter, uninstall };
}

/** Waits for the events Excel delivered so far and the adapter's work on them. */
export async function settle(h: Harness): Promise<void> {
  await h.host.settle();
  await h.adapter.whenIdle();
  await h.host.settle();
  await h.adapter.whenIdle();
}

/** The colour a cell's mark shows: the fill of the topmost of our formats covering it, or null. */
export function markOf(host: FakeExcelHost, address: string): "error" | "warning" | null {
  const view = cellView(host, address);
  const sheetName = address.includes("!") ? address.slice(0, address.lastIndexOf("!")).replace(/^'|'$/g, "") : host.model.activeSheet().name;
  const sheet = host.model.sheet(sheetName);
  for (const id of view.conditionalFormats) {
    const cf = sheet.conditionalFormats.find((c) => c.id === id)!;
    if (cf.formula !== "=TRUE") continue;
    if (cf.format.fill === "#FFC7CE") return "error";
    if (cf.format.fill === "#FFEB9C") return "warning";
  }
  return null;
}
