/**
 * The spreadsheet: column letters, row numbers, each cell's shown text, its own fill and the add-in's marks, the
 * selection. Rows and columns are virtualized (only what is in view is in the DOM), so a 100,000-row sheet scrolls
 * as a 20-row one. Everything the user does goes through the fake host's user side, which fires the events Excel
 * fires: a click selects (the pane's "Selected cell" follows), Enter in the editor types (the pane re-validates).
 *
 * Selectors for tests: each cell is `[data-cell="B3"]` (role gridcell), with `data-mark="error"|"warning"` when
 * marked and `aria-selected="true"` when selected; the editor is the textbox "Edit cell B3".
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { FakeExcelHost } from "../../test/fakes";
import { cellName, letters, quoteSheet, type Rect } from "../../test/fakes/a1";
import type { SheetModel } from "../../test/fakes/model";
import { CellEditor } from "./CellEditor";
import { paintRows } from "./cellPaint";
import { editText } from "./editText";
import { shownText } from "./cellText";
import { useHostVersion } from "./useHostVersion";

const ROW_HEIGHT = 22;
const COLUMN_WIDTH = 112;
const ROW_HEADER_WIDTH = 52;
/** Room for the body's scroll bars, so the header strips can scroll as far as the body. */
const SCROLLBAR_ROOM = 24;
/** Empty rows and columns shown past the used range (and at least a screenful), as Excel shows a sheet going on. */
const SPARE_ROWS = 30;
const SPARE_COLUMNS = 4;
const MIN_ROWS = 100;
const MIN_COLUMNS = 26;

const ERROR_BORDER = "#C00000";
const WARNING_BORDER = "#BF8F00";
const SELECTED = "#217346";

const useStyles = makeStyles({
  root: {
    display: "grid",
    gridTemplateColumns: `${ROW_HEADER_WIDTH}px 1fr`,
    gridTemplateRows: `${ROW_HEIGHT}px 1fr`,
    height: "100%",
    minHeight: 0,
    fontFamily: "Calibri, 'Segoe UI', Arial, sans-serif",
    fontSize: "13px",
    backgroundColor: "#FFFFFF",
  },
  corner: { backgroundColor: "#F3F3F3", borderRight: "1px solid #D4D4D4", borderBottom: "1px solid #D4D4D4" },
  strip: { overflow: "hidden", position: "relative", backgroundColor: "#F3F3F3", userSelect: "none" },
  header: {
    position: "absolute",
    boxSizing: "border-box",
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    color: "#444444",
    borderRight: "1px solid #D4D4D4",
    borderBottom: "1px solid #D4D4D4",
  },
  headerOn: { backgroundColor: "#D2E9DA", color: SELECTED, fontWeight: 600 },
  body: { overflow: "auto", position: "relative", outlineStyle: "none", minHeight: 0 },
  row: { position: "absolute", left: 0, height: `${ROW_HEIGHT}px` },
  cell: {
    position: "absolute",
    top: 0,
    height: `${ROW_HEIGHT}px`,
    boxSizing: "border-box",
    padding: "0 4px",
    lineHeight: `${ROW_HEIGHT - 1}px`,
    // "pre": leading and trailing spaces show, as in Excel (they are one of the mistakes the add-in finds).
    whiteSpace: "pre",
    overflow: "hidden",
    textOverflow: "ellipsis",
    borderRight: "1px solid #E1E1E1",
    borderBottom: "1px solid #E1E1E1",
    cursor: "cell",
  },
  number: { textAlign: "right" },
  bold: { fontWeight: 700 },
  error: { boxShadow: `inset 0 0 0 1px ${ERROR_BORDER}`, color: "#9C0006" },
  warning: { boxShadow: `inset 0 0 0 1px ${WARNING_BORDER}`, color: "#7F6000" },
  selected: { backgroundImage: "linear-gradient(rgba(33, 115, 70, 0.12), rgba(33, 115, 70, 0.12))" },
  active: { outline: `2px solid ${SELECTED}`, outlineOffset: "-2px", zIndex: 1 },
  empty: { padding: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground3 },
});

export interface GridProps {
  host: FakeExcelHost;
}

