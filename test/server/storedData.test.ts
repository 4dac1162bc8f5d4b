import { loadStoredDataChecks } from "../../src/server/storedData";
import { accountsAndAssets } from "../../src/spec/accountsAndAssets";
import { billingReads } from "../../src/spec/billingReads";
import { consumptionTargets } from "../../src/spec/consumptionTargets";
import { idUpdate } from "../../src/spec/idUpdate";
import { intervalReads } from "../../src/spec/intervalReads";
import { transactionHistory } from "../../src/spec/transactionHistory";
import type { ImportSpec } from "../../src/spec/types";
import type { Exception } from "../../src/validation/exception";
import { describeEachDatabase, openTestDatabase, skipWithoutDatabase, type TestDatabase } from "./support/databases";

/** Every case works in its own organisation, so cases share one database without seeing each other's records. */
let orgCounter = 0;
const newOrg = () => `org-${++orgCounter}`;
const OTHER_ORG = "org-other";

describeEachDatabase("stored-data checks", (kind) => {
  let database: TestDatabase | null = null;

  beforeAll(async () => {
    if (await skipWithoutDatabase(kind)) return;
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  /** The open database; a case calls it only after skipWithoutDatabase said the database is there. */
  function db() {
    if (!database) throw new Error("database not open");
    return database.connection.db;
  }

  const store = {
    account: (org: string, accountId: string) => db().insertInto("accounts").values({ organisation_id: org, account_id: accountId, attributes: "{}", import_id: "1" }).execute(),
    location: (org: string, locationId: string) => db().insertInto("locations").values({ organisation_id: org, location_id: locationId, attributes: "{}", import_id: "1" }).execute(),
    servicePoint: (org: string, locationId: string, servicePointId: string, accountId: string | null = null) =>
      db().insertInto("service_points").values({ organisation_id: org, location_id: locationId, service_point_id: servicePointId, account_id: accountId, attributes: "{}", import_id: "1" }).execute(),
    meter: (org: string, meterId: string, locationId: string, servicePointId: string) =>
      db().insertInto("meters").values({ organisation_id: org, meter_id: meterId, location_id: locationId, service_point_id: servicePointId, attributes: "{}", import_id: "1" }).execute(),
    endpoint: (org: string, endpointSn: string, endpointType: string | null, meterId: string | null) =>
      db().insertInto("endpoints").values({ organisation_id: org, endpoint_sn: endpointSn, endpoint_type: endpointType, meter_id: meterId, attributes: "{}", import_id: "1" }).execute(),
    history: (org: string, locationId: string, servicePointId: string, effectiveDate: string, rowHash: string) =>
      db()
        .insertInto("configuration_history")
        .values({ organisation_id: org, location_id: locationId, service_point_id: servicePointId, row_hash: rowHash, effective_date: effectiveDate, account_id: null, meter_id: null, endpoint_sn: null, import_id: "1" })
        .execute(),
  };

  /** Runs the checks over `rows` (as the engine would, the first on sheet row 2) and returns the findings. */
  async function check(org: string, spec: ImportSpec, header: string[], rows: string[][]): Promise<Exception[]> {
    const checks = await loadStoredDataChecks(db(), org, spec, header);
    rows.forEach((cells, i) => checks.row(cells, i + 2));
    return checks.findings();
  }

  const codes = (findings: Exception[]) => findings.map((f) => `${f.row}:${f.column}:${f.code}`);

  /** Every placeholder filled: no braces left, no "undefined", no empty slot between words. */
  function expectComplete(findings: Exception[]): void {
    for (const f of findings) {
      expect(f.message).not.toMatch(/[{}]|undefined|null|\s[,;.]|\s\s/);
    }
  }

  describe("Accounts and Assets", () => {
    const header = ["Account_ID", "Location_ID", "Service_Point_ID", "Meter_ID", "Meter_Install_Date", "Meter_Removal_Date", "Endpoint_SN", "Endpoint_Type", "Endpoint_Install_Date", "Endpoint_Removal_Date", "SA_Start_Date", "SA_End_Date"];
    /** A row of `header` from the named values; the rest blank. */
    const row = (values: Partial<Record<string, string>>) => header.map((h) => values[h] ?? "");

    test("meter-moves: a stored meter at another location or service point warns; at its own place it does not", async () => {
      if (await skipWithoutDatabase(kind)) return;
      const org = newOrg();
      await store.meter(org, "M1", "L1", "SP1");
      const findings = await check(org, accountsAndAssets, header, [
        row({ Location_ID: "L1", Service_Point_ID: "SP1", Meter_ID: "M1" }),
        row({ Location_ID: "L2", Service_Point_ID: "SP1", Meter_ID: "M1" }),
        row({ Location_ID: "L1", Service_Point_ID: "SP2", Meter_ID: "M1" }),
        // Blank Service_Point_ID: no change to it, and the location is the same.
        row({ Location_ID: "L1", Meter_ID: "M1" }),
        // A history row records where the meter was.
        row({ Location_ID: "L9", Service_Point_ID: "SP9", Meter_ID: "M1", Meter_Removal_Date: "2020-01-01" }),
        // A meter that is not stored is new, not moved.
        row({ Location_ID: "L9", Service_Point_ID: "SP9", Meter_ID: "M2" }),
      ]);
      expect(codes(findings)).toEqual(["3:Meter_ID:meter-moves", "4:Meter_ID:meter-moves"]);
      expect(findings[0]).toEqual({
        row: 3,
        column: "Meter_ID",
        severity: "warning",
        code: "meter-moves",
        component: "Meter",
        message: "Meter M1 is stored at location L1, service point SP1; this row moves it to location L2, service point SP1. Go ahead if the meter was moved; otherwise fix the row.",
      });
      expectComplete(findings);
    });

    test("meter-moves: each row is compared with the stored place, not with earlier rows of the file", async () => {
      if (await skipWithoutDatabase(kind)) return;
      const org = newOrg();
      await store.meter(org, "M1", "L1", "SP1");
      const findings = await check(org, accountsAndAssets, header, [
        row({ Location_ID: "L2", Service_Point_ID: "SP1", Meter_ID: "M1" }),
        row({ Location_ID: "L2", Service_Point_ID: "SP1", Meter_ID: "M1" }),
        row({ Location_ID: "L1", Service_Point_ID: "SP1", Meter_ID: "M1" }),
      ]);
      expect(codes(findings)).toEqual(["2:Meter_ID:meter-moves", "3:Meter_ID:meter-moves"]);
    });

    test("meter-moves: another organisation's meter does not count", async () => {
      if (await skipWithoutDatabase(kind)) return;
      const org = newOrg();
      await store.meter(OTHER_ORG, "M-shared", "L1", "SP1");
      const findings = await check(org, accountsAndAssets, header, [row({ Location_ID: "L2", Service_Point_ID: "SP1", Meter_ID: "M-shared" })]);
      expect(findings).toEqual([]);
    });

    test("meter-moves: a blank Service_Point_ID moving location reads as (none)", async () => {
      if (await skipWithoutDatabase(kind)) return;
      const org = newOrg();
      await store.meter(org, "M1", "L1", "");
      const findings = await check(org, accountsAndAssets, header, [row({ Location_ID: "L2", Meter_ID: "M1" })]);
      expect(findings.map((f) => f.message)).toEqual([
        "Meter M1 is stored at location L1, service point (none); this row moves it to location L2, service point (none). Go ahead if the meter was moved; otherwise fix the row.",
      ]);
    });

    test("aliases and case-different headers are matched, and findings name the header as written", async () => {
      if (await skipWithoutDatabase(kind)) return;
      const org = newOrg();
      await store.meter(org, "M1", "L1", "SP1");
      const written = ["meter id", "LOCATION_ID", "service-point-id", "Unknown_Column"];
      const findings = await check(org, accountsAndAssets, written, [["M1", "L2", "SP1", "x"]]);
      expect(codes(findings)).toEqual(["2:meter id:meter-moves"]);
    });

    test("a duplicated column is read from its first copy, as the engine reads it", async () => {
      if (await skipWithoutDatabase(kind)) return;
      const org = newOrg();
      await store.meter(org, "M1", "L1", "SP1");
      const findings = await check(org, accountsAndAssets, ["Meter_ID", "Location_ID", "Service_Point_ID", "location_id"], [
        ["M1", "L1", "SP1", "L2"],
        ["M1", "L2", "SP1", "L1"],
      ]);
      expect(codes(findings)).toEqual(["3:Meter_ID:meter-moves"]);
    });

    test("blank and _CLEAR_ cells, and short rows, trigger nothing", async () => {
      if (await skipWithoutDatabase(kind)) return;
      const org = newOrg();
      await store.meter(org, "M1", "L1", "SP1");
      await store.servicePoint(org, "L1", "SP1", "A1");
      await store.history(org, "L1", "SP1", "2023-01-01", "h1");
      const findings = await check(org, accountsAndAssets, header, [
        row({ Location_ID: "  ", Meter_ID: "M1", Account_ID: "A2" }),
        row({ Location_ID: "_CLEAR_", Meter_ID: "M1" }),
        row({ Location_ID: "L1", Service_Point_ID: "SP1", Meter_ID: "  ", Account_ID: "_CLEAR_", SA_Start_Date: " " }),
        ["", "L1", "SP1", "M1"],
        [],
      ]);
      expect(findings).toEqual([]);
    });

    test("endpoint-moves: an endpoint stored on a meter at another location warns", async () => {
      if (await skipWithoutDatabase(kind)) return;
      const org = newOrg();
      await store.meter(org, "M1", "L1", "SP1");
      await store.meter(org, "M2", "L2", "SP1");
      await store.meter(org, "M3", "L1", "SP2");
      await store.endpoint(org, "E1", "M", "M1");
      await store.endpoint(org, "E-loose", "M", null);
      await store.endpoint(OTHER_ORG, "E-other", "M", "M1");
      const findings = await check(org, accountsAndAssets, header, [
        // Onto M2 at L2: the endpoint changes location.
        row({ Location_ID: "L2", Service_Point_ID: "SP1", Meter_ID: "M2", Endpoint_SN: "E1" }),
        // Onto M3 at the same location: no move between locations.
        row({ Location_ID: "L1", Service_Point_ID: "SP2", Meter_ID: "M3", Endpoint_SN: "E1" }),
        // Its own meter moving: that is the meter's warning, not the endpoint's.
        row({ Location_ID: "L2", Service_Point_ID: "SP1", Meter_ID: "M1", Endpoint_SN: "E1" }),
        // Removed: a history row.
        row({ Location_ID: "L2", Service_Point_ID: "SP1", Meter_ID: "M2", Endpoint_SN: "E1", Endpoint_Removal_Date: "2021-01-01" }),
        // An endpoint on no meter, and another organisation's endpoint.
        row({ Location_ID: "L2", Service_Point_ID: "SP1", Meter_ID: "M2", Endpoint_SN: "E-loose" }),
        row({ Location_ID: "L2", Service_Point_ID: "SP1", Meter_ID: "M2", Endpoint_SN: "E-other" }),
      ]);
      expect(codes(findings)).toEqual(["2:Endpoint_SN:endpoint-moves", "4:Meter_ID:meter-moves"]);
      expect(findings[0]).toMatchObject({
        severity: "warning",
        component: "Endpoint",
        message: "Endpoint E1 is stored on meter M1 at location L1; this row puts it on meter M2 at location L2. Go ahead if the endpoint was moved; otherwise fix the row.",
      });
      expectComplete(findings);
    });

    test("move-in: another account at a held service point warns (B6)", async () => {
      if (await skipWithoutDatabase(kind)) return;
      const org = newOrg();
      await store.servicePoint(org, "L1", "SP1", "A1");
      await store.servicePoint(org, "L1", "SP2", null);
      await store.servicePoint(OTHER_ORG, "L3", "SP1", "A1");
      const findings = await check(org, accountsAndAssets, header, [
        row({ Account_ID: "A2", Location_ID: "L1", Service_Point_ID: "SP1" }),
        row({ Account_ID: "A1", Location_ID: "L1", Service_Point_ID: "SP1" }),
        // The service point is held by nobody.
        row({ Account_ID: "A2", Location_ID: "L1", Service_Point_ID: "SP2" }),
        // Ending an agreement is a move-out record, not a move-in.
        row({ Account_ID: "A0", Location_ID: "L1", Service_Point_ID: "SP1", SA_End_Date: "2019-01-01" }),
        row({ Account_ID: "A2", Location_ID: "L3", Service_Point_ID: "SP1" }),
      ]);
      expect(codes(findings)).toEqual(["2:Account_ID:move-in"]);
      expect(findings[0]).toMatchObject({
        severity: "warning",
        component: "ServiceAgreement",
        message: "Service point SP1 at location L1 is held by account A1; importing this row closes that service agreement and opens one for account A2.",
      });
    });

    test("backdated-change: a date before the service point's latest stored date warns once, on the leftmost such column", async () => {
      if (await skipWithoutDatabase(kind)) return;
      const org = newOrg();
      await store.history(org, "L1", "SP1", "2021-03-01", "h1");
      await store.history(org, "L1", "SP1", "2022-06-01", "h2");
      await store.history(org, "L1", "SP1", "", "h3");
      await store.history(OTHER_ORG, "L1", "SP2", "2030-01-01", "h1");
      const findings = await check(org, accountsAndAssets, header, [
        row({ Location_ID: "L1", Service_Point_ID: "SP1", SA_Start_Date: "2022-01-01", Endpoint_Install_Date: "2021-01-01" }),
        row({ Location_ID: "L1", Service_Point_ID: "SP1", SA_Start_Date: "2022-06-01", SA_End_Date: "2023-01-01" }),
        // Not an ISO date: the engine reports it, and it is not compared.
        row({ Location_ID: "L1", Service_Point_ID: "SP1", Meter_Install_Date: "01/01/2019", SA_End_Date: "2022-05-31" }),
        row({ Location_ID: "L1", Service_Point_ID: "SP2", SA_Start_Date: "2020-01-01" }),
      ]);
      expect(codes(findings)).toEqual(["2:Endpoint_Install_Date:backdated-change", "4:SA_End_Date:backdated-change"]);
      expect(findings[0]).toMatchObject({
        severity: "warning",
        component: "Endpoint",
        message: "Endpoint_Install_Date 2021-01-01 is before 2022-06-01, the latest date stored for service point SP1 at location L1; importing it rewrites that service point's history.",
      });
      expect(findings[1].component).toBe("ServiceAgreement");
      expectComplete(findings);
    });

    test("findings come sorted by row, then by the column's position in the header", async () => {
      if (await skipWithoutDatabase(kind)) return;
      const org = newOrg();
      await store.meter(org, "M1", "L1", "SP1");
      await store.meter(org, "M2", "L5", "SP1");
      await store.endpoint(org, "E1", "M", "M2");
      await store.servicePoint(org, "L2", "SP1", "A1");
      await store.history(org, "L2", "SP1", "2024-01-01", "h1");
      // Account_ID last, so the move-in sorts after the meter, endpoint and date findings.
      const written = ["SA_Start_Date", "Endpoint_SN", "Meter_ID", "Location_ID", "Service_Point_ID", "Account_ID"];
      const findings = await check(org, accountsAndAssets, written, [
        ["2020-01-01", "E1", "M1", "L2", "SP1", "A2"],
        ["", "", "", "L2", "SP1", "A1"],
        ["", "", "M1", "L3", "SP1", ""],
      ]);
      expect(codes(findings)).toEqual([
        "2:SA_Start_Date:backdated-change",
        "2:Endpoint_SN:endpoint-moves",
        "2:Meter_ID:meter-moves",
        "2:Account_ID:move-in",
        "4:Meter_ID:meter-moves",
      ]);
    });
  });

  describe("Interval reads", () => {
    const header = ["Endpoint_SN", "Endpoint_Type", "Encoder_Value", "Read_Time", "Read_Interval"];

    test("an unknown endpoint is an error; a known one with another type is an error; a match passes", async () => {
      if (await skipWithoutDatabase(kind)) return;
      const org = newOrg();
      await store.endpoint(org, "E1", "M", "M1");
      await store.endpoint(org, "E2", null, null);
      await store.endpoint(OTHER_ORG, "E3", "M", null);
      const findings = await check(org, intervalReads, header, [
        ["E1", "M", "10", "2024-01-01 00:00", "60"],
        ["E1", "N", "10", "2024-01-01 01:00", "60"],
        ["E1", "m", "10", "2024-01-01 02:00", "60"],
        ["E2", "N", "10", "2024-01-01 00:00", "60"],
        ["E3", "M", "10", "2024-01-01 00:00", "60"],
        ["", "M", "10", "2024-01-01 00:00", "60"],
        ["E1", "", "10", "2024-01-01 03:00", "60"],
      ]);
      expect(codes(findings)).toEqual(["3:Endpoint_Type:endpoint-type-differs", "4:Endpoint_Type:endpoint-type-differs", "6:Endpoint_SN:unknown-reference"]);
      expect(findings[0]).toMatchObject({
        severity: "error",
        component: "Endpoint",
        message: "Endpoint E1 is provisioned with Endpoint_Type M, not N; reads must name the endpoint as provisioned.",
      });
      expect(findings[2]).toMatchObject({
        severity: "error",
        component: "Endpoint",
        message: "Endpoint_SN \"E3\" does not exist; interval reads for it are rejected. Import it with an Accounts and Assets file first, or correct the ID.",
      });
    });

    test("headers in another case are matched and named as written", async () => {
      if (await skipWithoutDatabase(kind)) return;
      const org = newOrg();
      const findings = await check(org, intervalReads, ["endpoint_sn", "Encoder_Value"], [["E9", "1"]]);
      expect(codes(findings)).toEqual(["2:endpoint_sn:unknown-reference"]);
    });
  });

  describe("Billing reads", () => {
    const header = ["Account_ID", "Location_ID", "Service_Point_ID", "Meter_ID", "Read", "Read_Time"];

    async function storeService(org: string): Promise<void> {
      await store.account(org, "A1");
      await store.location(org, "L1");
      await store.servicePoint(org, "L1", "SP1", "A1");
      await store.meter(org, "M1", "L1", "SP1");
    }

    test("each reference must exist; the first missing one is reported", async () => {
      if (await skipWithoutDatabase(kind)) return;
      const org = newOrg();
      await storeService(org);
      await store.location(org, "L2");
      await store.account(OTHER_ORG, "A-other");
      const findings = await check(org, billingReads, header, [
        ["A1", "L1", "SP1", "M1", "5", "2024-01-01"],
        ["A9", "L9", "SP9", "M9", "5", "2024-01-01"],
        ["A1", "L9", "SP1", "M1", "5", "2024-01-01"],
        ["A1", "L2", "SP1", "M1", "5", "2024-01-01"],
        ["A1", "L1", "SP1", "M9", "5", "2024-01-01"],
        ["A-other", "L1", "SP1", "M1", "5", "2024-01-01"],
        // Blank cells are not references.
        ["", "L1", "", "M1", "5", "2024-01-01"],
      ]);
      expect(codes(findings)).toEqual([
        "3:Account_ID:unknown-reference",
        "4:Location_ID:unknown-reference",
        "5:Service_Point_ID:unknown-reference",
        "6:Meter_ID:unknown-reference",
        "7:Account_ID:unknown-reference",
      ]);
      expect(findings[2]).toMatchObject({
        severity: "error",
        component: "ServicePoint",
        message: "Service_Point_ID \"SP1\" at location L2 does not exist; billing reads for it are rejected. Import it with an Accounts and Assets file first, or correct the ID.",
      });
      expectComplete(findings);
    });
  });

  describe("Consumption targets", () => {
    const header = ["Account_ID", "Location_ID", "Service_Point_ID", "Target_Start_Date", "Target_End_Date", "Target_Volume"];

    test("the account, location and service point must exist", async () => {
      if (await skipWithoutDatabase(kind)) return;
      const org = newOrg();
      await store.account(org, "A1");
      await store.location(org, "L1");
      await store.servicePoint(org, "L1", "SP1");
      await store.servicePoint(OTHER_ORG, "L1", "SP2");
      const findings = await check(org, consumptionTargets, header, [
        ["A1", "L1", "SP1", "2024-01-01", "2024-01-31", "10"],
        ["A1", "L1", "SP2", "2024-01-01", "2024-01-31", "10"],
        ["A2", "L1", "SP1", "2024-01-01", "2024-01-31", "10"],
      ]);
      expect(codes(findings)).toEqual(["3:Service_Point_ID:unknown-reference", "4:Account_ID:unknown-reference"]);
      expect(findings[1].message).toBe("Account_ID \"A2\" does not exist; consumption targets for it are rejected. Import it with an Accounts and Assets file first, or correct the ID.");
      expect(findings[1].component).toBe("Account");
    });
  });

  describe("Transaction history", () => {
    test("Account_ID is not validated", async () => {
      if (await skipWithoutDatabase(kind)) return;
      const org = newOrg();
      const findings = await check(org, transactionHistory, ["Account_Transaction_ID", "Account_ID", "Transaction_Type", "Amount"], [["T1", "A-unknown", "BILL", "10"]]);
      expect(findings).toEqual([]);
    });
  });

  describe("ID Update", () => {
    const header = ["Account_ID", "Account_ID_new", "Location_ID", "Location_ID_new", "Service_Point_ID", "Service_Point_ID_new", "Meter_ID", "Meter_ID_new"];
    const row = (values: Partial<Record<string, string>>) => header.map((h) => values[h] ?? "");

    test("the existing ID must exist and the new one must not", async () => {
      if (await skipWithoutDatabase(kind)) return;
      const org = newOrg();
      await store.account(org, "A1");
      await store.account(org, "A2");
      await store.location(org, "L1");
      await store.location(org, "L2");
      await store.servicePoint(org, "L1", "SP1");
      await store.servicePoint(org, "L1", "SP2");
      await store.servicePoint(org, "L2", "SP3");
      await store.meter(org, "M1", "L1", "SP1");
      await store.meter(OTHER_ORG, "M-other", "L1", "SP1");
      const findings = await check(org, idUpdate, header, [
        row({ Account_ID: "A1", Account_ID_new: "A9" }),
        row({ Account_ID: "A8", Account_ID_new: "A2" }),
        row({ Location_ID: "L1", Location_ID_new: "L2" }),
        // SP3 is stored, but at L2: at L1 it is free.
        row({ Location_ID: "L1", Service_Point_ID: "SP1", Service_Point_ID_new: "SP3" }),
        row({ Location_ID: "L2", Service_Point_ID: "SP1", Service_Point_ID_new: "SP2" }),
        row({ Location_ID: "L1", Service_Point_ID: "SP1", Service_Point_ID_new: "SP2" }),
        row({ Meter_ID: "M-other", Meter_ID_new: "M1" }),
        // No *_new value: nothing renamed, nothing checked.
        row({ Account_ID: "A-unknown", Meter_ID: "M-unknown" }),
        // Without its location a service point cannot be looked up (the engine asks for the Location_ID).
        row({ Service_Point_ID: "SP-unknown", Service_Point_ID_new: "SP1" }),
      ]);
      expect(codes(findings)).toEqual([
        "3:Account_ID:id-not-found",
        "3:Account_ID_new:new-id-exists",
        "4:Location_ID_new:new-id-exists",
        "6:Service_Point_ID:id-not-found",
        "7:Service_Point_ID_new:new-id-exists",
        "8:Meter_ID:id-not-found",
        "8:Meter_ID_new:new-id-exists",
      ]);
      expect(findings[0]).toMatchObject({ severity: "error", component: "Account", message: "Account_ID \"A8\" does not exist, so there is nothing to rename; check the existing ID." });
      expect(findings[3]).toMatchObject({ component: "ServicePoint", message: "Service_Point_ID \"SP1\" at location L2 does not exist, so there is nothing to rename; check the existing ID." });
      expect(findings[4].message).toBe("Service_Point_ID \"SP2\" at location L1 already exists; an existing ID cannot be used as a new ID. Choose an unused ID.");
      expectComplete(findings);
    });

    test("a file with only some pairs checks those", async () => {
      if (await skipWithoutDatabase(kind)) return;
      const org = newOrg();
      await store.meter(org, "M1", "L1", "SP1");
      const findings = await check(org, idUpdate, ["meter_id", "Meter_ID_NEW"], [
        ["M1", "M1"],
        ["M1", "M2"],
      ]);
      expect(codes(findings)).toEqual(["2:Meter_ID_NEW:new-id-exists"]);
    });
  });
});
