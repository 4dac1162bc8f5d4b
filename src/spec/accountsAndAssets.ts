import {
  column,
  ENDPOINT_TYPE_HINT,
  ENDPOINT_TYPE_PATTERN,
  POSTAL_CODE_HINT,
  POSTAL_CODE_PATTERN,
  STATE_CODES,
  UNIT_CODES,
} from "./columns";
import type { ColumnSpec, ImportSpec } from "./types";

/**
 * Accounts and Assets: the main Data Exchange file, one service configuration a row (reference §3).
 * Lengths and requirement follow reference §3.2; where the sources disagree the looser limit is the error and the
 * stricter one a warning (softMaxLength), and the column's confidence says which facts are inferred.
 */

const S3_NO_CLEAR = "S3: may not be _CLEAR_ed";
const VB = "3P-VB (spec ≈9.7.x)";

const account: ColumnSpec[] = [
  column("Account_ID", "Account", "text", "required", 64, "The billing account; a new Account_ID on move-in or move-out.", "C", "S7; 64 since v9.8.3; S3", { clearable: false, keepAsText: true, softMaxLength: 32, starter: true }),
  column("Account_First_Name", "Account", "text", "optional", 64, "Account holder's first name.", "3P", VB),
  column("Account_Last_Name", "Account", "text", "optional", 64, "Account holder's last name.", "3P", VB),
  column("Account_Full_Name", "Account", "text", "recommended", 128, "Account holder's full name as billed.", "I", VB, { starter: true }),
  column("Account_Email", "Account", "email", "optional", 254, "Account holder's e-mail address.", "3P", VB, { starter: true }),
  column("Account_Phone", "Account", "text", "optional", 32, "Account holder's phone number.", "3P", VB, { keepAsText: true, starter: true }),
  column("Account_Phone_Extension", "Account", "text", "optional", 255, "Phone extension.", "3P", VB, { keepAsText: true }),
  column("Billing_Address_Line1", "Account", "text", "optional", 64, "Mailing address, line 1.", "3P", VB),
  column("Billing_Address_Line2", "Account", "text", "optional", 64, "Mailing address, line 2 (a PO box is S3's _CLEAR_ example).", "3P", VB),
  column("Billing_Address_Line3", "Account", "text", "optional", 64, "Mailing address, line 3.", "3P", VB),
  column("Billing_City", "Account", "text", "optional", 64, "Mailing address city.", "3P", VB),
  column("Billing_State", "Account", "code", "optional", 2, "Mailing address state or province, two letters.", "3P", VB, { codes: STATE_CODES }),
  column("Billing_Zip", "Account", "text", "optional", 10, "Mailing address ZIP or postal code.", "3P", VB, { keepAsText: true, pattern: POSTAL_CODE_PATTERN, patternHint: POSTAL_CODE_HINT, aliases: ["Billing_ZIP"] }),
  column("Billing_Country", "Account", "text", "optional", 3, "Mailing address country (US, CA).", "3P", "3P-VB, 3P-AMI"),
  column("Person_ID", "Account", "text", "optional", 32, "The CIS person behind the account.", "3P", VB, { keepAsText: true }),
  column("Account_Status", "Account", "text", "optional", 1, "Account status code (code list not public).", "?", VB),
  column("Account_Portal_Status", "Account", "text", "optional", 1, "Customer portal status code (code list not public).", "?", VB),
  column("Account_Billing_Cycle", "Account", "text", "optional", 12, "Billing cycle.", "3P", VB, { keepAsText: true }),
  column("Account_Paperless", "Account", "flag", "optional", 1, "Paperless billing, Y or N.", "I", VB),
  column("Account_AutoPay", "Account", "flag", "optional", 1, "Automatic payment, Y or N.", "I", VB),
  column("Account_BillerAutoPay", "Account", "flag", "optional", 1, "Automatic payment at the biller, Y or N.", "I", VB),
];

