/** The specs are data; these checks keep the data self-consistent as columns are added or renamed. */
import { foldHeader, IMPORT_SPECS, type CrossRowRule, type RowRule } from "../../src/spec";
import { HISTORY_MARKERS } from "../../src/spec/accountsAndAssets";
import { STARTER_HEADER } from "../validation/helpers";

function rowRuleColumns(rule: RowRule): string[] {
  switch (rule.kind) {
    case "requires": return [rule.when, rule.then];
    case "dateOrder": return [rule.earlier, rule.later];
    case "numberOrder": return [rule.lower, rule.higher];
    case "anyOf": return rule.columns;
    case "differs": return [rule.original, rule.changed];
  }
}

function crossRuleColumns(rule: CrossRowRule): string[] {
  switch (rule.kind) {
    case "duplicateRow": return [];
    case "unique": return rule.key;
    case "consistent": return [...rule.key, ...rule.columns];
    case "compoundMeter": return [...rule.key, rule.column, ...rule.current];
    case "singleOwner": return [...rule.key, ...rule.owner, ...rule.current];
    case "historyOrder": return [...rule.key, ...rule.dates, ...rule.current];
    case "notExisting": return [rule.original, rule.changed, ...rule.scope];
  }
}

describe.each(IMPORT_SPECS.map((spec) => [spec.label, spec] as const))("%s", (_, spec) => {
  const names = new Set(spec.columns.map((c) => c.name));

  test("limits are positive whole numbers, and an export limit is below the import limit", () => {
    for (const c of spec.columns) {
      if (c.maxLength !== undefined) expect([c.name, Number.isInteger(c.maxLength) && c.maxLength > 0]).toEqual([c.name, true]);
      if (c.softMaxLength !== undefined) expect([c.name, c.softMaxLength > 0 && c.softMaxLength < (c.maxLength ?? Infinity)]).toEqual([c.name, true]);
    }
  });

  test("no two columns (or their aliases) fold to the same header", () => {
    const seen = new Map<string, string>();
    for (const c of spec.columns) {
      // A column's own alias may differ from its name only in case (Billing_ZIP for Billing_Zip).
      for (const folded of new Set([c.name, ...(c.aliases ?? [])].map(foldHeader))) {
        expect([c.name, folded, seen.get(folded)]).toEqual([c.name, folded, undefined]);
        seen.set(folded, c.name);
      }
    }
  });

  test("column names are written as the spec writes them (no spaces)", () => {
    for (const c of spec.columns) expect(c.name).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
  });

  test("every column a row rule names exists", () => {
    for (const rule of spec.rowRules) for (const name of rowRuleColumns(rule)) expect([rule.code, name, names.has(name)]).toEqual([rule.code, name, true]);
  });

  test("every column a cross-row rule names exists", () => {
    for (const rule of spec.crossRowRules) for (const name of crossRuleColumns(rule)) expect([rule.kind, name, names.has(name)]).toEqual([rule.kind, name, true]);
  });

  test("every signature and key column exists, and signatures are not empty", () => {
    expect(spec.signature.length).toBeGreaterThan(0);
    for (const set of spec.signature) {
      expect(set.length).toBeGreaterThan(0);
      for (const name of set) expect([name, names.has(name)]).toEqual([name, true]);
    }
    for (const name of spec.keys.columns) expect([name, names.has(name)]).toEqual([name, true]);
  });

  test("code lists are non-empty, without repeats, and only on code or flag columns", () => {
    for (const c of spec.columns) {
      if (c.type === "code") expect([c.name, (c.codes?.length ?? 0) > 0 || c.pattern !== undefined]).toEqual([c.name, true]);
      if (c.codes === undefined) continue;
      expect([c.name, c.codes.length > 0, new Set(c.codes).size === c.codes.length]).toEqual([c.name, true, true]);
      expect(["code", "flag"]).toContain(c.type);
      for (const code of c.codes) expect(code.length).toBeLessThanOrEqual(c.maxLength ?? Infinity);
    }
  });

  test("patterns compile and have a hint", () => {
    for (const c of spec.columns) {
      if (c.pattern === undefined) continue;
      expect(() => new RegExp(c.pattern!)).not.toThrow();
      expect([c.name, typeof c.patternHint]).toEqual([c.name, "string"]);
    }
  });

  test("IDs are kept as text and cannot be cleared", () => {
    for (const c of spec.columns) {
      // The IDs of S3's list (Person_ID and the zone IDs are plain references, Meter_SN a description).
      if (!/^(Account|Location|Service_Point|Meter|Account_Transaction)_ID(_new)?$|^Endpoint_SN$/.test(c.name)) continue;
      expect([c.name, c.keepAsText, c.clearable]).toEqual([c.name, true, false]);
    }
  });
});

describe("Accounts and Assets", () => {
  const spec = IMPORT_SPECS.find((s) => s.id === "accounts-and-assets")!;
  const starter = spec.columns.filter((c) => c.starter).map((c) => c.name);

  test("the Starter subset holds every required column and the IDs a service configuration needs", () => {
    for (const c of spec.columns.filter((c) => c.requirement === "required")) expect(starter).toContain(c.name);
    for (const name of ["Account_ID", "Location_ID", "Service_Point_ID", "Meter_ID", "Register_Number", "Endpoint_SN", "Endpoint_Type"]) expect(starter).toContain(name);
  });

  test("the test helpers' Starter header is the spec's Starter subset", () => {
    expect(STARTER_HEADER).toEqual(starter);
  });

  test("the columns S3 says may not be _CLEAR_ed are not clearable", () => {
    const noClear = ["Account_ID", "Location_ID", "Service_Point_ID", "Meter_ID", "Endpoint_SN", "Service_Point_Type", "Meter_Manufacturer", "Meter_Model", "Meter_Size", "Meter_Size_Unit", "Meter_Continuous_Flow", "Register_Number", "Register_Unit_Of_Measure", "Register_Resolution", "Endpoint_Type", "SA_Start_Date", "SA_End_Date", "Meter_Install_Date", "Meter_Install_Start_Read", "Meter_Removal_End_Read", "Meter_Removal_Date", "Endpoint_Install_Date", "Endpoint_Removal_Date"];
    for (const name of noClear) expect([name, spec.columns.find((c) => c.name === name)?.clearable]).toEqual([name, false]);
  });

  test("Register_Number takes L, 0, H and 2, and SP_Longitude is an alias", () => {
    expect(spec.columns.find((c) => c.name === "Register_Number")!.codes!.sort()).toEqual(["0", "2", "H", "L"]);
    expect(spec.columns.find((c) => c.name === "Service_Point_Longitude")!.aliases).toContain("SP_Longitude");
  });

  test("the history markers are date columns", () => {
    for (const name of HISTORY_MARKERS) expect(spec.columns.find((c) => c.name === name)?.type).toBe("date");
  });
});

test("import type ids and labels are distinct", () => {
  expect(new Set(IMPORT_SPECS.map((s) => s.id)).size).toBe(IMPORT_SPECS.length);
  expect(new Set(IMPORT_SPECS.map((s) => s.label.toLowerCase())).size).toBe(IMPORT_SPECS.length);
});