interface Editing {
  row: number;
  column: number;
  initial: string;
}

/** How far the grid goes: the used cells, the selection, and some spare room. */
function extentOf(sheet: SheetModel, selection: Rect | null): { rows: number; columns: number } {
  let columns = 0;
  for (const row of sheet.rows) if (row && row.values.length > columns) columns = row.values.length;
  const rows = Math.max(sheet.rows.length, selection ? selection.row + 1 : 0) + SPARE_ROWS;
  columns = Math.max(columns, selection ? selection.column + 1 : 0) + SPARE_COLUMNS;
  return { rows: Math.max(rows, MIN_ROWS), columns: Math.max(columns, MIN_COLUMNS) };
}

export function Grid({ host }: GridProps) {
  const styles = useStyles();
  useHostVersion(host);
  const sheet = host.model.activeSheet();
  const selection = host.model.selection?.sheetId === sheet.id ? host.model.selection.rect : null;
  const extent = extentOf(sheet, selection);

  const body = useRef<HTMLDivElement>(null);
  const columnStrip = useRef<HTMLDivElement>(null);
  const rowStrip = useRef<HTMLDivElement>(null);
  const [editing, setEditing] = useState<Editing | null>(null);

  const rows = useVirtualizer({ count: extent.rows, getScrollElement: () => body.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const columns = useVirtualizer({ horizontal: true, count: extent.columns, getScrollElement: () => body.current, estimateSize: () => COLUMN_WIDTH, overscan: 2 });

  const address = useCallback((row: number, column: number) => `${quoteSheet(sheet.name)}!${cellName(row, column)}`, [sheet.name]);
  const select = useCallback((row: number, column: number) => host.select(address(Math.max(0, row), Math.max(0, column))), [host, address]);

  // Another sheet starts at its top left (before the effect below brings its selection into view).
  useEffect(() => {
    setEditing(null);
    body.current?.scrollTo(0, 0);
  }, [sheet.id]);

  // Whoever moved the selection (a click, the keyboard, the pane going to a finding), bring it into view.
  const selectionKey = selection ? `${sheet.id}:${selection.row}:${selection.column}` : "";
  useEffect(() => {
    if (!selection) return;
    rows.scrollToIndex(selection.row, { align: "auto" });
    columns.scrollToIndex(selection.column, { align: "auto" });
    // Keyed on the selection alone: redraws of the same selection must leave the user's scrolling alone.
  }, [selectionKey]);


  const onScroll = () => {
    if (!body.current) return;
    if (columnStrip.current) columnStrip.current.scrollLeft = body.current.scrollLeft;
    if (rowStrip.current) rowStrip.current.scrollTop = body.current.scrollTop;
  };

  const cellAt = (event: MouseEvent): { row: number; column: number } | null => {
    const target = (event.target as HTMLElement).closest<HTMLElement>("[data-row][data-column]");
    return target ? { row: Number(target.dataset.row), column: Number(target.dataset.column) } : null;
  };

  const edit = (row: number, column: number, initial?: string) => setEditing({ row, column, initial: initial ?? editText(sheet, row, column) });

  const finishEdit = (text: string | null, move: "down" | "right" | "none") => {
    const open = editing;
    setEditing(null);
    body.current?.focus();
    if (!open) return;
    if (text !== null) host.edit(address(open.row, open.column), text);
    if (move === "down") select(open.row + 1, open.column);
    if (move === "right") select(open.row, open.column + 1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (editing || !selection) return;
    const { row, column } = selection;
    const moves: Record<string, [number, number]> = { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowRight: [0, 1], ArrowLeft: [0, -1], Enter: [1, 0], Tab: [0, 1] };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      const [down, right] = event.shiftKey && (event.key === "Enter" || event.key === "Tab") ? [-move[0], -move[1]] : move;
      select(row + down, column + right);
    } else if (event.key === "F2") {
      event.preventDefault();
      edit(row, column);
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      host.clearContents(address(row, column));
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // Typing on a selected cell replaces its content, as in Excel.
      event.preventDefault();
      edit(row, column, event.key);
    }
  };

  const visibleRows = rows.getVirtualItems();
  const visibleColumns = columns.getVirtualItems();
  const paint = paintRows(sheet, visibleRows[0]?.index ?? 0, visibleRows[visibleRows.length - 1]?.index ?? -1);
  const inSelection = (row: number, column: number) =>
    selection !== null && row >= selection.row && row < selection.row + selection.rows && column >= selection.column && column < selection.column + selection.columns;
  const width = columns.getTotalSize();
  const height = rows.getTotalSize();

  return (
    <div className={styles.root} role="grid" aria-label={`Sheet ${sheet.name}`} aria-rowcount={extent.rows} aria-colcount={extent.columns}>
      <div className={styles.corner} aria-hidden="true" />
      <div ref={columnStrip} className={styles.strip} aria-hidden="true">
        <div style={{ position: "relative", width: width + SCROLLBAR_ROOM, height: ROW_HEIGHT }}>
          {visibleColumns.map((c) => (
            <div
              key={c.key}
              className={mergeClasses(styles.header, selection !== null && c.index >= selection.column && c.index < selection.column + selection.columns && styles.headerOn)}
              style={{ left: c.start, width: c.size, height: ROW_HEIGHT }}
            >
              {letters(c.index)}
            </div>
          ))}
        </div>
      </div>
      <div ref={rowStrip} className={styles.strip} aria-hidden="true">
        <div style={{ position: "relative", width: ROW_HEADER_WIDTH, height: height + SCROLLBAR_ROOM }}>
          {visibleRows.map((r) => (
            <div
              key={r.key}
              className={mergeClasses(styles.header, selection !== null && r.index >= selection.row && r.index < selection.row + selection.rows && styles.headerOn)}
              style={{ top: r.start, width: ROW_HEADER_WIDTH, height: ROW_HEIGHT }}
            >
              {r.index + 1}
            </div>
          ))}
        </div>
      </div>
      <div
        ref={body}
        className={styles.body}
        tabIndex={0}
        aria-label="Cells"
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        onMouseDown={(event) => {
          const cell = cellAt(event);
          if (!cell || editing) return;
          event.preventDefault();
          body.current?.focus();
          select(cell.row, cell.column);
        }}
        onDoubleClick={(event) => {
          const cell = cellAt(event);
          if (cell) edit(cell.row, cell.column);
        }}
      >
        <div style={{ position: "relative", width, height }}>
          {visibleRows.map((r) => (
            <div key={r.key} role="row" aria-rowindex={r.index + 1} className={styles.row} style={{ top: r.start, width }}>
              {visibleColumns.map((c) => {
                const model = sheet.rows[r.index];
                const value = model?.values[c.index];
                const own = model?.formats?.[c.index];
                const painted = paint(r.index, c.index);
                const selected = inSelection(r.index, c.index);
                const active = selection !== null && selection.row === r.index && selection.column === c.index;
                const fill = painted?.fill ?? own?.fill;
                return (
                  <div
                    key={c.key}
                    role="gridcell"
                    aria-colindex={c.index + 1}
                    aria-selected={selected}
                    data-cell={cellName(r.index, c.index)}
                    data-row={r.index}
                    data-column={c.index}
                    data-mark={painted?.mark ?? undefined}
                    className={mergeClasses(
                      styles.cell,
                      typeof value === "number" && styles.number,
                      own?.bold && styles.bold,
                      painted?.mark === "error" && styles.error,
                      painted?.mark === "warning" && styles.warning,
                      selected && styles.selected,
                      active && styles.active,
                    )}
                    style={{ left: c.start, width: c.size, backgroundColor: fill ?? undefined, color: own?.fontColor }}
                  >
                    {value === undefined || value === "" ? "" : shownText(sheet, r.index, c.index)}
                  </div>
                );
              })}
            </div>
          ))}
          {editing && (
            <CellEditor
              label={`Edit cell ${cellName(editing.row, editing.column)}`}
              initial={editing.initial}
              top={editing.row * ROW_HEIGHT}
              left={editing.column * COLUMN_WIDTH}
              width={COLUMN_WIDTH}
              height={ROW_HEIGHT}
              onDone={finishEdit}
            />
          )}
        </div>
      </div>
    </div>
  );
}