const location: ColumnSpec[] = [
  column("Location_ID", "Location", "text", "required", 40, "The premise; with Service_Point_ID it identifies a service. Normally never changes.", "C", "S7, S17 (40), S3", { clearable: false, keepAsText: true, starter: true }),
  column("Location_Name", "Location", "text", "optional", 64, "Name of the premise.", "3P", VB),
  column("Location_Address_Parity", "Location", "code", "optional", 1, "Odd or even side of the street: O or E.", "I", "3P-VB, 3P-AMI", { codes: ["O", "E"] }),
  column("Location_Address_Line1", "Location", "text", "recommended", 64, "Service address, line 1.", "I", VB, { starter: true }),
  column("Location_Address_Line2", "Location", "text", "optional", 64, "Service address, line 2.", "3P", VB),
  column("Location_Address_Line3", "Location", "text", "optional", 64, "Service address, line 3.", "3P", VB),
  column("Location_City", "Location", "text", "recommended", 64, "Service address city.", "I", VB, { starter: true }),
  column("Location_State", "Location", "code", "recommended", 2, "Service address state or province, two letters.", "I", VB, { codes: STATE_CODES, starter: true }),
  column("Location_Zip", "Location", "text", "recommended", 10, "Service address ZIP or postal code.", "I", VB, { keepAsText: true, pattern: POSTAL_CODE_PATTERN, patternHint: POSTAL_CODE_HINT, aliases: ["Location_ZIP"], starter: true }),
  column("Location_County_Name", "Location", "text", "optional", 64, "County.", "3P", VB),
  column("Location_Country", "Location", "text", "optional", 3, "Country (US, CA).", "3P", VB),
  column("Location_Latitude", "Location", "latitude", "recommended", 15, "Premise latitude in decimal degrees.", "I", VB, { starter: true }),
  column("Location_Longitude", "Location", "longitude", "recommended", 15, "Premise longitude in decimal degrees.", "I", VB, { starter: true }),
];

const TAGS = "3P-VB; Tags section since v9.7.6 (S2)";
const tags: ColumnSpec[] = [
  ...["Building_Type", "Building_Number", "Site", "Funding", "Main_Use", "Water_Type", "District", "DHS_Code"].map((tag) =>
    column(`Location_${tag}`, "Tags", "text", "optional", 64, `Location tag: ${tag.replace(/_/g, " ").toLowerCase()}.`, "3P", TAGS),
  ),
  column("Location_Area", "Tags", "decimal", "optional", 6, "Lot area.", "3P", TAGS),
  column("Location_Irrigated_Area", "Tags", "decimal", "optional", 6, "Irrigated area.", "3P", TAGS),
  column("Location_Population", "Tags", "integer", "optional", 3, "Number of occupants.", "3P", TAGS),
  column("Location_Irrigation", "Tags", "flag", "optional", 1, "Has irrigation, Y or N.", "I", TAGS),
  column("Location_Pool", "Tags", "flag", "optional", 1, "Has a pool, Y or N.", "I", TAGS),
  column("Location_Year_Built", "Tags", "year", "optional", 4, "Year the building was built (YYYY).", "3P", TAGS),
  column("Location_Bathrooms", "Tags", "integer", "optional", 3, "Number of bathrooms.", "3P", TAGS),
  column("Location_Parcel_Number", "Tags", "text", "optional", 32, "Assessor's parcel number; alphanumeric since v9.8.2.", "C", "S2, 3P-VB", { keepAsText: true }),
  column("Location_Continuous_Flow", "Tags", "flag", "optional", 1, "Continuous flow expected at the location, Y or N.", "?", "3P-AMI export header only"),
  column("Location_WFR", "Tags", "text", "optional", 1, "Removed in v9.8.1.", "C", "S2", { deprecated: "Location_WFR was removed from the spec in v9.8.1; BEACON no longer uses it, so drop the column" }),
  ...["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].map((month) =>
    column(`Location_ET_${month}`, "Tags", "decimal", "optional", 4, `Evapotranspiration for ${month}.`, "C", "S2", {
      deprecated: "monthly evapotranspiration tags moved to their own data sheet in v9.8.2; send them there",
    }),
  ),
  ...Array.from({ length: 10 }, (_, i) =>
    column(`Meter_Text_${i + 1}`, "Tags", "text", "optional", 64, "Free-text meter tag (v9.8.6).", "?", "S2 (numbering and length not public)"),
  ),
];

