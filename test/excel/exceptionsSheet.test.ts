/// <reference types="office-js" />
import { EXCEPTIONS_HEADER } from "../../src/excel/exceptionsSheet";
import type { SelectedCell } from "../../src/excel/types";
import { cellView, snapshot } from "../fakes";
import { col, harness, put, settle, sheetSpec, type Harness } from "./fixtures";

let h: Harness;
afterEach(() => h?.uninstall());

const TYPE = col("Service_Point_Type");

function workbook(extra: Array<{ name: string; rows: string[][] }> = []) {
  return {
    sheets: [
      sheetSpec("Accounts", 6, (rows) => {
        put(rows, 3, "Service_Point_Type", "X");
        put(rows, 5, "Location_City", " Springfield");
        put(rows, 6, "Read_Sequence", "-5x");
        rows[0].push("-notes"); // an unknown column whose name Excel would read as a formula if written plainly
      }),
      ...extra,
    ],
  };
}

function sheetRows(name: string): unknown[][] {
  const sheet = h.host.model.sheet(name);
  return sheet.rows.map((row) => (row ? row.values.slice(0, EXCEPTIONS_HEADER.length) : []));
}

test("one row per finding with row, column, severity, code, component, message and a link to the cell", async () => {
  h = harness(workbook());
  const result = await h.adapter.validate();
  const name = await h.adapter.writeExceptionsSheet();
  expect(name).toBe("Exceptions");
  const rows = sheetRows(name);
  expect(rows[0]).toEqual(EXCEPTIONS_HEADER);
  expect(rows.slice(1).map((r) => r.slice(0, 6))).toEqual(result.exceptions.map((e) => [e.row ?? "", e.column ?? "", e.severity, e.code, e.component, e.message]));
  expect(rows.some((r) => r[1] === "-notes")).toBe(true);
  const typeRow = 1 + result.exceptions.findIndex((e) => e.row === 3 && e.column === "Service_Point_Type");
  expect(cellView(h.host, `Exceptions!G${typeRow + 1}`)).toMatchObject({ value: `${TYPE}3`, link: `'Accounts'!${TYPE}3` });
  expect(h.host.model.activeSheet().name).toBe("Exceptions");
  expect(h.host.model.sheet("Exceptions").frozenRows).toBe(1);
});

test("following a link selects the cell, and the pane shows that cell's findings", async () => {
  h = harness(workbook());
  const result = await h.adapter.validate();
  await h.adapter.writeExceptionsSheet();
  const seen: SelectedCell[] = [];
  h.adapter.onSelectionChanged((cell) => seen.push(cell));
  const typeRow = 2 + result.exceptions.findIndex((e) => e.row === 3 && e.column === "Service_Point_Type");
  expect(h.host.followLink(`Exceptions!G${typeRow}`)).toBe(`'Accounts'!${TYPE}3`);
  await settle(h);
  expect(seen.at(-1)).toMatchObject({ sheet: "Accounts", row: 3, column: "Service_Point_Type", exceptions: [expect.objectContaining({ code: "invalid-code" })] });
});

test("writing again rewrites the add-in's own sheet; a user's sheet named Exceptions is never touched", async () => {
  h = harness(workbook([{ name: "Exceptions", rows: [["my own notes"]] }]));
  const mine = snapshot(h.host, "Exceptions");
  await h.adapter.validate();
  const name = await h.adapter.writeExceptionsSheet();
  expect(name).toBe("Exceptions (2)");
  expect(snapshot(h.host, "Exceptions")).toEqual(mine);

  h.host.edit(`Accounts!${TYPE}3`, "W");
  await settle(h);
  const again = await h.adapter.writeExceptionsSheet();
  expect(again).toBe("Exceptions (2)");
  expect(h.host.model.sheets.map((s) => s.name)).toEqual(["Accounts", "Exceptions", "Exceptions (2)"]);
  expect(sheetRows(again).slice(1).filter((r) => r.length > 0 && r[0] !== "").map((r) => r[3])).not.toContain("invalid-code");
});

test("without a validation there is nothing to list, and the error says what to do", async () => {
  h = harness(workbook());
  await expect(h.adapter.writeExceptionsSheet()).rejects.toThrow(/Validate a sheet first/);
});

test("a long report is written in several syncs, none over the payload limit", async () => {
  h = harness({
    sheets: [
      sheetSpec("Accounts", 12000, (rows) => {
        for (let r = 2; r <= 12001; r++) put(rows, r, "Location_City", ` ${"Springfield ".repeat(12)}`);
      }),
    ],
  });
  const result = await h.adapter.validate();
  const mark = h.host.stats.mark();
  const name = await h.adapter.writeExceptionsSheet();
  const stats = h.host.stats.since(mark);
  expect(h.host.model.sheet(name).rows.filter(Boolean)).toHaveLength(result.exceptions.length + 1);
  expect(stats.syncs).toBeGreaterThan(3);
  expect(stats.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
}, 30000);
