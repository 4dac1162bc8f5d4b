/** Applying an Accounts and Assets file: components to tables, blank/_CLEAR_ rules, blocking, idempotency, isolation. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CompiledQuery, Kysely } from "kysely";
import { applyImport, blockedFromFindings, NOTHING_BLOCKED, type BlockedComponents } from "../../src/server/apply";
import type { Database } from "../../src/server/db/schema";
import { writeAccountsFile } from "../../bench/generateAccounts";
import { validateFile } from "../../src/exchange/validateFile";
import { IMPORT_SPECS } from "../../src/spec";
import { accountsAndAssets } from "../../src/spec/accountsAndAssets";
import type { Component } from "../../src/spec/types";
import type { Exception } from "../../src/validation";
import { describeEachDatabase, openTestDatabase, skipWithoutDatabase, type TestDatabase } from "./support/databases";
import { attributes, dump, TABLES, type Row } from "./support/storedRecords";

jest.setTimeout(60_000);

let folder: string;
let files = 0;
beforeAll(() => (folder = mkdtempSync(join(tmpdir(), "dx-apply-aa-"))));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Writes rows as a CSV file (the cells here hold no commas or quotes) and returns its path. */
function csvFile(rows: readonly string[][], lineBreak = "\r\n"): string {
  const path = join(folder, `f${files++}.csv`);
  writeFileSync(path, rows.map((r) => r.join(",")).join(lineBreak) + lineBreak);
  return path;
}

/** Blocks given as sheet row → components ("File" for the whole row). */
function blocks(byRow: Record<number, Component[]>): BlockedComponents {
  const findings: Exception[] = Object.entries(byRow).flatMap(([row, components]) =>
    components.map((component) => ({ row: Number(row), column: null, severity: "error" as const, code: "test", component, message: "" })),
  );
  return blockedFromFindings(findings);
}

async function apply(db: Kysely<Database>, organisationId: string, importId: string, filePath: string, blocked = NOTHING_BLOCKED, batchRows?: number): Promise<number> {
  const result = await db.transaction().execute((trx) => applyImport(trx, { organisationId, importId, spec: accountsAndAssets, filePath, blocked }, { batchRows }));
  return result.recordsImported;
}

async function rows(db: Kysely<Database>, table: (typeof TABLES)[number], organisationId: string): Promise<Row[]> {
  return (await dump(db, organisationId))[table];
}

// Headers written as clerks write them: an alias (SP_Longitude), another case (location_zip), the old Location_ZIP.
const HEADER = [
  "Account_ID", "Account_Full_Name", "Billing_Address_Line2", "Location_ID", "location_zip", "Location_Year_Built", "Service_Point_ID",
  "Service_Point_Type", "SP_Longitude", "Meter_ID", "Meter_Manufacturer", "Register_Number", "Register_Unit_Of_Measure", "Read_Sequence",
  "Meter_Install_Date", "Endpoint_SN", "Endpoint_Type", "Endpoint_Install_Date", "SA_Start_Date", "SA_End_Date",
];

/** One row from named cells; the rest blank. */
function row(cells: Record<string, string>): string[] {
  return HEADER.map((h) => cells[h] ?? "");
}

const compoundLow = row({
  Account_ID: "A1", Account_Full_Name: "Maria Garcia", Billing_Address_Line2: "PO Box 7", Location_ID: "L1", location_zip: "53202",
  Location_Year_Built: "1961", Service_Point_ID: "1", Service_Point_Type: "W", SP_Longitude: "-87.9", Meter_ID: "M1",
  Meter_Manufacturer: "Badger Meter", Register_Number: "L", Register_Unit_Of_Measure: "GAL", Read_Sequence: "10",
  Meter_Install_Date: "2019-05-01", Endpoint_SN: "E1", Endpoint_Type: "M", Endpoint_Install_Date: "2019-05-02", SA_Start_Date: "2020-01-01",
});
const compoundHigh = row({
  Account_ID: "A1", Location_ID: "L1", Service_Point_ID: "1", Meter_ID: "M1", Register_Number: "H", Register_Unit_Of_Measure: "CUBIC_FEET",
  Endpoint_SN: "E2", Endpoint_Type: "M", Endpoint_Install_Date: "2019-05-03", SA_Start_Date: "2020-01-01",
});
const manual = row({
  Account_ID: "A2", Account_Full_Name: "Li Chen", Location_ID: "L2", location_zip: "53703", Service_Point_ID: "1", Service_Point_Type: "W",
  Meter_ID: "M2", Meter_Manufacturer: "Neptune", Meter_Install_Date: "2018-02-03",
});

