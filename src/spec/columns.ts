import type { ColumnSpec, ColumnType, Component, Confidence, Requirement } from "./types";

/** Optional facts of a column; the builder fills the rest with the safe defaults (clearable, not starter). */
export type ColumnExtras = Partial<Omit<ColumnSpec, "name" | "component" | "type" | "requirement" | "description">>;

/**
 * Builds a column entry. Kept as a plain function so each spec file reads as a table: name, component, type,
 * requirement, limit, description, then the exceptions to the defaults.
 */
export function column(
  name: string,
  component: Component,
  type: ColumnType,
  requirement: Requirement,
  maxLength: number | undefined,
  description: string,
  confidence: Confidence,
  source: string,
  extras: ColumnExtras = {},
): ColumnSpec {
  const spec: ColumnSpec = { name, component, type, requirement, description, confidence, source, clearable: true };
  if (maxLength !== undefined) spec.maxLength = maxLength;
  return { ...spec, ...extras };
}

/** US states, DC, territories and Canadian provinces: the two-letter codes BEACON utilities bill in. */
export const STATE_CODES = [
  "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
  "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR",
  "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "AS", "GU", "MP", "PR", "VI",
  "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
];

/** Register and meter units: the Billing Read Export's Read_Unit list plus IMP (v9.8.5). */
export const UNIT_CODES = ["GAL", "CUBIC_FEET", "CUBIC_METER", "LITER", "AF", "OIL_BARREL", "FLUID_BARREL", "IMP"];

/** A US ZIP or ZIP+4, or a Canadian postal code. */
export const POSTAL_CODE_PATTERN = "^(\\d{5}(-\\d{4})?|[A-Za-z]\\d[A-Za-z] ?\\d[A-Za-z]\\d)$";
export const POSTAL_CODE_HINT = "a ZIP (12345 or 12345-6789) or a Canadian postal code (A1A 1A1)";

/** Endpoint_Type is a one-character letter or digit code; the full table is not public (spec §3.2, §12). */
export const ENDPOINT_TYPE_PATTERN = "^[A-Za-z0-9]$";
export const ENDPOINT_TYPE_HINT = "one letter or digit (M, N or 5 = ORION ME, for example)";