/**
 * Legacy names follow one pattern (reference §3.4): SP_Longitude is confirmed as the old name of
 * Service_Point_Longitude, so every Service_Point_* column also answers to SP_* (inferred).
 */
function withShortServicePointAlias(column: ColumnSpec): ColumnSpec {
  const alias = column.name.replace(/^Service_Point_/, "SP_");
  if (alias === column.name || column.aliases?.includes(alias)) return column;
  return { ...column, aliases: [...(column.aliases ?? []), alias] };
}

const servicePoint: ColumnSpec[] = [
  column("Service_Point_ID", "ServicePoint", "text", "conditional", 32, "Identifies one service at a location; needed where a location has several services.", "C", "S7; 32 since v9.8.2; S3", { clearable: false, keepAsText: true, starter: true }),
  column("Service_Point_Type", "ServicePoint", "code", "conditional", 1, "W water, S sewer, F fire, R reclaimed, I irrigation.", "I", "S2 (S, F, R), 3P-AMI (W); I is inferred", { codes: ["W", "S", "F", "R", "I"], clearable: false, starter: true }),
  column("Service_Point_Cycle", "ServicePoint", "text", "optional", 12, "Reading cycle.", "3P", VB, { keepAsText: true }),
  column("Service_Point_Route", "ServicePoint", "text", "optional", 12, "Reading route.", "3P", VB, { keepAsText: true, starter: true }),
  column("Service_Point_Class_Code", "ServicePoint", "text", "optional", 24, "Rate or class code.", "3P", VB, { keepAsText: true }),
  column("Service_Point_Class_Code_Normalized", "ServicePoint", "text", "optional", 24, "Normalised class code.", "3P", VB, { keepAsText: true }),
  column("Service_Point_Latitude", "ServicePoint", "latitude", "recommended", 15, "Hook-up latitude in decimal degrees.", "I", VB, { aliases: ["SP_Latitude"] }),
  column("Service_Point_Longitude", "ServicePoint", "longitude", "recommended", 15, "Hook-up longitude in decimal degrees.", "C", "S1a (alias SP_Longitude)", { aliases: ["SP_Longitude"] }),
  column("Service_Point_Timezone", "ServicePoint", "text", "optional", 64, "Time zone name (US/Pacific).", "3P", "3P-VB, 3P-AMI"),
  column("Supply_Zone_ID", "ServicePoint", "text", "optional", 64, "District metering area this meter supplies (v9.7.8).", "C", "S2 (length not public)", { keepAsText: true }),
  column("Demand_Zone_ID", "ServicePoint", "text", "optional", 64, "District metering area this meter draws from (v9.7.8).", "C", "S2 (length not public)", { keepAsText: true }),
];

