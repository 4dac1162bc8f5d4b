/**
 * One failing and one passing case for every exception code the engine emits, grouped by level. A failing case must
 * put the code on the expected row and column with the catalogue's severity; its passing twin differs in one cell
 * (or one header) and must not produce the code anywhere.
 */
import { specById } from "../../src/spec";
import { CATALOGUE, validateTable, type Exception } from "../../src/validation";
import { STORED_DATA_CODES } from "../../src/validation/catalogue";
import { aaRow, baseHeader, baseRow, check, STARTER_HEADER, tableOf, where, withCode, type Cells } from "./helpers";

interface Case {
  name: string;
  code: string;
  bad: () => Exception[];
  good: () => Exception[];
  row: number | null;
  column: string | null;
}

const AA = "accounts-and-assets" as const;
const aa = specById(AA);
const covered = new Set<string>();

function runCases(cases: Case[]): void {
  test.each(cases.map((c) => [`${c.code}: ${c.name}`, c] as const))("%s", (_, c) => {
    covered.add(c.code);
    const bad = withCode(c.bad(), c.code);
    expect(bad.map(where)).toContainEqual({ code: c.code, row: c.row, column: c.column, severity: CATALOGUE[c.code as keyof typeof CATALOGUE].severity });
    expect(withCode(c.good(), c.code)).toEqual([]);
  });
}

/** A header with one written header replaced (or appended when `from` is absent). */
function header(from: string | null, to: string): string[] {
  const h = [...STARTER_HEADER];
  if (from === null) h.push(to);
  else h[h.indexOf(from)] = to;
  return h;
}
function headerCase(h: string[], cells: Record<string, string> = {}): Exception[] {
  const row = aaRow(0, cells);
  return validateTable(aa, { header: h, rows: [h.map((name) => row[name] ?? cells[name] ?? "")] });
}

describe("header level (row 1)", () => {
  runCases([
    { name: "typo Meter_Instal_Date", code: "unknown-column", row: 1, column: "Meter_Instal_Date", bad: () => headerCase(header("Meter_Install_Date", "Meter_Instal_Date")), good: () => headerCase([...STARTER_HEADER]) },
    { name: "SP_Longitude", code: "legacy-alias", row: 1, column: "SP_Longitude", bad: () => headerCase(header(null, "SP_Longitude"), { SP_Longitude: "-89.65" }), good: () => headerCase(header(null, "Service_Point_Longitude"), { Service_Point_Longitude: "-89.65" }) },
    { name: "account_id in lower case", code: "header-case", row: 1, column: "account_id", bad: () => headerCase(header("Account_ID", "account_id")), good: () => headerCase(header("Account_ID", "Account_ID")) },
    { name: "Location ID with a space", code: "header-case", row: 1, column: "Location ID", bad: () => headerCase(header("Location_ID", "Location ID")), good: () => headerCase([...STARTER_HEADER]) },
    { name: "Meter_SN twice", code: "duplicate-column", row: 1, column: "Meter_SN", bad: () => headerCase(header(null, "Meter_SN")), good: () => headerCase(header(null, "Meter_Note")) },
    { name: "Account_ID absent", code: "missing-column", row: 1, column: null, bad: () => headerCase(STARTER_HEADER.filter((h) => h !== "Account_ID")), good: () => headerCase([...STARTER_HEADER]) },
    { name: "Location_City absent", code: "recommended-column-missing", row: 1, column: null, bad: () => headerCase(STARTER_HEADER.filter((h) => h !== "Location_City")), good: () => headerCase([...STARTER_HEADER, "Service_Point_Latitude", "Service_Point_Longitude"]) },
    {
      name: "values under a blank header",
      code: "blank-header",
      row: 2,
      column: null,
      bad: () => validateTable(aa, { header: [...STARTER_HEADER, "", "Meter_Note"], rows: [[...STARTER_HEADER.map((h) => aaRow(0)[h]), "stray", "note"]] }),
      good: () => validateTable(aa, { header: [...STARTER_HEADER, "", "Meter_Note"], rows: [[...STARTER_HEADER.map((h) => aaRow(0)[h]), "", "note"]] }),
    },
    {
      name: "empty column without a header",
      code: "blank-column",
      row: 1,
      column: null,
      bad: () => validateTable(aa, { header: [...STARTER_HEADER, "", "Meter_Note"], rows: [[...STARTER_HEADER.map((h) => aaRow(0)[h]), "", "note"]] }),
      good: () => validateTable(aa, { header: [...STARTER_HEADER, "Meter_Note"], rows: [[...STARTER_HEADER.map((h) => aaRow(0)[h]), "note"]] }),
    },
    {
      name: "Excel's trailing empty columns",
      code: "trailing-blank-columns",
      row: null,
      column: null,
      bad: () => validateTable(aa, { header: [...STARTER_HEADER, "", ""], rows: [[...STARTER_HEADER.map((h) => aaRow(0)[h]), "", ""]] }),
      good: () => validateTable(aa, { header: [...STARTER_HEADER], rows: [STARTER_HEADER.map((h) => aaRow(0)[h])] }),
    },
    { name: "Location_WFR", code: "deprecated-column", row: 1, column: "Location_WFR", bad: () => headerCase(header(null, "Location_WFR")), good: () => headerCase(header(null, "Location_Pool")) },
    { name: "Location_ET_Jan", code: "deprecated-column", row: 1, column: "Location_ET_Jan", bad: () => headerCase(header(null, "Location_ET_Jan"), { Location_ET_Jan: "1.2" }), good: () => headerCase(header(null, "Location_Area"), { Location_Area: "1.2" }) },
  ]);
});

