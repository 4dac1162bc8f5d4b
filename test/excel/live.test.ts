/// <reference types="office-js" />
import { OwnWrites } from "../../src/excel/ownWrites";
import type { LiveTiming, SheetValidation } from "../../src/excel/types";
import { accountsAndAssets } from "../../src/spec/accountsAndAssets";
import { validateTable, type CellValue, type Exception } from "../../src/validation";
import { seeded } from "../../bench/generateAccounts";
import type { FakeValue } from "../fakes";
import { HEADER, col, goodRow, harness, markOf, put, settle, sheetSpec, type Harness } from "./fixtures";

let h: Harness;
afterEach(() => h?.uninstall());

const TYPE = col("Service_Point_Type");
const CITY = col("Location_City");

interface Watch {
  results: SheetValidation[];
  timings: LiveTiming[];
}

async function start(rows: number, edit: Parameters<typeof sheetSpec>[2] = () => undefined, apiVersion = "1.18", debounceMs = 5): Promise<Watch> {
  const watch: Watch = { results: [], timings: [] };
  h = harness({ sheets: [sheetSpec("Accounts", rows, edit)] }, { apiVersion }, { debounceMs, onLiveTiming: (t) => watch.timings.push(t) });
  await h.adapter.validate();
  h.adapter.onValidationChanged((r) => watch.results.push(r));
  return watch;
}

const keyOf = (findings: readonly Exception[]) => findings.map((e) => `${e.row}|${e.column}|${e.code}|${e.message}`);

/** What a fresh run of the engine over the sheet as it now stands finds: the reference for every live result. */
function reference(): Exception[] {
  const sheet = h.host.model.sheet("Accounts");
  let width = 0;
  for (let r = 0; r < sheet.rows.length; r++) width = Math.max(width, sheet.rows[r]?.values.length ?? 0);
  const cells = (r: number): CellValue[] => Array.from({ length: width }, (_, c) => sheet.rows[r]?.values[c] ?? "");
  let last = sheet.rows.length - 1;
  while (last > 0 && cells(last).every((v) => v === "")) last--;
  const rows = Array.from({ length: last }, (_, i) => cells(i + 1));
  const formats = Array.from({ length: last }, (_, i) => Array.from({ length: width }, (_, c) => sheet.rows[i + 1]?.numberFormats?.[c] ?? "General"));
  return validateTable(accountsAndAssets, { header: cells(0), rows, formats });
}

/** Every cell of the table shows the mark its findings call for, and no other. */
function expectMarksToMatch(findings: readonly Exception[]): void {
  const expected = new Map<string, "error" | "warning">();
  for (const f of findings) {
    if (f.row === null || f.row === 1 || f.severity === "info") continue;
    const columns = f.column === null ? HEADER.map((_, i) => i) : [HEADER.indexOf(f.column)];
    for (const c of columns) {
      const key = `${c}:${f.row - 1}`;
      if (expected.get(key) !== "error") expected.set(key, f.severity === "error" ? "error" : "warning");
    }
  }
  // What the sheet shows: every cell covered by one of our formats, with that format's colour.
  const shown = new Map<string, "error" | "warning">();
  const twice: string[] = [];
  for (const cf of h.host.model.sheet("Accounts").conditionalFormats) {
    if (cf.formula !== "=TRUE") continue;
    const colour = cf.format.fill === "#FFC7CE" ? "error" : "warning";
    for (const a of cf.areas) for (let r = a.row; r < a.row + a.rows; r++) for (let c = a.column; c < a.column + a.columns; c++) {
      const key = `${c}:${r}`;
      if (shown.has(key)) twice.push(key);
      shown.set(key, colour);
    }
  }
  expect(twice).toEqual([]); // no cell is marked by two of our formats
  expect(new Map([...shown].sort())).toEqual(new Map([...expected].sort()));
}

