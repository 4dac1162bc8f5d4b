/// <reference types="office-js" />
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SHEET_ONLY_CODES, fileNameOf } from "../../src/excel/submission";
import type { SelectedCell, SheetValidation, Submission } from "../../src/excel/types";
import { validateFile } from "../../src/exchange/validateFile";
import { IMPORT_SPECS, specById } from "../../src/spec";
import type { Exception } from "../../src/validation";
import type { FakeValue } from "../fakes";
import { HEADER, goodRow, harness, markOf, settle, type Harness } from "./fixtures";

let h: Harness;
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "dx-submission-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => h?.uninstall());

/** The header with a blank column at D (no header, no values): the file leaves it out. */
const BLANK_AT = 3;
const SHEET_HEADER = [...HEADER.slice(0, BLANK_AT), "", ...HEADER.slice(BLANK_AT)];
const letter = (name: string) => String.fromCharCode(65 + SHEET_HEADER.indexOf(name));

function withBlankColumn(cells: FakeValue[]): FakeValue[] {
  return [...cells.slice(0, BLANK_AT), "", ...cells.slice(BLANK_AT)];
}

/**
 * Sheet rows 2..16: number-stored IDs (one under "00000"), a date serial formatted as a date and one not, blank rows
 * inside (5, 9 and 10), a bad code, a row repeating another (its message names a row), spaces, a trailing blank row.
 */
function sheetRows(): FakeValue[][] {
  const rows: FakeValue[][] = [SHEET_HEADER];
  for (let i = 0; i < 15; i++) rows.push(withBlankColumn(goodRow(i)));
  const set = (row: number, name: string, value: FakeValue) => (rows[row - 1][SHEET_HEADER.indexOf(name)] = value);
  set(3, "Account_ID", 123);
  set(4, "Account_ID", 4567);
  set(4, "Meter_Install_Date", 43952);
  set(6, "Meter_Install_Date", 43953);
  rows[4] = SHEET_HEADER.map(() => "");
  rows[8] = SHEET_HEADER.map(() => "");
  rows[9] = SHEET_HEADER.map(() => "");
  set(7, "Service_Point_Type", "X");
  rows[11] = [...rows[1]]; // row 12 repeats row 2
  set(13, "Location_City", " Springfield");
  rows.push(SHEET_HEADER.map(() => ""));
  return rows;
}

function start(): Harness {
  return harness({
    sheets: [{
      name: 'Accounts "May"|June',
      rows: sheetRows(),
      cells: {
        [`${letter("Account_ID")}3`]: { numberFormat: "00000" },
        [`${letter("Meter_Install_Date")}4`]: { numberFormat: "yyyy-mm-dd" },
      },
    }],
  });
}

const keyOf = (f: Exception) => `${f.row}|${f.column}|${f.code}|${f.severity}`;

async function validateCsv(submission: Submission) {
  const path = join(dir, submission.fileName);
  writeFileSync(path, submission.csv);
  const result = await validateFile(path, { specs: IMPORT_SPECS, spec: specById(submission.importType) });
  return [...result.exceptions];
}

test("the submitted file leaves out blank rows and columns and validates as the sheet does, rows mapped by sheetRows", async () => {
  h = start();
  const sheet = await h.adapter.validate();
  const submission = await h.adapter.exportSubmission();

  expect(submission).toMatchObject({ sheet: 'Accounts "May"|June', importType: "accounts-and-assets", fileName: "Accounts _May__June - accounts-and-assets.csv", rows: 12, counts: sheet.counts });
  expect(submission.sheetRows).toEqual([2, 3, 4, 6, 7, 8, 11, 12, 13, 14, 15, 16]);
  const lines = submission.csv.split("\r\n");
  expect(lines[0]).toBe(HEADER.join(","));
  expect(lines).toHaveLength(14); // header, 12 rows, and the empty string after the last CRLF
  expect(lines.slice(1, -1).every((line) => line.split(",").length === HEADER.length && !/^,*$/.test(line))).toBe(true);
  const cell = (fileRow: number, name: string) => lines[fileRow - 1].split(",")[HEADER.indexOf(name)];
  expect(cell(3, "Account_ID")).toBe("123");
  expect(cell(4, "Meter_Install_Date")).toBe("2020-05-01");
  expect(cell(5, "Meter_Install_Date")).toBe("2020-05-02");
  expect(cell(10, "Location_City")).toBe('" Springfield"');

  // The sheet has the findings the file cannot have; everything else is the same, row for row.
  const codes = new Set(sheet.exceptions.map((f) => f.code));
  for (const code of ["blank-row", "blank-column", "number-stored-id", "date-serial", "invalid-code", "duplicate-row", "whitespace"]) expect(codes).toContain(code);
  const fromFile = (await validateCsv(submission)).map((f) => ({ ...f, row: f.row === null || f.row === 1 ? f.row : submission.sheetRows[f.row - 2] }));
  const expected = sheet.exceptions.filter((f) => !SHEET_ONLY_CODES.has(f.code)).map(keyOf);
  expect(fromFile.filter((f) => !SHEET_ONLY_CODES.has(f.code)).map(keyOf)).toEqual(expected);
  expect(fromFile.some((f) => f.code === "duplicate-row" && f.row === 12)).toBe(true);
});

test("the file is read afresh: an edit since the validation is in it", async () => {
  h = start();
  await h.adapter.validate();
  h.host.edit(`${letter("Location_City")}2`, "Shelbyville");
  await settle(h);
  const submission = await h.adapter.exportSubmission();
  expect(submission.csv.split("\r\n")[1]).toContain("Shelbyville");
});

