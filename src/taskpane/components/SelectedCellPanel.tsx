import { Button, makeStyles, Subtitle2, Text, tokens } from "@fluentui/react-components";
import type { FixScope, SelectedCell } from "../../excel/types";
import type { Exception } from "../../validation";
import { placeOf, severityLabel, titleOf } from "../findings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  fixes: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, marginTop: tokens.spacingVerticalXXS },
});

export interface SelectedCellPanelProps {
  cell: SelectedCell;
  /** The label of a finding's safe fix, or null when it has none. */
  fixLabel?: (finding: Exception) => string | null;
  onFix?: (finding: Exception, scope: FixScope) => void;
  /** Another action runs: the fix buttons wait. */
  busy?: boolean;
}

/** The findings on the cell the user selected in the sheet, with their whole messages and their safe fixes. */
export function SelectedCellPanel({ cell, fixLabel, onFix, busy = false }: SelectedCellPanelProps) {
  const styles = useStyles();
  const where = `${placeOf({ row: cell.row, column: cell.column })} on ${cell.sheet}`;
  return (
    <section className={styles.root} aria-label="Selected cell" aria-live="polite">
      <Subtitle2 as="h2">Selected cell</Subtitle2>
      <Text>{where}</Text>
      {cell.exceptions.length === 0 ? (
        <Text>No findings on this cell.</Text>
      ) : (
        <ul className={styles.list}>
          {cell.exceptions.map((finding, i) => (
            <li key={`${finding.code}-${finding.column ?? ""}-${i}`}>
              <Text weight="semibold">
                {severityLabel(finding.severity)}: {titleOf(finding.code)}
              </Text>{" "}
              <Text>{finding.message}</Text>
              {onFix && fixLabel && <FixButtons finding={finding} label={fixLabel(finding)} busy={busy} onFix={onFix} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function FixButtons({ finding, label, busy, onFix }: { finding: Exception; label: string | null; busy: boolean; onFix: (finding: Exception, scope: FixScope) => void }) {
  const styles = useStyles();
  if (label === null || finding.row === null || finding.column === null) return null;
  return (
    <div className={styles.fixes}>
      <Button size="small" disabled={busy} title={label} onClick={() => onFix(finding, "cell")}>
        Fix this
      </Button>
      <Button size="small" disabled={busy} title={`${label}, in every cell of ${finding.column} with this finding`} onClick={() => onFix(finding, "all")}>
        Fix all like this
      </Button>
    </div>
  );
}