const good = (i: number) => STARTER_HEADER.map((h) => aaRow(i)[h]);
const blank = () => STARTER_HEADER.map(() => "");

describe("file level", () => {
  runCases([
    { name: "nothing at all", code: "empty-file", row: null, column: null, bad: () => validateTable(aa, { header: [], rows: [] }), good: () => validateTable(aa, { header: STARTER_HEADER, rows: [] }) },
    { name: "header only", code: "no-data-rows", row: null, column: null, bad: () => validateTable(aa, { header: STARTER_HEADER, rows: [] }), good: () => validateTable(aa, { header: STARTER_HEADER, rows: [good(0)] }) },
    { name: "header and blank rows only", code: "no-data-rows", row: null, column: null, bad: () => validateTable(aa, { header: STARTER_HEADER, rows: [blank(), blank()] }), good: () => validateTable(aa, { header: STARTER_HEADER, rows: [good(0), blank()] }) },
    { name: "blank rows after the data", code: "trailing-blank-rows", row: null, column: null, bad: () => validateTable(aa, { header: STARTER_HEADER, rows: [good(0), good(1), blank(), []] }), good: () => validateTable(aa, { header: STARTER_HEADER, rows: [good(0), good(1)] }) },
    { name: "one blank row inside the data", code: "blank-row", row: 3, column: null, bad: () => validateTable(aa, { header: STARTER_HEADER, rows: [good(0), blank(), good(1)] }), good: () => validateTable(aa, { header: STARTER_HEADER, rows: [good(0), good(1), blank()] }) },
    { name: "an empty row given as []", code: "blank-row", row: 3, column: null, bad: () => validateTable(aa, { header: STARTER_HEADER, rows: [good(0), [], good(1)] }), good: () => validateTable(aa, { header: STARTER_HEADER, rows: [good(0), good(1)] }) },
    { name: "a row with fewer cells than the header", code: "short-row", row: 3, column: null, bad: () => validateTable(aa, { header: STARTER_HEADER, rows: [good(0), good(1).slice(0, -2)] }), good: () => validateTable(aa, { header: STARTER_HEADER, rows: [good(0), good(1)] }) },
  ]);

  test("a row of only spaces is not passed silently: it is a record with blank required IDs", () => {
    const found = validateTable(aa, { header: STARTER_HEADER, rows: [good(0), STARTER_HEADER.map(() => "  "), good(1)] });
    expect(withCode(found, "required").map(where)).toContainEqual({ code: "required", row: 3, column: "Account_ID", severity: "error" });
    expect(withCode(found, "whitespace").some((e) => e.row === 3)).toBe(true);
  });

  test("a run of blank rows is one warning, on the run's first row, and trailing blanks are info only", () => {
    const found = validateTable(aa, { header: STARTER_HEADER, rows: [good(0), blank(), blank(), blank(), good(1), blank(), good(2), blank()] });
    expect(withCode(found, "blank-row").map(where)).toEqual([
      { code: "blank-row", row: 3, column: null, severity: "warning" },
      { code: "blank-row", row: 7, column: null, severity: "warning" },
    ]);
    expect(withCode(found, "trailing-blank-rows").map(where)).toEqual([{ code: "trailing-blank-rows", row: null, column: null, severity: "info" }]);
    expect(withCode(found, "required")).toEqual([]);
  });
});

