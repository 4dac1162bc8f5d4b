/** Applying an ID Update file: renames everywhere an ID is stored, in row order, never merging two records. */
import type { Kysely } from "kysely";
import { blockedFromFindings } from "../../src/server/apply";
import type { Database } from "../../src/server/db/schema";
import { accountsAndAssets } from "../../src/spec/accountsAndAssets";
import { billingReads } from "../../src/spec/billingReads";
import { consumptionTargets } from "../../src/spec/consumptionTargets";
import { idUpdate } from "../../src/spec/idUpdate";
import { intervalReads } from "../../src/spec/intervalReads";
import { transactionHistory } from "../../src/spec/transactionHistory";
import { describeEachDatabase, openTestDatabase, skipWithoutDatabase, type TestDatabase } from "./support/databases";
import { applyRows, dump, type Row } from "./support/storedRecords";

jest.setTimeout(60_000);

const apply = applyRows;

/** The values of `columns` across a table's rows, as "a/b/c" texts, sorted. */
function ids(rows: readonly Row[], ...columns: string[]): string[] {
  return rows.map((r) => columns.map((c) => String(r[c])).join("/")).sort();
}

const HEADER = ["Account_ID", "Account_ID_new", "Location_ID", "Location_ID_new", "Service_Point_ID", "Service_Point_ID_new", "Meter_ID", "Meter_ID_new"];

/** An ID Update row from named cells. */
function row(cells: Record<string, string>): string[] {
  return HEADER.map((h) => cells[h] ?? "");
}

