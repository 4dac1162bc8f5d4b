import { column } from "./columns";
import type { ImportSpec } from "./types";

/** Transaction History: bills and payments shown per account; Account_ID is not checked against BEACON (§7, S12). */
export const transactionHistory: ImportSpec = {
  id: "transaction-history",
  label: "Transaction History",
  version: "S12",
  description: "Financial history (bills, payments, adjustments) for display; Account_Transaction_ID is unique across the utility.",
  columns: [
    column("Account_Transaction_ID", "Transaction", "text", "required", 64, "Unique across the whole utility.", "C", "S12 (length inferred)", { clearable: false, keepAsText: true }),
    column("Account_ID", "Account", "text", "required", 64, "The account in the billing or finance system.", "C", "S12", { clearable: false, keepAsText: true }),
    column("Transaction_Type", "Transaction", "code", "required", 23, "What the transaction is.", "C", "S12 (case inferred)", {
      codes: ["BILL", "BILL_CANCELLATION", "ADJUSTMENT", "ADJUSTMENT_CANCELLATION", "PAYMENT", "PAYMENT_CANCELLATION"],
      codesIgnoreCase: true,
      clearable: false,
    }),
    column("Amount", "Transaction", "decimal", "required", 15, "Amount in the utility's currency.", "C", "S12 (sign convention not public)", { clearable: false }),
    column("Transaction_Date", "Transaction", "date", "optional", 10, "Date of the transaction (YYYY-MM-DD).", "?", "not listed on S12"),
    column("Details", "Transaction", "text", "optional", 255, "Free text shown with the transaction.", "C", "S12 (length inferred)"),
  ],
  signature: [["Account_Transaction_ID", "Transaction_Type"]],
  keys: { columns: ["Account_Transaction_ID"], match: "Account_Transaction_ID identifies a transaction across the utility." },
  rowRules: [],
  crossRowRules: [
    { kind: "duplicateRow", code: "duplicate-row" },
    { kind: "unique", key: ["Account_Transaction_ID"], code: "duplicate-key" },
    { kind: "historyOrder", key: ["Account_ID"], dates: ["Transaction_Date"], current: [], code: "history-out-of-order" },
  ],
};
