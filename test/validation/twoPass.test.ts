import fc from "fast-check";
import { accountRow, BENCH_COLUMNS, seeded } from "../../bench/generateAccounts";
import { specById } from "../../src/spec";
import type { ImportSpec } from "../../src/spec/types";
import { countBySeverity, validateTable, ValidationSession, type CellValue } from "../../src/validation";

/** A file checked in two passes (cells first, cross-row entries only for rows that may meet) must read as one pass. */
function twoPass(spec: ImportSpec, header: readonly CellValue[], rows: ReadonlyArray<readonly CellValue[]>) {
  const session = new ValidationSession(spec, header, { twoPass: true });
  for (const cells of rows) session.appendRow(cells);
  const candidates = session.crossRowCandidates();
  rows.forEach((cells, i) => {
    if (candidates[i]) session.addCrossRow(i, cells);
  });
  const exceptions = session.exceptions();
  // The counts a report's summary is written from must agree with the findings it then lists.
  expect(session.counts()).toEqual(countBySeverity(exceptions));
  expect([...session.eachException()]).toEqual(exceptions);
  return { exceptions, candidates };
}

const AA_HEADER = ["Account_ID", "Account_Full_Name", "Location_ID", "Service_Point_ID", "Meter_ID", "Register_Number", "Endpoint_SN", "Endpoint_Type", "Meter_Install_Date", "Meter_Removal_Date", "SA_Start_Date", "Location_City"];
const AA_POOLS: CellValue[][] = [
  ["A1", "A2", "A3", ""],
  ["Ann", "Bob", ""],
  ["L1", "L2", "L3", ""],
  ["1", "2", ""],
  ["M1", "M2", "M3", "M4", ""],
  ["", "L", "0", "H", "2"],
  ["E1", "E2", "E3", ""],
  ["M", ""],
  ["2020-01-01", "2021-06-01", ""],
  ["", "", "2022-01-01"],
  ["2019-01-01", "2022-01-01", ""],
  ["Springfield", "Shelbyville", ""],
];
const ID_HEADER = ["Account_ID", "Account_ID_new", "Location_ID", "Service_Point_ID", "Service_Point_ID_new", "Meter_ID", "Meter_ID_new"];
const ID_POOLS: CellValue[][] = [["A1", "A2", ""], ["A2", "A3", ""], ["L1", "L2", ""], ["1", "2", ""], ["2", "3", ""], ["M1", "M2", ""], ["M2", "M3", ""]];

const rowsOf = (pools: CellValue[][]) => fc.array(fc.tuple(...pools.map((pool) => fc.constantFrom(...pool))), { minLength: 1, maxLength: 25 });

/** Random tables from small pools of values, so rows often share keys, checked both ways. */
function sameAsOnePass(type: "accounts-and-assets" | "id-update", header: string[], pools: CellValue[][], numRuns: number): void {
  const spec = specById(type);
  fc.assert(
    fc.property(rowsOf(pools), (rows) => {
      expect(twoPass(spec, header, rows).exceptions).toEqual(validateTable(spec, { header, rows }));
    }),
    { numRuns },
  );
}

test("property: two passes find exactly what one pass finds (Accounts and Assets)", () => {
  sameAsOnePass("accounts-and-assets", AA_HEADER, AA_POOLS, 300);
});

test("property: two passes find exactly what one pass finds (ID Update, whose rule keys its own index)", () => {
  sameAsOnePass("id-update", ID_HEADER, ID_POOLS, 200);
});

test("on a realistic file, only rows that share a value with another row get a second look", () => {
  const spec = specById("accounts-and-assets");
  const random = seeded(3);
  const rows = Array.from({ length: 2000 }, (_, i) => accountRow(i, random));
  const { exceptions, candidates } = twoPass(spec, BENCH_COLUMNS, rows);
  expect(exceptions).toEqual(validateTable(spec, { header: BENCH_COLUMNS, rows }));
  const second = candidates.reduce((n, flag) => n + flag, 0);
  expect(second).toBeGreaterThan(0);
  expect(second).toBeLessThan(rows.length / 2);
});

