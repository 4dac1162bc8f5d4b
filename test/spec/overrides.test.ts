/** A utility's spec file: valid changes reach the engine; each kind of mistake is refused with the key path named. */
import { specById, IMPORT_SPECS } from "../../src/spec";
import { loadSpecOverrides, SpecFileError } from "../../src/spec/overrides";
import { check, where, withCode } from "../validation/helpers";

const AA = "accounts-and-assets" as const;

function load(file: unknown): ReturnType<typeof loadSpecOverrides> {
  return loadSpecOverrides(typeof file === "string" ? file : JSON.stringify(file), "utility.json");
}
function aaOf(specs: ReturnType<typeof loadSpecOverrides>) {
  return specs.find((s) => s.id === AA)!;
}

describe("a valid spec file", () => {
  const file = {
    $schema: "https://example.com/dx-spec.schema.json",
    description: "Springfield Water",
    types: {
      "accounts-and-assets": {
        columns: {
          Meter_ID: { maxLength: 24, softMaxLength: null },
          Service_Point_Type: { codes: ["W", "S", "I"] },
          Meter_SN: { requirement: "required" },
          Location_Latitude: { requirement: "optional" },
          Account_Phone: { pattern: "^\\d{3}-\\d{4}$", patternHint: "a local number (555-0100)" },
        },
        addColumns: [{ name: "Utility_Use_3", component: "Account", type: "text", maxLength: 16 }],
      },
    },
  };
  const specs = load(file);
  const aa = aaOf(specs);

  test("changes the columns it names and adds the new one", () => {
    const col = (name: string) => aa.columns.find((c) => c.name === name)!;
    expect(col("Meter_ID").maxLength).toBe(24);
    expect(col("Meter_ID").softMaxLength).toBeUndefined();
    expect(col("Service_Point_Type").codes).toEqual(["W", "S", "I"]);
    expect(col("Meter_SN").requirement).toBe("required");
    expect(col("Utility_Use_3")).toMatchObject({ component: "Account", type: "text", requirement: "optional", clearable: true, maxLength: 16 });
    expect(specs.map((s) => s.id)).toEqual(IMPORT_SPECS.map((s) => s.id));
  });

  test("leaves the built-in specs untouched", () => {
    const builtIn = specById(AA);
    expect(builtIn.columns.find((c) => c.name === "Meter_ID")!.maxLength).toBe(40);
    expect(builtIn.columns.find((c) => c.name === "Service_Point_Type")!.codes).toContain("F");
    expect(builtIn.columns.some((c) => c.name === "Utility_Use_3")).toBe(false);
    expect(specs.find((s) => s.id === "billing-reads")).toBe(specById("billing-reads"));
  });

  test("the engine honours the new maxLength", () => {
    expect(withCode(check(AA, [{ Meter_ID: "M".repeat(25) }], { spec: aa }), "too-long").map(where)).toEqual([{ code: "too-long", row: 2, column: "Meter_ID", severity: "error" }]);
    expect(withCode(check(AA, [{ Meter_ID: "M".repeat(24) }], { spec: aa }), "too-long")).toEqual([]);
    expect(withCode(check(AA, [{ Meter_ID: "M".repeat(25) }], { spec: aa }), "export-length")).toEqual([]);
  });

  test("the engine honours the new code list", () => {
    expect(withCode(check(AA, [{ Service_Point_Type: "F" }], { spec: aa }), "invalid-code").map(where)).toEqual([{ code: "invalid-code", row: 2, column: "Service_Point_Type", severity: "error" }]);
    expect(withCode(check(AA, [{ Service_Point_Type: "I" }], { spec: aa }), "invalid-code")).toEqual([]);
  });

  test("the engine honours the new requirement", () => {
    expect(withCode(check(AA, [{ Meter_SN: "" }], { spec: aa }), "required").map(where)).toEqual([{ code: "required", row: 2, column: "Meter_SN", severity: "error" }]);
    expect(withCode(check(AA, [{ Meter_SN: "" }]), "required")).toEqual([]);
  });

  test("the engine honours the new pattern", () => {
    expect(withCode(check(AA, [{ Account_Phone: "5550100" }], { spec: aa }), "pattern").map(where)).toEqual([{ code: "pattern", row: 2, column: "Account_Phone", severity: "error" }]);
  });

  test("the added column is known to the engine and checked", () => {
    expect(withCode(check(AA, [{ Utility_Use_3: "route note" }], { spec: aa }), "unknown-column")).toEqual([]);
    expect(withCode(check(AA, [{ Utility_Use_3: "route note" }]), "unknown-column")).toHaveLength(1);
    expect(withCode(check(AA, [{ Utility_Use_3: "x".repeat(17) }], { spec: aa }), "too-long").map(where)).toEqual([{ code: "too-long", row: 2, column: "Utility_Use_3", severity: "error" }]);
  });

  test("null removes a limit", () => {
    const loose = aaOf(load({ types: { "accounts-and-assets": { columns: { Meter_Note: { maxLength: null } } } } }));
    expect(withCode(check(AA, [{ Meter_Note: "n".repeat(500) }], { spec: loose }), "too-long")).toEqual([]);
  });

  test("an empty types object changes nothing", () => {
    expect(load({ types: {} })).toEqual([...IMPORT_SPECS]);
  });
});

