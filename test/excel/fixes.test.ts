/// <reference types="office-js" />
import type { LiveTiming, SheetValidation } from "../../src/excel/types";
import type { Exception } from "../../src/validation";
import { cellView, snapshot, type FakeCellSpec, type FakeValue } from "../fakes";
import { HEADER, goodRow, harness, markOf, settle, type Harness } from "./fixtures";

let h: Harness;
afterEach(() => h?.uninstall());

/** The fixture's columns and a flag column at the end. */
const SHEET_HEADER = [...HEADER, "Account_Paperless"];
const letter = (name: string) => String.fromCharCode(65 + SHEET_HEADER.indexOf(name));
const at = (name: string, row: number) => `${letter(name)}${row}`;

function start(rows: number, edit: (set: (row: number, name: string, value: FakeValue) => void) => void, cells: Record<string, FakeCellSpec> = {}, apiVersion = "1.18") {
  const data: FakeValue[][] = [SHEET_HEADER, ...Array.from({ length: rows }, (_, i) => [...goodRow(i), "Y"])];
  edit((row, name, value) => (data[row - 1][SHEET_HEADER.indexOf(name)] = value));
  const timings: LiveTiming[] = [];
  h = harness({ sheets: [{ name: "Accounts", rows: data, cells }] }, { apiVersion }, { onLiveTiming: (t) => timings.push(t) });
  return timings;
}

function findingAt(result: SheetValidation, row: number, column: string, code: string): Exception {
  const found = result.exceptions.find((f) => f.row === row && f.column === column && f.code === code);
  if (!found) throw new Error(`no ${code} at ${column}${row}`);
  return found;
}

const onCell = (result: SheetValidation, row: number, column: string) => result.exceptions.filter((f) => f.row === row && f.column === column);

test("each fix code: planned from the cell, written, re-validated clean, formats left alone", async () => {
  const cases: Array<{ row: number; column: string; value: FakeValue; format?: string; code: string; label: string; before: string; after: string; stored: FakeValue; asText?: boolean }> = [
    { row: 2, column: "Location_City", value: "  Springfield ", code: "whitespace", label: "Trim the spaces", before: "  Springfield ", after: "Springfield", stored: "Springfield" },
    { row: 3, column: "Service_Point_Type", value: "w", code: "invalid-code", label: "Write the code as W", before: "w", after: "W", stored: "W" },
    { row: 4, column: "Account_Paperless", value: "yes", code: "invalid-flag", label: "Write Y", before: "yes", after: "Y", stored: "Y" },
    { row: 5, column: "Location_Address_Line1", value: "_Clear_", code: "clear-token-case", label: "Write _CLEAR_ in capitals", before: "_Clear_", after: "_CLEAR_", stored: "_CLEAR_" },
    { row: 6, column: "Meter_Install_Date", value: "5/13/2020", code: "date-format", label: "Write the date as 2020-05-13", before: "5/13/2020", after: "2020-05-13", stored: "2020-05-13" },
    { row: 7, column: "Account_ID", value: 123, format: "00000", code: "number-stored-id", label: "Store the ID as text: 00123", before: "00123", after: "00123", stored: "00123", asText: true },
    { row: 8, column: "Meter_Install_Date", value: 43952, code: "date-serial", label: "Write the date as 2020-05-01", before: "43952", after: "2020-05-01", stored: "2020-05-01" },
    { row: 9, column: "Read_Sequence", value: "  12", code: "whitespace", label: "Trim the spaces", before: "  12", after: "12", stored: "12" },
  ];
  const cells: Record<string, FakeCellSpec> = {};
  for (const c of cases) cells[at(c.column, c.row)] = { fill: "#FFFF00", borders: { EdgeTop: { style: "Continuous", color: "#0000FF" } }, ...(c.format ? { numberFormat: c.format } : {}) };
  start(10, (set) => cases.forEach((c) => set(c.row, c.column, c.value)), cells);
  let result = await h.adapter.validate();

  for (const c of cases) {
    const finding = findingAt(result, c.row, c.column, c.code);
    expect(h.adapter.fixLabel(finding)).toBe(c.label);
    const before = cellView(h.host, at(c.column, c.row));
    const plan = await h.adapter.planFix(finding, "cell");
    expect(plan).toEqual({ sheet: "Accounts", code: c.code, label: c.label, scope: "cell", changes: [{ row: c.row, column: c.column, before: c.before, after: c.after, asText: c.asText ?? false }] });
    result = await h.adapter.applyFix(plan);
    expect(onCell(result, c.row, c.column)).toEqual([]);
    const after = cellView(h.host, at(c.column, c.row));
    expect(after.value).toBe(c.stored);
    expect(after.numberFormat).toBe(c.asText ? "@" : before.numberFormat);
    expect(after.format).toEqual(before.format); // fills and borders untouched
    expect(markOf(h.host, at(c.column, c.row))).toBeNull();
  }
  expect(result.counts).toEqual({ errors: 0, warnings: 0, infos: expect.any(Number) });
});