const cell = (column: string, bad: string, fine: string, extra: Record<string, string> = {}, row = 2): Omit<Case, "code" | "name"> => ({
  row,
  column,
  bad: () => check(AA, [{ ...extra, [column]: bad }]),
  good: () => check(AA, [{ ...extra, [column]: fine }]),
});
const other = (type: Parameters<typeof check>[0], column: string, bad: string, fine: string): Omit<Case, "code" | "name"> => ({
  row: 2,
  column,
  bad: () => check(type, [{ [column]: bad }]),
  good: () => check(type, [{ [column]: fine }]),
});

describe("cell level", () => {
  runCases([
    { name: "blank Account_ID", code: "required", ...cell("Account_ID", "", "000001") },
    { name: "Account_ID of only spaces", code: "required", ...cell("Account_ID", "   ", "000001") },
    { name: "blank Amount in Transaction History", code: "required", ...other("transaction-history", "Amount", "", "10.00") },
    { name: "Account_ID of 65 characters", code: "too-long", ...cell("Account_ID", "A".repeat(65), "A".repeat(64)) },
    { name: "Location_State of 3 letters", code: "invalid-code", ...cell("Location_State", "ILL", "IL") },
    { name: "Meter_SN of 65 characters", code: "too-long", ...cell("Meter_SN", "9".repeat(65), "9".repeat(64)) },
    { name: "Account_ID longer than the export's 32", code: "export-length", ...cell("Account_ID", "A".repeat(33), "A".repeat(32)) },
    { name: "Meter_ID longer than the export's 24", code: "export-length", ...cell("Meter_ID", "M".repeat(25), "M".repeat(24)) },
    { name: "Read_Sequence 12.5", code: "not-integer", ...cell("Read_Sequence", "12.5", "12") },
    { name: "Read_Sequence 1,234", code: "not-integer", ...cell("Read_Sequence", "1,234", "1234") },
    { name: "Read_Sequence abc", code: "not-number", ...cell("Read_Sequence", "abc", "7") },
    { name: "Meter_Size 5/8\"", code: "not-number", ...cell("Meter_Size", "5/8\"", "0.625") },
    { name: "Amount with a thousands separator", code: "not-number", ...other("transaction-history", "Amount", "1,200.00", "1200.00") },
    { name: "Location_Latitude text", code: "not-number", ...cell("Location_Latitude", "N39.78", "39.78") },
    { name: "2021-02-30", code: "invalid-date", ...cell("Meter_Install_Date", "2021-02-30", "2021-02-28") },
    { name: "2021-13-01", code: "invalid-date", ...cell("Meter_Install_Date", "2021-13-01", "2021-12-01") },
    { name: "2020-02-29 is a leap day, 2100-02-29 is not", code: "invalid-date", ...cell("SA_Start_Date", "2100-02-29", "2020-02-29") },
    { name: "Read_Time 2021-04-31 10:00", code: "invalid-date", ...other("billing-reads", "Read_Time", "2021-04-31 10:00", "2021-04-30 10:00") },
    { name: "Read_Time 2021-04-01 25:00", code: "invalid-date", ...other("interval-reads", "Read_Time", "2021-04-01 25:00", "2021-04-01 23:00") },
    { name: "01/15/2021", code: "date-format", ...cell("Meter_Install_Date", "01/15/2021", "2021-01-15") },
    { name: "2021/01/15", code: "date-format", ...cell("SA_Start_Date", "2021/01/15", "2021-01-15") },
    { name: "Read_Time 01/15/2021 10:00", code: "datetime-format", ...other("interval-reads", "Read_Time", "01/15/2021 10:00", "2021-01-15 10:00") },
    { name: "Read_Time 15.01.2021", code: "datetime-format", ...other("billing-reads", "Read_Time", "15.01.2021", "2021-01-15") },
    { name: "Service_Point_Type w", code: "invalid-code", ...cell("Service_Point_Type", "w", "W") },
    { name: "Service_Point_Type X", code: "invalid-code", ...cell("Service_Point_Type", "X", "S") },
    { name: "Register_Number l", code: "invalid-code", ...cell("Register_Number", "l", "L") },
    { name: "Register_Number 1", code: "invalid-code", ...cell("Register_Number", "1", "0") },
    { name: "Register_Unit_Of_Measure gal", code: "invalid-code", ...cell("Register_Unit_Of_Measure", "gal", "GAL") },
    { name: "Register_Unit_Of_Measure GALLONS", code: "invalid-code", ...cell("Register_Unit_Of_Measure", "GALLONS", "CUBIC_FEET") },
    { name: "Read_Unit ccf", code: "invalid-code", ...other("billing-reads", "Read_Unit", "ccf", "CUBIC_FEET") },
    { name: "Transaction_Type PAYMNT (case-insensitive list)", code: "invalid-code", ...other("transaction-history", "Transaction_Type", "PAYMNT", "payment") },
    { name: "Endpoint_Type of two letters", code: "pattern", ...cell("Endpoint_Type", "MX", "5") },
    { name: "Endpoint_Type in Interval reads", code: "pattern", ...other("interval-reads", "Endpoint_Type", "-", "N") },
    { name: "Location_Zip of 4 digits", code: "pattern", ...cell("Location_Zip", "6270", "62701-1234") },
    { name: "Location_Zip Canadian without the right shape", code: "pattern", ...cell("Location_Zip", "K1A0B", "K1A 0B1") },
    { name: "Location_Pool Yes", code: "invalid-flag", ...cell("Location_Pool", "Yes", "Y") },
    { name: "Location_Irrigation lower case", code: "invalid-flag", ...cell("Location_Irrigation", "n", "N") },
    { name: "Location_Latitude 95", code: "out-of-range", ...cell("Location_Latitude", "95", "-89.9") },
    { name: "Location_Longitude -190", code: "out-of-range", ...cell("Location_Longitude", "-190", "-179.99") },
    { name: "Account_Email without a domain", code: "invalid-email", ...cell("Account_Email", "jane@", "jane@example.org") },
    { name: "Account_Email with a space", code: "invalid-email", ...cell("Account_Email", "jane doe@example.com", "jane.doe@example.com") },
    { name: "Location_Year_Built 85", code: "invalid-year", ...cell("Location_Year_Built", "85", "1985") },
    { name: "Location_Year_Built 1700", code: "invalid-year", ...cell("Location_Year_Built", "1700", "1800") },
    { name: "Location_Year_Built far future", code: "invalid-year", ...cell("Location_Year_Built", String(new Date().getUTCFullYear() + 5), String(new Date().getUTCFullYear())) },
    { name: "_CLEAR_ in Account_ID (an ID)", code: "clear-not-allowed", ...cell("Account_ID", "_CLEAR_", "000009") },
    { name: "_CLEAR_ in Endpoint_SN (an ID)", code: "clear-not-allowed", ...cell("Endpoint_SN", "_CLEAR_", "EP9") },
    { name: "_CLEAR_ in Service_Point_Type (never empty)", code: "clear-not-allowed", ...cell("Service_Point_Type", "_CLEAR_", "S") },
    { name: "_CLEAR_ in Register_Resolution (never empty)", code: "clear-not-allowed", ...cell("Register_Resolution", "_CLEAR_", "10") },
    { name: "_CLEAR_ in Meter_Install_Date (a date)", code: "clear-not-allowed", ...cell("Meter_Install_Date", "_CLEAR_", "2020-01-01") },
    { name: "_CLEAR_ in SA_End_Date (a date)", code: "clear-not-allowed", ...cell("SA_End_Date", "_CLEAR_", "2024-01-01") },
    { name: "_clear_ in Billing_Address_Line2", code: "clear-token-case", ...cell("Billing_Address_Line2", "_clear_", "_CLEAR_") },
    { name: "_Clear_ in Meter_Note", code: "clear-token-case", ...cell("Meter_Note", "_Clear_", "Clear") },
    { name: "spaces around a name", code: "whitespace", ...cell("Account_Full_Name", " Jane Doe ", "Jane Doe") },
    { name: "trailing space after an ID", code: "whitespace", ...cell("Meter_ID", "M-0001 ", "M-0001") },
  ]);
});

