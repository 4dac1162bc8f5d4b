import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { Button, Field, makeStyles, mergeClasses, Select, Subtitle2, Text, tokens } from "@fluentui/react-components";
import { defaultRangeExtractor, useVirtualizer, type Range } from "@tanstack/react-virtual";
import type { Exception, Severity } from "../../validation";
import { ALL, columnLabel, NO_COLUMN, placeOf, plural, severityLabel, titleOf, type FindingFilter, type Summary } from "../findings";

/** Every row is this tall (two clipped lines), so the list never measures: scrolling 50,000 rows stays flat. */
export const ROW_HEIGHT = 52;
const OVERSCAN = 6;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  filters: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(100px, 1fr))",
    gap: tokens.spacingHorizontalS,
    "& > *": { minWidth: 0 },
  },
  select: { minWidth: 0, width: "100%" },
  bar: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, justifyContent: "space-between" },
  nav: { display: "flex", gap: tokens.spacingHorizontalXS },
  scroller: {
    maxHeight: "min(360px, 50vh)",
    overflowY: "auto",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    outlineStyle: "none",
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
  canvas: { position: "relative", width: "100%" },
  option: {
    position: "absolute",
    top: 0,
    left: 0,
    width: "100%",
    height: `${ROW_HEIGHT}px`,
    boxSizing: "border-box",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    cursor: "pointer",
    display: "flex",
    flexDirection: "column",
    justifyContent: "center",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  active: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    outlineOffset: "-2px",
  },
  line: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  message: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  error: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
  info: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightSemibold },
  empty: { padding: tokens.spacingHorizontalS },
});

export interface FindingsListProps {
  exceptions: readonly Exception[];
  /** Positions into `exceptions` that pass the filter (memoized by the caller). */
  visible: readonly number[];
  summary: Summary;
  filter: FindingFilter;
  onFilterChange: (filter: FindingFilter) => void;
  /** Go to the finding's cell in the sheet. */
  onSelect: (finding: Exception) => void;
}

/**
 * The findings as a listbox: filters, previous / next, and a virtualized window of rows. Arrow keys, Page Up/Down,
 * Home and End move the active finding; Enter (or a click) goes to its cell. Only the rows in view (and the active
 * one, which aria-activedescendant points at) exist in the DOM.
 */
