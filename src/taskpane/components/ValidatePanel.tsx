import { Button, Field, makeStyles, ProgressBar, Select, Text, tokens } from "@fluentui/react-components";
import type { Phase, SheetValidation } from "../../excel/types";
import { IMPORT_SPECS } from "../../spec";
import type { ImportTypeId } from "../../spec/types";
import { countsText, plural } from "../findings";
import type { Progress } from "./TaskPane";

export type ImportChoice = ImportTypeId | "auto";

const PHASES: Record<Phase, string> = {
  reading: "Reading the sheet",
  validating: "Checking the cells",
  marking: "Marking the cells",
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
  type: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
});

export interface ValidatePanelProps {
  result: SheetValidation | null;
  importType: ImportChoice;
  onImportTypeChange: (choice: ImportChoice) => void;
  onValidate: () => void;
  onCancel: () => void;
  validating: boolean;
  /** Another action is running. */
  disabled: boolean;
  progress: Progress | null;
}

/** The Validate button, its progress, the import type used (and the override), and the result in one line. */
export function ValidatePanel(props: ValidatePanelProps) {
  const { result, importType, validating, disabled, progress } = props;
  const styles = useStyles();
  return (
    <section className={styles.root} aria-label="Validate">
      <div className={styles.buttons}>
        <Button appearance="primary" onClick={props.onValidate} disabled={validating || disabled}>
          Validate
        </Button>
        {validating && <Button onClick={props.onCancel}>Cancel</Button>}
      </div>
      {validating && progress && (
        <Field label={`${PHASES[progress.phase]}…`} validationState="none" hint={`${Math.round(progress.fraction * 100)}%`}>
          <ProgressBar value={progress.fraction} max={1} aria-label={`${PHASES[progress.phase]}, ${Math.round(progress.fraction * 100)}%`} />
        </Field>
      )}
      <div className={styles.type}>
        <Text>
          Import type: <strong>{typeText(result)}</strong>
        </Text>
        <Field label="Check as">
          <Select
            value={importType}
            disabled={validating || disabled}
            onChange={(_, data) => props.onImportTypeChange(data.value as ImportChoice)}
          >
            <option value="auto">Detect from the header row</option>
            {IMPORT_SPECS.map((spec) => (
              <option key={spec.id} value={spec.id}>
                {spec.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Text role="status" aria-live="polite">
        {result ? resultText(result) : "Select Validate to check the active sheet against the Data Exchange spec."}
      </Text>
    </section>
  );
}

function typeText(result: SheetValidation | null): string {
  if (!result) return "not checked yet";
  if (!result.spec) return "unknown (the header row matches no import type; choose one under Check as)";
  if (result.detectedBy === "user") return `${result.spec.label} (chosen by you)`;
  return `${result.spec.label} (detected from the header row)`;
}

export function resultText(result: SheetValidation): string {
  return `${result.sheet}: ${plural(result.rows, "data row")} checked, ${countsText(result.counts)}.`;
}