const meter: ColumnSpec[] = [
  column("Meter_ID", "Meter", "text", "required", 40, "The meter; shared by both registers of a compound meter. Change it on a meter change-out.", "C-exp", "S17 lists 24, 3P-VB 40; S7, S8, S3", { clearable: false, keepAsText: true, softMaxLength: 24, starter: true }),
  column("Meter_SN", "Meter", "text", "recommended", 64, "Meter serial number.", "I", VB, { keepAsText: true, starter: true }),
  column("Meter_Manufacturer", "Meter", "text", "conditional", 32, "Meter manufacturer.", "I", `${VB}; ${S3_NO_CLEAR}`, { clearable: false, starter: true }),
  column("Meter_Model", "Meter", "text", "conditional", 64, "Meter model.", "I", `${VB}; ${S3_NO_CLEAR}`, { clearable: false, starter: true }),
  column("Meter_Size", "Meter", "decimal", "conditional", 10, "Meter size (0.625 for 5/8\").", "I", `${VB}; ${S3_NO_CLEAR}`, { clearable: false, starter: true }),
  column("Meter_Size_Unit", "Meter", "text", "conditional", 6, "Unit of Meter_Size (INCHES).", "I", `${VB}; ${S3_NO_CLEAR}`, { clearable: false, starter: true }),
  column("Meter_Note", "Meter", "text", "optional", 128, "Note on the meter.", "3P", VB),
  column("Meter_Continuous_Flow", "Meter", "flag", "conditional", 1, "Continuous flow expected, Y or N.", "I", S3_NO_CLEAR, { clearable: false }),
  column("Register_Number", "Meter", "code", "conditional", 1, "Blank for a single register; L or 0 low side, H or 2 high side of a compound meter.", "C-exp", `S17, S8; ${S3_NO_CLEAR}`, { codes: ["L", "0", "H", "2"], clearable: false, keepAsText: true, starter: true }),
  column("Register_Unit_Of_Measure", "Meter", "code", "conditional", 12, "Unit the register counts in.", "I", `S2 (IMP), 3P-AMI; ${S3_NO_CLEAR}`, { codes: UNIT_CODES, clearable: false, starter: true }),
  column("Meter_Unit_Of_Measure", "Meter", "code", "optional", 12, "Older display unit of the meter.", "?", "S2 (IMP since v9.7.8)", { codes: UNIT_CODES }),
  column("Register_Resolution", "Meter", "decimal", "conditional", 6, "Register multiplier (1.0).", "I", `${VB}; ${S3_NO_CLEAR}`, { clearable: false, starter: true }),
  column("Register_Note", "Meter", "text", "optional", 128, "Note on one register of a compound meter (v9.8.4).", "C", "S2 (length not public)"),
  column("Meter_Install_Date", "Meter", "date", "recommended", 10, "Date the meter was installed (YYYY-MM-DD).", "I", `${VB}; ${S3_NO_CLEAR}`, { clearable: false, starter: true }),
  column("Meter_Install_Start_Read", "Meter", "decimal", "optional", 9, "Register reading at install.", "3P", `${VB}; ${S3_NO_CLEAR}`, { clearable: false }),
  column("Meter_Removal_Date", "Meter", "date", "optional", 10, "Date the meter was removed (YYYY-MM-DD).", "I", `${VB}; S3 list inferred`, { clearable: false }),
  column("Meter_Removal_End_Read", "Meter", "decimal", "optional", 9, "Register reading at removal.", "I", `${VB}; S3 list inferred`, { clearable: false }),
  column("Pit_Type", "Meter", "text", "optional", 32, "Meter pit installation (v9.8.5).", "?", "S2 (format not public)"),
  column("Fluid_Type", "Meter", "text", "optional", 32, "Fluid measured, for gas meters (v9.8.4).", "?", "S2 (format not public)"),
  column("Gas_Pressure_Compensation", "Meter", "decimal", "optional", 9, "Gas pressure compensation factor (v9.8.4).", "?", "S2 (length not public)"),
  column("Gas_Sub_Count", "Meter", "integer", "optional", 9, "Gas sub-count (v9.8.4).", "?", "S2 (length not public)"),
];

const serviceAgreement: ColumnSpec[] = [
  column("SA_Start_Date", "ServiceAgreement", "date", "recommended", 10, "Service agreement start (YYYY-MM-DD); defaults to the import date, so backdate it.", "C", `S19; ${S3_NO_CLEAR}`, { clearable: false, starter: true }),
  column("SA_End_Date", "ServiceAgreement", "date", "optional", 10, "Service agreement end (YYYY-MM-DD); closing one agreement and opening another raises a warning.", "C", `S13; ${S3_NO_CLEAR}`, { clearable: false }),
];

const endpoint: ColumnSpec[] = [
  column("Endpoint_SN", "Endpoint", "text", "conditional", 20, "Serial of the endpoint (radio); blank for a manually read meter.", "C", "S1, S7; S3", { clearable: false, keepAsText: true, starter: true }),
  column("Endpoint_Type", "Endpoint", "code", "conditional", 1, "Endpoint type code; needed with an Endpoint_SN.", "C", `S2 (M, N, 5 = ORION ME); ${S3_NO_CLEAR}`, { pattern: ENDPOINT_TYPE_PATTERN, patternHint: ENDPOINT_TYPE_HINT, clearable: false, keepAsText: true, starter: true }),
  column("Endpoint_Install_Date", "Endpoint", "date", "optional", 10, "Date the endpoint was installed (YYYY-MM-DD).", "I", `${VB}; S3 list inferred`, { clearable: false, starter: true }),
  column("Endpoint_Removal_Date", "Endpoint", "date", "optional", 10, "Date the endpoint was removed (YYYY-MM-DD).", "I", `${VB}; S3 list inferred`, { clearable: false }),
];

