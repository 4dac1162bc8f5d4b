/// <reference types="office-js" />
import { readRowBlocks } from "../../src/excel/readBlocks";
import { SETTINGS_KEY } from "../../src/excel/settings";
import type { Phase } from "../../src/excel/types";
import { fakeHost, type FakeValue } from "../fakes";
import { HEADER, col, goodRow, harness, put, sheetSpec, type Harness } from "./fixtures";

let h: Harness;
afterEach(() => h?.uninstall());

const codes = (result: { exceptions: readonly { row: number | null; column: string | null; code: string }[] }) => result.exceptions.map((e) => [e.row, e.column, e.code]);

test("reads the active sheet, detects its type from the header and reports findings by sheet row and header", async () => {
  h = harness({ sheets: [sheetSpec("Accounts", 6, (rows) => put(rows, 4, "Service_Point_Type", "X"))] });
  const result = await h.adapter.validate();
  expect(result).toMatchObject({ sheet: "Accounts", detectedBy: "header", rows: 6, columns: HEADER.length });
  expect(result.spec?.id).toBe("accounts-and-assets");
  expect(codes(result)).toContainEqual([4, "Service_Point_Type", "invalid-code"]);
  expect(result.counts.errors).toBe(1);
});

test("a chosen sheet, a header below blank rows and right of a blank column: rows stay sheet rows", async () => {
  const rows: FakeValue[][] = [[], [], ...sheetSpec("x", 3).rows!.map((r) => ["", ...r])];
  rows[4][1 + HEADER.indexOf("Service_Point_Type")] = "Q"; // sheet row 5 = second data row
  h = harness({ sheets: [{ name: "Notes", rows: [["scratch"]] }, { name: "Offset", rows }], active: "Notes" });
  const result = await h.adapter.validate({ sheet: "Offset" });
  expect(result.rows).toBe(3);
  expect(codes(result)).toContainEqual([5, "Service_Point_Type", "invalid-code"]);
});

test("number formats tell a stored number from what the sheet shows", async () => {
  h = harness({
    sheets: [
      sheetSpec("Accounts", 3, (rows) => {
        put(rows, 2, "Account_ID", 1234567890123); // an ID Excel holds as a number
        put(rows, 3, "Meter_Size", 0.625);
      }, { cells: { [`${col("Meter_Size")}3`]: { numberFormat: "0%" } } }),
    ],
  });
  const result = await h.adapter.validate();
  expect(codes(result)).toEqual(expect.arrayContaining([[2, "Account_ID", "number-stored-id"], [3, "Meter_Size", "percent-stored"]]));
});

test("the user's choice overrides detection, is remembered in the settings, and is used when detection fails", async () => {
  const header = ["Account_ID", "Something_Else"];
  h = harness({ sheets: [{ name: "Odd", rows: [header, ["A1", "x"]] }] });
  const detected = await h.adapter.validate();
  expect(detected.detectedBy).toBe("none");
  expect(detected.spec).toBeNull();
  expect(codes(detected)).toEqual([[null, null, "unknown-import-type"]]);

  const chosen = await h.adapter.validate({ importType: "billing-reads" });
  expect(chosen).toMatchObject({ detectedBy: "user", spec: { id: "billing-reads" } });
  const stored = JSON.parse(JSON.parse(h.host.model.settings.get(SETTINGS_KEY)!) as string) as { importTypes: Record<string, string> };
  expect(Object.values(stored.importTypes)).toEqual(["billing-reads"]);

  const again = await h.adapter.validate();
  expect(again).toMatchObject({ detectedBy: "user", spec: { id: "billing-reads" } });
});

test("progress runs through reading, validating and marking; a stopped validation changes nothing", async () => {
  h = harness({ sheets: [sheetSpec("Accounts", 40, (rows) => put(rows, 3, "Service_Point_Type", "X"))] });
  const phases = new Set<Phase>();
  await h.adapter.validate({ onProgress: (phase) => phases.add(phase) });
  expect([...phases]).toEqual(["reading", "validating", "marking"]);
  const formats = h.host.model.sheet("Accounts").conditionalFormats.map((c) => c.id);

  const controller = new AbortController();
  const stopped = h.adapter.validate({ signal: controller.signal, onProgress: (phase) => phase === "reading" && controller.abort() });
  await expect(stopped).rejects.toThrow();
  expect(h.host.model.sheet("Accounts").conditionalFormats.map((c) => c.id)).toEqual(formats);
});

describe("row blocks", () => {
  const wide = (rows: number) => ({ sheets: [{ name: "Big", rows: Array.from({ length: rows }, (_, i) => [...goodRow(i), i, "text ".repeat(8)]) }] });

  test("a sheet larger than one response is read in blocks under the budget, rows in order, numbers with their formats", async () => {
    const host = fakeHost(wide(3000));
    const uninstall = host.install();
    try {
      const firsts: number[] = [];
      let numbered = 0;
      await Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Big");
        for await (const block of readRowBlocks(context, sheet, [{ first: 0, last: 2999 }], HEADER.length + 2, { budgetBytes: 100_000 })) {
          firsts.push(block.first);
          block.formats.forEach((f) => f && f[HEADER.length] === "General" && numbered++);
          block.values.forEach((row, r) => expect(row[HEADER.length]).toBe(block.first + r));
        }
      });
      expect(firsts.length).toBeGreaterThan(5);
      expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
      expect(numbered).toBe(3000);
      expect(host.stats.maxResponseBytes).toBeLessThan(130_000);
    } finally {
      uninstall();
    }
  });

  test("a block Excel refuses as too large is read again in smaller blocks", async () => {
    const host = fakeHost(wide(40000));
    const uninstall = host.install();
    try {
      let rows = 0;
      await Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Big");
        // A budget past Excel's 5 MB: the first sync is refused, and the reader halves its blocks.
        for await (const block of readRowBlocks(context, sheet, [{ first: 0, last: 39999 }], HEADER.length + 2, { budgetBytes: 40_000_000 })) rows += block.values.length;
      });
      expect(rows).toBe(40000);
      expect(host.stats.records.some((r) => r.responseBytes > 5 * 1024 * 1024)).toBe(true);
    } finally {
      uninstall();
    }
  });
});
