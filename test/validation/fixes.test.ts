import { accountsAndAssets } from "../../src/spec/accountsAndAssets";
import { specById } from "../../src/spec";
import type { ImportSpec } from "../../src/spec/types";
import { validateTable, type CellValue, type Exception } from "../../src/validation";
import { displayedNumber } from "../../src/validation/cellText";
import { FIXABLE_CODES, fixAllLabel, fixFor, fixLabel } from "../../src/validation/fixes";

/**
 * Each case puts one value (and number format) in a column of an otherwise good row, lets the engine find it, then
 * asks for the fix: its label comes from the finding, its text from the cell, and the fixed cell must check clean.
 */
const billingReads = specById("billing-reads");

interface Case {
  spec?: ImportSpec;
  column: string;
  value: CellValue;
  format?: string;
}

function findingOf({ spec = accountsAndAssets, column, value, format = "General" }: Case, code: string): Exception {
  const header = [column];
  const found = validateTable(spec, { header, rows: [[value]], formats: [[format]] }).filter((f) => f.column === column && f.code === code);
  expect(found).toHaveLength(1);
  return found[0];
}

/** The fix of the case's finding; and the fixed cell, checked again, carries no finding of that code. */
function fixOf(c: Case, code: string): { label: string | null; text: string | null; asText?: boolean } {
  const spec = c.spec ?? accountsAndAssets;
  const finding = findingOf(c, code);
  const columnSpec = spec.columns.find((s) => s.name === c.column)!;
  const format = c.format ?? "General";
  const shown = typeof c.value === "number" ? displayedNumber(c.value, format) : String(c.value);
  const fix = fixFor(code, { value: c.value, text: shown, numberFormat: format }, columnSpec);
  if (fix) {
    const again = validateTable(spec, { header: [c.column], rows: [[fix.text]], formats: [[fix.asText ? "@" : format]] });
    expect(again.filter((f) => f.column === c.column && f.row === 2)).toEqual([]);
  }
  return { label: fixLabel(finding), text: fix?.text ?? null, ...(fix ? { asText: fix.asText } : {}) };
}

test("whitespace: trimmed", () => {
  expect(fixOf({ column: "Location_City", value: "  Springfield " }, "whitespace")).toEqual({ label: "Trim the spaces", text: "Springfield", asText: false });
});

test("invalid-code: only a code of the list written in another case or with spaces", () => {
  expect(fixOf({ column: "Service_Point_Type", value: "w" }, "invalid-code")).toEqual({ label: "Write the code as W", text: "W", asText: false });
  expect(fixOf({ column: "Service_Point_Type", value: "Water" }, "invalid-code")).toEqual({ label: null, text: null });
  expect(fixOf({ column: "Service_Point_Type", value: "X" }, "invalid-code")).toEqual({ label: null, text: null });
});

test("invalid-flag: yes/no/true/false in any case; nothing else", () => {
  expect(fixOf({ column: "Account_Paperless", value: "yes" }, "invalid-flag")).toEqual({ label: "Write Y", text: "Y", asText: false });
  expect(fixOf({ column: "Account_Paperless", value: " No" }, "invalid-flag")).toMatchObject({ label: "Write N", text: "N" });
  expect(fixOf({ column: "Account_Paperless", value: true }, "invalid-flag")).toMatchObject({ label: "Write Y", text: "Y" });
  expect(fixOf({ column: "Account_Paperless", value: "maybe" }, "invalid-flag")).toEqual({ label: null, text: null });
  expect(fixOf({ column: "Account_Paperless", value: "1" }, "invalid-flag")).toEqual({ label: null, text: null });
});

test("clear-token-case: _CLEAR_ in capitals", () => {
  expect(fixOf({ column: "Location_City", value: "_clear_" }, "clear-token-case")).toEqual({ label: "Write _CLEAR_ in capitals", text: "_CLEAR_", asText: false });
});

test("date-format and datetime-format: one reading only, no time dropped", () => {
  expect(fixOf({ column: "Meter_Install_Date", value: "5/13/2020" }, "date-format")).toEqual({ label: "Write the date as 2020-05-13", text: "2020-05-13", asText: false });
  expect(fixOf({ column: "Meter_Install_Date", value: "13.5.2020" }, "date-format")).toMatchObject({ text: "2020-05-13" });
  expect(fixOf({ column: "Meter_Install_Date", value: "2020/5/1" }, "date-format")).toMatchObject({ text: "2020-05-01" });
  expect(fixOf({ column: "Meter_Install_Date", value: "5/5/2020" }, "date-format")).toMatchObject({ text: "2020-05-05" });
  // 05/06/2020 is May 6 or 5 June: never guessed.
  expect(fixOf({ column: "Meter_Install_Date", value: "05/06/2020" }, "date-format")).toEqual({ label: null, text: null });
  expect(fixOf({ column: "Meter_Install_Date", value: "May 5th" }, "date-format")).toEqual({ label: null, text: null });
  expect(fixOf({ spec: billingReads, column: "Read_Time", value: "5/13/2020" }, "datetime-format")).toMatchObject({ label: "Write the date as 2020-05-13", text: "2020-05-13" });
  // The time would be lost.
  expect(fixOf({ spec: billingReads, column: "Read_Time", value: "5/13/2020 10:30" }, "datetime-format")).toEqual({ label: null, text: null });
});

test("number-stored-id: the ID as the cell shows it, as text", () => {
  expect(fixOf({ column: "Account_ID", value: 123, format: "00000" }, "number-stored-id")).toEqual({ label: "Store the ID as text: 00123", text: "00123", asText: true });
  expect(fixOf({ column: "Account_ID", value: 123 }, "number-stored-id")).toEqual({ label: "Store the ID as text: 123", text: "123", asText: true });
  // General shows 1.23457E+11: the ID is its digits, not what is shown.
  expect(fixOf({ column: "Account_ID", value: 123456789012 }, "number-stored-id")).toMatchObject({ text: "123456789012", asText: true });
  expect(fixOf({ column: "Account_ID", value: -5 }, "number-stored-id")).toEqual({ label: null, text: null });
  // A column too narrow shows #####: the format still says how the ID is padded.
  const id = accountsAndAssets.columns.find((c) => c.name === "Account_ID")!;
  expect(fixFor("number-stored-id", { value: 123, text: "#####", numberFormat: "00000" }, id)).toEqual({ text: "00123", asText: true });
});

test("date-serial: a whole serial in a date column, written as the date the file carries anyway", () => {
  expect(fixOf({ column: "Meter_Install_Date", value: 43952 }, "date-serial")).toEqual({ label: "Write the date as 2020-05-01", text: "2020-05-01", asText: false });
  expect(fixOf({ column: "Meter_Install_Date", value: 43952.5 }, "date-serial")).toEqual({ label: null, text: null });
  expect(fixOf({ spec: billingReads, column: "Read_Time", value: 43952.5 }, "date-serial")).toMatchObject({ label: "Write the date as 2020-05-01 12:00", text: "2020-05-01 12:00" });
});

test("codes without a fix, and cells that no longer need one", () => {
  const city = accountsAndAssets.columns.find((c) => c.name === "Location_City")!;
  expect(fixFor("too-long", { value: "x".repeat(99), text: "x".repeat(99), numberFormat: "General" }, city)).toBeNull();
  expect(fixFor("whitespace", { value: "Springfield", text: "Springfield", numberFormat: "General" }, city)).toBeNull();
  expect(fixLabel({ code: "required", message: "" })).toBeNull();
  for (const code of FIXABLE_CODES) expect(fixAllLabel(code)).not.toBeNull();
  expect(fixAllLabel("required")).toBeNull();
});