test("a two-pass session refuses edits, which could not find the rows it never entered", () => {
  const spec = specById("accounts-and-assets");
  const session = new ValidationSession(spec, AA_HEADER, { twoPass: true });
  session.appendRow(AA_HEADER.map(() => "x"));
  expect(() => session.replaceRows([{ index: 0, cells: [] }])).toThrow(/two-pass/);
  expect(() => session.deleteRows(0, 1)).toThrow(/two-pass/);
  expect(() => new ValidationSession(spec, AA_HEADER).crossRowCandidates()).toThrow(/two-pass/);
});

test("property: rows with nothing to keep, blank rows and values without a header read the same in two passes", () => {
  // A header with a blank name (values under it have no header) and an unknown column; rows often wholly blank.
  const spec = specById("accounts-and-assets");
  const header = ["Account_ID", "Location_ID", "", "Meter_ID", "Not_A_Column", "Meter_Install_Date"];
  const pools: CellValue[][] = [["A1", "A2", ""], ["L1", "L2", ""], ["", "", "stray"], ["M1", "M2", ""], ["", "x"], ["2020-01-01", "2020-13-01", ""]];
  const row = fc.oneof(fc.tuple(...pools.map((pool) => fc.constantFrom(...pool))), fc.constant(["", "", "", "", "", ""]));
  fc.assert(
    fc.property(fc.array(row, { minLength: 1, maxLength: 25 }), (rows) => {
      const { exceptions } = twoPass(spec, header, rows);
      expect(exceptions).toEqual(validateTable(spec, { header, rows }));
      const { single, double } = sessionsOf(spec, header, rows);
      expect(double.recordCount).toBe(single.recordCount);
      rows.forEach((_, i) => expect(double.rowExceptions(i)).toEqual(single.rowExceptions(i)));
    }),
    { numRuns: 200 },
  );
});

test("property: findings a two-pass session keeps as their cell's text read the same as one pass's", () => {
  // Spaces and control characters at the edges (a whitespace finding, then the trimmed value checked), bad codes,
  // dates, numbers and lengths: every kind of parameter the log must make again from the text alone.
  const spec = specById("accounts-and-assets");
  const header = ["Account_ID", "Location_ID", "Meter_ID", "Meter_Install_Date", "Endpoint_Type", "Location_Latitude", "Account_Email"];
  const pools: CellValue[][] = [
    ["A1", " A1", "\u0001A2", ""],
    ["L1", "L1 ", "x".repeat(80), ""],
    ["M1", " ", "\u00a0M2\u00a0", ""],
    ["2020-01-01", " 2020-13-01", "02/30/2021 ", "_clear_", "_CLEAR_"],
    ["M", "w", " m", ""],
    ["43.5", "12.5.1", "95", " -91 "],
    ["a@b.co", "not an email", " a@b.co", ""],
  ];
  fc.assert(
    fc.property(rowsOf(pools), (rows) => {
      const { single, double } = sessionsOf(spec, header, rows);
      rows.forEach((_, i) => expect(double.rowExceptions(i)).toEqual(single.rowExceptions(i)));
      expect(twoPass(spec, header, rows).exceptions).toEqual(validateTable(spec, { header, rows }));
    }),
    { numRuns: 200 },
  );
});

/** The same rows through a one-pass session and through a two-pass one (its second pass fed the rows that meet). */
function sessionsOf(spec: ImportSpec, header: CellValue[], rows: readonly (readonly CellValue[])[]): { single: ValidationSession; double: ValidationSession } {
  const single = new ValidationSession(spec, header);
  const double = new ValidationSession(spec, header, { twoPass: true });
  rows.forEach((cells) => {
    single.appendRow(cells);
    double.appendRow(cells);
  });
  const candidates = double.crossRowCandidates();
  rows.forEach((cells, i) => candidates[i] && double.addCrossRow(i, cells));
  return { single, double };
}
