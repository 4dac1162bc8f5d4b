/** Applying one-record-a-row imports: interval and billing reads, consumption targets, transaction history. */
import type { Kysely } from "kysely";
import { blockedFromFindings } from "../../src/server/apply";
import type { Database } from "../../src/server/db/schema";
import { accountsAndAssets } from "../../src/spec/accountsAndAssets";
import { billingReads } from "../../src/spec/billingReads";
import { consumptionTargets } from "../../src/spec/consumptionTargets";
import { intervalReads } from "../../src/spec/intervalReads";
import { transactionHistory } from "../../src/spec/transactionHistory";
import { describeEachDatabase, openTestDatabase, skipWithoutDatabase, type TestDatabase } from "./support/databases";
import { applyRows, attributes, table } from "./support/storedRecords";

jest.setTimeout(60_000);

const apply = applyRows;

/** Two services: A1 at L1/1 with compound meter M1 (endpoints E1, E2), A2 at L2/1 with manual meter M2. */
const ASSETS = [
  ["Account_ID", "Location_ID", "Service_Point_ID", "Meter_ID", "Register_Number", "Endpoint_SN", "Endpoint_Type"],
  ["A1", "L1", "1", "M1", "L", "E1", "M"],
  ["A1", "L1", "1", "M1", "H", "E2", "M"],
  ["A2", "L2", "1", "M2", "", "", ""],
];

