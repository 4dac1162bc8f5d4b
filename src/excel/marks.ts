/// <reference types="office-js" />
/**
 * Painting marks without touching the user's work: each band's error cells get one `custom` conditional format with
 * the formula =TRUE (red fill and solid border) and its warning cells another (amber fill and dashed border). A
 * conditional format sits above the cells' own format and never changes it, nor any value; removing our formats (by
 * the ids Excel gave them, never with clearAll, which would take the user's rules too) leaves the sheet exactly as it
 * was.
 */
import { sheetPrefix } from "./addresses";
import { bandAddresses, type Band, type MarkFormat } from "./markBands";
import type { MarkIndex, MarkSeverity } from "./markIndex";

export const MARK_FORMULA = "=TRUE";

export const MARK_STYLE: Record<MarkSeverity, { fill: string; font: string; border: string; borderStyle: "Continuous" | "Dash" }> = {
  error: { fill: "#FFC7CE", font: "#9C0006", border: "#C00000", borderStyle: "Continuous" },
  warning: { fill: "#FFEB9C", font: "#7F6000", border: "#BF8F00", borderStyle: "Dash" },
};

/** Request bytes a format costs besides its address: the add, the rule, fill, font, four borders, the id load. */
const FORMAT_REQUEST_BYTES = 900;
const REQUEST_BUDGET_BYTES = 3_000_000;

/** Queues the load of every conditional format's id on a sheet, so ours can be found and deleted in a later sync. */
export function loadFormatIds(sheet: Excel.Worksheet): Excel.ConditionalFormatCollection {
  const formats = sheet.getRange().conditionalFormats;
  formats.load("items/id");
  return formats;
}

/**
 * Queues the deletion of the formats with the given ids that still exist (Excel drops a format whose cells were all
 * deleted). Returns how many were queued.
 */
export function deleteFormats(loaded: Excel.ConditionalFormatCollection, ids: Iterable<string>): number {
  const wanted = new Set(ids);
  let count = 0;
  for (const format of loaded.items) {
    if (!wanted.has(format.id)) continue;
    format.delete();
    count++;
  }
  return count;
}

function addFormat(sheet: Excel.Worksheet, address: string, severity: MarkSeverity): Excel.ConditionalFormat {
  const style = MARK_STYLE[severity];
  const format = sheet.getRanges(address).conditionalFormats.add("Custom");
  format.custom.rule.formula = MARK_FORMULA;
  format.custom.format.fill.color = style.fill;
  format.custom.format.font.color = style.font;
  for (const side of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as const) {
    const border = format.custom.format.borders.getItem(side);
    border.style = style.borderStyle;
    border.color = style.border;
  }
  format.load("id");
  return format;
}

/**
 * Adds the formats of the given bands (replacing what `band.formats` held) and syncs, more than once only when the
 * request would pass ~3 MB. Anything queued before the call (the deletions) goes with the first sync.
 */
export async function paintBands(context: Excel.RequestContext, sheet: Excel.Worksheet, marks: MarkIndex, bands: Iterable<Band>): Promise<{ addresses: number; longestAddress: number }> {
  let pending: Array<{ band: Band; severity: MarkSeverity; format: Excel.ConditionalFormat }> = [];
  let bytes = 0;
  let addresses = 0;
  let longestAddress = 0;
  const flush = async () => {
    await context.sync();
    for (const { band, severity, format } of pending) band.formats.push({ id: format.id, severity });
    pending = [];
    bytes = 0;
  };
  for (const band of bands) {
    band.formats = [];
    for (const { severity, address } of bandAddresses(marks, band)) {
      if (bytes > 0 && bytes + address.length + FORMAT_REQUEST_BYTES > REQUEST_BUDGET_BYTES) await flush();
      pending.push({ band, severity, format: addFormat(sheet, address, severity) });
      bytes += address.length + FORMAT_REQUEST_BYTES;
      addresses++;
      longestAddress = Math.max(longestAddress, address.length);
    }
  }
  await flush();
  return { addresses, longestAddress };
}

/** The formats of all bands, as stored in the settings. */
export function storedFormats(bands: readonly Band[]): Array<MarkFormat & { first: number; last: number }> {
  return bands.flatMap((band) => band.formats.map((f) => ({ ...f, first: band.first, last: band.last })));
}

/** A cell address on a named sheet, for links and notes. */
export function qualified(sheetName: string, address: string): string {
  return sheetPrefix(sheetName) + address;
}
