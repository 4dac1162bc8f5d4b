import { useEffect, useState } from "react";
import { Button, Checkbox, Field, makeStyles, Select, Subtitle2, Switch, tokens } from "@fluentui/react-components";
import type { HostCapabilities } from "../../excel/types";
import { IMPORT_SPECS } from "../../spec";
import type { ImportTypeId } from "../../spec/types";
import { NOTES_EXCEL_API } from "../../excel/requirements";
import type { Action } from "./TaskPane";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "end" },
});

export const NOTES_UNSUPPORTED =
  `Notes need Excel with ExcelApi ${NOTES_EXCEL_API} (Microsoft 365 version 2501 or later, Excel on the web, Mac 16.93); ` +
  "this Excel doesn't have them, so the findings are shown here in the pane instead.";

export interface SheetToolsProps {
  busy: Action | null;
  capabilities: HostCapabilities | null;
  notes: boolean;
  hasResult: boolean;
  /** The type of the last result, to start the starter-sheet picker on. */
  defaultStarterType?: ImportTypeId;
  onExceptionsSheet: () => void;
  onPrepareSheet: () => void;
  onNewStarterSheet: (type: ImportTypeId, starterOnly: boolean) => void;
  onClearMarks: () => void;
  onNotesChange: (enabled: boolean) => void;
}

/** Workbook actions besides validating: report sheet, preparing a sheet, a new starter sheet, marks and notes. */
export function SheetTools(props: SheetToolsProps) {
  const { busy, capabilities, notes, hasResult } = props;
  const styles = useStyles();
  const [starterType, setStarterType] = useState<ImportTypeId>(props.defaultStarterType ?? IMPORT_SPECS[0].id);
  const [starterOnly, setStarterOnly] = useState(true);
  useEffect(() => {
    if (props.defaultStarterType) setStarterType(props.defaultStarterType);
  }, [props.defaultStarterType]);
  const disabled = busy !== null;
  const notesSupported = capabilities?.notes === true;
  const hasStarterSubset = IMPORT_SPECS.find((s) => s.id === starterType)?.columns.some((c) => c.starter) ?? false;

  return (
    <section className={styles.root} aria-label="Sheet tools">
      <Subtitle2 as="h2">Sheet tools</Subtitle2>
      <div className={styles.row}>
        <Button onClick={props.onExceptionsSheet} disabled={disabled || !hasResult} title="Write every finding to an Exceptions sheet, each with a link to its cell">
          Exceptions sheet
        </Button>
        <Button onClick={props.onPrepareSheet} disabled={disabled} title="Add dropdowns and checks from the spec to the data columns and freeze the header">
          Prepare sheet
        </Button>
        <Button onClick={props.onClearMarks} disabled={disabled} title="Remove every mark the add-in made; your own formatting stays as it was">
          Clear marks
        </Button>
      </div>
      <div className={styles.row}>
        <Field label="Starter sheet type">
          <Select value={starterType} disabled={disabled} onChange={(_, data) => setStarterType(data.value as ImportTypeId)}>
            {IMPORT_SPECS.map((spec) => (
              <option key={spec.id} value={spec.id}>
                {spec.label}
              </option>
            ))}
          </Select>
        </Field>
        {hasStarterSubset && (
          <Checkbox label="Starter columns only" checked={starterOnly} disabled={disabled} onChange={(_, data) => setStarterOnly(data.checked === true)} />
        )}
        <Button onClick={() => props.onNewStarterSheet(starterType, hasStarterSubset && starterOnly)} disabled={disabled}>
          New starter sheet
        </Button>
      </div>
      <Field
        hint={
          capabilities === null
            ? "Checking whether this Excel supports notes…"
            : notesSupported
              ? "Adds a note with the findings to each marked cell."
              : NOTES_UNSUPPORTED
        }
      >
        <Switch
          label="Notes on cells"
          checked={notes && notesSupported}
          disabled={!notesSupported || disabled}
          onChange={(_, data) => props.onNotesChange(data.checked)}
        />
      </Field>
    </section>
  );
}