export function FindingsList({ exceptions, visible, summary, filter, onFilterChange, onSelect }: FindingsListProps) {
  const styles = useStyles();
  const id = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(-1);

  // New filters start from the top; a live update of the result keeps the active position if it still exists.
  useEffect(() => setActive(-1), [filter]);
  useEffect(() => setActive((current) => Math.min(current, visible.length - 1)), [visible]);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (active >= 0 && active < range.count && !indexes.includes(active)) {
        indexes.push(active);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [active],
  );

  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    rangeExtractor,
  });

  const moveTo = useCallback(
    (position: number, go: boolean) => {
      if (visible.length === 0) return;
      const next = Math.max(0, Math.min(position, visible.length - 1));
      setActive(next);
      virtualizer.scrollToIndex(next, { align: "auto" });
      if (go) onSelect(exceptions[visible[next]]);
    },
    [visible, exceptions, onSelect, virtualizer],
  );

  const step = (delta: number) => {
    if (visible.length === 0) return;
    const from = active < 0 ? (delta > 0 ? -1 : visible.length) : active;
    moveTo((from + delta + visible.length) % visible.length, true);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const pageSize = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 6) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(active + 1, false),
      ArrowUp: () => moveTo(active < 0 ? 0 : active - 1, false),
      PageDown: () => moveTo(active + pageSize, false),
      PageUp: () => moveTo(active - pageSize, false),
      Home: () => moveTo(0, false),
      End: () => moveTo(visible.length - 1, false),
      Enter: () => active >= 0 && moveTo(active, true),
      " ": () => active >= 0 && moveTo(active, true),
    };
    const handle = keys[event.key];
    if (!handle) return;
    event.preventDefault();
    handle();
  };

  const pick = useCallback((position: number) => moveTo(position, true), [moveTo]);

  const columnOptions = useMemo(() => options(summary.byColumn.map((t) => t.key), filter.column, (key) => (key === NO_COLUMN ? columnLabel(null) : key)), [summary, filter.column]);
  const componentOptions = useMemo(() => options(summary.byComponent.map((t) => t.key), filter.component, (key) => key), [summary, filter.component]);

  const items = virtualizer.getVirtualItems();
  const activeId = active >= 0 && active < visible.length ? `${id}-option-${active}` : undefined;
  const filtered = filter.severity !== ALL || filter.column !== ALL || filter.component !== ALL;

  return (
    <section className={styles.root} aria-labelledby={`${id}-title`}>
      <Subtitle2 as="h2" id={`${id}-title`}>
        Findings
      </Subtitle2>
      <div className={styles.filters}>
        <Field label="Severity">
          <Select className={styles.select} value={filter.severity} onChange={(_, data) => onFilterChange({ ...filter, severity: data.value as FindingFilter["severity"] })}>
            <option value={ALL}>All</option>
            <option value="error">Errors</option>
            <option value="warning">Warnings</option>
            <option value="info">Info</option>
          </Select>
        </Field>
        <Field label="Column">
          <Select className={styles.select} value={filter.column} onChange={(_, data) => onFilterChange({ ...filter, column: data.value })}>
            <option value={ALL}>All columns</option>
            {columnOptions.map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Component">
          <Select className={styles.select} value={filter.component} onChange={(_, data) => onFilterChange({ ...filter, component: data.value })}>
            <option value={ALL}>All components</option>
            {componentOptions.map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className={styles.bar}>
        <Text aria-live="polite" id={`${id}-count`}>
          {filtered ? `Showing ${visible.length.toLocaleString("en-US")} of ${plural(exceptions.length, "finding")}` : plural(exceptions.length, "finding")}
        </Text>
        <div className={styles.nav}>
          <Button size="small" onClick={() => step(-1)} disabled={visible.length === 0}>
            Previous
          </Button>
          <Button size="small" onClick={() => step(1)} disabled={visible.length === 0}>
            Next
          </Button>
        </div>
      </div>
      {visible.length === 0 ? (
        <Text className={styles.empty}>{exceptions.length === 0 ? "No findings: the sheet matches the spec." : "No findings match these filters."}</Text>
      ) : (
        <div
          ref={scroller}
          className={styles.scroller}
          role="listbox"
          tabIndex={0}
          aria-label="Findings"
          aria-describedby={`${id}-count`}
          aria-activedescendant={activeId}
          onKeyDown={onKeyDown}
          onFocus={() => active < 0 && setActive(0)}
        >
          <div className={styles.canvas} style={{ height: `${virtualizer.getTotalSize()}px` }}>
            {items.map((item) => (
              <FindingRow
                key={visible[item.index]}
                id={`${id}-option-${item.index}`}
                finding={exceptions[visible[item.index]]}
                position={item.index}
                count={visible.length}
                start={item.start}
                active={item.index === active}
                onPick={pick}
              />
            ))}
          </div>
        </div>
      )}
    </section>
  );
}

/** Filter choices in name order, keeping the current choice even when a live update removed its findings. */
function options(keys: string[], current: string, label: (key: string) => string): Array<[string, string]> {
  const all = new Set(keys);
  if (current !== ALL) all.add(current);
  return [...all].map((key): [string, string] => [key, label(key)]).sort((a, b) => (a[0] === NO_COLUMN ? 1 : b[0] === NO_COLUMN ? -1 : a[1].localeCompare(b[1])));
}

interface FindingRowProps {
  id: string;
  finding: Exception;
  position: number;
  count: number;
  start: number;
  active: boolean;
  onPick: (position: number) => void;
}

const FindingRow = memo(function FindingRow({ id, finding, position, count, start, active, onPick }: FindingRowProps) {
  const styles = useStyles();
  const severity: Record<Severity, string> = { error: styles.error, warning: styles.warning, info: styles.info };
  return (
    <div
      id={id}
      role="option"
      aria-selected={active}
      aria-posinset={position + 1}
      aria-setsize={count}
      className={mergeClasses(styles.option, active && styles.active)}
      style={{ transform: `translateY(${start}px)` }}
      title={finding.message}
      onClick={() => onPick(position)}
    >
      <span className={styles.line}>
        <span className={severity[finding.severity]}>{severityLabel(finding.severity)}</span> · {placeOf(finding)} · {titleOf(finding.code)}
      </span>
      <span className={mergeClasses(styles.line, styles.message)}>{finding.message}</span>
    </div>
  );
});