/** A row with one cell given as an Excel number with its number format. */
const excel = (column: string, value: number, format: string, fine: string | number, fineFormat = format): Omit<Case, "code" | "name"> => ({
  row: 2,
  column,
  bad: () => check(AA, [{ [column]: value }], { formats: [{ [column]: format }] }),
  good: () => check(AA, [{ [column]: fine }], { formats: [{ [column]: fineFormat }] }),
});

describe("stored versus displayed (Excel values and formats)", () => {
  runCases([
    { name: "Account_ID typed as a number", code: "number-stored-id", ...excel("Account_ID", 1234, "General", "1234", "@") },
    { name: "Location_Zip 02134 held as 2134 with format 00000", code: "number-stored-id", ...excel("Location_Zip", 2134, "00000", "02134", "@") },
    { name: "Register_Resolution formatted as a percentage", code: "percent-stored", ...excel("Register_Resolution", 0.1, "0%", 0.1, "General") },
    { name: "Meter_Install_Date serial shown as General", code: "date-serial", ...excel("Meter_Install_Date", 44197, "General", 44197, "m/d/yyyy") },
  ]);
});

const rows = (type: Parameters<typeof check>[0], bad: Cells[], fine: Cells[], row: number, column: string | null, h?: string[]): Omit<Case, "code" | "name"> => ({
  row,
  column,
  bad: () => check(type, bad, { header: h }),
  good: () => check(type, fine, { header: h }),
});
const withHistory = [...STARTER_HEADER, "Meter_Removal_Date", "Endpoint_Removal_Date", "SA_End_Date", "Low_Read_Limit", "High_Read_Limit"];

