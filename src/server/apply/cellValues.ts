/**
 * What a cell asks of a stored value (spec §3.1): a blank cell keeps it, the exact token `_CLEAR_` removes it, and
 * anything else replaces it, stored exactly as written (the test run has already warned about stray spaces).
 */
export const CLEAR = "_CLEAR_";

/**
 * Whether a cell can identify a record. Blank and space-only cells cannot (the test run's required check treats
 * spaces as blank too), and neither can `_CLEAR_`: IDs are not clearable, so a row still carrying it was refused.
 */
export function isKey(cell: string): boolean {
  return cell !== CLEAR && cell.trim() !== "";
}
