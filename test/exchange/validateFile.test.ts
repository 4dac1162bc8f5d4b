import fc from "fast-check";
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as rowsAt from "../../src/exchange/readRowsAt";
import { UsageError, validateFile } from "../../src/exchange/validateFile";
import { IMPORT_SPECS, specById } from "../../src/spec";
import { validateTable, type Exception } from "../../src/validation";

/**
 * validateFile checks a CSV file in two passes, the second reading only the rows that meet others, from the byte
 * ranges the first noted. Whatever the file's quoting, line breaks and characters, it must find exactly what one pass
 * over the whole table finds.
 */

const spec = specById("accounts-and-assets");
const HEADER = ["Account_ID", "Account_Full_Name", "Location_ID", "Service_Point_ID", "Meter_ID", "Register_Number", "Endpoint_SN", "Endpoint_Type", "Meter_Install_Date", "SA_Start_Date", "Location_City"];
/** Small pools, so rows often meet; values with commas, quotes, line breaks and characters of several bytes. */
const POOLS: string[][] = [
  ["A1", "A2", "Ä3", ""],
  ["Ann", 'Bob "B"', "Zoë, Jr.", ""],
  ["L1", "L2", "L\r\n3", ""],
  ["1", "2", ""],
  ["M1", "M2", "M😀3", ""],
  ["", "L", "H", "2"],
  ["E1", "E2", ""],
  ["M", ""],
  ["2020-01-01", "2021-06-01", "01/02/2020", ""],
  ["2019-01-01", "2022-01-01", ""],
  ["Springfield", "Genève", " Shelbyville", ""],
];

let dir: string;
let files = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dx-validate-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

function csv(rows: string[][], lineBreak: string, bom: boolean, quoteAll: boolean): string {
  const field = (cell: string) => (quoteAll || /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return (bom ? "\uFEFF" : "") + [HEADER, ...rows].map((cells) => cells.map(field).join(",")).join(lineBreak) + lineBreak;
}

function write(text: string): string {
  const path = join(dir, `file-${files++}.csv`);
  writeFileSync(path, text);
  return path;
}

async function findings(path: string): Promise<Exception[]> {
  return [...(await validateFile(path, { specs: IMPORT_SPECS, spec })).exceptions];
}

const TABLES = fc.record({
  rows: fc.array(fc.tuple(...POOLS.map((pool) => fc.constantFrom(...pool))), { minLength: 1, maxLength: 30 }),
  lineBreak: fc.constantFrom("\n", "\r\n"),
  bom: fc.boolean(),
  quoteAll: fc.boolean(),
});

test("property: a CSV file checked in two passes reads as the whole table checked in one", async () => {
  await fc.assert(
    fc.asyncProperty(TABLES, async ({ rows, lineBreak, bom, quoteAll }) => {
      const path = write(csv(rows, lineBreak, bom, quoteAll));
      expect(await findings(path)).toEqual(validateTable(spec, { header: HEADER, rows }));
    }),
    { numRuns: 150 },
  );
});

test("the second pass reads the rows by their bytes, and falls back on reading the whole file when it cannot", async () => {
  const rows = Array.from({ length: 40 }, (_, i) => [`A${i % 7}`, "Zoë", `L${i % 5}`, "1", `M${i % 9}`, i % 2 ? "L" : "H", `E${i}`, "M", "2020-01-01", "2021-01-01", "Genève"]);
  const path = write(csv(rows, "\r\n", true, false));
  const expected = validateTable(spec, { header: HEADER, rows });
  const real = rowsAt.readRowsAt;
  const spy = jest.spyOn(rowsAt, "readRowsAt");
  expect(await findings(path)).toEqual(expected);
  expect(spy).toHaveBeenCalledTimes(1);
  await expect(spy.mock.results[0].value).resolves.toBe(true);

  // A layout that cannot be trusted, after some rows were already entered: the rest come from a full read.
  spy.mockImplementation(async (file, layout, wanted, visit) => {
    const first = wanted.indexOf(1);
    await real(file, layout, wanted.map((flag, i) => (i === first ? flag : 0)), visit);
    return false;
  });
  expect(await findings(path)).toEqual(expected);
});

test("a file written to between the two passes is reported as changed, not half checked", async () => {
  const rows = Array.from({ length: 20 }, (_, i) => [`A${i % 3}`, "Ann", `L${i % 3}`, "1", `M${i % 3}`, "", "", "", "", "", ""]);
  const path = write(csv(rows, "\n", false, false));
  let appended = false;
  const check = validateFile(path, {
    specs: IMPORT_SPECS,
    spec,
    onProgress: (read, total, pass) => {
      if (pass === 1 && read === total && !appended) {
        appended = true;
        appendFileSync(path, "A9,Late,L9,1,M9,,,,,,\n");
      }
    },
  });
  await expect(check).rejects.toThrow(UsageError);
  await expect(check).rejects.toThrow(/changed while it was being checked/);
});
