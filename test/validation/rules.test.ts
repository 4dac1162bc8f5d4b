/** Behaviour beyond "this code fires here": what must stay quiet, Excel conversions, history exemptions. */
import { specById } from "../../src/spec";
import { validateTable } from "../../src/validation";
import { aaRow, check, errorsAndWarnings, STARTER_HEADER, tableOf, where, withCode } from "./helpers";

const AA = "accounts-and-assets" as const;
const HISTORY = [...STARTER_HEADER, "Meter_Removal_Date", "Meter_Removal_End_Read", "Endpoint_Removal_Date", "SA_End_Date", "Meter_Install_Start_Read"];

describe("cells that must pass", () => {
  test("_CLEAR_ empties an optional field without a finding", () => {
    expect(check(AA, [{ Billing_Address_Line2: "_CLEAR_", Account_Phone: "_CLEAR_", Meter_Note: "_CLEAR_" }])).toEqual(check(AA, [{ Billing_Address_Line2: "", Account_Phone: "", Meter_Note: "" }]).filter(() => true));
    expect(errorsAndWarnings(check(AA, [{ Billing_Address_Line2: "_CLEAR_", Location_Latitude: "_CLEAR_", Location_Pool: "_CLEAR_" }]))).toEqual([]);
  });

  test("Transaction_Type is compared without regard to case", () => {
    for (const t of ["payment", "Bill", "adjustment_cancellation"]) {
      expect(withCode(check("transaction-history", [{ Transaction_Type: t }]), "invalid-code")).toEqual([]);
    }
  });

  test("Register_Number, Service_Point_Type and units are case-sensitive", () => {
    const found = check(AA, [{ Register_Number: "h", Service_Point_Type: "s", Register_Unit_Of_Measure: "Gal" }]);
    expect(withCode(found, "invalid-code").map((e) => e.column)).toEqual(["Service_Point_Type", "Register_Number", "Register_Unit_Of_Measure"]);
  });

  test("read times take a date, hours and minutes, and optional seconds", () => {
    for (const t of ["2021-01-15", "2021-01-15 10:00", "2021-01-15 10:00:59", "2021-01-15T10:00"]) {
      expect(errorsAndWarnings(check("interval-reads", [{ Read_Time: t }]))).toEqual([]);
    }
  });

  test("only the first problem of a cell is reported", () => {
    const found = check(AA, [{ Read_Sequence: "12.5".repeat(5) }]);
    expect(found.filter((e) => e.row === 2 && e.column === "Read_Sequence").map((e) => e.code)).toEqual(["not-integer"]);
  });

  test("an unknown column's values are not checked cell by cell", () => {
    const found = check(AA, [{ Meter_Instal_Date: "not a date" }]);
    expect(found.filter((e) => e.column === "Meter_Instal_Date").map(where)).toEqual([{ code: "unknown-column", row: 1, column: "Meter_Instal_Date", severity: "error" }]);
  });

  test("the cells of a column spelt differently are checked under the written header", () => {
    const spec = specById(AA);
    const header = STARTER_HEADER.map((h) => (h === "Location_Zip" ? "Location_ZIP" : h));
    const row = aaRow(0, { Location_Zip: "1234" });
    const found = validateTable(spec, { header, rows: [STARTER_HEADER.map((h) => row[h])] });
    expect(found.map(where)).toContainEqual({ code: "pattern", row: 2, column: "Location_ZIP", severity: "error" });
  });
});

