import { useState } from "react";
import { Button, Link, makeStyles, mergeClasses, Subtitle2, tokens } from "@fluentui/react-components";
import { ALL, plural, type FindingFilter, type Summary, type Tally } from "../findings";

const SHOWN = 8;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, margin: 0, padding: 0, listStyleType: "none" },
  row: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 2fr) minmax(0, 3fr)",
    columnGap: tokens.spacingHorizontalS,
    alignItems: "center",
  },
  label: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", textAlign: "start" },
  current: { fontWeight: tokens.fontWeightSemibold, textDecorationLine: "underline" },
  values: { display: "flex", flexDirection: "column", gap: "2px", fontSize: tokens.fontSizeBase200 },
  track: { display: "flex", height: "8px", backgroundColor: tokens.colorNeutralBackground3, borderRadius: tokens.borderRadiusSmall, overflow: "hidden" },
  errors: { backgroundColor: tokens.colorPaletteRedBackground3 },
  warnings: { backgroundColor: tokens.colorPaletteMarigoldBackground3 },
});

export interface SummaryChartProps {
  summary: Summary;
  filter: FindingFilter;
  onFilterChange: (filter: FindingFilter) => void;
}

/**
 * Errors and warnings per column and per component as bars with their numbers written out; selecting a name filters
 * the list to it (select it again to show all).
 */
export function SummaryChart({ summary, filter, onFilterChange }: SummaryChartProps) {
  const styles = useStyles();
  const columns = summary.byColumn.filter(hasProblems);
  const components = summary.byComponent.filter(hasProblems);
  if (columns.length === 0 && components.length === 0) return null;
  return (
    <section className={styles.root} aria-label="Summary">
      <Bars
        title="By column"
        tallies={columns}
        current={filter.column}
        onPick={(key) => onFilterChange({ ...filter, column: filter.column === key ? ALL : key })}
      />
      <Bars
        title="By component"
        tallies={components}
        current={filter.component}
        onPick={(key) => onFilterChange({ ...filter, component: filter.component === key ? ALL : key })}
      />
    </section>
  );
}

function hasProblems(tally: Tally): boolean {
  return tally.errors + tally.warnings > 0;
}

function Bars({ title, tallies, current, onPick }: { title: string; tallies: Tally[]; current: string; onPick: (key: string) => void }) {
  const styles = useStyles();
  const [expanded, setExpanded] = useState(false);
  if (tallies.length === 0) return null;
  const most = Math.max(...tallies.map((t) => t.errors + t.warnings));
  const shown = expanded ? tallies : tallies.slice(0, SHOWN);
  return (
    <div>
      <Subtitle2 as="h3">{title}</Subtitle2>
      <ul className={styles.group} aria-label={`Errors and warnings ${title.toLowerCase()}`}>
        {shown.map((tally) => {
          const text = `${plural(tally.errors, "error")}, ${plural(tally.warnings, "warning")}`;
          return (
            <li key={tally.key} className={styles.row}>
              <Link
                as="button"
                className={mergeClasses(styles.label, current === tally.key && styles.current)}
                aria-pressed={current === tally.key}
                aria-label={`${tally.label}: ${text}. Show only these findings.`}
                title={tally.label}
                onClick={() => onPick(tally.key)}
              >
                {tally.label}
              </Link>
              <div className={styles.values}>
                <div className={styles.track} aria-hidden="true">
                  <div className={styles.errors} style={{ width: `${(100 * tally.errors) / most}%` }} />
                  <div className={styles.warnings} style={{ width: `${(100 * tally.warnings) / most}%` }} />
                </div>
                <span>{text}</span>
              </div>
            </li>
          );
        })}
      </ul>
      {tallies.length > SHOWN && (
        <Button appearance="subtle" size="small" onClick={() => setExpanded(!expanded)} aria-expanded={expanded}>
          {expanded ? "Show fewer" : `Show all ${tallies.length}`}
        </Button>
      )}
    </div>
  );
}