test("refusals: no fix for guesses, formulas, or codes without one", async () => {
  start(6, (set) => {
    set(2, "Meter_Install_Date", "05/06/2020"); // May 6 or 5 June
    set(3, "Service_Point_Type", "Water");
    set(4, "Account_ID", "");
  }, { [at("Location_City", 5)]: { value: " Springfield", formula: '=" Springfield"' } });
  const result = await h.adapter.validate();
  const date = findingAt(result, 2, "Meter_Install_Date", "date-format");
  expect(h.adapter.fixLabel(date)).toBeNull();
  expect((await h.adapter.planFix(date, "cell")).changes).toEqual([]);
  const code = findingAt(result, 3, "Service_Point_Type", "invalid-code");
  expect(h.adapter.fixLabel(code)).toBeNull();
  expect((await h.adapter.planFix(code, "all")).changes).toEqual([]);
  const required = findingAt(result, 4, "Account_ID", "required");
  expect(h.adapter.fixLabel(required)).toBeNull();
  await expect(h.adapter.planFix(required, "cell")).rejects.toThrow('There is no safe fix for "required" findings: change the cell by hand.');
  const formula = findingAt(result, 5, "Location_City", "whitespace");
  expect((await h.adapter.planFix(formula, "cell")).changes).toEqual([]);
  const empty = await h.adapter.planFix(code, "cell");
  expect(await h.adapter.applyFix(empty)).toMatchObject({ counts: result.counts });
  await expect(h.adapter.applyFix({ ...empty, sheet: "Other" })).rejects.toThrow('This fix is for the sheet "Other", but the add-in last validated "Accounts": plan the fix again.');
  expect(h.adapter.canUndoFix()).toBe(false);
  expect(await h.adapter.undoFix()).toBeNull();
});

test("'all' fixes 10,000 cells in a few syncs, and undo puts back values and formats exactly", async () => {
  const rows = 10_000;
  const cells: Record<string, FakeCellSpec> = { [`${letter("Account_ID")}2:${letter("Account_ID")}${rows + 1}`]: { numberFormat: "000000" } };
  start(rows, (set) => {
    for (let r = 2; r <= rows + 1; r++) set(r, "Account_ID", r);
  }, cells);
  const result = await h.adapter.validate();
  const before = snapshot(h.host, "Accounts") as { cells: unknown };

  let mark = h.host.stats.mark();
  const plan = await h.adapter.planFix(findingAt(result, 2, "Account_ID", "number-stored-id"), "all");
  const planned = h.host.stats.since(mark);
  expect(plan.changes).toHaveLength(rows);
  expect(plan.changes[0]).toEqual({ row: 2, column: "Account_ID", before: "000002", after: "000002", asText: true });
  expect(plan.label).toBe("Store each ID as text");
  expect(planned.syncs).toBeLessThanOrEqual(2);

  mark = h.host.stats.mark();
  const fixed = await h.adapter.applyFix(plan);
  const applied = h.host.stats.since(mark);
  expect(applied.syncs).toBeLessThanOrEqual(8);
  expect(applied.maxRequestBytes).toBeLessThan(5_000_000);
  expect(applied.maxResponseBytes).toBeLessThan(5_000_000);
  expect(fixed.exceptions.filter((f) => f.code === "number-stored-id")).toEqual([]);
  expect(cellView(h.host, "A9999")).toMatchObject({ value: "009999", numberFormat: "@" });
  expect(h.adapter.canUndoFix()).toBe(true);

  const undone = await h.adapter.undoFix();
  expect(undone!.exceptions.filter((f) => f.code === "number-stored-id")).toHaveLength(rows);
  expect((snapshot(h.host, "Accounts") as { cells: unknown }).cells).toEqual(before.cells);
  expect(h.adapter.canUndoFix()).toBe(false);
  expect(await h.adapter.undoFix()).toBeNull();
}, 60000);

