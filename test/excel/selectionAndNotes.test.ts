/// <reference types="office-js" />
import { NOTE_HEADING } from "../../src/excel/notes";
import type { SelectedCell } from "../../src/excel/types";
import { cellView } from "../fakes";
import { col, harness, put, settle, sheetSpec, type Harness } from "./fixtures";

let h: Harness;
afterEach(() => h?.uninstall());

const TYPE = col("Service_Point_Type");
const CITY = col("Location_City");

function workbook() {
  return {
    sheets: [
      sheetSpec("Accounts", 6, (rows) => {
        put(rows, 3, "Service_Point_Type", "X");
        put(rows, 4, "Location_City", " Springfield");
        put(rows, 5, "Service_Point_Type", "Q");
      }, { cells: { [`${TYPE}5`]: { note: "Ask Bob about this meter" } } }),
      { name: "Elsewhere", rows: [["x"]] },
    ],
  };
}

async function selections(act: () => void | Promise<void>): Promise<SelectedCell[]> {
  const seen: SelectedCell[] = [];
  const stop = h.adapter.onSelectionChanged((cell) => seen.push(cell));
  await act();
  await settle(h);
  stop();
  return seen;
}

test("selecting a marked cell shows its findings; another cell or sheet shows none", async () => {
  h = harness(workbook());
  await h.adapter.validate();
  const seen = await selections(() => {
    h.host.select(`${TYPE}3`);
    h.host.select(`${CITY}3`);
    h.host.select("Elsewhere!A1");
  });
  expect(seen[0]).toMatchObject({ sheet: "Accounts", row: 3, column: "Service_Point_Type", exceptions: [expect.objectContaining({ code: "invalid-code" })] });
  expect(seen[1]).toMatchObject({ sheet: "Accounts", row: 3, column: "Location_City", exceptions: [] });
  expect(seen[2]).toMatchObject({ sheet: "Elsewhere", row: 1, exceptions: [] });
});

test("selectFinding selects the finding's cell (and a row-level finding's first cell)", async () => {
  h = harness(workbook());
  await h.adapter.validate();
  const seen = await selections(() => h.adapter.selectFinding({ row: 4, column: "Location_City" }));
  expect(seen).toEqual([expect.objectContaining({ row: 4, column: "Location_City", exceptions: [expect.objectContaining({ code: "whitespace" })] })]);
  expect(h.host.model.selection?.rect).toEqual({ row: 3, column: 5, rows: 1, columns: 1 });
  await h.adapter.selectFinding({ row: 6, column: null });
  expect(h.host.model.selection?.rect).toEqual({ row: 5, column: 0, rows: 1, columns: 1 });
});

test("with notes (ExcelApi 1.18) opted in, marked cells get notes; the user's own note is never overwritten", async () => {
  h = harness(workbook());
  expect(await h.adapter.capabilities()).toEqual({ notes: true, triggerSource: true });
  await h.adapter.validate();
  await h.adapter.setNotes(true);
  expect(cellView(h.host, `${TYPE}3`).note).toMatch(new RegExp(`^${NOTE_HEADING}\\nError: "X" is not an allowed`));
  expect(cellView(h.host, `${CITY}4`).note).toMatch(/^Data Exchange check\nWarning: /);
  expect(cellView(h.host, `${TYPE}5`).note).toBe("Ask Bob about this meter");

  // A fixed cell loses its note; the user's note stays through it all, and clearing removes only ours.
  h.host.edit(`${TYPE}3`, "W");
  await settle(h);
  expect(cellView(h.host, `${TYPE}3`).note).toBeNull();
  expect(cellView(h.host, `${CITY}4`).note).not.toBeNull();
  await h.adapter.clearMarks();
  expect(cellView(h.host, `${CITY}4`).note).toBeNull();
  expect(cellView(h.host, `${TYPE}5`).note).toBe("Ask Bob about this meter");
});

test("turning notes off removes ours only", async () => {
  h = harness(workbook());
  await h.adapter.validate();
  await h.adapter.setNotes(true);
  await h.adapter.setNotes(false);
  expect(cellView(h.host, `${TYPE}3`).note).toBeNull();
  expect(cellView(h.host, `${TYPE}5`).note).toBe("Ask Bob about this meter");
});

test("without ExcelApi 1.18 notes fall back to the pane: nothing is written and nothing fails", async () => {
  h = harness(workbook(), { apiVersion: "1.17" });
  expect(await h.adapter.capabilities()).toEqual({ notes: false, triggerSource: true });
  await h.adapter.validate();
  await expect(h.adapter.setNotes(true)).resolves.toBeUndefined();
  const seen = await selections(() => h.host.select(`${TYPE}3`));
  expect(seen[0].exceptions).toHaveLength(1);
  await h.adapter.clearMarks();
  expect(cellView(h.host, `${TYPE}3`).note).toBeNull();
  expect(h.host.handlerErrors).toEqual([]);
});