describe("a bad spec file is refused, naming the bad key", () => {
  function refusal(file: unknown): string {
    try {
      load(file);
    } catch (error) {
      expect(error).toBeInstanceOf(SpecFileError);
      return (error as Error).message;
    }
    throw new Error("the spec file was accepted");
  }

  test("not JSON", () => {
    const message = refusal("{ types: ");
    expect(message).toContain("utility.json");
    expect(message).toMatch(/not valid JSON/);
  });

  test("an unknown top-level key", () => {
    expect(refusal({ types: {}, colums: {} })).toContain("colums");
    expect(refusal({ typos: {} })).toContain("types");
  });

  test("an unknown import type", () => {
    expect(refusal({ types: { "accounts-assets": { columns: {} } } })).toContain("types.accounts-assets");
  });

  test("an unknown key in a column change", () => {
    expect(refusal({ types: { "accounts-and-assets": { columns: { Meter_ID: { maxLen: 24 } } } } })).toContain("types.accounts-and-assets.columns.Meter_ID.maxLen");
  });

  test("maxLength given as text", () => {
    expect(refusal({ types: { "accounts-and-assets": { columns: { Meter_ID: { maxLength: "ten" } } } } })).toContain("types.accounts-and-assets.columns.Meter_ID.maxLength");
  });

  test("a negative or fractional maxLength", () => {
    expect(refusal({ types: { "accounts-and-assets": { columns: { Meter_ID: { maxLength: -1 } } } } })).toContain("columns.Meter_ID.maxLength");
    expect(refusal({ types: { "accounts-and-assets": { columns: { Meter_ID: { maxLength: 2.5 } } } } })).toContain("columns.Meter_ID.maxLength");
  });

  test("an unknown requirement names the allowed values", () => {
    const message = refusal({ types: { "accounts-and-assets": { columns: { Meter_SN: { requirement: "mandatory" } } } } });
    expect(message).toContain("columns.Meter_SN.requirement");
    expect(message).toContain("required");
  });

  test("an unknown column, with a did-you-mean", () => {
    const message = refusal({ types: { "accounts-and-assets": { columns: { Meter_Instal_Date: { maxLength: 10 } } } } });
    expect(message).toContain("types.accounts-and-assets.columns.Meter_Instal_Date");
    expect(message).toContain("Meter_Install_Date");
  });

  test("an invalid regular expression", () => {
    expect(refusal({ types: { "accounts-and-assets": { columns: { Account_Phone: { pattern: "[0-9" } } } } })).toContain("types.accounts-and-assets.columns.Account_Phone.pattern");
    expect(refusal({ types: { "accounts-and-assets": { addColumns: [{ name: "X_Code", component: "Account", type: "text", pattern: "(" }] } } })).toContain("addColumns.0.pattern");
  });

  test("an empty code list", () => {
    expect(refusal({ types: { "accounts-and-assets": { columns: { Service_Point_Type: { codes: [] } } } } })).toContain("columns.Service_Point_Type.codes");
  });

  test("an added column that already exists", () => {
    expect(refusal({ types: { "accounts-and-assets": { addColumns: [{ name: "Meter_ID", component: "Meter", type: "text" }] } } })).toContain("types.accounts-and-assets.addColumns.0.name");
  });

  test("an added column that is an existing column's alias or spelling", () => {
    expect(refusal({ types: { "accounts-and-assets": { addColumns: [{ name: "SP_Longitude", component: "ServicePoint", type: "longitude" }] } } })).toContain("addColumns.0.name");
    expect(refusal({ types: { "accounts-and-assets": { addColumns: [{ name: "meter id", component: "Meter", type: "text" }] } } })).toContain("addColumns.0.name");
  });

  test("the same column added twice", () => {
    const column = { name: "Utility_Use_3", component: "Account", type: "text" };
    expect(refusal({ types: { "accounts-and-assets": { addColumns: [column, { ...column, name: "utility use 3" }] } } })).toContain("types.accounts-and-assets.addColumns.1.name");
  });

  test("an added column without a component or with an unknown type", () => {
    expect(refusal({ types: { "accounts-and-assets": { addColumns: [{ name: "X", type: "text" }] } } })).toContain("addColumns.0.component");
    expect(refusal({ types: { "accounts-and-assets": { addColumns: [{ name: "X", component: "Account", type: "string" }] } } })).toContain("addColumns.0.type");
  });

  test("an added column whose name is blank or padded", () => {
    expect(refusal({ types: { "accounts-and-assets": { addColumns: [{ name: " X", component: "Account", type: "text" }] } } })).toContain("addColumns.0.name");
  });
});
