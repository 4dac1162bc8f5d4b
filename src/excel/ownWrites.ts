/// <reference types="office-js" />
/**
 * Telling the add-in's own writes from the user's in change events. From ExcelApi 1.14 events say so
 * (`triggerSource: "ThisLocalAddin"`). Before that, the add-in notes each block it is about to write; an event for a
 * block inside a noted one, on the same sheet, within a few seconds, is taken as its own. (A flag set around the write
 * would not do: Excel delivers the events after the batch, when such a flag is already down.)
 */
import { type CellRect, parseAddress } from "./addresses";

const WINDOW_MS = 5000;

export class OwnWrites {
  private expected: Array<{ sheetId: string; rect: CellRect; until: number }> = [];

  constructor(private readonly triggerSource: boolean) {}

  /** Call before queuing a write of values to `rect` on the sheet. */
  expect(sheetId: string, rect: CellRect): void {
    const now = Date.now();
    this.expected = this.expected.filter((e) => e.until > now);
    this.expected.push({ sheetId, rect, until: now + WINDOW_MS });
  }

  isOwn(event: Pick<Excel.WorksheetChangedEventArgs, "address" | "worksheetId"> & { triggerSource?: string }): boolean {
    if (event.triggerSource === "ThisLocalAddin") return true;
    if (this.triggerSource && event.triggerSource !== undefined) return false;
    const rect = parseAddress(event.address);
    if (!rect) return false;
    const now = Date.now();
    return this.expected.some(
      (e) =>
        e.until > now &&
        e.sheetId === event.worksheetId &&
        rect.row >= e.rect.row &&
        rect.column >= e.rect.column &&
        rect.row + rect.rows <= e.rect.row + e.rect.rows &&
        rect.column + rect.columns <= e.rect.column + e.rect.columns,
    );
  }
}