test("undo of a text fix restores the spaces byte for byte; a cell edited since the fix keeps the edit", async () => {
  start(5, (set) => {
    set(2, "Location_City", " Springfield");
    set(3, "Location_City", "Springfield  ");
    set(4, "Location_City", "\u00a0Springfield");
  });
  const result = await h.adapter.validate();
  const before = snapshot(h.host, "Accounts") as { cells: Record<string, unknown> };
  const plan = await h.adapter.planFix(findingAt(result, 2, "Location_City", "whitespace"), "all");
  expect(plan.changes.map((c) => c.after)).toEqual(["Springfield", "Springfield", "Springfield"]);
  await h.adapter.applyFix(plan);
  h.host.edit(at("Location_City", 4), "Shelbyville");
  await settle(h);
  const undone = await h.adapter.undoFix();
  const after = snapshot(h.host, "Accounts") as { cells: Record<string, unknown> };
  expect(after.cells[at("Location_City", 2)]).toEqual(before.cells[at("Location_City", 2)]);
  expect(after.cells[at("Location_City", 3)]).toEqual(before.cells[at("Location_City", 3)]);
  expect(cellView(h.host, at("Location_City", 4)).value).toBe("Shelbyville");
  expect(undone!.exceptions.filter((f) => f.code === "whitespace").map((f) => f.row)).toEqual([2, 3]);
});

test("a cell edited between plan and apply is skipped, and the result shows what it holds now", async () => {
  start(6, (set) => {
    for (const r of [2, 3, 4]) set(r, "Location_City", `Springfield${" ".repeat(r)}`);
  });
  const result = await h.adapter.validate();
  const plan = await h.adapter.planFix(findingAt(result, 2, "Location_City", "whitespace"), "all");
  expect(plan.changes).toHaveLength(3);
  h.host.edit(at("Location_City", 3), "Other ");
  await settle(h);
  const fixed = await h.adapter.applyFix(plan);
  expect(cellView(h.host, at("Location_City", 2)).value).toBe("Springfield");
  expect(cellView(h.host, at("Location_City", 3)).value).toBe("Other ");
  expect(cellView(h.host, at("Location_City", 4)).value).toBe("Springfield");
  expect(fixed.exceptions.filter((f) => f.code === "whitespace")).toEqual([expect.objectContaining({ row: 3, message: expect.stringContaining('"Other "') })]);
  expect(markOf(h.host, at("Location_City", 3))).toBe("warning");
});

test.each(["1.18", "1.10"])("the add-in's own writes are not re-validated a second time (ExcelApi %s)", async (apiVersion) => {
  const timings = start(8, (set) => {
    set(2, "Service_Point_Type", "s");
    set(6, "Service_Point_Type", "f");
  }, {}, apiVersion);
  const result = await h.adapter.validate();
  const listened: SheetValidation[] = [];
  h.adapter.onValidationChanged((r) => listened.push(r));
  const fixed = await h.adapter.applyFix(await h.adapter.planFix(findingAt(result, 2, "Service_Point_Type", "invalid-code"), "all"));
  await settle(h);
  expect(timings).toHaveLength(1);
  expect(timings[0]).toMatchObject({ full: false, rowsRead: 2 });
  expect(listened).toEqual([fixed]);
  expect(cellView(h.host, at("Service_Point_Type", 6)).value).toBe("F");

  await h.adapter.undoFix();
  await settle(h);
  expect(timings).toHaveLength(2);
  expect(cellView(h.host, at("Service_Point_Type", 6)).value).toBe("f");
});

test("fixing a row that repeated another updates the other row's finding (cross-row)", async () => {
  start(6, (set) => set(4, "Location_City", "Springfield "));
  // Row 5 repeats row 4 but for the space: fixing the space makes them duplicates.
  h.host.model.sheet("Accounts").rows[4]!.values = [...h.host.model.sheet("Accounts").rows[3]!.values];
  h.host.model.sheet("Accounts").rows[4]!.values[SHEET_HEADER.indexOf("Location_City")] = "Springfield";
  const result = await h.adapter.validate();
  expect(result.exceptions.some((f) => f.code === "duplicate-row")).toBe(false);
  const fixed = await h.adapter.applyFix(await h.adapter.planFix(findingAt(result, 4, "Location_City", "whitespace"), "cell"));
  expect(fixed.exceptions.filter((f) => f.code === "duplicate-row").map((f) => f.row).sort()).toEqual([5]);
});