describe("row rules", () => {
  runCases([
    { name: "Endpoint_SN without Endpoint_Type", code: "endpoint-type-missing", ...rows(AA, [{ Endpoint_Type: "" }], [{ Endpoint_Type: "M" }], 2, "Endpoint_Type") },
    { name: "Endpoint_SN in a file without an Endpoint_Type column", code: "endpoint-type-missing", ...rows(AA, [{}], [{ Endpoint_SN: "" }], 2, "Endpoint_SN", STARTER_HEADER.filter((h) => h !== "Endpoint_Type")) },
    { name: "Endpoint_Type without Endpoint_SN", code: "endpoint-sn-missing", ...rows(AA, [{ Endpoint_SN: "" }], [{ Endpoint_SN: "", Endpoint_Type: "" }], 2, "Endpoint_SN") },
    { name: "meter removed before installed", code: "removal-before-install", ...rows(AA, [{ Meter_Install_Date: "2020-05-01", Meter_Removal_Date: "2020-04-30" }], [{ Meter_Install_Date: "2020-05-01", Meter_Removal_Date: "2020-05-01" }], 2, "Meter_Removal_Date", withHistory) },
    { name: "endpoint removed before installed", code: "removal-before-install", ...rows(AA, [{ Endpoint_Install_Date: "2020-05-01", Endpoint_Removal_Date: "2019-05-01" }], [{ Endpoint_Install_Date: "2020-05-01", Endpoint_Removal_Date: "2021-05-01" }], 2, "Endpoint_Removal_Date", withHistory) },
    { name: "agreement ends before it starts", code: "sa-end-before-start", ...rows(AA, [{ SA_Start_Date: "2019-01-01", SA_End_Date: "2018-12-31" }], [{ SA_Start_Date: "2019-01-01", SA_End_Date: "2019-01-02" }], 2, "SA_End_Date", withHistory) },
    { name: "High_Read_Limit below Low_Read_Limit", code: "limits-reversed", ...rows(AA, [{ Low_Read_Limit: "500", High_Read_Limit: "50" }], [{ Low_Read_Limit: "50", High_Read_Limit: "500" }], 2, "High_Read_Limit", withHistory) },
    { name: "target period ends before it starts", code: "end-before-start", ...rows("consumption-targets", [{ Target_Start_Date: "2021-02-01", Target_End_Date: "2021-01-31" }], [{ Target_Start_Date: "2021-02-01", Target_End_Date: "2021-02-28" }], 2, "Target_End_Date") },
    { name: "Account_ID_new without Account_ID", code: "pair-incomplete", ...rows("id-update", [{ Account_ID: "" }], [{ Account_ID: "OLD" }], 2, "Account_ID") },
    { name: "Meter_ID_new without Meter_ID", code: "pair-incomplete", ...rows("id-update", [{ Meter_ID_new: "M2" }], [{ Meter_ID: "M1", Meter_ID_new: "M2" }], 2, "Meter_ID") },
    { name: "Account_ID_new equal to Account_ID", code: "id-unchanged", ...rows("id-update", [{ Account_ID: "A1", Account_ID_new: "A1" }], [{ Account_ID: "A1", Account_ID_new: "A2" }], 2, "Account_ID_new") },
    { name: "Service_Point_ID_new without Location_ID", code: "location-required-for-service-point", ...rows("id-update", [{ Service_Point_ID: "SP1", Service_Point_ID_new: "SP2" }], [{ Location_ID: "L1", Service_Point_ID: "SP1", Service_Point_ID_new: "SP2" }], 2, "Location_ID") },
    { name: "a row with no *_new value", code: "no-id-pair", ...rows("id-update", [{ Account_ID_new: "" }], [{ Account_ID_new: "X" }], 2, null) },
  ]);
});

