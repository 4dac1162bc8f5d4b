/// <reference types="office-js" />
import { createExcelAdapter } from "../../src/excel/adapter";
import { ADDRESS_BUDGET } from "../../src/excel/rectangles";
import { cellView, snapshot } from "../fakes";
import { col, harness, markOf, put, sheetSpec, type Harness } from "./fixtures";

let h: Harness;
afterEach(() => h?.uninstall());

const TYPE = col("Service_Point_Type");
const CITY = col("Location_City");
const ID = col("Account_ID");

/** A sheet with the user's own work on it: fills, borders, number formats, and a conditional format of their own. */
function decorated(): Harness {
  return harness({
    sheets: [
      sheetSpec(
        "Accounts",
        8,
        (rows) => {
          put(rows, 3, "Service_Point_Type", "X"); // error
          put(rows, 4, "Location_City", " Springfield"); // warning
          put(rows, 5, "Service_Point_Type", "Q"); // error, on a cell with its own fill and borders
          put(rows, 6, "Account_ID", 1234567); // warning (an ID held as a number), with a number format
        },
        {
          cells: {
            [`${TYPE}5`]: { fill: "#00FF00", bold: true, borders: { EdgeTop: { style: "Double", color: "#0000FF" }, EdgeLeft: { style: "Dash" } } },
            [`${ID}6`]: { numberFormat: "00000000", fontColor: "#FF00FF" },
            A1: { fill: "#D9D9D9", bold: true },
          },
          conditionalFormats: [{ address: `${CITY}2:${CITY}9`, formula: '=LEN(F2)>20', fill: "#CCCCFF" }],
        },
      ),
    ],
  });
}

test("errors are marked red and warnings amber; no value, number format or own format changes", async () => {
  h = decorated();
  const before = snapshot(h.host, "Accounts") as { cells: unknown; conditionalFormats: unknown[] };
  await h.adapter.validate();
  expect(markOf(h.host, `${TYPE}3`)).toBe("error");
  expect(markOf(h.host, `${TYPE}5`)).toBe("error");
  expect(markOf(h.host, `${CITY}4`)).toBe("warning");
  expect(markOf(h.host, `${ID}6`)).toBe("warning");
  expect(markOf(h.host, `${TYPE}4`)).toBeNull();
  expect(markOf(h.host, "A2")).toBeNull();
  const after = snapshot(h.host, "Accounts") as { cells: unknown; conditionalFormats: Array<{ formula: string; format: { borders: object } }> };
  expect(after.cells).toEqual(before.cells);
  // Red with a solid border, amber with a dashed one: told apart without colour too.
  const ours = after.conditionalFormats.filter((c) => c.formula === "=TRUE");
  expect(ours.map((c) => c.format.borders)).toEqual(expect.arrayContaining([expect.objectContaining({ EdgeTop: { style: "Continuous", color: "#C00000" } }), expect.objectContaining({ EdgeTop: { style: "Dash", color: "#BF8F00" } })]));
});

test("clearing the marks restores the sheet exactly: own fills, borders, number formats and the user's conditional format", async () => {
  h = decorated();
  const before = snapshot(h.host, "Accounts");
  await h.adapter.validate();
  await h.adapter.validate(); // a second run replaces the first run's marks rather than adding to them
  expect(h.host.model.sheet("Accounts").conditionalFormats.filter((c) => c.formula === "=TRUE")).toHaveLength(2);
  await h.adapter.clearMarks();
  expect(snapshot(h.host, "Accounts")).toEqual(before);
  expect(cellView(h.host, `${TYPE}5`).format).toEqual({ fill: "#00FF00", bold: true, borders: { EdgeTop: { style: "Double", color: "#0000FF", weight: "Thin" }, EdgeLeft: { style: "Dash", color: "#000000", weight: "Thin" } } });
});

test("marking takes a bounded number of syncs and addresses stay under Excel's limit", async () => {
  // 3,000 bad cells scattered over 6,000 rows: several formats a colour, each address within budget.
  h = harness({
    sheets: [
      sheetSpec("Accounts", 6000, (rows) => {
        for (let i = 0; i < 3000; i++) put(rows, 2 + ((i * 7919) % 6000), i % 2 ? "Location_City" : "Service_Point_Type", i % 2 ? " x" : "X");
      }),
    ],
  });
  const mark = h.host.stats.mark();
  const result = await h.adapter.validate();
  const stats = h.host.stats.since(mark);
  expect(result.counts.errors + result.counts.warnings).toBeGreaterThanOrEqual(3000);
  expect(stats.maxAddressChars).toBeLessThanOrEqual(ADDRESS_BUDGET);
  expect(stats.syncs).toBeLessThanOrEqual(6); // geometry, a block, mark, settings, event registration
  const ours = h.host.model.sheet("Accounts").conditionalFormats.filter((c) => c.formula === "=TRUE");
  expect(ours.length).toBeGreaterThan(2);
  expect(ours.length).toBeLessThan(20);
});

test("validating another sheet moves the marks there; the first sheet is left as it was", async () => {
  h = harness({
    sheets: [
      sheetSpec("One", 3, (rows) => put(rows, 2, "Service_Point_Type", "X")),
      sheetSpec("Two", 3, (rows) => put(rows, 3, "Service_Point_Type", "X")),
    ],
  });
  const clean = snapshot(h.host, "One");
  await h.adapter.validate({ sheet: "One" });
  expect(markOf(h.host, `One!${TYPE}2`)).toBe("error");
  await h.adapter.validate({ sheet: "Two" });
  expect(snapshot(h.host, "One")).toEqual(clean);
  expect(markOf(h.host, `Two!${TYPE}3`)).toBe("error");
});

test("a new adapter over the same workbook clears the marks an earlier one made (ids kept in the settings)", async () => {
  h = decorated();
  const before = snapshot(h.host, "Accounts");
  await h.adapter.validate();
  await h.adapter.dispose();
  const fresh = createExcelAdapter();
  await fresh.clearMarks();
  expect(snapshot(h.host, "Accounts")).toEqual(before);
});

test("settings that are not ours (hand-edited, or from a later version) are ignored, not trusted", async () => {
  h = decorated();
  h.host.model.settings.set("dataExchange.addin", JSON.stringify(JSON.stringify({ version: 9, marks: "everything" })));
  const result = await h.adapter.validate();
  expect(result.counts.errors).toBe(2);
  await h.adapter.clearMarks();
  expect(h.host.model.sheet("Accounts").conditionalFormats).toHaveLength(1);
});

test("a format the user deleted, or whose rows they deleted, does not break clearing", async () => {
  h = decorated();
  await h.adapter.validate();
  const sheet = h.host.model.sheet("Accounts");
  sheet.conditionalFormats = sheet.conditionalFormats.filter((c) => c.format.fill !== "#FFEB9C");
  await expect(h.adapter.clearMarks()).resolves.toBeUndefined();
  expect(sheet.conditionalFormats.filter((c) => c.formula === "=TRUE")).toHaveLength(0);
});
