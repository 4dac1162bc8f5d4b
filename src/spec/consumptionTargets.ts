import { column, UNIT_CODES } from "./columns";
import type { ImportSpec } from "./types";

/**
 * Consumption Targets: one target period for one account a row (reference §6, S11). Only the three key columns are
 * confirmed; the period and volume columns are our inferred names, overridable with a spec file.
 */
export const consumptionTargets: ImportSpec = {
  id: "consumption-targets",
  label: "Consumption",
  version: "S11",
  description: "Water budgets per account and period; the account, location and service point must exist.",
  columns: [
    column("Account_ID", "Account", "text", "required", 64, "The billing account.", "C", "S11", { clearable: false, keepAsText: true }),
    column("Location_ID", "Location", "text", "required", 40, "The premise.", "C", "S11", { clearable: false, keepAsText: true }),
    column("Service_Point_ID", "ServicePoint", "text", "required", 32, "The service at the premise.", "C", "S11", { clearable: false, keepAsText: true }),
    column("Target_Start_Date", "Target", "date", "required", 10, "First day of the target period (YYYY-MM-DD).", "I", "S11 (table cut off)", { clearable: false }),
    column("Target_End_Date", "Target", "date", "required", 10, "Last day of the target period (YYYY-MM-DD).", "I", "S11 (table cut off)", { clearable: false }),
    column("Target_Volume", "Target", "decimal", "required", 12, "Budgeted consumption for the period.", "I", "S11 (table cut off)", { clearable: false }),
    column("Target_Unit", "Target", "code", "optional", 12, "Unit of Target_Volume.", "I", "S11 (table cut off)", { codes: UNIT_CODES }),
  ],
  signature: [["Account_ID", "Target_Volume"], ["Service_Point_ID", "Target_Start_Date"]],
  keys: { columns: ["Account_ID", "Location_ID", "Service_Point_ID", "Target_Start_Date"], match: "A target attaches to the existing account and service point; one row a period." },
  rowRules: [{ kind: "dateOrder", earlier: "Target_Start_Date", later: "Target_End_Date", code: "end-before-start" }],
  crossRowRules: [
    { kind: "duplicateRow", code: "duplicate-row" },
    { kind: "unique", key: ["Account_ID", "Location_ID", "Service_Point_ID", "Target_Start_Date"], code: "duplicate-key" },
  ],
};
