import { Button, makeStyles, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from "@fluentui/react-components";
import type { FixPlan } from "../../excel/types";
import { plural } from "../findings";

/** A preview shows this many changes; the rest are counted. A fix of 10,000 cells needs no 10,000-row table. */
export const PREVIEW_ROWS = 50;

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  buttons: { display: "flex", gap: tokens.spacingHorizontalS },
  scroll: { maxHeight: "40vh", overflowY: "auto" },
  value: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
});

export interface FixPreviewProps {
  plan: FixPlan;
  applying: boolean;
  onApply: () => void;
  onCancel: () => void;
}

/**
 * The cells a fix would change, before and after, for the clerk to confirm: nothing is written until Apply. Shown in
 * the pane itself rather than as a modal dialog: a task pane is narrow, and the sheet stays in view beside it.
 */
export function FixPreview({ plan, applying, onApply, onCancel }: FixPreviewProps) {
  const styles = useStyles();
  const shown = plan.changes.slice(0, PREVIEW_ROWS);
  const more = plan.changes.length - shown.length;
  return (
    <section className={styles.root} aria-label="Fix preview">
      <Subtitle2 as="h2">{plan.label}</Subtitle2>
      {plan.changes.length === 0 ? (
        <Text>No cell needs this fix any more: the values have changed since the last check.</Text>
      ) : (
        <>
          <Text>{`${plural(plan.changes.length, "cell")} on ${plan.sheet} will change. Undo fix puts them back.`}</Text>
          <div className={styles.scroll}>
            <Table size="small" aria-label="Cells the fix changes">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Cell</TableHeaderCell>
                  <TableHeaderCell>Now</TableHeaderCell>
                  <TableHeaderCell>After</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {shown.map((change) => (
                  <TableRow key={`${change.row}:${change.column}`}>
                    <TableCell>{`Row ${change.row}, ${change.column}`}</TableCell>
                    <TableCell className={styles.value}>{visible(change.before)}</TableCell>
                    <TableCell className={styles.value}>{visible(change.after) + (change.asText ? " (as text)" : "")}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          {more > 0 && <Text>{`…and ${plural(more, "more cell")}.`}</Text>}
        </>
      )}
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={applying || plan.changes.length === 0} onClick={onApply}>
          {applying ? "Applying…" : "Apply fix"}
        </Button>
        <Button disabled={applying} onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </section>
  );
}

/** Spaces at the edges are what a whitespace fix removes: show them. */
function visible(text: string): string {
  return text.replace(/^ +| +$/g, (spaces) => "·".repeat(spaces.length));
}