describe("Excel values", () => {
  test("a date serial with a date format is accepted as that date, silently", () => {
    const found = check(AA, [{ Meter_Install_Date: 44197, SA_Start_Date: 43466 }], { formats: [{ Meter_Install_Date: "m/d/yyyy", SA_Start_Date: "yyyy-mm-dd" }] });
    expect(found.filter((e) => e.row === 2)).toEqual([]);
  });

  test("a date serial is checked as the date it becomes (removal before install)", () => {
    const found = check(AA, [{ Meter_Install_Date: 44197, Meter_Removal_Date: 44196 }], { header: HISTORY, formats: [{ Meter_Install_Date: "m/d/yyyy", Meter_Removal_Date: "m/d/yyyy" }] });
    expect(withCode(found, "removal-before-install").map(where)).toEqual([{ code: "removal-before-install", row: 2, column: "Meter_Removal_Date", severity: "error" }]);
  });

  test("plain numbers in number columns, booleans and blanks need no notice", () => {
    const found = check(AA, [{ Meter_Size: 0.625, Register_Resolution: 1, Read_Sequence: 12, Location_Latitude: 39.78, Meter_Note: null }], { formats: [{ Meter_Size: "General", Register_Resolution: "0.0" }] });
    expect(found.filter((e) => e.row === 2)).toEqual([]);
  });

  test("a long numeric ID is carried in full, with a warning", () => {
    const found = check(AA, [{ Meter_ID: 123456789012345 }]);
    const [notice] = withCode(found, "number-stored-id");
    expect(where(notice)).toEqual({ code: "number-stored-id", row: 2, column: "Meter_ID", severity: "warning" });
    expect(notice.message).toContain("123456789012345");
  });

  test("a date typed as text in the sheet is a date-format error that says Excel holds it as text", () => {
    const fromExcel = withCode(check(AA, [{ SA_Start_Date: "01/15/2021" }], { formats: [{ SA_Start_Date: "@" }] }), "date-format");
    const fromCsv = withCode(check(AA, [{ SA_Start_Date: "01/15/2021" }]), "date-format");
    expect(fromExcel.map(where)).toEqual([{ code: "date-format", row: 2, column: "SA_Start_Date", severity: "error" }]);
    expect(fromExcel[0].message).toMatch(/write 2021-01-15\. Excel holds it as text/);
    expect(fromCsv[0].message).not.toMatch(/Excel/);
  });

  test("a whole-number Read_Sequence from Excel is an integer", () => {
    expect(withCode(check(AA, [{ Read_Sequence: 1234 }]), "not-integer")).toEqual([]);
    expect(withCode(check(AA, [{ Read_Sequence: 12.5 }]), "not-integer").map(where)).toEqual([{ code: "not-integer", row: 2, column: "Read_Sequence", severity: "error" }]);
  });
});