describeEachDatabase("apply: reads, targets and transactions", (kind) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let org = 0;
  /** A fresh organisation holding the two services above. */
  const provisioned = async (): Promise<string> => {
    const o = `org-${org++}`;
    await apply(db, accountsAndAssets, o, "assets", ASSETS);
    return o;
  };
  beforeAll(async () => {
    if (await skipWithoutDatabase(kind)) return;
    database = await openTestDatabase(kind);
    db = database.connection.db;
  });
  afterAll(async () => database?.dispose());

  test("interval reads attach to a provisioned endpoint of the organisation; others are skipped and not counted", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const o = await provisioned();
    const other = await provisioned();
    await apply(db, accountsAndAssets, other, "assets", [["Endpoint_SN", "Endpoint_Type"], ["E9", "M"]]);
    const header = ["Endpoint_SN", "Endpoint_Type", "Encoder_Value", "Read_Time", "Read_Interval"];
    const reads = [header, ["E1", "M", "100.5", "2024-01-01 00:00", "60"], ["E1", "M", "101", "2024-01-01 01:00", "60"], ["E9", "M", "5", "2024-01-01 00:00", "60"], ["E2", "M", "7", "2024-01-01 00:00", "15"]];
    expect(await apply(db, intervalReads, o, "r1", reads)).toBe(3);
    expect((await table(db, "interval_reads", o)).map((r) => [r.endpoint_sn, r.read_time, r.encoder_value, r.read_interval, r.import_id])).toEqual([
      ["E1", "2024-01-01 00:00", "100.5", "60", "r1"],
      ["E1", "2024-01-01 01:00", "101", "60", "r1"],
      ["E2", "2024-01-01 00:00", "7", "15", "r1"],
    ]);
    // A corrected read replaces the stored one; an identical one is left alone.
    expect(await apply(db, intervalReads, o, "r2", [header, ["E1", "M", "100.7", "2024-01-01 00:00", "60"], ["E1", "M", "101", "2024-01-01 01:00", "60"]])).toBe(2);
    expect((await table(db, "interval_reads", o)).filter((r) => r.endpoint_sn === "E1").map((r) => [r.encoder_value, r.import_id])).toEqual([["100.7", "r2"], ["101", "r1"]]);
    expect(await table(db, "interval_reads", other)).toEqual([]);
  });

  test("billing reads need the meter; a blank Register_Number is the single register", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const o = await provisioned();
    const header = ["Account_ID", "Location_ID", "Service_Point_ID", "Meter_ID", "Register_Number", "Read", "Read_Time", "Read_Unit"];
    const reads = [header, ["A1", "L1", "1", "M1", "H", "1200", "2024-01-31", "GAL"], ["A2", "L2", "1", "M2", "", "88", "2024-01-31", ""], ["A3", "L3", "1", "M404", "", "1", "2024-01-31", ""]];
    expect(await apply(db, billingReads, o, "b1", reads)).toBe(2);
    const stored = await table(db, "billing_reads", o);
    expect(stored.map((r) => [r.meter_id, r.register_number, r.read_time, r.account_id, r.location_id, r.service_point_id, attributes(r)])).toEqual([
      ["M1", "H", "2024-01-31", "A1", "L1", "1", { Read: "1200", Read_Unit: "GAL" }],
      ["M2", "", "2024-01-31", "A2", "L2", "1", { Read: "88" }],
    ]);
  });

  test("consumption targets need both the account and the service point", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const o = await provisioned();
    const header = ["Account_ID", "Location_ID", "Service_Point_ID", "Target_Start_Date", "Target_End_Date", "Target_Volume", "Target_Unit"];
    const targets = [
      header,
      ["A1", "L1", "1", "2024-01-01", "2024-01-31", "3000", "GAL"],
      ["A1", "L1", "2", "2024-01-01", "2024-01-31", "3000", "GAL"], // no such service point
      ["A7", "L1", "1", "2024-01-01", "2024-01-31", "3000", "GAL"], // no such account
    ];
    expect(await apply(db, consumptionTargets, o, "t1", targets)).toBe(1);
    expect((await table(db, "consumption_targets", o)).map((r) => [r.account_id, r.location_id, r.service_point_id, r.period_start, attributes(r)])).toEqual([
      ["A1", "L1", "1", "2024-01-01", { Target_End_Date: "2024-01-31", Target_Unit: "GAL", Target_Volume: "3000" }],
    ]);
  });

  test("transactions are kept whatever their Account_ID, and replaced by their Account_Transaction_ID", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const o = `org-${org++}`;
    const header = ["Account_Transaction_ID", "Account_ID", "Transaction_Type", "Amount", "Transaction_Date", "Details"];
    expect(await apply(db, transactionHistory, o, "x1", [header, ["T1", "CIS-9", "Bill", "42.10", "2024-02-01", "February"], ["T2", "CIS-9", "PAYMENT", "-42.10", "", ""]])).toBe(2);
    expect(await apply(db, transactionHistory, o, "x2", [header, ["T2", "CIS-9", "PAYMENT", "-40.00", "2024-02-10", ""]])).toBe(1);
    expect((await table(db, "transactions", o)).map((r) => [r.account_transaction_id, r.account_id, r.transaction_type, r.amount, attributes(r), r.import_id])).toEqual([
      ["T1", "CIS-9", "Bill", "42.10", { Details: "February", Transaction_Date: "2024-02-01" }, "x1"],
      ["T2", "CIS-9", "PAYMENT", "-40.00", { Transaction_Date: "2024-02-10" }, "x2"],
    ]);
  });

  test("a row with any blocked component is skipped whole, and re-applying a file changes nothing", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const o = await provisioned();
    const header = ["Account_ID", "Location_ID", "Service_Point_ID", "Meter_ID", "Register_Number", "Read", "Read_Time", "Read_Unit"];
    const reads = [header, ["A1", "L1", "1", "M1", "H", "1200", "2024-01-31", "GAL"], ["A1", "L1", "1", "M1", "L", "300", "2024-01-31", "GALLONS"]];
    const blocked = blockedFromFindings([{ row: 3, column: "Read_Unit", severity: "error", code: "invalid-code", component: "Read", message: "" }]);
    expect(await apply(db, billingReads, o, "b1", reads, blocked)).toBe(1);
    const before = await table(db, "billing_reads", o);
    expect(before.map((r) => r.register_number)).toEqual(["H"]);
    expect(await apply(db, billingReads, o, "b2", reads, blocked)).toBe(1);
    expect(await table(db, "billing_reads", o)).toEqual(before);
  });
});
