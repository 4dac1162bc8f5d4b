import type { Component } from "../spec/types";
import type { Severity } from "./exception";

export interface CodeEntry {
  title: string;
  severity: Severity;
  /** "column" means the component of the column the finding sits on. */
  component: Component | "column";
  /** Placeholders in braces are filled from the finding's parameters. */
  template: string;
}

/**
 * Every exception code the engine emits. Tests assert on these codes; users read the messages, which name the value,
 * the limit and the fix.
 */
export const CATALOGUE = {
  // File level: the whole file is skipped.
  "empty-file": { title: "Empty file", severity: "error", component: "File", template: "The file is empty: it has no header row and no data. Export the sheet again." },
  "no-data-rows": { title: "Header only", severity: "error", component: "File", template: "The file has a header row but no data rows, so there is nothing to import." },
  "not-csv": { title: "Not a CSV file", severity: "error", component: "File", template: "{detail} Data Exchange files are CSV text: in Excel use File > Save As > CSV UTF-8 (Comma delimited)." },
  "encoding": { title: "Not UTF-8", severity: "error", component: "File", template: "The file is not UTF-8 text ({detail}). In Excel use File > Save As > CSV UTF-8 (Comma delimited)." },
  "delimiter": { title: "Wrong delimiter", severity: "error", component: "File", template: "The file is separated by {delimiter}, not commas. Save it as CSV (Comma delimited)." },
  "malformed-csv": { title: "Broken CSV quoting", severity: "error", component: "File", template: "{detail} Check for a stray double quote; a quote inside a value must be written twice (\"\")." },
  "file-too-large": { title: "File too large", severity: "error", component: "File", template: "The file is {size} MB; the import takes at most {limit} MB. Split it into smaller files." },
  "unknown-import-type": { title: "Unknown import type", severity: "error", component: "File", template: "{detail}" },
  "ambiguous-import-type": { title: "Ambiguous import type", severity: "error", component: "File", template: "{detail}" },
  "trailing-blank-rows": { title: "Trailing blank rows", severity: "info", component: "File", template: "{count} blank row(s) after the last data row were ignored." },
  "trailing-blank-columns": { title: "Trailing blank columns", severity: "info", component: "File", template: "{count} column(s) without a header or values after the last header were ignored." },
  "blank-row": { title: "Blank row", severity: "warning", component: "File", template: "{rows} blank between data rows; delete {them} so no empty record is sent." },

  // Header level (row 1).
  "unknown-column": { title: "Unknown column", severity: "error", component: "File", template: "\"{header}\" is not a column of the {type} spec.{suggestion} Rename it, or delete the column." },
  "legacy-alias": { title: "Old column name", severity: "warning", component: "column", template: "\"{header}\" is the old name of {name}; it is still accepted, but rename the column to {name}." },
  "header-case": { title: "Header spelling", severity: "warning", component: "column", template: "\"{header}\" differs from {name} only in case or spacing; rename the column to {name} so it matches the spec exactly." },
  "duplicate-column": { title: "Duplicate column", severity: "error", component: "column", template: "{name} appears more than once (columns {first} and {second}); keep one and delete the other." },
  "missing-column": { title: "Missing required column", severity: "error", component: "column", template: "The required column {name} is missing; add it to the header row." },
  "recommended-column-missing": { title: "Recommended columns absent", severity: "info", component: "File", template: "Recommended columns not in the file: {names}. Add {them} if you have the data." },
  "blank-header": { title: "Values without a header", severity: "error", component: "File", template: "Column {letter} has no header but holds values in {count} row(s), first in row {row}; name the column or delete the values." },
  "blank-column": { title: "Blank column", severity: "info", component: "File", template: "Column {letter} has no header and no values; it is ignored." },
  "deprecated-column": { title: "Retired column", severity: "warning", component: "column", template: "{reason}." },

  // Cell level.
  "required": { title: "Required value missing", severity: "error", component: "column", template: "{column} is required; this row leaves it blank." },
  "too-long": { title: "Too long", severity: "error", component: "column", template: "\"{value}\" has {length} characters; {column} takes at most {limit}." },
  "export-length": { title: "Longer than the export takes", severity: "warning", component: "column", template: "\"{value}\" has {length} characters: it imports, but the Billing Read Export carries {column} in {limit} characters and may cut it." },
  "not-integer": { title: "Not a whole number", severity: "error", component: "column", template: "\"{value}\" is not a whole number; {column} takes whole numbers only (no decimal point, no separators)." },
  "not-number": { title: "Not a number", severity: "error", component: "column", template: "\"{value}\" is not a number; write {column} with digits, a dot for decimals and no thousands separators or units." },
  "invalid-date": { title: "Impossible date", severity: "error", component: "column", template: "\"{value}\" is not a real date: {detail}." },
  "date-format": { title: "Date format", severity: "error", component: "column", template: "\"{value}\" is not written as YYYY-MM-DD{suggestion}.{heldAsText}" },
  "datetime-format": { title: "Date-time format", severity: "error", component: "column", template: "\"{value}\" is not written as YYYY-MM-DD HH:MM (seconds optional){suggestion}.{heldAsText}" },
  "invalid-code": { title: "Unknown code", severity: "error", component: "column", template: "\"{value}\" is not an allowed {column}; use {allowed}.{suggestion}" },
  "pattern": { title: "Wrong shape", severity: "error", component: "column", template: "\"{value}\" is not {hint}." },
  "invalid-flag": { title: "Not Y or N", severity: "error", component: "column", template: "\"{value}\" is not a flag; {column} takes Y or N.{suggestion}" },
  "out-of-range": { title: "Out of range", severity: "error", component: "column", template: "{value} is outside {min} to {max}, the range of {column}.{hint}" },
  "invalid-email": { title: "Not an e-mail address", severity: "error", component: "column", template: "\"{value}\" is not an e-mail address (name@example.com)." },
  "invalid-year": { title: "Not a year", severity: "error", component: "column", template: "\"{value}\" is not a year; write four digits between 1800 and {max}." },
  "clear-not-allowed": { title: "_CLEAR_ not allowed", severity: "error", component: "column", template: "_CLEAR_ cannot empty {column}: {reason}. Leave the cell blank to keep the stored value." },
  "clear-token-case": { title: "Misspelt _CLEAR_", severity: "warning", component: "column", template: "\"{value}\" looks like the _CLEAR_ token but is not written exactly _CLEAR_ (upper case), so it would be stored as text." },
  "whitespace": { title: "Spaces around the value", severity: "warning", component: "column", template: "\"{value}\" has {where} spaces; they would be imported as part of the value. Trim them." },
  "number-stored-id": { title: "ID stored as a number", severity: "warning", component: "column", template: "{column} holds the number {stored}{shownAs}, so the file will carry \"{text}\": leading zeros are lost and long IDs can turn into 1.23E+12. Format the column as Text and re-enter the ID." },
  "percent-stored": { title: "Percentage", severity: "warning", component: "column", template: "The cell shows {displayed} but stores {stored}, and the file will carry \"{text}\". Remove the percent format if {displayed} was meant." },
  "date-serial": { title: "Date stored as a number", severity: "warning", component: "column", template: "The cell shows the number {displayed}, not a date; it will be sent as {text}. Format the cell as a date to check it." },
  "short-row": { title: "Missing values", severity: "warning", component: "File", template: "This row has {count} value(s) but the header has {expected}; a comma or a closing quote may be missing." },

  // Row level.
  "endpoint-type-missing": { title: "Endpoint_Type missing", severity: "error", component: "column", template: "{then} is needed because the row has {when} \"{value}\"; give the endpoint's type code." },
  "endpoint-sn-missing": { title: "Endpoint_SN missing", severity: "warning", component: "column", template: "The row has {when} \"{value}\" but no {then}; a meter with an endpoint needs its serial (leave both blank for a manually read meter)." },
  "removal-before-install": { title: "Removed before installed", severity: "error", component: "column", template: "{later} {laterValue} is before {earlier} {earlierValue}." },
  "sa-end-before-start": { title: "Agreement ends before it starts", severity: "error", component: "column", template: "{later} {laterValue} is before {earlier} {earlierValue}." },
  "end-before-start": { title: "Period ends before it starts", severity: "error", component: "column", template: "{later} {laterValue} is before {earlier} {earlierValue}." },
  "limits-reversed": { title: "Limits reversed", severity: "error", component: "column", template: "{higher} {higherValue} is below {lower} {lowerValue}; swap them." },
  "pair-incomplete": { title: "ID pair incomplete", severity: "error", component: "column", template: "{when} \"{value}\" has no {then} beside it; give the existing ID to be replaced." },
  "id-unchanged": { title: "ID not changed", severity: "warning", component: "column", template: "{changed} is the same as {original} (\"{value}\"); the row changes nothing." },
  "location-required-for-service-point": { title: "Location needed", severity: "error", component: "column", template: "Changing a Service_Point_ID needs its Location_ID, since service point IDs only mean something within a location." },
  "no-id-pair": { title: "No ID to change", severity: "error", component: "File", template: "The row gives no new ID ({columns}); fill at least one *_new column." },

  // Across rows.
  "duplicate-row": { title: "Duplicate row", severity: "error", component: "File", template: "This row repeats row {other} exactly; delete one of them." },
  "duplicate-key": { title: "Duplicate key", severity: "error", component: "column", template: "{key} \"{value}\" is also in row {other}; each must appear once." },
  "conflicting-values": { title: "Conflicting values", severity: "warning", component: "column", template: "{column} is \"{value}\" here but \"{otherValue}\" in row {other} for the same {key} \"{keyValue}\"; the later row wins." },
  "compound-register-missing": { title: "Compound meter without register", severity: "error", component: "column", template: "Meter {meter} has {count} rows at this service point, so it is a compound meter and each row needs a Register_Number (L or 0 low side, H or 2 high side)." },
  "compound-register-duplicate": { title: "Compound meter register repeated", severity: "error", component: "column", template: "Register \"{value}\" of meter {meter} is also in row {other}; each register of a compound meter needs its own Register_Number (L or 0 low side, H or 2 high side)." },
  "endpoint-on-two-meters": { title: "Endpoint on two meters", severity: "error", component: "column", template: "Endpoint {value} is on meter {owner} here but on meter {otherOwner} in row {other}; an endpoint serves one meter (set Endpoint_Removal_Date on the old row if it moved)." },
  "meter-at-two-locations": { title: "Meter at two places", severity: "error", component: "column", template: "Meter {value} is at {owner} here but at {otherOwner} in row {other}; a meter is at one service point (set Meter_Removal_Date on the old row if it moved)." },
  "service-point-shared": { title: "Service point with two meters", severity: "error", component: "column", template: "Service point {value} has meter {owner} here and meter {otherOwner} in row {other}; give each service its own Service_Point_ID, or set Meter_Removal_Date on the replaced meter." },
  "history-out-of-order": { title: "History out of order", severity: "warning", component: "column", template: "This row ({date}) comes after row {other} ({otherDate}) of the same {key}; put history rows oldest first, or earlier history is overwritten." },
  "new-id-in-use": { title: "New ID already in use", severity: "error", component: "column", template: "\"{value}\" is used as a new {column} but row {other} names it as an existing ID; an existing ID cannot be a new ID." },

  // Against stored data: only the import API's test run can find these, since they compare the file with what earlier
  // imports stored. The add-in paints them back onto the cells like the rest.
  "meter-moves": { title: "Meter moves", severity: "warning", component: "Meter", template: "Meter {meter} is stored at location {fromLocation}, service point {fromServicePoint}; this row moves it to location {toLocation}, service point {toServicePoint}. Go ahead if the meter was moved; otherwise fix the row." },
  "endpoint-moves": { title: "Endpoint moves", severity: "warning", component: "Endpoint", template: "Endpoint {endpoint} is stored on meter {fromMeter} at location {fromLocation}; this row puts it on meter {toMeter} at location {toLocation}. Go ahead if the endpoint was moved; otherwise fix the row." },
  "move-in": { title: "Move-in", severity: "warning", component: "ServiceAgreement", template: "Service point {servicePoint} at location {location} is held by account {fromAccount}; importing this row closes that service agreement and opens one for account {toAccount}." },
  "backdated-change": { title: "Backdated change", severity: "warning", component: "column", template: "{column} {value} is before {latest}, the latest date stored for service point {servicePoint} at location {location}; importing it rewrites that service point's history." },
  "unknown-reference": { title: "Not in the system", severity: "error", component: "column", template: "{column} \"{value}\"{scope} does not exist; {what} for it are rejected. Import it with an Accounts and Assets file first, or correct the ID." },
  "endpoint-type-differs": { title: "Endpoint type differs", severity: "error", component: "column", template: "Endpoint {endpoint} is provisioned with Endpoint_Type {stored}, not {value}; reads must name the endpoint as provisioned." },
  "id-not-found": { title: "ID to rename not found", severity: "error", component: "column", template: "{column} \"{value}\"{scope} does not exist, so there is nothing to rename; check the existing ID." },
  "new-id-exists": { title: "New ID already exists", severity: "error", component: "column", template: "{column} \"{value}\"{scope} already exists; an existing ID cannot be used as a new ID. Choose an unused ID." },
} satisfies Record<string, CodeEntry>;