describeEachDatabase("apply: ID Update", (kind) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let org = 0;

  /** An organisation with every kind of record: two services, reads, a target and transactions. */
  const provisioned = async (): Promise<string> => {
    const o = `org-${org++}`;
    await apply(db, accountsAndAssets, o, "assets", [
      ["Account_ID", "Location_ID", "Service_Point_ID", "Meter_ID", "Register_Number", "Endpoint_SN", "Endpoint_Type", "SA_Start_Date"],
      ["A1", "L1", "1", "M1", "L", "E1", "M", "2020-01-01"],
      ["A1", "L1", "1", "M1", "H", "E2", "M", "2020-01-01"],
      ["A2", "L2", "1", "M2", "", "", "", "2021-03-01"],
    ]);
    await apply(db, billingReads, o, "bills", [["Account_ID", "Location_ID", "Service_Point_ID", "Meter_ID", "Register_Number", "Read", "Read_Time"], ["A1", "L1", "1", "M1", "L", "10", "2024-01-31"]]);
    await apply(db, consumptionTargets, o, "targets", [["Account_ID", "Location_ID", "Service_Point_ID", "Target_Start_Date", "Target_End_Date", "Target_Volume"], ["A1", "L1", "1", "2024-01-01", "2024-01-31", "99"]]);
    await apply(db, transactionHistory, o, "money", [["Account_Transaction_ID", "Account_ID", "Transaction_Type", "Amount"], ["T1", "A1", "BILL", "5"], ["T2", "A2", "BILL", "6"]]);
    await apply(db, intervalReads, o, "reads", [["Endpoint_SN", "Endpoint_Type", "Encoder_Value", "Read_Time", "Read_Interval"], ["E1", "M", "1", "2024-01-01 00:00", "60"]]);
    return o;
  };

  beforeAll(async () => {
    if (await skipWithoutDatabase(kind)) return;
    database = await openTestDatabase(kind);
    db = database.connection.db;
  });
  afterAll(async () => database?.dispose());

  test("renames an account, a location with its service point, and a meter everywhere they are stored", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const o = await provisioned();
    const before = await dump(db, o);
    const file = [
      HEADER,
      row({ Account_ID: "A1", Account_ID_new: "A5" }),
      row({ Location_ID: "L1", Location_ID_new: "L5", Service_Point_ID: "1", Service_Point_ID_new: "9" }),
      row({ Meter_ID: "M1", Meter_ID_new: "M5" }),
    ];
    expect(await apply(db, idUpdate, o, "ids", file)).toBe(3);
    const all = await dump(db, o);
    expect(ids(all.accounts, "account_id")).toEqual(["A2", "A5"]);
    expect(ids(all.locations, "location_id")).toEqual(["L2", "L5"]);
    expect(ids(all.service_points, "location_id", "service_point_id", "account_id")).toEqual(["L2/1/A2", "L5/9/A5"]);
    expect(ids(all.meters, "meter_id", "location_id", "service_point_id")).toEqual(["M2/L2/1", "M5/L5/9"]);
    expect(ids(all.registers, "meter_id", "register_number")).toEqual(["M2/", "M5/H", "M5/L"]);
    expect(ids(all.endpoints, "endpoint_sn", "meter_id")).toEqual(["E1/M5", "E2/M5"]);
    expect(ids(all.service_agreements, "account_id", "location_id", "service_point_id")).toEqual(["A2/L2/1", "A5/L5/9"]);
    expect(ids(all.configuration_history, "account_id", "location_id", "service_point_id", "meter_id")).toEqual(["A2/L2/1/M2", "A5/L5/9/M5", "A5/L5/9/M5"]);
    expect(ids(all.billing_reads, "account_id", "location_id", "service_point_id", "meter_id")).toEqual(["A5/L5/9/M5"]);
    expect(ids(all.consumption_targets, "account_id", "location_id", "service_point_id")).toEqual(["A5/L5/9"]);
    expect(ids(all.transactions, "account_transaction_id", "account_id")).toEqual(["T1/A5", "T2/A2"]);
    // Interval reads name endpoints only: untouched.
    expect(all.interval_reads).toEqual(before.interval_reads);
    // Renamed rows carry the ID Update's import; the rest keep theirs.
    expect(all.accounts.find((a) => a.account_id === "A5")?.import_id).toBe("ids");
    expect(all.accounts.find((a) => a.account_id === "A2")?.import_id).toBe("assets");
  });

  test("a row whose new ID is in use or whose existing ID is missing is skipped whole, so no two records merge", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const o = await provisioned();
    const before = await dump(db, o);
    const file = [
      HEADER,
      row({ Account_ID: "A1", Account_ID_new: "A2" }), // A2 exists
      row({ Account_ID: "A404", Account_ID_new: "A6" }), // nothing to rename
      row({ Meter_ID: "M1", Meter_ID_new: "M7", Location_ID: "L1", Location_ID_new: "L2" }), // the location half is refused
      row({ Location_ID: "L1", Service_Point_ID: "1", Service_Point_ID_new: "1" }), // unchanged
    ];
    expect(await apply(db, idUpdate, o, "ids", file)).toBe(0);
    expect(await dump(db, o)).toEqual(before);
  });

  test("rows apply in order, blocked pairs are left out, and re-applying the file changes nothing", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const o = await provisioned();
    const file = [
      HEADER,
      row({ Account_ID: "A1", Account_ID_new: "A5" }),
      row({ Account_ID: "A5", Account_ID_new: "A6" }),
      row({ Account_ID: "A2", Account_ID_new: "A7", Meter_ID: "M2", Meter_ID_new: "M8" }),
    ];
    const blocked = blockedFromFindings([{ row: 4, column: "Account_ID_new", severity: "error", code: "too-long", component: "Account", message: "" }]);
    expect(await apply(db, idUpdate, o, "ids", file, blocked)).toBe(3);
    const after = await dump(db, o);
    expect(ids(after.accounts, "account_id")).toEqual(["A2", "A6"]);
    expect(ids(after.meters, "meter_id")).toEqual(["M1", "M8"]);
    expect(await apply(db, idUpdate, o, "ids-again", file, blocked)).toBe(0);
    expect(await dump(db, o)).toEqual(after);
  });

  test("another organisation's records with the same IDs are not touched", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const [a, b] = [await provisioned(), await provisioned()];
    const before = await dump(db, a);
    expect(await apply(db, idUpdate, b, "ids", [HEADER, row({ Account_ID: "A1", Account_ID_new: "A5", Meter_ID: "M1", Meter_ID_new: "M5" })])).toBe(1);
    expect(await dump(db, a)).toEqual(before);
    expect(ids((await dump(db, b)).accounts, "account_id")).toEqual(["A2", "A5"]);
  });
});