describe("cross-row rules", () => {
  runCases([
    { name: "the same row twice", code: "duplicate-row", ...rows(AA, [{}, {}, {}].map(() => aaRow(0)), [{}, {}, {}], 3, null) },
    { name: "a duplicated transaction ID", code: "duplicate-key", ...rows("transaction-history", [{}, { Account_Transaction_ID: "T0" }], [{}, { Account_Transaction_ID: "T00" }], 3, "Account_Transaction_ID") },
    { name: "two reads of one meter at the same time", code: "duplicate-key", ...rows("billing-reads", [{ Read: "1" }, { Read: "2", Read_Time: "2021-01-01" }], [{ Read: "1" }, { Read: "2" }], 3, "Read_Time") },
    { name: "one account with two full names", code: "conflicting-values", ...rows(AA, [{}, { Account_ID: "000001", Account_Email: "c0001@example.com", Account_Full_Name: "Jane Roe" }], [{}, { Account_ID: "000001", Account_Email: "c0001@example.com", Account_Full_Name: "Customer 0001" }], 3, "Account_Full_Name") },
    { name: "one location in two cities", code: "conflicting-values", ...rows(AA, [{}, { Location_ID: "L-0001", Location_Address_Line1: "10 Main St", Service_Point_ID: "SP2", Location_City: "Shelbyville" }], [{}, { Location_ID: "L-0001", Location_Address_Line1: "10 Main St", Service_Point_ID: "SP2", Location_City: "" }], 3, "Location_City") },
    { name: "compound meter rows without Register_Number", code: "compound-register-missing", ...rows(AA, [{}, { Meter_ID: "M-0001", Register_Number: "" }].map((o, i) => (i === 0 ? o : aaRow(0, { ...o, Endpoint_SN: "EP-H" }))), [{ Register_Number: "L" }, aaRow(0, { Register_Number: "H", Endpoint_SN: "EP-H" })], 3, "Register_Number") },
    { name: "compound meter with L and 0 (the same side)", code: "compound-register-duplicate", ...rows(AA, [{ Register_Number: "L" }, aaRow(0, { Register_Number: "0", Endpoint_SN: "EP-H" })], [{ Register_Number: "0" }, aaRow(0, { Register_Number: "2", Endpoint_SN: "EP-H" })], 3, "Register_Number") },
    { name: "one endpoint on two meters", code: "endpoint-on-two-meters", ...rows(AA, [{}, { Endpoint_SN: "EP0001" }], [{}, {}], 3, "Endpoint_SN") },
    { name: "one meter at two locations", code: "meter-at-two-locations", ...rows(AA, [{}, { Meter_ID: "M-0001" }], [{}, {}], 3, "Meter_ID") },
    { name: "two current meters on one service point", code: "service-point-shared", ...rows(AA, [{}, { Location_ID: "L-0001" }], [{}, { Location_ID: "L-0001", Service_Point_ID: "SP2" }], 3, "Service_Point_ID") },
    {
      name: "a meter change-out written newest first",
      code: "history-out-of-order",
      ...rows(
        AA,
        [
          { Meter_ID: "M-NEW", Meter_Install_Date: "2021-06-01", Endpoint_Install_Date: "2021-06-01" },
          aaRow(0, { Meter_ID: "M-OLD", Meter_Install_Date: "2015-03-01", Endpoint_SN: "EP-OLD", Endpoint_Install_Date: "2015-03-01", Meter_Removal_Date: "2021-06-01" }),
        ],
        [
          aaRow(0, { Meter_ID: "M-OLD", Meter_Install_Date: "2015-03-01", Endpoint_SN: "EP-OLD", Endpoint_Install_Date: "2015-03-01", Meter_Removal_Date: "2021-06-01" }),
          aaRow(0, { Meter_ID: "M-NEW", Meter_Install_Date: "2021-06-01", Endpoint_Install_Date: "2021-06-01" }),
        ],
        3,
        "Meter_Install_Date",
        withHistory,
      ),
    },
    { name: "transactions of one account out of date order", code: "history-out-of-order", ...rows("transaction-history", [{ Transaction_Date: "2021-05-01" }, { Transaction_Date: "2021-04-01" }], [{ Transaction_Date: "2021-04-01" }, { Transaction_Date: "2021-05-01" }], 3, "Transaction_Date") },
    { name: "an existing ID reused as a new ID", code: "new-id-in-use", ...rows("id-update", [{ Account_ID: "A1", Account_ID_new: "A2" }, { Account_ID: "A2", Account_ID_new: "A3" }], [{ Account_ID: "A1", Account_ID_new: "A2" }, { Account_ID: "A4", Account_ID_new: "A3" }], 2, "Account_ID_new") },
  ]);
});