export type Code = keyof typeof CATALOGUE;

/** The codes only the import API's test run emits (they need stored data); the engine alone never does. */
export const STORED_DATA_CODES: readonly Code[] = ["meter-moves", "endpoint-moves", "move-in", "backdated-change", "unknown-reference", "endpoint-type-differs", "id-not-found", "new-id-exists"];

const STORED_DATA: ReadonlySet<string> = new Set(STORED_DATA_CODES);

/** Whether a finding's code is one only the import API's test run can make (the add-in paints those back). */
export function isStoredDataCode(code: string): boolean {
  return STORED_DATA.has(code);
}

/** Fills a template's placeholders; a missing parameter leaves an empty string, never "undefined". */
export function render(template: string, params: Readonly<Record<string, string | number>>): string {
  const parts = compiled(template);
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const value = params[parts[i]];
    out += (value === undefined ? "" : String(value)) + parts[i + 1];
  }
  return out;
}

/** Templates split once into [text, name, text, name, …, text]: a report can hold tens of thousands of messages. */
const splitTemplates = new Map<string, string[]>();

function compiled(template: string): string[] {
  let parts = splitTemplates.get(template);
  if (parts === undefined) {
    parts = template.split(/\{(\w+)\}/);
    splitTemplates.set(template, parts);
  }
  return parts;
}
