/** Import-type detection from the header row, and the header matching it rests on. */
import { detectImportType } from "../../src/spec/detect";
import { editDistance, foldHeader, headerIndex } from "../../src/spec/headers";
import { specById, findSpec, IMPORT_SPECS, type ImportTypeId } from "../../src/spec";

describe("detectImportType", () => {
  const realistic: Record<ImportTypeId, string[]> = {
    "accounts-and-assets": ["Account_ID", "Account_Full_Name", "Location_ID", "Location_Address_Line1", "Service_Point_ID", "Service_Point_Type", "Meter_ID", "Meter_SN", "Register_Number", "Endpoint_SN", "Endpoint_Type", "Meter_Install_Date", "SA_Start_Date"],
    "interval-reads": ["Endpoint_SN", "Endpoint_Type", "Encoder_Value", "Read_Time", "Read_Interval"],
    "billing-reads": ["Account_ID", "Location_ID", "Service_Point_ID", "Meter_ID", "Register_Number", "Read", "Read_Time", "Read_Unit"],
    "consumption-targets": ["Account_ID", "Location_ID", "Service_Point_ID", "Target_Start_Date", "Target_End_Date", "Target_Volume", "Target_Unit"],
    "transaction-history": ["Account_Transaction_ID", "Account_ID", "Transaction_Type", "Amount", "Transaction_Date", "Details"],
    "id-update": ["Account_ID", "Account_ID_new", "Location_ID", "Location_ID_new", "Meter_ID", "Meter_ID_new"],
  };

  test.each(Object.entries(realistic))("%s is detected from a realistic header", (id, headers) => {
    const result = detectImportType(headers);
    expect(result.ok && result.spec.id).toBe(id);
  });

  test("each type is also detected from its full column list", () => {
    for (const spec of IMPORT_SPECS) {
      const result = detectImportType(spec.columns.map((c) => c.name));
      expect(result.ok && result.spec.id).toBe(spec.id);
    }
  });

  test("a small Accounts and Assets header (Starter) and a lower-case one are detected", () => {
    expect(detectImportType(["Account_ID", "Location_ID", "Meter_ID"])).toMatchObject({ ok: true, spec: { id: "accounts-and-assets" } });
    expect(detectImportType(["account id", "location-id", "METER_ID", "meter_sn"])).toMatchObject({ ok: true, spec: { id: "accounts-and-assets" } });
  });

  test("an ID Update with only a meter pair is detected", () => {
    expect(detectImportType(["Meter_ID", "Meter_ID_new"])).toMatchObject({ ok: true, spec: { id: "id-update" } });
  });

  test("blank and non-text header cells are ignored", () => {
    expect(detectImportType([null, "Endpoint_SN", "", 42, "Encoder_Value", "Read_Time", undefined])).toMatchObject({ ok: true, spec: { id: "interval-reads" } });
  });

  test("a header that fits no type names the closest type and what it lacks", () => {
    const result = detectImportType(["Account_Transaction_ID", "Amount", "Details"]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe("none");
    expect(result.candidates).toEqual([]);
    expect(result.message).toContain("Transaction History");
    expect(result.message).toContain("Transaction_Type");
  });

  test("a header of unknown names fits none", () => {
    const result = detectImportType(["Name", "Address", "Phone"]);
    expect(result).toMatchObject({ ok: false, reason: "none", candidates: [] });
  });

  test("an empty header fits none", () => {
    expect(detectImportType([])).toMatchObject({ ok: false, reason: "none" });
    expect(detectImportType(["", "  ", null])).toMatchObject({ ok: false, reason: "none" });
  });

  test("a header that fits two types equally well is reported, not guessed", () => {
    // Both Accounts and Assets and Billing fit; Billing explains every header, so it wins.
    const result = detectImportType(["Account_ID", "Location_ID", "Service_Point_ID", "Meter_ID", "Read", "Read_Time"]);
    expect(result).toMatchObject({ ok: true, spec: { id: "billing-reads" } });

    // Accounts and Assets does not know Meter_ID_new, ID Update does not know Meter_SN: one unknown each.
    const tie = detectImportType(["Account_ID", "Location_ID", "Meter_ID", "Meter_ID_new", "Meter_SN"]);
    expect(tie.ok).toBe(false);
    if (tie.ok) return;
    expect(tie.reason).toBe("several");
    expect(tie.candidates.map((s) => s.id).sort()).toEqual(["accounts-and-assets", "id-update"]);
    expect(tie.message).toContain("Accounts and Assets");
    expect(tie.message).toContain("ID Update");
  });

  test("findSpec takes ids and labels, ignoring case and spacing", () => {
    expect(findSpec("accounts-and-assets")?.id).toBe("accounts-and-assets");
    expect(findSpec("Accounts and Assets")?.id).toBe("accounts-and-assets");
    expect(findSpec("ID update")?.id).toBe("id-update");
    expect(findSpec("nope")).toBeUndefined();
    expect(() => specById("nope" as ImportTypeId)).toThrow();
  });
});

describe("header matching", () => {
  const aa = specById("accounts-and-assets");
  const index = headerIndex(aa);

  test("exact names", () => {
    expect(index.match("Meter_ID")).toMatchObject({ kind: "exact", column: { name: "Meter_ID" } });
  });

  test("aliases, exact and folded", () => {
    expect(index.match("SP_Longitude")).toMatchObject({ kind: "alias", column: { name: "Service_Point_Longitude" }, alias: "SP_Longitude" });
    expect(index.match("sp longitude")).toMatchObject({ kind: "alias", column: { name: "Service_Point_Longitude" } });
    expect(index.match("Location_ZIP")).toMatchObject({ kind: "alias", column: { name: "Location_Zip" } });
  });

  test("every Service_Point_* column answers to the old SP_* name, by the confirmed SP_Longitude pattern", () => {
    expect(index.match("SP_Type")).toMatchObject({ kind: "alias", column: { name: "Service_Point_Type" } });
    expect(index.match("SP_ID")).toMatchObject({ kind: "alias", column: { name: "Service_Point_ID" } });
    expect(index.match("SP_Route")).toMatchObject({ kind: "alias", column: { name: "Service_Point_Route" } });
    expect(index.match("Supply_Zone_ID")).toMatchObject({ kind: "exact" });
  });

  test("case and spacing variants fold to the column", () => {
    for (const written of ["meter_id", " Meter_ID ", "Meter ID", "METER-ID", "meter__id"]) {
      expect(index.match(written)).toMatchObject({ kind: "folded", column: { name: "Meter_ID" } });
    }
  });

  test("unknown names get the nearest column as a suggestion when it is close", () => {
    expect(index.match("Meter_Instal_Date")).toEqual({ kind: "unknown", suggestion: "Meter_Install_Date" });
    expect(index.match("Acount_ID")).toEqual({ kind: "unknown", suggestion: "Account_ID" });
    expect(index.match("Endpiont_SN")).toEqual({ kind: "unknown", suggestion: "Endpoint_SN" });
    expect(index.match("Favourite_Colour")).toEqual({ kind: "unknown", suggestion: null });
    expect(index.suggest("   ")).toBeNull();
  });

  test("foldHeader", () => {
    expect(foldHeader("  Location - Zip ")).toBe("location_zip");
    expect(foldHeader("Location_ZIP")).toBe("location_zip");
    expect(foldHeader("")).toBe("");
  });

  test("editDistance", () => {
    expect(editDistance("", "")).toBe(0);
    expect(editDistance("abc", "abc")).toBe(0);
    expect(editDistance("abc", "")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("install", "instal")).toBe(1);
    expect(editDistance("ab", "ba")).toBe(1); // a transposition is one edit
    expect(editDistance("abcdef", "badcfe")).toBe(3);
    expect(editDistance("kitten", "sitting", 2)).toBe(2); // gives up at the limit
    expect(editDistance("a", "abcdefgh", 3)).toBe(3);
    expect(editDistance("meter_id", "METER_ID".toLowerCase())).toBe(0);
  });
});
