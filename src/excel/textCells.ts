/**
 * Writing text the add-in owns (the Exceptions sheet, the hidden list sheet, a starter sheet's headers) so Excel keeps
 * it as written, and naming the sheets it adds without taking a name the user uses.
 */

/**
 * Text Excel must keep as text: a leading =, +, - or @ would start a formula, and digits or TRUE would become a number
 * or a boolean. The apostrophe (Excel's text prefix) is not part of the cell's value.
 */
export function asText(text: string): string {
  return /^[=+\-@'\t\r]/.test(text) || /^\s*[+-]?(\d|\.\d)/.test(text) || /^(TRUE|FALSE)$/i.test(text.trim()) ? `'${text}` : text;
}

/** A unique sheet name from `base` (at most 31 characters, as Excel allows): "Exceptions", "Exceptions (2)", ... */
export function uniqueSheetName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  const trimmed = base.slice(0, 31);
  if (!lower.has(trimmed.toLowerCase())) return trimmed;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = base.slice(0, 31 - suffix.length) + suffix;
    if (!lower.has(name.toLowerCase())) return name;
  }
}
