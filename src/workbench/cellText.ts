/**
 * The text a cell shows in the grid: the fake host's displayed text (leading-zero and percent formats, TRUE/FALSE),
 * plus dates, which the fake does not render: a serial number under a date format is shown as that format writes it,
 * so a sample's real dates look like dates and not like 43845.
 */
import { displayText } from "../../test/fakes/cells";
import { numberFormatAt, valueAt, type SheetModel } from "../../test/fakes/model";

const MS_PER_DAY = 86_400_000;
/** 1899-12-30: serial 0 in Excel's 1900 system once its 1900 leap-year bug (serial 60) is past. */
const EPOCH = Date.UTC(1899, 11, 30);

export function shownText(sheet: SheetModel, row: number, column: number): string {
  const value = valueAt(sheet, row, column);
  if (typeof value === "number") {
    const format = numberFormatAt(sheet, row, column);
    if (isDateFormat(format)) return dateText(value, format);
  }
  return displayText(sheet, row, column);
}

/** A format with day, year or month-name codes outside quotes and brackets ("yyyy-mm-dd", "m/d/yy", "d-mmm"). */
export function isDateFormat(format: string): boolean {
  const codes = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[dy]/i.test(codes) || /mmm/i.test(codes);
}

function dateText(serial: number, format: string): string {
  if (serial < 1 || serial > 2_958_465) return String(serial);
  const date = new Date(EPOCH + Math.round(serial * MS_PER_DAY));
  const two = (n: number) => String(n).padStart(2, "0");
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  let afterHour = false;
  return format.replace(/"([^"]*)"|\[[^\]]*\]|\\(.)|yyyy|yy|mmmm|mmm|mm|m|dd|d|hh|h|ss|s/gi, (token: string, quoted?: string, escaped?: string) => {
    if (quoted !== undefined) return quoted;
    if (escaped !== undefined) return escaped;
    if (token.startsWith("[")) return "";
    const lower = token.toLowerCase();
    const wasHour = afterHour;
    afterHour = lower.startsWith("h");
    switch (lower) {
      case "yyyy": return String(date.getUTCFullYear());
      case "yy": return two(date.getUTCFullYear() % 100);
      case "mmmm": case "mmm": return months[date.getUTCMonth()];
      // "mm" right after an hour code is minutes, as Excel reads it.
      case "mm": return wasHour ? two(date.getUTCMinutes()) : two(date.getUTCMonth() + 1);
      case "m": return wasHour ? String(date.getUTCMinutes()) : String(date.getUTCMonth() + 1);
      case "dd": return two(date.getUTCDate());
      case "d": return String(date.getUTCDate());
      case "hh": return two(date.getUTCHours());
      case "h": return String(date.getUTCHours());
      case "ss": return two(date.getUTCSeconds());
      default: return String(date.getUTCSeconds());
    }
  });
}
