import { makeStyles, Subtitle2, Text, tokens } from "@fluentui/react-components";
import type { SelectedCell } from "../../excel/types";
import { placeOf, severityLabel, titleOf } from "../findings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

/** The findings on the cell the user selected in the sheet, with their whole messages. */
export function SelectedCellPanel({ cell }: { cell: SelectedCell }) {
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
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