test("fixing a bad cell removes its mark and its finding, in at most three syncs", async () => {
  const watch = await start(10, (rows) => put(rows, 4, "Service_Point_Type", "X"));
  expect(markOf(h.host, `${TYPE}4`)).toBe("error");
  const mark = h.host.stats.mark();
  h.host.edit(`${TYPE}4`, "W");
  await settle(h);
  expect(h.host.stats.since(mark).syncs).toBeLessThanOrEqual(3);
  expect(markOf(h.host, `${TYPE}4`)).toBeNull();
  expect(watch.results.at(-1)!.counts.errors).toBe(0);
  expect(watch.timings).toEqual([expect.objectContaining({ full: false, rowsRead: 1, marksChanged: true })]);
});

test("spoiling a good cell marks it; an edit that changes no finding costs one sync and paints nothing", async () => {
  const watch = await start(10);
  h.host.edit(`${CITY}7`, "Springfield ");
  await settle(h);
  expect(markOf(h.host, `${CITY}7`)).toBe("warning");
  expect(keyOf(watch.results.at(-1)!.exceptions)).toEqual(keyOf(reference()));
  const mark = h.host.stats.mark();
  h.host.edit(`${CITY}8`, "Shelbyville");
  await settle(h);
  expect(h.host.stats.since(mark).syncs).toBe(1);
  expect(watch.timings.at(-1)!.marksChanged).toBe(false);
});

test("edits in quick succession are re-validated once (debounced)", async () => {
  const watch = await start(10, () => undefined, "1.18", 40);
  h.host.edit(`${TYPE}2`, "X");
  h.host.edit(`${TYPE}3`, "Y");
  h.host.paste(`${CITY}5`, [["  a"], ["  b"]]);
  await h.host.settle();
  await new Promise((resolve) => setTimeout(resolve, 120));
  await h.adapter.whenIdle();
  expect(watch.timings).toHaveLength(1);
  expect(watch.timings[0].rowsRead).toBe(4);
  expectMarksToMatch(watch.results.at(-1)!.exceptions);
});

test("inserted rows move the findings and marks below them; a row repeated elsewhere is named by its new number", async () => {
  const watch = await start(12, (rows) => {
    put(rows, 9, "Service_Point_Type", "X");
    rows[11] = [...rows[3]]; // sheet row 12 repeats row 4
  });
  expect(markOf(h.host, `${TYPE}9`)).toBe("error");
  h.host.insertRows("Accounts", 6, 2);
  await settle(h);
  const result = watch.results.at(-1)!;
  expect(result.exceptions).toContainEqual(expect.objectContaining({ row: 11, column: "Service_Point_Type", code: "invalid-code" }));
  expect(keyOf(result.exceptions)).toEqual(keyOf(reference()));
  expect(markOf(h.host, `${TYPE}11`)).toBe("error");
  expect(markOf(h.host, `${TYPE}9`)).toBeNull();
  expectMarksToMatch(result.exceptions);
});

test("deleted rows take their findings with them and the rows below move up", async () => {
  const watch = await start(12, (rows) => {
    put(rows, 5, "Service_Point_Type", "X");
    put(rows, 10, "Location_City", " Springfield");
  });
  h.host.deleteRows("Accounts", 4, 2);
  await settle(h);
  const result = watch.results.at(-1)!;
  expect(result.exceptions.filter((e) => e.severity !== "info")).toEqual([expect.objectContaining({ row: 8, column: "Location_City", code: "whitespace" })]);
  expect(keyOf(result.exceptions)).toEqual(keyOf(reference()));
  expectMarksToMatch(result.exceptions);
});

test("a value typed below the last row adds a row; clearing a row leaves a blank row the engine warns about", async () => {
  const watch = await start(6);
  h.host.edit(`A9`, "AC9999");
  await settle(h);
  let result = watch.results.at(-1)!;
  expect(keyOf(result.exceptions)).toEqual(keyOf(reference()));
  expect(result.exceptions).toContainEqual(expect.objectContaining({ row: 9, code: "required" }));
  expect(result.exceptions).toContainEqual(expect.objectContaining({ row: 8, code: "blank-row" }));
  h.host.clearContents("A4:R4");
  await settle(h);
  result = watch.results.at(-1)!;
  expect(keyOf(result.exceptions)).toEqual(keyOf(reference()));
  expectMarksToMatch(result.exceptions);
});