test("no validation, or a header of no import type: a clear refusal", async () => {
  h = harness({ sheets: [{ name: "Notes", rows: [["Foo", "Bar"], ["1", "2"]] }] });
  await expect(h.adapter.exportSubmission()).rejects.toThrow(/Validate a sheet first/);
  const result = await h.adapter.validate();
  expect(result.spec).toBeNull();
  await expect(h.adapter.exportSubmission()).rejects.toThrow('The header of "Notes" matches no import type, so there is no file to send: choose the import type and validate again.');
});

test("file names: characters other systems refuse are replaced", () => {
  expect(fileNameOf('a/b\\c:d*e?f"g<h>i|j', "billing-reads")).toBe("a_b_c_d_e_f_g_h_i_j - billing-reads.csv");
  expect(fileNameOf("Sheet1", "id-update")).toBe("Sheet1 - id-update.csv");
});

describe("the import API's findings", () => {
  const METER = letter("Meter_ID");
  const ENDPOINT = letter("Endpoint_SN");

  function serverReport(submission: Submission, local: readonly Exception[]): Exception[] {
    // File rows: 5 is sheet row 6, 7 is sheet row 8 (sheet row 5 is blank). The server repeats the local findings (in file rows).
    const fileRow = (sheetRow: number) => submission.sheetRows.indexOf(sheetRow) + 2;
    const repeated = local.filter((f) => !SHEET_ONLY_CODES.has(f.code)).map((f) => ({ ...f, row: f.row === null || f.row === 1 ? f.row : fileRow(f.row) }));
    return [
      ...repeated,
      { row: 5, column: "Meter_ID", severity: "warning", code: "meter-moves", component: "Meter", message: "Meter M-0005 is stored at location L-9." },
      { row: 7, column: "Endpoint_SN", severity: "error", code: "unknown-reference", component: "Endpoint", message: "Endpoint_SN \"EP0007\" does not exist." },
      { row: 40, column: "Meter_ID", severity: "error", code: "unknown-reference", component: "Meter", message: "Meter_ID \"M-0040\" does not exist." },
    ];
  }

  async function shown(): Promise<{ before: SheetValidation; after: SheetValidation; listened: SheetValidation[] }> {
    h = start();
    const before = await h.adapter.validate();
    const submission = await h.adapter.exportSubmission();
    const listened: SheetValidation[] = [];
    h.adapter.onValidationChanged((r) => listened.push(r));
    const after = await h.adapter.showServerFindings(serverReport(submission, before.exceptions), submission);
    return { before, after, listened };
  }

  test("only the stored-data findings are added, on their sheet rows, marked, counted and listed in report order", async () => {
    const { before, after, listened } = await shown();
    const added = after.exceptions.filter((f) => !before.exceptions.includes(f));
    expect(added.map(keyOf)).toEqual(["null|Meter_ID|unknown-reference|error", "6|Meter_ID|meter-moves|warning", "8|Endpoint_SN|unknown-reference|error"]);
    expect(added[0].message).toMatch(/^Row 40 of the file sent, which this sheet does not match: /);
    expect(after.counts).toEqual({ ...before.counts, errors: before.counts.errors + 2, warnings: before.counts.warnings + 1 });
    const rows = after.exceptions.map((f) => f.row ?? 0);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(markOf(h.host, `${METER}6`)).toBe("warning");
    expect(markOf(h.host, `${ENDPOINT}8`)).toBe("error");
    expect(listened.at(-1)).toEqual(after);
  });

  test("they show in selection and on the Exceptions sheet", async () => {
    await shown();
    const seen: SelectedCell[] = [];
    h.adapter.onSelectionChanged((cell) => seen.push(cell));
    h.host.select(`${METER}6`);
    await settle(h);
    expect(seen[0].exceptions.map((f) => f.code)).toEqual(["meter-moves"]);
    const name = await h.adapter.writeExceptionsSheet();
    const codes = h.host.model.sheet(name).rows.map((r) => r?.values[3]);
    expect(codes).toEqual(expect.arrayContaining(["meter-moves", "unknown-reference"]));
  });

  test("an edit keeps those of other rows and drops those of its row; inserted rows move them; validate() drops them", async () => {
    await shown();
    await expect(h.adapter.showServerFindings([], { sheet: "Other", sheetRows: [] })).rejects.toThrow(/last validated "Accounts "May"\|June"/);
    h.host.edit(`${letter("Location_City")}7`, "Shelbyville");
    await settle(h);
    expect((await currentResult()).exceptions.filter((f) => f.code === "meter-moves").map((f) => f.row)).toEqual([6]);

    h.host.edit(`${METER}6`, "M-0005");
    await settle(h);
    expect((await currentResult()).exceptions.some((f) => f.code === "meter-moves")).toBe(false);
    expect(markOf(h.host, `${METER}6`)).toBeNull();

    h.host.insertRows('Accounts "May"|June', 3, 2);
    await settle(h);
    const moved = await currentResult();
    expect(moved.exceptions.filter((f) => f.code === "unknown-reference" && f.row !== null).map((f) => f.row)).toEqual([10]);
    expect(markOf(h.host, `${ENDPOINT}10`)).toBe("error");

    const fresh = await h.adapter.validate();
    expect(fresh.exceptions.some((f) => f.code === "unknown-reference")).toBe(false);
    expect(markOf(h.host, `${ENDPOINT}10`)).toBeNull();
  });
});

/** The adapter's current result, without changing anything: an edit that changes nothing, re-validated. */
async function currentResult(): Promise<SheetValidation> {
  const results: SheetValidation[] = [];
  const stop = h.adapter.onValidationChanged((r) => results.push(r));
  const address = `${letter("Location_State")}2`;
  h.host.edit(address, "IL");
  await settle(h);
  stop();
  return results.at(-1)!;
}