describe("history rows", () => {
  const oldMeter = { Meter_ID: "M-OLD", Meter_SN: "SN-OLD", Meter_Install_Date: "2012-03-01", Meter_Removal_Date: "2021-06-01", Meter_Removal_End_Read: "98765", Endpoint_SN: "EP-OLD", Endpoint_Install_Date: "2012-03-01", Endpoint_Removal_Date: "2021-06-01" };
  const newMeter = { Meter_ID: "M-NEW", Meter_SN: "SN-NEW", Meter_Install_Date: "2021-06-01", Meter_Install_Start_Read: "0", Endpoint_SN: "EP-NEW", Endpoint_Install_Date: "2021-06-01" };

  test("a meter change-out written oldest first has no errors or warnings", () => {
    const found = check(AA, [oldMeter, aaRow(0, newMeter)], { header: HISTORY });
    expect(errorsAndWarnings(found)).toEqual([]);
  });

  test("an endpoint change-out on one meter written oldest first has no errors or warnings", () => {
    const found = check(AA, [{ Endpoint_SN: "EP-OLD", Endpoint_Install_Date: "2015-01-01", Endpoint_Removal_Date: "2022-02-01" }, aaRow(0, { Endpoint_SN: "EP-NEW", Endpoint_Install_Date: "2022-02-01" })], { header: HISTORY });
    expect(errorsAndWarnings(found)).toEqual([]);
  });

  test("a move-out and move-in (closed agreement, new account) has no errors or warnings", () => {
    const found = check(AA, [{ SA_Start_Date: "2010-01-01", SA_End_Date: "2022-07-31" }, aaRow(0, { Account_ID: "009999", Account_Full_Name: "New Tenant", Account_Email: "new@example.com", SA_Start_Date: "2022-08-01" })], { header: HISTORY });
    expect(errorsAndWarnings(found)).toEqual([]);
  });

  test("without the removal date, the same two rows are two meters on one service point", () => {
    const found = check(AA, [{ ...oldMeter, Meter_Removal_Date: "", Endpoint_Removal_Date: "", Meter_Removal_End_Read: "" }, aaRow(0, newMeter)], { header: HISTORY });
    expect(withCode(found, "service-point-shared").map(where)).toEqual([{ code: "service-point-shared", row: 3, column: "Service_Point_ID", severity: "error" }]);
  });

  test("the old endpoint may reappear on the new meter once removed from the old one", () => {
    const found = check(AA, [oldMeter, aaRow(0, { ...newMeter, Endpoint_SN: "EP-OLD" })], { header: HISTORY });
    expect(withCode(found, "endpoint-on-two-meters")).toEqual([]);
  });

  test("a removed meter re-installed elsewhere is not at two locations", () => {
    const found = check(AA, [oldMeter, aaRow(1, { Meter_ID: "M-OLD", Meter_Install_Date: "2021-07-01", Endpoint_SN: "EP-X" })], { header: HISTORY });
    expect(withCode(found, "meter-at-two-locations")).toEqual([]);
  });

  test("history rows are not registers of a compound meter", () => {
    const found = check(AA, [{ Endpoint_SN: "EP-A", Endpoint_Removal_Date: "2022-01-01" }, aaRow(0, { Endpoint_SN: "EP-B", Endpoint_Install_Date: "2022-01-01" })], { header: HISTORY });
    expect(withCode(found, "compound-register-missing")).toEqual([]);
  });

  test("history written newest first is a warning naming the earlier row", () => {
    const found = check(AA, [newMeter, aaRow(0, oldMeter)], { header: HISTORY });
    const [out] = withCode(found, "history-out-of-order");
    expect(where(out)).toEqual({ code: "history-out-of-order", row: 3, column: "Meter_Install_Date", severity: "warning" });
    expect(out.message).toContain("row 2");
  });
});

describe("compound meters", () => {
  const low = { Register_Number: "L", Endpoint_SN: "EP-L" };
  const high = { Register_Number: "H", Endpoint_SN: "EP-H" };

  test.each([["L", "H"], ["0", "2"], ["L", "2"], ["0", "H"]])("registers %s and %s make a good compound meter", (a, b) => {
    const found = check(AA, [{ ...low, Register_Number: a }, aaRow(0, { ...high, Register_Number: b })]);
    expect(errorsAndWarnings(found)).toEqual([]);
  });

  test.each([["L", "0"], ["H", "2"], ["H", "H"]])("registers %s and %s are the same side", (a, b) => {
    const found = check(AA, [{ ...low, Register_Number: a }, aaRow(0, { ...high, Register_Number: b })]);
    expect(withCode(found, "compound-register-duplicate").map(where)).toEqual([{ code: "compound-register-duplicate", row: 3, column: "Register_Number", severity: "error" }]);
  });

  test("each register row without a Register_Number is flagged", () => {
    const found = check(AA, [{ ...low, Register_Number: "" }, aaRow(0, { ...high, Register_Number: "" }), aaRow(0, { ...high, Endpoint_SN: "EP-3", Register_Number: "L" })]);
    expect(withCode(found, "compound-register-missing").map((e) => [e.row, e.column])).toEqual([[2, "Register_Number"], [3, "Register_Number"]]);
  });

  test("a compound meter in a file without a Register_Number column is flagged on Meter_ID", () => {
    const header = STARTER_HEADER.filter((h) => h !== "Register_Number");
    const found = check(AA, [low, aaRow(0, high)], { header });
    expect(withCode(found, "compound-register-missing").map((e) => [e.row, e.column])).toEqual([[2, "Meter_ID"], [3, "Meter_ID"]]);
  });

  test("an exact duplicate row is a duplicate row, not a compound meter", () => {
    const found = check(AA, [{}, aaRow(0)]);
    expect(found.filter((e) => e.severity === "error").map((e) => e.code)).toEqual(["duplicate-row"]);
  });

  test("the same Meter_ID at another service point is not a register of it", () => {
    const found = check(AA, [{}, aaRow(0, { Service_Point_ID: "SP2", Endpoint_SN: "EP-2", Service_Point_Type: "I" })]);
    expect(withCode(found, "compound-register-missing")).toEqual([]);
    expect(withCode(found, "meter-at-two-locations").map(where)).toEqual([{ code: "meter-at-two-locations", row: 3, column: "Meter_ID", severity: "error" }]);
  });
});