/** Codes emitted before the engine sees a table: by the reader, the detector or the size check. */
// File-level codes come from the readers (test/exchange, test/cli); stored-data codes from the server (test/server).
const OTHER_LAYERS: string[] = ["encoding", "not-csv", "delimiter", "malformed-csv", "file-too-large", "unknown-import-type", "ambiguous-import-type", ...STORED_DATA_CODES];

test("every engine code of the catalogue has a failing and a passing case above", () => {
  const engineCodes = Object.keys(CATALOGUE).filter((code) => !OTHER_LAYERS.includes(code));
  expect(engineCodes.filter((code) => !covered.has(code))).toEqual([]);
});

test("messages name the value and the did-you-mean fix where that is the feature", () => {
  const [unknown] = withCode(headerCase(header("Meter_Install_Date", "Meter_Instal_Date")), "unknown-column");
  expect(unknown.message).toContain("Meter_Install_Date");
  const [date] = withCode(check(AA, [{ Meter_Install_Date: "01/15/2021" }]), "date-format");
  expect(date.message).toContain("01/15/2021");
  expect(date.message).toContain("2021-01-15");
  const [code] = withCode(check(AA, [{ Register_Number: "l" }]), "invalid-code");
  expect(code.message).toMatch(/Write it as L\b/);
  const [flag] = withCode(check(AA, [{ Location_Pool: "Yes" }]), "invalid-flag");
  expect(flag.message).toMatch(/Write it as Y\b/);
  const [zip] = withCode(check(AA, [{ Location_Zip: 2134 }], { formats: [{ Location_Zip: "00000" }] }), "number-stored-id");
  expect(zip.message).toContain("02134");
  expect(baseHeader(AA)).toEqual(STARTER_HEADER);
  expect(baseRow(AA, 0)).toEqual(aaRow(0));
  expect(tableOf([aaRow(0)]).header).toEqual(STARTER_HEADER);
});
