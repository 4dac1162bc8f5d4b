/// <reference types="office-js" />
import { LIST_SHEET_NAME, REQUIRED_HEADER_FILL } from "../../src/excel/prepareSheet";
import { IMPORT_SPECS } from "../../src/spec";
import { accountsAndAssets } from "../../src/spec/accountsAndAssets";
import type { ImportSpec } from "../../src/spec/types";
import { cellView, snapshot } from "../fakes";
import { col, harness, put, sheetSpec, type Harness } from "./fixtures";

let h: Harness;
afterEach(() => h?.uninstall());

const TYPE = col("Service_Point_Type");
const ACCOUNT = col("Account_ID");
const NAME = col("Account_Full_Name");

function decorated() {
  return {
    sheets: [
      sheetSpec("Accounts", 5, (rows) => put(rows, 3, "Service_Point_Type", "X"), {
        cells: { [`${TYPE}3`]: { fill: "#00FF00", numberFormat: "@" }, [`${NAME}4`]: { bold: true } },
      }),
    ],
  };
}

test("prepare: dropdowns for code lists, length limits, descriptions as prompts, a frozen header, required headers styled", async () => {
  h = harness(decorated());
  await h.adapter.prepareSheet();
  const typeCell = cellView(h.host, `${TYPE}2`);
  expect(typeCell.validation).toMatchObject({ type: "List", rule: { list: { inCellDropDown: true, source: "W,S,F,R,I" } } });
  expect(typeCell.validation?.prompt).toMatchObject({ showPrompt: true, title: "Service_Point_Type" });
  expect(cellView(h.host, `${TYPE}50000`).validation?.type).toBe("List"); // new rows get it too
  expect(cellView(h.host, `${ACCOUNT}2`).validation).toMatchObject({ type: "TextLength", rule: { textLength: { operator: "LessThanOrEqualTo", formula1: 64 } } });
  // The description is there when the header is selected.
  const description = accountsAndAssets.columns.find((c) => c.name === "Account_ID")!.description;
  expect(cellView(h.host, `${ACCOUNT}1`).validation?.prompt?.message).toBe(description.slice(0, 255));
  expect(h.host.model.sheet("Accounts").frozenRows).toBe(1);
  expect(cellView(h.host, `${ACCOUNT}1`).format).toEqual({ bold: true, fill: REQUIRED_HEADER_FILL });
  expect(cellView(h.host, `${NAME}1`).format).toBeNull(); // not required
});

test("prepare changes no value and no data cell's own format", async () => {
  h = harness(decorated());
  const before = snapshot(h.host, "Accounts") as { cells: Record<string, { format?: unknown }> };
  await h.adapter.prepareSheet();
  const after = snapshot(h.host, "Accounts") as { cells: Record<string, { format?: unknown }> };
  const dataOnly = (cells: Record<string, unknown>) => Object.fromEntries(Object.entries(cells).filter(([address]) => !/^[A-Z]+1$/.test(address)));
  expect(dataOnly(after.cells)).toEqual(dataOnly(before.cells));
  for (const [address, cell] of Object.entries(after.cells)) if (/^[A-Z]+1$/.test(address)) expect(cell).toMatchObject({ value: (before.cells[address] as { value: unknown }).value });
});

test("a code list longer than Excel's 255 characters goes to a very hidden list sheet the dropdown refers to", async () => {
  const codes = Array.from({ length: 80 }, (_, i) => `TYPE_${i}`);
  const custom: ImportSpec = { ...accountsAndAssets, columns: accountsAndAssets.columns.map((c) => (c.name === "Service_Point_Type" ? { ...c, codes, maxLength: 10 } : c)) };
  const specs = IMPORT_SPECS.map((s) => (s.id === custom.id ? custom : s));
  h = harness(decorated(), {}, { specs });
  await h.adapter.prepareSheet();
  const lists = h.host.model.sheet(LIST_SHEET_NAME);
  expect(lists.visibility).toBe("VeryHidden");
  const source = String(cellView(h.host, `${TYPE}2`).validation?.rule?.list?.source);
  expect(source).toBe(`='${LIST_SHEET_NAME}'!$A$2:$A$81`);
  expect(cellView(h.host, `'${LIST_SHEET_NAME}'!A1`).value).toBe("Service_Point_Type");
  expect(cellView(h.host, `'${LIST_SHEET_NAME}'!A81`).value).toBe("TYPE_79");
  // Preparing again reuses the list sheet.
  await h.adapter.prepareSheet();
  expect(h.host.model.sheets.filter((s) => s.name.startsWith(LIST_SHEET_NAME))).toHaveLength(1);
  expect(await h.adapter.listSheets()).toEqual(["Accounts"]);
});

test("a sheet whose header matches no import type cannot be prepared, with a clear message", async () => {
  h = harness({ sheets: [{ name: "Odd", rows: [["What", "Ever"]] }] });
  await expect(h.adapter.prepareSheet()).rejects.toThrow(/matches no Data Exchange import type/);
});

test("new starter sheet: the Starter Spreadsheet headers on a new sheet, prepared, and it validates as Accounts and Assets", async () => {
  h = harness({ sheets: [{ name: "Starter Spreadsheet", rows: [["taken"]] }] });
  const name = await h.adapter.newStarterSheet("accounts-and-assets");
  expect(name).toBe("Starter Spreadsheet (2)");
  const starter = accountsAndAssets.columns.filter((c) => c.starter).map((c) => c.name);
  expect(h.host.model.sheet(name).rows[0]?.values).toEqual(starter);
  expect(h.host.model.activeSheet().name).toBe(name);
  expect(h.host.model.sheet(name).frozenRows).toBe(1);
  const meterSize = String.fromCharCode(65 + starter.indexOf("Meter_Size"));
  expect(cellView(h.host, `'${name}'!${meterSize}1`).validation?.prompt?.message).toBe(accountsAndAssets.columns.find((c) => c.name === "Meter_Size")!.description);

  h.host.edit(`'${name}'!A2`, "AC1");
  const result = await h.adapter.validate();
  expect(result).toMatchObject({ sheet: name, detectedBy: "header", spec: { id: "accounts-and-assets" } });
  expect(result.exceptions).toContainEqual(expect.objectContaining({ row: 2, column: "Location_ID", code: "required" }));
});

test("a starter sheet of any import type, with all its columns", async () => {
  h = harness({ sheets: [{ name: "Sheet1", rows: [] }] });
  const name = await h.adapter.newStarterSheet("billing-reads", false);
  const spec = IMPORT_SPECS.find((s) => s.id === "billing-reads")!;
  expect(name).toBe(spec.label);
  expect(h.host.model.sheet(name).rows[0]?.values).toEqual(spec.columns.map((c) => c.name));
});