describe("account and location consistency", () => {
  test("a blank in a later row agrees with any value", () => {
    const found = check(AA, [{}, aaRow(1, { Account_ID: "000001", Account_Full_Name: "", Account_Email: "" })]);
    expect(withCode(found, "conflicting-values")).toEqual([]);
  });

  test("two services of one account agree, so no warning", () => {
    const found = check(AA, [{}, aaRow(1, { Account_ID: "000001", Account_Full_Name: "Customer 0001", Account_Email: "c0001@example.com" })]);
    expect(errorsAndWarnings(found)).toEqual([]);
  });

  test("conflicts name the first row that gave the other value", () => {
    const found = check(AA, [{}, aaRow(1, { Account_ID: "000001", Account_Email: "" }), aaRow(2, { Account_ID: "000001", Account_Email: "x@example.com", Account_Full_Name: "Customer 0001" })]);
    const conflicts = withCode(found, "conflicting-values");
    expect(conflicts.map((e) => [e.row, e.column])).toEqual([[3, "Account_Full_Name"], [4, "Account_Email"]]);
    expect(conflicts[1].message).toContain("row 2");
  });
});

describe("ID Update", () => {
  test("a Service_Point_ID may be reused as a new ID at another location", () => {
    const found = check("id-update", [
      { Account_ID: "", Account_ID_new: "", Location_ID: "L1", Service_Point_ID: "SP1", Service_Point_ID_new: "SP2" },
      { Account_ID: "", Account_ID_new: "", Location_ID: "L2", Service_Point_ID: "SP2", Service_Point_ID_new: "SP3" },
    ]);
    expect(errorsAndWarnings(found)).toEqual([]);
  });

  test("but not within the same location", () => {
    const found = check("id-update", [
      { Account_ID: "", Account_ID_new: "", Location_ID: "L1", Service_Point_ID: "SP1", Service_Point_ID_new: "SP2" },
      { Account_ID: "", Account_ID_new: "", Location_ID: "L1", Service_Point_ID: "SP2", Service_Point_ID_new: "SP3" },
    ]);
    expect(withCode(found, "new-id-in-use").map(where)).toEqual([{ code: "new-id-in-use", row: 2, column: "Service_Point_ID_new", severity: "error" }]);
  });

  test("two rows giving the same new ID are a duplicate key", () => {
    const found = check("id-update", [{ Account_ID: "A1", Account_ID_new: "A9" }, { Account_ID: "A2", Account_ID_new: "A9" }]);
    expect(withCode(found, "duplicate-key").map(where)).toEqual([{ code: "duplicate-key", row: 3, column: "Account_ID_new", severity: "error" }]);
  });
});

describe("row numbers follow the header row", () => {
  test("with the header on sheet row 3, the first data row is row 4", () => {
    const table = tableOf([aaRow(0, { Account_ID: "" })]);
    const found = validateTable(specById(AA), { ...table, headerRow: 3 });
    expect(withCode(found, "required").map(where)).toEqual([{ code: "required", row: 4, column: "Account_ID", severity: "error" }]);
  });
});
