/// <reference types="office-js" />
/**
 * The add-in's minimum is ExcelApi 1.9 (Excel 2021, Microsoft 365 1903+). On such a host every newer member the
 * fake knows (notes 1.18, triggerSource and getItemOrNullObject 1.14) fails with ApiNotFound, so these runs prove
 * each operation has its fallback.
 */
import { cellView } from "../fakes";
import { col, harness, put, settle, sheetSpec, markOf, type Harness } from "./fixtures";

let h: Harness;
afterEach(() => h?.uninstall());

const TYPE = col("Service_Point_Type");

test("every operation works on ExcelApi 1.9", async () => {
  h = harness({ sheets: [sheetSpec("Accounts", 8, (rows) => put(rows, 3, "Service_Point_Type", "X"), { cells: { [`${TYPE}3`]: { fill: "#123456" } } })] }, { apiVersion: "1.9" });
  expect(await h.adapter.capabilities()).toEqual({ notes: false, triggerSource: false });
  const result = await h.adapter.validate();
  expect(result.counts.errors).toBe(1);
  expect(markOf(h.host, `${TYPE}3`)).toBe("error");
  await h.adapter.setNotes(true);
  h.host.select(`${TYPE}3`);
  h.host.edit(`${TYPE}4`, "Z");
  await settle(h);
  expect(markOf(h.host, `${TYPE}4`)).toBe("error");
  await h.adapter.selectFinding({ row: 4, column: "Service_Point_Type" });
  const name = await h.adapter.writeExceptionsSheet();
  expect(h.host.model.sheet(name).rows.length).toBeGreaterThan(2);
  await h.adapter.clearMarks();
  expect(h.host.model.sheet("Accounts").conditionalFormats).toEqual([]);
  expect(cellView(h.host, `Accounts!${TYPE}3`).format).toEqual({ fill: "#123456" });
  await h.adapter.prepareSheet("Accounts");
  await h.adapter.newStarterSheet("consumption-targets", false);
  expect(h.host.handlerErrors).toEqual([]);
  await h.adapter.whenIdle();
});

test("past the first notes, a marked cell gets its note when the user selects it", async () => {
  h = harness({ sheets: [sheetSpec("Accounts", 260, (rows) => { for (let r = 2; r <= 261; r++) put(rows, r, "Service_Point_Type", "X"); })] });
  await h.adapter.validate();
  await h.adapter.setNotes(true);
  expect(cellView(h.host, `${TYPE}201`).note).not.toBeNull();
  expect(cellView(h.host, `${TYPE}250`).note).toBeNull();
  h.host.select(`${TYPE}250`);
  await settle(h);
  expect(cellView(h.host, `${TYPE}250`).note).toMatch(/^Data Exchange check\nError: /);
});
