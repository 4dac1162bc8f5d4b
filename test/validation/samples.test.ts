/**
 * The clean Starter table passes with no errors or warnings; the sample files in assets/samples hold exactly the
 * tables of samples.ts, and the mistakes file produces the findings it was written to show.
 */
import { readFileSync } from "fs";
import { join } from "path";
import Papa from "papaparse";
import { specById } from "../../src/spec";
import { validateTable } from "../../src/validation";
import { errorsAndWarnings, where } from "./helpers";
import { CLEAN_ROWS, MISTAKES_HEADER, MISTAKES_ROWS, SAMPLE_HEADER } from "./samples";

const spec = specById("accounts-and-assets");
const SAMPLES = join(__dirname, "..", "..", "assets", "samples");

function readSample(name: string): { bytes: Buffer; rows: string[][] } {
  const bytes = readFileSync(join(SAMPLES, name));
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { bytes, rows: parsed.data };
}

describe("the clean Starter table", () => {
  test("has no errors and no warnings", () => {
    const found = validateTable(spec, { header: SAMPLE_HEADER, rows: CLEAN_ROWS });
    expect(errorsAndWarnings(found)).toEqual([]);
  });

  test("is realistic: compound meter, manual meter, _CLEAR_, quoted commas, leading zeros, a change-out", () => {
    const col = (name: string) => CLEAN_ROWS.map((r) => r[SAMPLE_HEADER.indexOf(name)]);
    expect(col("Register_Number")).toEqual(expect.arrayContaining(["L", "H"]));
    expect(col("Endpoint_SN")).toContain("");
    expect(col("Billing_Address_Line2")).toContain("_CLEAR_");
    expect(col("Location_Address_Line2")).toContain("Apt 4, Rear");
    expect(col("Account_ID").every((id) => id.startsWith("0"))).toBe(true);
    expect(col("Meter_Removal_Date").filter((d) => d !== "")).toHaveLength(1);
    for (const date of [...col("Meter_Install_Date"), ...col("SA_Start_Date")]) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test("assets/samples/starter-clean.csv holds it: UTF-8 with BOM, CRLF, quoted commas", () => {
    const { bytes, rows } = readSample("starter-clean.csv");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(text).toContain('"Apt 4, Rear"');
    expect(rows).toEqual([SAMPLE_HEADER, ...CLEAN_ROWS]);
  });
});

describe("the demo file with mistakes", () => {
  test("assets/samples/starter-with-mistakes.csv holds it: UTF-8 without BOM, CRLF", () => {
    const { bytes, rows } = readSample("starter-with-mistakes.csv");
    expect(bytes[0]).not.toBe(0xef);
    expect(bytes.toString("utf8").replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(rows).toEqual([MISTAKES_HEADER, ...MISTAKES_ROWS]);
  });

  test("produces the findings it was written to show, and no others", () => {
    const found = errorsAndWarnings(validateTable(spec, { header: MISTAKES_HEADER, rows: MISTAKES_ROWS }));
    expect(found.map(where)).toEqual([
      { code: "legacy-alias", row: 1, column: "SP_Longitude", severity: "warning" },
      { code: "unknown-column", row: 1, column: "Meter_Instal_Date", severity: "error" },
      { code: "date-format", row: 3, column: "SA_Start_Date", severity: "error" },
      { code: "invalid-code", row: 4, column: "Service_Point_Type", severity: "error" },
      { code: "whitespace", row: 5, column: "Account_Full_Name", severity: "warning" },
      { code: "too-long", row: 6, column: "Endpoint_SN", severity: "error" },
      { code: "compound-register-missing", row: 7, column: "Register_Number", severity: "error" },
      { code: "compound-register-missing", row: 8, column: "Register_Number", severity: "error" },
      { code: "endpoint-type-missing", row: 9, column: "Endpoint_Type", severity: "error" },
      { code: "duplicate-row", row: 11, column: null, severity: "error" },
      { code: "invalid-date", row: 12, column: "SA_Start_Date", severity: "error" },
      { code: "not-integer", row: 13, column: "Read_Sequence", severity: "error" },
      { code: "clear-token-case", row: 14, column: "Billing_Address_Line2", severity: "warning" },
      { code: "pattern", row: 15, column: "Location_Zip", severity: "error" },
      { code: "invalid-code", row: 16, column: "Register_Unit_Of_Measure", severity: "error" },
      { code: "invalid-email", row: 17, column: "Account_Email", severity: "error" },
      { code: "removal-before-install", row: 19, column: "Endpoint_Removal_Date", severity: "error" },
      { code: "clear-not-allowed", row: 21, column: "Meter_ID", severity: "error" },
    ]);
  });
});