describeEachDatabase("apply: Accounts and Assets", (kind) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let org = 0;
  const nextOrg = () => `org-${org++}`;
  beforeAll(async () => {
    if (await skipWithoutDatabase(kind)) return;
    database = await openTestDatabase(kind);
    db = database.connection.db;
  });
  afterAll(async () => database?.dispose());

  test("each component of a row becomes its record: compound meter, manual meter, aliases stored under spec names", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const o = nextOrg();
    expect(await apply(db, o, "100", csvFile([HEADER, compoundLow, compoundHigh, manual]))).toBe(3);
    const all = await dump(db, o);
    expect(all.accounts.map((a) => [a.account_id, attributes(a)])).toEqual([
      ["A1", { Account_Full_Name: "Maria Garcia", Billing_Address_Line2: "PO Box 7" }],
      ["A2", { Account_Full_Name: "Li Chen" }],
    ]);
    // The Tags column (Location_Year_Built) lives in the location's attributes; location_zip is stored as Location_Zip.
    expect(attributes(all.locations[0])).toEqual({ Location_Year_Built: "1961", Location_Zip: "53202" });
    expect(all.service_points.map((s) => [s.location_id, s.service_point_id, s.account_id, attributes(s)])).toEqual([
      ["L1", "1", "A1", { Service_Point_Longitude: "-87.9", Service_Point_Type: "W" }],
      ["L2", "1", "A2", { Service_Point_Type: "W" }],
    ]);
    expect(all.meters.map((m) => [m.meter_id, m.location_id, m.service_point_id, attributes(m)])).toEqual([
      ["M1", "L1", "1", { Meter_Install_Date: "2019-05-01", Meter_Manufacturer: "Badger Meter" }],
      ["M2", "L2", "1", { Meter_Install_Date: "2018-02-03", Meter_Manufacturer: "Neptune" }],
    ]);
    expect(all.registers.map((r) => [r.meter_id, r.register_number, attributes(r)])).toEqual([
      ["M1", "H", { Register_Unit_Of_Measure: "CUBIC_FEET" }],
      ["M1", "L", { Read_Sequence: "10", Register_Unit_Of_Measure: "GAL" }],
      ["M2", "", {}],
    ]);
    expect(all.endpoints.map((e) => [e.endpoint_sn, e.endpoint_type, e.meter_id])).toEqual([["E1", "M", "M1"], ["E2", "M", "M1"]]);
    expect(all.service_agreements.map((a) => [a.account_id, a.location_id, a.service_point_id, a.start_date, a.end_date])).toEqual([
      ["A1", "L1", "1", "2020-01-01", null],
      ["A2", "L2", "1", "", null],
    ]);
    expect(all.configuration_history).toHaveLength(3);
    expect(all.configuration_history.map((h) => h.effective_date).sort()).toEqual(["2018-02-03", "2020-01-01", "2020-01-01"]);
    expect(all.configuration_history.find((h) => h.endpoint_sn === null)).toMatchObject({ location_id: "L2", meter_id: "M2", account_id: "A2" });
    for (const table of TABLES) for (const r of all[table]) expect(r.import_id).toBe("100");
  });

  test("a blank cell keeps the stored value, _CLEAR_ removes it, and only changed rows take the new import", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const o = nextOrg();
    await apply(db, o, "1", csvFile([HEADER, compoundLow, compoundHigh, manual]));
    const update = row({ Account_ID: "A1", Billing_Address_Line2: "_CLEAR_", Location_ID: "L1", Service_Point_ID: "1", Meter_ID: "M1", Register_Number: "L", Endpoint_SN: "E1", Endpoint_Type: "N" });
    expect(await apply(db, o, "2", csvFile([HEADER, update]))).toBe(1);
    const all = await dump(db, o);
    const a1 = all.accounts.find((a) => a.account_id === "A1");
    expect(attributes(a1)).toEqual({ Account_Full_Name: "Maria Garcia" });
    expect(a1?.import_id).toBe("2");
    expect(all.accounts.find((a) => a.account_id === "A2")?.import_id).toBe("1");
    // Every other field of the location, meter and register was blank in the update, so they are untouched.
    expect(all.locations.find((l) => l.location_id === "L1")).toMatchObject({ import_id: "1" });
    expect(all.meters.find((m) => m.meter_id === "M1")).toMatchObject({ import_id: "1", location_id: "L1" });
    expect(all.registers.find((r) => r.register_number === "L")).toMatchObject({ import_id: "1" });
    expect(all.endpoints.find((e) => e.endpoint_sn === "E1")).toMatchObject({ endpoint_type: "N", import_id: "2" });
    // The agreement row the update describes has no start date: a new agreement keyed by "".
    expect(all.service_agreements.filter((a) => a.account_id === "A1").map((a) => a.start_date).sort()).toEqual(["", "2020-01-01"]);
    // Values are stored as written: no trimming.
    await apply(db, o, "3", csvFile([HEADER, row({ Account_ID: "A2", Account_Full_Name: " Li Chen " })]));
    expect(attributes((await rows(db, "accounts", o)).find((a) => a.account_id === "A2"))).toEqual({ Account_Full_Name: " Li Chen " });
  });

  test("an error blocks only its component: a Meter error still imports the account, location, endpoint and agreement", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const o = nextOrg();
    const imported = await apply(db, o, "1", csvFile([HEADER, compoundLow, manual]), blocks({ 2: ["Meter"], 3: ["File"] }));
    expect(imported).toBe(1); // row 3 is blocked whole
    const all = await dump(db, o);
    expect(all.accounts.map((a) => a.account_id)).toEqual(["A1"]);
    expect(all.locations.map((l) => l.location_id)).toEqual(["L1"]);
    expect(all.service_points).toHaveLength(1);
    expect(all.meters).toEqual([]);
    expect(all.registers).toEqual([]);
    // The endpoint imports, but its link to the refused meter is left as it was (none).
    expect(all.endpoints.map((e) => [e.endpoint_sn, e.meter_id])).toEqual([["E1", null]]);
    expect(all.service_agreements).toHaveLength(1);
    expect(all.configuration_history.map((h) => [h.account_id, h.meter_id, h.endpoint_sn])).toEqual([["A1", null, "E1"]]);
    // Blocks from elsewhere may name only "File" for a whole row; that still keeps all of the row out.
    const other = nextOrg();
    const onlyFile: BlockedComponents = { isBlocked: (sheetRow, component) => sheetRow === 2 && component === "File" };
    expect(await apply(db, other, "1", csvFile([HEADER, compoundLow, manual]), onlyFile)).toBe(1);
    expect((await rows(db, "accounts", other)).map((a) => a.account_id)).toEqual(["A2"]);
  });

  test("a blocked Location keeps out everything placed at it; Tags and readings can be blocked on their own", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const o = nextOrg();
    await apply(db, o, "1", csvFile([HEADER, compoundLow, manual]), blocks({ 2: ["Location"], 3: ["Tags", "Reading"] }));
    const all = await dump(db, o);
    expect(all.accounts.map((a) => a.account_id)).toEqual(["A1", "A2"]);
    expect(all.endpoints.map((e) => [e.endpoint_sn, e.meter_id])).toEqual([["E1", null]]);
    expect(all.locations.map((l) => l.location_id)).toEqual(["L2"]);
    expect(all.service_points.map((s) => s.location_id)).toEqual(["L2"]);
    expect(all.meters.map((m) => m.meter_id)).toEqual(["M2"]);
    expect(all.service_agreements.map((a) => a.account_id)).toEqual(["A2"]);
    // No history without a place.
    expect(all.configuration_history.map((h) => h.location_id)).toEqual(["L2"]);
    // Blocked Tags: the location imports without its tag.
    const withTag = row({ Account_ID: "A3", Location_ID: "L3", location_zip: "53000", Location_Year_Built: "1999", Meter_ID: "M3", Read_Sequence: "5" });
    await apply(db, o, "2", csvFile([HEADER, withTag]), blocks({ 2: ["Tags", "Reading"] }));
    const after = await dump(db, o);
    expect(attributes(after.locations.find((l) => l.location_id === "L3"))).toEqual({ Location_Zip: "53000" });
    expect(attributes(after.registers.find((r) => r.meter_id === "M3"))).toEqual({});
    // A blank Service_Point_ID writes no service point; the meter records "" as its place.
    expect(after.service_points.map((s) => s.location_id)).toEqual(["L2"]);
    expect(after.meters.find((m) => m.meter_id === "M3")).toMatchObject({ location_id: "L3", service_point_id: "" });
  });

  test("blank rows are skipped but keep their sheet row numbers, so blocks land on the right rows", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const o = nextOrg();
    const blank = HEADER.map(() => "");
    // Rows: 2 compoundLow, 3 blank, 4 a bare blank line, 5 manual (blocked on Account).
    const path = join(folder, `f${files++}.csv`);
    writeFileSync(path, [HEADER, compoundLow, blank].map((r) => r.join(",")).join("\n") + "\n\n" + manual.join(",") + "\n");
    expect(await apply(db, o, "1", path, blocks({ 5: ["Account"] }))).toBe(2);
    expect((await rows(db, "accounts", o)).map((a) => a.account_id)).toEqual(["A1"]);
    expect((await rows(db, "locations", o)).map((l) => l.location_id)).toEqual(["L1", "L2"]);
  });

  test("rows apply in file order, and a later row of the same record wins even across batches", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const o = nextOrg();
    const moveOut = row({ Account_ID: "A1", Account_Full_Name: "First", Location_ID: "L1", Service_Point_ID: "1", Meter_ID: "M1", SA_Start_Date: "2019-01-01", SA_End_Date: "2020-06-30" });
    const moveIn = row({ Account_ID: "A9", Account_Full_Name: "Second", Location_ID: "L1", Service_Point_ID: "1", Meter_ID: "M1", SA_Start_Date: "2020-07-01" });
    const rename = row({ Account_ID: "A1", Account_Full_Name: "First (renamed)" });
    await apply(db, o, "1", csvFile([HEADER, moveOut, manual, moveIn, rename]), NOTHING_BLOCKED, 2);
    const all = await dump(db, o);
    expect(all.service_points.find((s) => s.location_id === "L1")?.account_id).toBe("A9");
    expect(attributes(all.accounts.find((a) => a.account_id === "A1"))).toEqual({ Account_Full_Name: "First (renamed)" });
    expect(all.service_agreements.filter((a) => a.location_id === "L1").map((a) => [a.account_id, a.end_date])).toEqual([["A1", "2020-06-30"], ["A9", null]]);
    expect(all.configuration_history.filter((h) => h.location_id === "L1").map((h) => h.effective_date).sort()).toEqual(["2020-06-30", "2020-07-01"]);
  });

  test("applying the same file again changes nothing, import_id included, in any batch size", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const o = nextOrg();
    const moveOut = row({ Account_ID: "A1", Location_ID: "L1", Service_Point_ID: "1", Meter_ID: "M1", SA_Start_Date: "2019-01-01", SA_End_Date: "2020-06-30", Account_Full_Name: "Old" });
    const moveIn = row({ Account_ID: "A9", Location_ID: "L1", Service_Point_ID: "1", Meter_ID: "M1", SA_Start_Date: "2020-07-01" });
    const clearing = row({ Account_ID: "A1", Account_Full_Name: "_CLEAR_", Billing_Address_Line2: "PO Box 1" });
    const file = csvFile([HEADER, compoundLow, moveOut, compoundHigh, manual, moveIn, clearing]);
    await apply(db, o, "1", file, NOTHING_BLOCKED, 2);
    const first = await dump(db, o);
    for (const batchRows of [2, 1, 1000]) {
      expect(await apply(db, o, `again-${batchRows}`, file, NOTHING_BLOCKED, batchRows)).toBe(6);
      expect(await dump(db, o)).toEqual(first);
    }
  });

  test("organisations are kept apart: the same IDs in two organisations are two sets of records", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const [a, b] = [nextOrg(), nextOrg()];
    await apply(db, a, "1", csvFile([HEADER, compoundLow, manual]));
    const before = await dump(db, a);
    const changed = row({ Account_ID: "A1", Account_Full_Name: "Someone else", Location_ID: "L1", Meter_ID: "M1", Service_Point_ID: "1" });
    await apply(db, b, "2", csvFile([HEADER, changed]));
    expect(await dump(db, a)).toEqual(before);
    const other = await dump(db, b);
    expect(other.accounts.map((x) => [x.account_id, attributes(x)])).toEqual([["A1", { Account_Full_Name: "Someone else" }]]);
    expect(other.meters).toHaveLength(1);
  });

  test("the sample files, blocked by their own test run, apply; so does a batch past SQLite's parameter limit", async () => {
    if (await skipWithoutDatabase(kind)) return;
    for (const sample of ["starter-clean.csv", "starter-with-mistakes.csv"]) {
      const o = nextOrg();
      const path = join(__dirname, "../../assets/samples", sample);
      const testRun = await validateFile(path, { specs: IMPORT_SPECS, spec: accountsAndAssets });
      const imported = await apply(db, o, "1", path, blockedFromFindings(testRun.exceptions));
      expect(imported).toBeGreaterThan(0);
      expect(imported).toBeLessThanOrEqual(testRun.rows);
      if (sample === "starter-clean.csv") expect(imported).toBe(testRun.rows);
      const first = await dump(db, o);
      await apply(db, o, "2", path, blockedFromFindings(testRun.exceptions));
      expect(await dump(db, o)).toEqual(first);
    }
    // 5,000 rows in one batch: service agreements alone bind 8 values a row, 40,000 in all.
    const o = nextOrg();
    const big = join(folder, "big.csv");
    const { rows: written } = await writeAccountsFile(big, 5000);
    const testRun = await validateFile(big, { specs: IMPORT_SPECS, spec: accountsAndAssets });
    const blocked = blockedFromFindings(testRun.exceptions);
    const imported = await apply(db, o, "1", big, blocked, 5000);
    expect(imported).toBeGreaterThan(written * 0.99);
    const first = await dump(db, o);
    expect(first.service_agreements.length).toBeGreaterThan(4000);
    await apply(db, o, "2", big, blocked, 700);
    expect(await dump(db, o)).toEqual(first);
  });

  test("a throw inside the caller's transaction leaves nothing written", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const o = nextOrg();
    const file = csvFile([HEADER, compoundLow, compoundHigh, manual]);
    // Fails while reading the third data row, after the first batches were written.
    const failing: BlockedComponents = {
      isBlocked: (sheetRow) => {
        if (sheetRow === 4) throw new Error("boom");
        return false;
      },
    };
    await expect(db.transaction().execute((trx) => applyImport(trx, { organisationId: o, importId: "1", spec: accountsAndAssets, filePath: file, blocked: failing }, { batchRows: 1 }))).rejects.toThrow("boom");
    await expect(
      db.transaction().execute(async (trx) => {
        await applyImport(trx, { organisationId: o, importId: "1", spec: accountsAndAssets, filePath: file, blocked: NOTHING_BLOCKED });
        throw new Error("the worker failed after apply");
      }),
    ).rejects.toThrow("after apply");
    await expect(apply(db, o, "1", join(folder, "missing.csv"))).rejects.toThrow();
    for (const [table, stored] of Object.entries(await dump(db, o))) expect([table, stored]).toEqual([table, []]);
  });

  test("a lookup that fails while a batch's new records are written is the apply's error, never an unhandled rejection", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const o = nextOrg();
    const file = join(folder, `lookups-${kind}.csv`);
    await writeAccountsFile(file, 300);
    // The second apply looks up every key (the tables are no longer empty) while it writes the batch's new records.
    await apply(db, o, "1", file, NOTHING_BLOCKED, 50);
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", note);
    try {
      let selects = 0;
      const applying = db.transaction().execute((trx) => {
        const execute = trx.executeQuery.bind(trx);
        // After the first batch's lookups, every lookup fails, as on a connection that broke.
        trx.executeQuery = ((query: CompiledQuery) => (/^select/i.test(query.sql) && ++selects > 8 ? Promise.reject(new Error("lookup failed")) : execute(query))) as typeof trx.executeQuery;
        return applyImport(trx, { organisationId: o, importId: "2", spec: accountsAndAssets, filePath: file, blocked: NOTHING_BLOCKED }, { batchRows: 50 });
      });
      await expect(applying).rejects.toThrow("lookup failed");
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", note);
    }
  });
});

describe("blockedFromFindings", () => {
  const finding = (row: number | null, severity: Exception["severity"], component: Component): Exception => ({ row, column: null, severity, code: "x", component, message: "" });

  test("errors block their row's component; File errors block the row; warnings, infos and file-level findings block nothing", () => {
    const blocked = blockedFromFindings([
      finding(2, "error", "Meter"),
      finding(3, "error", "File"),
      finding(4, "warning", "Account"),
      finding(5, "info", "Location"),
      finding(null, "error", "Account"),
    ]);
    expect(blocked.isBlocked(2, "Meter")).toBe(true);
    expect(blocked.isBlocked(2, "Account")).toBe(false);
    for (const component of ["Account", "Location", "Endpoint", "Tags"] as const) expect(blocked.isBlocked(3, component)).toBe(true);
    expect(blocked.isBlocked(4, "Account")).toBe(false);
    expect(blocked.isBlocked(5, "Location")).toBe(false);
    expect(blocked.isBlocked(6, "Account")).toBe(false);
  });
});