const reading: ColumnSpec[] = [
  column("Read_Sequence", "Reading", "integer", "optional", 10, "Order on the reading route; whole numbers only (v9.8).", "C", "S2", { starter: true }),
  column("Alert_Code", "Reading", "text", "optional", 2, "Reading alert code.", "3P", VB),
  column("High_Read_Limit", "Reading", "decimal", "optional", 9, "Highest plausible read.", "3P", VB),
  column("Low_Read_Limit", "Reading", "decimal", "optional", 9, "Lowest plausible read.", "3P", VB),
  column("Utility_Use_1", "Account", "text", "optional", 64, "Free text for the utility's own use.", "3P", VB),
  column("Utility_Use_2", "Account", "text", "optional", 64, "Free text for the utility's own use.", "3P", VB),
];

const SERVICE = ["Location_ID", "Service_Point_ID"];
/** Columns that make a row history rather than the current state: a removed meter or endpoint, a closed agreement. */
export const HISTORY_MARKERS = ["Meter_Removal_Date", "Endpoint_Removal_Date", "SA_End_Date"];

export const accountsAndAssets: ImportSpec = {
  id: "accounts-and-assets",
  label: "Accounts and Assets",
  version: "9.8.7",
  description: "One service configuration a row: account, location, service point, meter and register, endpoint, service agreement.",
  columns: [...account, ...location, ...tags, ...servicePoint.map(withShortServicePointAlias), ...meter, ...serviceAgreement, ...endpoint, ...reading],
  signature: [["Location_ID", "Meter_ID"], ["Account_ID", "Location_ID"]],
  keys: { columns: ["Location_ID", "Service_Point_ID", "Meter_ID", "Register_Number"], match: "A row updates the service configuration with the same Location_ID, Service_Point_ID, Meter_ID and Register_Number; blank fields leave stored values unchanged." },
  rowRules: [
    { kind: "requires", when: "Endpoint_SN", then: "Endpoint_Type", code: "endpoint-type-missing" },
    { kind: "requires", when: "Endpoint_Type", then: "Endpoint_SN", code: "endpoint-sn-missing" },
    { kind: "dateOrder", earlier: "Meter_Install_Date", later: "Meter_Removal_Date", code: "removal-before-install" },
    { kind: "dateOrder", earlier: "Endpoint_Install_Date", later: "Endpoint_Removal_Date", code: "removal-before-install" },
    { kind: "dateOrder", earlier: "SA_Start_Date", later: "SA_End_Date", code: "sa-end-before-start" },
    { kind: "numberOrder", lower: "Low_Read_Limit", higher: "High_Read_Limit", code: "limits-reversed" },
  ],
  crossRowRules: [
    { kind: "duplicateRow", code: "duplicate-row" },
    { kind: "compoundMeter", key: [...SERVICE, "Meter_ID"], column: "Register_Number", sameMeaning: [["L", "0"], ["H", "2"]], current: HISTORY_MARKERS },
    { kind: "singleOwner", key: ["Endpoint_SN"], owner: ["Meter_ID"], current: HISTORY_MARKERS, code: "endpoint-on-two-meters" },
    { kind: "singleOwner", key: ["Meter_ID"], owner: SERVICE, current: HISTORY_MARKERS, code: "meter-at-two-locations" },
    { kind: "singleOwner", key: SERVICE, owner: ["Meter_ID"], current: HISTORY_MARKERS, code: "service-point-shared" },
    { kind: "consistent", key: ["Account_ID"], columns: account.filter((c) => c.name !== "Account_ID").map((c) => c.name), code: "conflicting-values" },
    { kind: "consistent", key: ["Location_ID"], columns: location.filter((c) => c.name !== "Location_ID").map((c) => c.name), code: "conflicting-values" },
    { kind: "historyOrder", key: SERVICE, dates: ["Meter_Install_Date", "Endpoint_Install_Date", "SA_Start_Date"], current: HISTORY_MARKERS, code: "history-out-of-order" },
  ],
};
