import { column, UNIT_CODES } from "./columns";
import type { ImportSpec } from "./types";

/**
 * Historic Billing Reads: one read a row against an existing, active service (reference §5, S10). The read columns
 * are not public; these follow the Billing Read Export's names (S17) and are tagged inferred.
 */
export const billingReads: ImportSpec = {
  id: "billing-reads",
  label: "Billing",
  version: "S10",
  description: "Historic billing reads, one read a row; the account, location, service point and meter must exist and be active.",
  columns: [
    column("Account_ID", "Account", "text", "required", 64, "The billing account.", "C", "S10", { clearable: false, keepAsText: true }),
    column("Location_ID", "Location", "text", "required", 40, "The premise.", "C", "S10", { clearable: false, keepAsText: true }),
    column("Service_Point_ID", "ServicePoint", "text", "conditional", 32, "The service at the premise.", "C", "S10", { clearable: false, keepAsText: true }),
    column("Meter_ID", "Meter", "text", "required", 40, "The meter read.", "C", "S10", { clearable: false, keepAsText: true }),
    column("Register_Number", "Meter", "code", "optional", 1, "Register of a compound meter: L or 0 low, H or 2 high.", "I", "S17", { codes: ["L", "0", "H", "2"], clearable: false, keepAsText: true }),
    column("Read", "Read", "decimal", "required", 9, "The billing read.", "I", "S17 export names", { clearable: false }),
    column("Read_Time", "Read", "datetime", "required", 19, "When the read was taken (YYYY-MM-DD or YYYY-MM-DD HH:MM).", "I", "S17 export names", { clearable: false }),
    column("Read_Unit", "Read", "code", "optional", 12, "Unit of the read.", "I", "S17 export names", { codes: UNIT_CODES }),
  ],
  signature: [["Meter_ID", "Read", "Read_Time"]],
  keys: { columns: ["Location_ID", "Service_Point_ID", "Meter_ID", "Register_Number", "Read_Time"], match: "Reads attach to the existing service with the same Account_ID, Location_ID, Service_Point_ID and Meter_ID." },
  rowRules: [],
  crossRowRules: [
    { kind: "duplicateRow", code: "duplicate-row" },
    { kind: "unique", key: ["Location_ID", "Service_Point_ID", "Meter_ID", "Register_Number", "Read_Time"], code: "duplicate-key" },
    { kind: "historyOrder", key: ["Location_ID", "Service_Point_ID", "Meter_ID", "Register_Number"], dates: ["Read_Time"], current: [], code: "history-out-of-order" },
  ],
};