test("an edit of the header row validates the whole sheet again", async () => {
  const watch = await start(5);
  h.host.edit(`${TYPE}1`, "Service_Point_Typo");
  await settle(h);
  expect(watch.timings.at(-1)!.full).toBe(true);
  expect(watch.results.at(-1)!.exceptions).toContainEqual(expect.objectContaining({ row: 1, code: "unknown-column" }));
});

test("the add-in's own writes are ignored (triggerSource on ExcelApi 1.14+)", async () => {
  const watch = await start(5);
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem("Accounts").getRange(`${CITY}3`).values = [[" written by code"]];
    await context.sync();
  });
  await settle(h);
  expect(watch.timings).toHaveLength(0);
});

test("without triggerSource, writes the add-in announced are recognised by their addresses", () => {
  const own = new OwnWrites(false);
  own.expect("sheet-1", { row: 0, column: 0, rows: 10, columns: 3 });
  expect(own.isOwn({ address: "B2:C5", worksheetId: "sheet-1" })).toBe(true);
  expect(own.isOwn({ address: "D2", worksheetId: "sheet-1" })).toBe(false);
  expect(own.isOwn({ address: "B2", worksheetId: "sheet-2" })).toBe(false);
  const modern = new OwnWrites(true);
  modern.expect("sheet-1", { row: 0, column: 0, rows: 10, columns: 3 });
  expect(modern.isOwn({ address: "B2", worksheetId: "sheet-1", triggerSource: "Unknown" })).toBe(false);
  expect(modern.isOwn({ address: "Z99", worksheetId: "sheet-1", triggerSource: "ThisLocalAddin" })).toBe(true);
});

test("on ExcelApi 1.9 (no triggerSource) edits are still re-validated", async () => {
  const watch = await start(6, (rows) => put(rows, 3, "Service_Point_Type", "X"), "1.9");
  h.host.edit(`${TYPE}3`, "S");
  await settle(h);
  expect(watch.results.at(-1)!.counts.errors).toBe(0);
  expect(markOf(h.host, `${TYPE}3`)).toBeNull();
});

async function randomSession(seed: number, rows: number, steps: number, spoil: (rows: FakeValue[][]) => void): Promise<void> {
  const watch = await start(rows, spoil);
  const random = seeded(seed);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const values = ["X", "W", " Springfield", "", "M-0003", "AC0004", "2020-13-01", "GAL", "gal"];
  for (let step = 0; step < steps; step++) {
    const count = h.host.model.sheet("Accounts").rows.length;
    const row = 2 + Math.floor(random() * (count - 1));
    const kind = random();
    if (kind < 0.55) h.host.edit(`${String.fromCharCode(65 + Math.floor(random() * HEADER.length))}${row}`, pick(values));
    else if (kind < 0.7) h.host.paste(`A${row}`, [goodRow(100 + step), goodRow(3)]);
    else if (kind < 0.85) h.host.insertRows("Accounts", row, 1 + Math.floor(random() * 3));
    else h.host.deleteRows("Accounts", row, 1 + Math.floor(random() * 3));
    if (step % 3 === 2 || step === steps - 1) {
      await settle(h);
      expect(keyOf(watch.results.at(-1)!.exceptions)).toEqual(keyOf(reference()));
      expectMarksToMatch(watch.results.at(-1)!.exceptions);
    }
  }
  expect(watch.timings.some((t) => !t.full)).toBe(true);
}

test.each([11, 23, 42])("random edits, pastes, inserts and deletes (seed %i): the live findings and marks always equal a fresh run", async (seed) => {
  await randomSession(seed, 40, 24, (rows) => {
    put(rows, 7, "Service_Point_Type", "X");
    put(rows, 20, "Location_City", " x");
  });
});

test("the same across many conditional formats: inserts and deletes move and re-mark bands", async () => {
  // A mark on nearly every row: the marks are split into several bands, and the changes land across them.
  await randomSession(5, 2400, 15, (rows) => {
    for (let r = 2; r <= 2401; r++) {
      put(rows, r, "Location_City", ` City ${r}`);
      if (r % 2) put(rows, r, "Service_Point_Type", `Z${r % 7}`);
    }
  });
  expect(h.host.model.sheet("Accounts").conditionalFormats.length).toBeGreaterThanOrEqual(6);
}, 30000);
