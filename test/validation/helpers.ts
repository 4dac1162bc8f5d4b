/**
 * Table builders for the engine tests: a good base row for each import type, so that a case only states the cells it
 * changes, and small matchers over the exceptions (code, row, column, severity; never the message wording).
 */
import { specById, type ImportSpec, type ImportTypeId } from "../../src/spec";
import { validateTable, type CellValue, type Exception, type RowFormats, type TableInput } from "../../src/validation";

export type Cells = Record<string, CellValue>;

/** The Starter Spreadsheet subset of Accounts and Assets, in spec order. */
export const STARTER_HEADER = [
  "Account_ID", "Account_Full_Name", "Account_Email", "Account_Phone",
  "Location_ID", "Location_Address_Line1", "Location_City", "Location_State", "Location_Zip", "Location_Latitude", "Location_Longitude",
  "Service_Point_ID", "Service_Point_Type", "Service_Point_Route",
  "Meter_ID", "Meter_SN", "Meter_Manufacturer", "Meter_Model", "Meter_Size", "Meter_Size_Unit",
  "Register_Number", "Register_Unit_Of_Measure", "Register_Resolution", "Meter_Install_Date",
  "SA_Start_Date", "Endpoint_SN", "Endpoint_Type", "Endpoint_Install_Date", "Read_Sequence",
];

/** A good Accounts and Assets row; `i` makes its IDs distinct from other rows' so no cross-row rule fires. */
export function aaRow(i: number, overrides: Cells = {}): Cells {
  const n = String(i + 1).padStart(4, "0");
  return {
    Account_ID: `00${n}`,
    Account_Full_Name: `Customer ${n}`,
    Account_Email: `c${n}@example.com`,
    Account_Phone: "555-0100",
    Location_ID: `L-${n}`,
    Location_Address_Line1: `${i + 10} Main St`,
    Location_City: "Springfield",
    Location_State: "IL",
    Location_Zip: "62701",
    Location_Latitude: "39.7817",
    Location_Longitude: "-89.6501",
    Service_Point_ID: "SP1",
    Service_Point_Type: "W",
    Service_Point_Route: "R01",
    Meter_ID: `M-${n}`,
    Meter_SN: `SN${n}`,
    Meter_Manufacturer: "Badger",
    Meter_Model: "E-Series",
    Meter_Size: "0.625",
    Meter_Size_Unit: "INCHES",
    Register_Number: "",
    Register_Unit_Of_Measure: "GAL",
    Register_Resolution: "1.0",
    Meter_Install_Date: "2020-05-01",
    SA_Start_Date: "2019-01-01",
    Endpoint_SN: `EP${n}`,
    Endpoint_Type: "M",
    Endpoint_Install_Date: "2020-05-01",
    Read_Sequence: String(i + 1),
    ...overrides,
  };
}

/** Good base rows of the other import types. */
export const BASE_ROWS: Record<Exclude<ImportTypeId, "accounts-and-assets">, (i: number) => Cells> = {
  "interval-reads": (i) => ({ Endpoint_SN: "EP0001", Endpoint_Type: "M", Encoder_Value: String(1000 + i), Read_Time: `2021-01-01 ${String(i % 24).padStart(2, "0")}:00`, Read_Interval: "60" }),
  "billing-reads": (i) => ({ Account_ID: "0001", Location_ID: "L-1", Service_Point_ID: "SP1", Meter_ID: "M-1", Register_Number: "", Read: String(100 + i), Read_Time: `2021-${String((i % 12) + 1).padStart(2, "0")}-01`, Read_Unit: "GAL" }),
  "consumption-targets": (i) => ({ Account_ID: `A${i}`, Location_ID: "L-1", Service_Point_ID: "SP1", Target_Start_Date: "2021-01-01", Target_End_Date: "2021-01-31", Target_Volume: "1200", Target_Unit: "GAL" }),
  "transaction-history": (i) => ({ Account_Transaction_ID: `T${i}`, Account_ID: "0001", Transaction_Type: "BILL", Amount: "42.50", Transaction_Date: `2021-${String((i % 12) + 1).padStart(2, "0")}-15`, Details: "Monthly bill" }),
  "id-update": (i) => ({ Account_ID: `OLD${i}`, Account_ID_new: `NEW${i}`, Location_ID: "", Location_ID_new: "", Service_Point_ID: "", Service_Point_ID_new: "", Meter_ID: "", Meter_ID_new: "" }),
};

export function baseRow(type: ImportTypeId, i: number, overrides: Cells = {}): Cells {
  if (type === "accounts-and-assets") return aaRow(i, overrides);
  return { ...BASE_ROWS[type](i), ...overrides };
}

export function baseHeader(type: ImportTypeId): string[] {
  if (type === "accounts-and-assets") return [...STARTER_HEADER];
  return Object.keys(BASE_ROWS[type](0));
}

/** Lays records out under a header: the type's base header plus any other column a record names, in order of use. */
export function tableOf(records: Cells[], header?: readonly string[], formats?: Array<Record<string, string>>): TableInput {
  const names = header ? [...header] : [...STARTER_HEADER];
  if (!header) for (const r of records) for (const k of Object.keys(r)) if (!names.includes(k)) names.push(k);
  const rows = records.map((r) => names.map((n) => (r[n] === undefined ? "" : r[n])));
  const fmt: RowFormats[] | undefined = formats?.map((f) => names.map((n) => f[n] ?? null));
  return { header: names, rows, formats: fmt };
}

/** Validates records of one type; `rows` are overrides of the type's base rows 0, 1, 2, …. */
export function check(type: ImportTypeId, overrides: Cells[], options: { header?: readonly string[]; formats?: Array<Record<string, string>>; spec?: ImportSpec } = {}): Exception[] {
  const spec = options.spec ?? specById(type);
  const records = overrides.map((o, i) => baseRow(type, i, o));
  const header = options.header ?? (type === "accounts-and-assets" ? undefined : baseHeader(type));
  return validateTable(spec, tableOf(records, header, options.formats));
}

export function codes(exceptions: readonly Exception[]): string[] {
  return exceptions.map((e) => e.code);
}

export function withCode(exceptions: readonly Exception[], code: string): Exception[] {
  return exceptions.filter((e) => e.code === code);
}

/** The parts of an exception the tests assert on. */
export function where(e: Exception): { code: string; row: number | null; column: string | null; severity: string } {
  return { code: e.code, row: e.row, column: e.column, severity: e.severity };
}

export function errorsAndWarnings(exceptions: readonly Exception[]): Exception[] {
  return exceptions.filter((e) => e.severity !== "info");
}
