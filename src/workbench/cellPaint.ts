/**
 * What the grid paints on each cell of a window of rows: the fill the conditional formats show (the fake keeps the
 * add-in's rules, with their ranges and fills, but evaluates none; the add-in's rules are all =TRUE) and which mark
 * that is: a cell under a red rule is an error, under an amber one a warning (red wins, as the add-in paints it).
 * Built once per drawing from every rule's areas, for the visible rows only, so a sheet with 10,000 marks stays cheap.
 */
import { MARK_STYLE } from "../excel/marks";
import type { SheetModel } from "../../test/fakes/model";

export type Mark = "error" | "warning";

export interface CellPaint {
  /** The top-priority rule's fill, as #RRGGBB. */
  fill: string | null;
  mark: Mark | null;
}

interface Span {
  from: number;
  to: number;
  fill: string | null;
  mark: Mark | null;
}

/** The mark a fill colour stands for: the add-in's red or amber. */
export function markOfFill(fill: string | undefined | null): Mark | null {
  const colour = (fill ?? "").toUpperCase();
  if (colour === MARK_STYLE.error.fill.toUpperCase()) return "error";
  if (colour === MARK_STYLE.warning.fill.toUpperCase()) return "warning";
  return null;
}

/** Paint for rows `top`..`bottom` (0-based, inclusive); cells no rule covers get undefined. */
export function paintRows(sheet: SheetModel, top: number, bottom: number): (row: number, column: number) => CellPaint | undefined {
  const rows = new Map<number, Span[]>();
  // Top priority first, so the first span found at a cell gives its fill.
  for (const cf of sheet.conditionalFormats) {
    const fill = cf.format.fill ?? null;
    const mark = markOfFill(fill);
    for (const area of cf.areas) {
      const first = Math.max(area.row, top);
      const last = Math.min(area.row + area.rows - 1, bottom);
      for (let r = first; r <= last; r++) {
        let spans = rows.get(r);
        if (!spans) rows.set(r, (spans = []));
        spans.push({ from: area.column, to: area.column + area.columns - 1, fill, mark });
      }
    }
  }
  return (row, column) => {
    const spans = rows.get(row);
    if (!spans) return undefined;
    let paint: CellPaint | undefined;
    for (const span of spans) {
      if (column < span.from || column > span.to) continue;
      paint ??= { fill: span.fill, mark: null };
      if (paint.fill === null) paint.fill = span.fill;
      if (span.mark === "error" || (span.mark === "warning" && paint.mark === null)) paint.mark = span.mark;
    }
    return paint;
  };
}
