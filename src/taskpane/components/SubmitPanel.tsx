import { useState } from "react";
import { Button, Checkbox, Field, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Subtitle2, Text, tokens } from "@fluentui/react-components";
import type { SheetValidation } from "../../excel/types";
import { plural } from "../findings";
import type { ImportFlow, Stage } from "../importFlow";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  figures: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

export interface SubmitPanelProps {
  flow: ImportFlow;
  result: SheetValidation | null;
  /** "the import API at … as …", or null when Settings are not complete. */
  connectedTo: string | null;
  onOpenSettings: () => void;
  onDownloadReport: (id: string) => void;
  /** Another pane action (validating, fixing) is running. */
  disabled: boolean;
}

/**
 * Submit, then the import as BEACON's page follows it: Queued, the test run's percent, records ready with warnings
 * and errors, Approve or Cancel, System Updating, the records imported.
 */
export function SubmitPanel({ flow, result, connectedTo, onOpenSettings, onDownloadReport, disabled }: SubmitPanelProps) {
  const styles = useStyles();
  const [sendAnyway, setSendAnyway] = useState(false);
  const { stage } = flow;
  const errors = result?.counts.errors ?? 0;
  // One import at a time: a test run waiting for Approve or Cancel holds the next submit back.
  const busy = stage.kind === "preparing" || stage.kind === "uploading" || stage.kind === "testing" || stage.kind === "tested" || stage.kind === "applying";
  const refused = errors > 0 && !sendAnyway;

  return (
    <section className={styles.root} aria-label="Submit">
      <Subtitle2 as="h2">Submit to the import API</Subtitle2>
      {connectedTo ? (
        <Text>Sends the checked sheet to {connectedTo} for a test run; nothing is imported until you approve it.</Text>
      ) : (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>No import API set up</MessageBarTitle> Give its address and your sign-in in Settings first.
          </MessageBarBody>
          <Button onClick={onOpenSettings}>Open Settings</Button>
        </MessageBar>
      )}
      {result && errors > 0 && !busy && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{`The sheet has ${plural(errors, "error")}`}</MessageBarTitle> Fix them first (Check tab), or send it anyway: the import API
            then blocks only the components of the rows with errors and imports the rest.
          </MessageBarBody>
        </MessageBar>
      )}
      {result && errors > 0 && (
        <Checkbox checked={sendAnyway} disabled={busy} onChange={(_, data) => setSendAnyway(data.checked === true)} label="Send anyway, with its errors" />
      )}
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={!connectedTo || busy || disabled || (result !== null && refused)} onClick={flow.submit}>
          Submit for a test run
        </Button>
        {(stage.kind === "complete" || stage.kind === "cancelled" || stage.kind === "rejected" || stage.kind === "failed") && <Button onClick={flow.reset}>Done</Button>}
      </div>
      {result === null && !busy && <Text size={200}>The sheet is validated first, then sent.</Text>}
      <StageView stage={stage} reconnecting={flow.reconnecting} />
      {stage.kind === "tested" && (
        <div className={styles.buttons}>
          <Button appearance="primary" onClick={flow.approve}>
            Approve
          </Button>
          <Button onClick={flow.cancel}>Cancel import</Button>
        </div>
      )}
      {"status" in stage && stage.status?.reportUrl && (
        <Button appearance="subtle" onClick={() => onDownloadReport(stage.id)}>
          Download the exceptions report
        </Button>
      )}
    </section>
  );
}

function StageView({ stage, reconnecting }: { stage: Stage; reconnecting: string | null }) {
  const styles = useStyles();
  const retrying = reconnecting && <Text role="status">{`Connection lost, retrying… (${reconnecting})`}</Text>;
  switch (stage.kind) {
    case "idle":
      return null;
    case "preparing":
      return <Text role="status">Reading the sheet into a file…</Text>;
    case "uploading": {
      const percent = Math.round(stage.fraction * 100);
      return (
        <Field label={`Uploading ${stage.submission.fileName}`} hint={`${percent}%`}>
          <ProgressBar value={stage.fraction} max={1} aria-label={`Uploading, ${percent}%`} />
        </Field>
      );
    }
    case "testing": {
      const status = stage.status;
      const queued = !status || status.state === "queued";
      const percent = status?.progress.percentComplete ?? 0;
      return (
        <>
          <Field label={queued ? "Queued" : `Test run: ${percent}%`} hint={`${stage.submission.fileName}, ${plural(stage.submission.rows, "row")}`}>
            <ProgressBar value={queued ? undefined : percent / 100} max={1} aria-label={queued ? "Queued" : `Test run, ${percent}%`} />
          </Field>
          {retrying}
        </>
      );
    }
    case "tested": {
      const { status, painted } = stage;
      return (
        <section aria-label="Test run result" aria-live="polite">
          <Text weight="semibold">Test run finished</Text>
          <ul className={styles.figures}>
            <li>{`Records ready: ${status.recordsReady}`}</li>
            <li>{`Warnings: ${status.warnings}`}</li>
            <li>{`Errors: ${status.errors}`}</li>
          </ul>
          <Text>
            {painted > 0
              ? `${plural(painted, "finding")} from the data already stored (moves, move-ins, unknown IDs) ${painted === 1 ? "is" : "are"} marked on the sheet and listed under Check.`
              : "Nothing conflicts with the data already stored."}{" "}
            Approve to import the ready records, or cancel.
          </Text>
        </section>
      );
    }
    case "applying":
      return (
        <>
          <Field label="System Updating" hint="The approved records are being imported.">
            <ProgressBar aria-label="System Updating" />
          </Field>
          {retrying}
        </>
      );
    case "complete":
      return (
        <Outcome intent="success" title="Imported">
          {`Records imported: ${stage.status.recordsImported ?? 0} of ${stage.status.recordsReady} ready (${plural(stage.status.warnings, "warning")}, ${plural(stage.status.errors, "error")}).`}
        </Outcome>
      );
    case "cancelled":
      return <Outcome intent="info" title="Cancelled">{`Nothing from ${stage.submission.fileName} was imported.`}</Outcome>;
    case "rejected":
      return <Outcome intent="error" title="The import API rejected the file">{stage.status.message || "The file could not be read as a Data Exchange file."}</Outcome>;
    case "failed":
      return <Outcome intent="error" title="The import failed">{`${stage.status.message || "The import API could not apply it."} Nothing was imported; submit again.`}</Outcome>;
  }
}

/** How an import ended, in one message bar: errors are announced at once, the rest politely. */
function Outcome({ intent, title, children }: { intent: "success" | "info" | "error"; title: string; children: string }) {
  return (
    <MessageBar intent={intent} role={intent === "error" ? "alert" : "status"} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle> {children}
      </MessageBarBody>
    </MessageBar>
  );
}
