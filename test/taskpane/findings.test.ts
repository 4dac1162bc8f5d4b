import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { ALL, filterFindings, messageOf, NO_COLUMN, NO_FILTER, placeOf, summarize, titleOf } from "../../src/taskpane/findings";
import { themeFor } from "../../src/taskpane/theme";
import { FEW, manyFindings } from "./fakeWorkbook";

test("summarize counts per column and component, most errors first", () => {
  const summary = summarize(FEW);
  expect(summary.byColumn.map((t) => [t.key, t.errors, t.warnings, t.infos])).toEqual([
    ["Meter_ID", 1, 0, 0],
    ["Service_Point_Type", 1, 0, 0],
    ["Account_ID", 0, 1, 0],
    [NO_COLUMN, 0, 0, 1],
  ]);
  expect(summary.byComponent.map((t) => t.key)).toEqual(["Meter", "ServicePoint", "Account", "File"]);
});

test("filterFindings keeps positions in report order", () => {
  expect(filterFindings(FEW, NO_FILTER)).toEqual([0, 1, 2, 3]);
  expect(filterFindings(FEW, { ...NO_FILTER, severity: "error" })).toEqual([0, 1]);
  expect(filterFindings(FEW, { ...NO_FILTER, column: NO_COLUMN })).toEqual([3]);
  expect(filterFindings(FEW, { severity: "warning", column: "Account_ID", component: "Account" })).toEqual([2]);
  expect(filterFindings(FEW, { severity: ALL, column: "Meter_ID", component: "Account" })).toEqual([]);

  const many = manyFindings(50_000);
  const errors = filterFindings(many, { ...NO_FILTER, severity: "error" });
  expect(errors).toHaveLength(25_000);
  expect(errors.every((i) => many[i].severity === "error")).toBe(true);
});

test("labels", () => {
  expect(titleOf("too-long")).toBe("Too long");
  expect(titleOf("server-only-code")).toBe("server-only-code");
  expect(placeOf({ row: 7, column: "Meter_ID" })).toBe("Row 7, Meter_ID");
  expect(placeOf({ row: 7, column: null })).toBe("Row 7");
  expect(placeOf({ row: null, column: "Meter_ID" })).toBe("Header, Meter_ID");
  expect(placeOf({ row: null, column: null })).toBe("Whole file");
});

test("messageOf gives the user the message, never a stack", () => {
  const error = new Error("The range is too large.\n    at Excel.run (adapter.ts:1:1)");
  expect(messageOf(error)).toBe("The range is too large.");
  expect(messageOf({ message: "ItemNotFound: the sheet was deleted." })).toBe("ItemNotFound: the sheet was deleted.");
  expect(messageOf("Offline.")).toBe("Offline.");
  expect(messageOf(undefined)).toMatch(/Something went wrong/);
  expect(messageOf(new Error(""))).toMatch(/Something went wrong/);
});

test("themeFor follows Office's theme, light when unknown", () => {
  expect(themeFor(undefined)).toBe(webLightTheme);
  expect(themeFor({ isDarkTheme: true })).toBe(webDarkTheme);
  expect(themeFor({ isDarkTheme: false, bodyBackgroundColor: "#000000" })).toBe(webLightTheme);
  expect(themeFor({ bodyBackgroundColor: "#262626" })).toBe(webDarkTheme);
  expect(themeFor({ bodyBackgroundColor: "#FFFFFF" })).toBe(webLightTheme);
  expect(themeFor({ bodyBackgroundColor: "not a colour" })).toBe(webLightTheme);
});
