import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Button, Divider, makeStyles, Tab, TabList, tokens } from "@fluentui/react-components";
import type { ActivityEntry, ConnectionSettings, Download, ImportApi } from "../../client/types";
import type { FixPlan, FixScope, HostCapabilities, Phase, SelectedCell, SheetValidation, WorkbookAdapter } from "../../excel/types";
import type { ImportTypeId } from "../../spec/types";
import type { Exception } from "../../validation";
import { isComplete, loadConnection, saveConnection, type SettingsStorage } from "../connection";
import { saveDownload } from "../download";
import { filterFindings, messageOf, NO_FILTER, plural, summarize, type FindingFilter } from "../findings";
import { useImportFlow } from "../importFlow";
import { ActivityPanel } from "./ActivityPanel";
import { Banner, type BannerState } from "./Banner";
import { FindingsList } from "./FindingsList";
import { FixPreview } from "./FixPreview";
import { SelectedCellPanel } from "./SelectedCellPanel";
import { SettingsPanel } from "./SettingsPanel";
import { SheetTools } from "./SheetTools";
import { SubmitPanel } from "./SubmitPanel";
import { SummaryChart } from "./SummaryChart";
import { ValidatePanel, type ImportChoice } from "./ValidatePanel";

export interface TaskPaneProps {
  adapter: WorkbookAdapter;
  /** Makes an import API client for the saved settings. */
  connect: (settings: ConnectionSettings) => ImportApi;
  /** Where the settings are kept (the browser's storage for the add-in); null when the browser keeps none. */
  storage: SettingsStorage | null;
  /** The import API address offered when none is saved. */
  defaultApiUrl: string;
  /** How often a running import is polled; the vendor's page polls about once a second. */
  pollMs?: number;
}

export type Action = "validate" | "exceptions" | "prepare" | "starter" | "clear" | "notes" | "fix";

type TabId = "check" | "submit" | "activity" | "settings";

export interface Progress {
  phase: Phase;
  fraction: number;
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    boxSizing: "border-box",
    minHeight: "100%",
  },
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  hiddenPanel: { display: "none" },
});

/**
 * The whole pane. It owns the state (the last result, filters, what is running) and talks to the workbook only
 * through the adapter, so tests drive it with an in-memory one.
 */
export function TaskPane({ adapter, connect, storage, defaultApiUrl, pollMs }: TaskPaneProps) {
  const styles = useStyles();
  const [capabilities, setCapabilities] = useState<HostCapabilities | null>(null);
  const [result, setResult] = useState<SheetValidation | null>(null);
  const [importType, setImportType] = useState<ImportChoice>("auto");
  const [busy, setBusy] = useState<Action | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [banner, setBanner] = useState<BannerState | null>(null);
  const [selectedCell, setSelectedCell] = useState<SelectedCell | null>(null);
  const [notes, setNotes] = useState(false);
  const [filter, setFilter] = useState<FindingFilter>(NO_FILTER);
  const validation = useRef<AbortController | null>(null);
  const [tab, setTab] = useState<TabId>("check");
  const [connection, setConnection] = useState<ConnectionSettings | null>(() => loadConnection(storage));
  const api = useMemo(() => (isComplete(connection) ? connect(connection) : null), [connection, connect]);
  const [activityKey, setActivityKey] = useState(0);
  const [fixPlan, setFixPlan] = useState<FixPlan | null>(null);

  const fail = useCallback((title: string, error: unknown) => setBanner({ intent: "error", title, message: messageOf(error) }), []);

  useEffect(() => {
    let live = true;
    adapter.capabilities().then(
      (found) => live && setCapabilities(found),
      (error: unknown) => {
        if (!live) return;
        setCapabilities({ notes: false, triggerSource: false });
        fail("Couldn't read what this Excel supports", error);
      },
    );
    return () => {
      live = false;
    };
  }, [adapter, fail]);

  useEffect(() => {
    const stops: Array<() => void> = [];
    try {
      stops.push(adapter.onValidationChanged((next) => setResult(next)));
      stops.push(adapter.onSelectionChanged((cell) => setSelectedCell(cell)));
      stops.push(adapter.onLiveError((error) => fail("Couldn't re-check your last change", error)));
    } catch (error) {
      fail("Live updates are off", error);
    }
    return () => stops.forEach((stop) => stop());
  }, [adapter, fail]);

  useEffect(() => () => validation.current?.abort(), []);

  const validate = useCallback(
    async (choice: ImportChoice) => {
      validation.current?.abort();
      const controller = new AbortController();
      validation.current = controller;
      setBusy("validate");
      setBanner(null);
      setProgress({ phase: "reading", fraction: 0 });
      // Progress arrives often; re-render only when the phase or the whole percentage changes.
      let shown = { phase: "reading" as Phase, percent: 0 };
      const onProgress = (phase: Phase, fraction: number) => {
        const percent = Math.floor(Math.min(Math.max(fraction, 0), 1) * 100);
        if (phase === shown.phase && percent === shown.percent) return;
        shown = { phase, percent };
        setProgress({ phase, fraction: percent / 100 });
      };
      try {
        const next = await adapter.validate({
          importType: choice === "auto" ? undefined : choice,
          onProgress,
          signal: controller.signal,
        });
        if (controller.signal.aborted) return null;
        setResult(next);
        return next;
      } catch (error) {
        if (controller.signal.aborted) setBanner({ intent: "info", title: "Validation stopped", message: "The sheet was not fully checked; the list shows the previous result." });
        else fail("Couldn't validate the sheet", error);
        return null;
      } finally {
        if (validation.current === controller) {
          validation.current = null;
          setBusy(null);
          setProgress(null);
        }
      }
    },
    [adapter, fail],
  );

  const cancel = useCallback(() => validation.current?.abort(), []);

  const chooseImportType = useCallback(
    (choice: ImportChoice) => {
      setImportType(choice);
      // A shown result was computed for the old type: re-check at once rather than leave stale findings up.
      if (result && !busy) void validate(choice);
    },
    [result, busy, validate],
  );

  /** Runs one workbook action: one at a time, errors in the banner, a success note when given. */
  const run = useCallback(
    async <T,>(action: Action, failure: string, work: () => Promise<T>, success?: (value: T) => string) => {
      setBusy(action);
      setBanner(null);
      try {
        const value = await work();
        if (success) setBanner({ intent: "success", title: "Done", message: success(value) });
        return true;
      } catch (error) {
        fail(failure, error);
        return false;
      } finally {
        setBusy(null);
      }
    },
    [fail],
  );

  const selectFinding = useCallback(
    (finding: Exception) => {
      adapter.selectFinding({ row: finding.row, column: finding.column }, result?.sheet).catch((error: unknown) => fail("Couldn't go to that cell", error));
    },
    [adapter, result?.sheet, fail],
  );

  const ensureValidated = useCallback(async () => {
    if (result) return result;
    const next = await validate(importType);
    if (!next) throw new Error("The sheet could not be validated, so it was not sent; see the message under Check.");
    return next;
  }, [result, validate, importType]);

  const flow = useImportFlow({
    adapter,
    api,
    ensureValidated,
    onResult: setResult,
    onSettled: useCallback(() => setActivityKey((key) => key + 1), []),
    pollMs,
  });

  /** Saves a file from the import API, or says why it could not. */
  const download = useCallback(
    (what: string, fetch: () => Promise<Download>) => {
      fetch().then(saveDownload, (error: unknown) => fail(`Couldn't download ${what}`, error));
    },
    [fail],
  );

  const planFix = useCallback(
    (finding: Exception, scope: FixScope) => void run("fix", "Couldn't prepare the fix", async () => setFixPlan(await adapter.planFix(finding, scope))),
    [adapter, run],
  );

  const undoFix = useCallback(() => {
    void run(
      "fix",
      "Couldn't undo the fix",
      async () => {
        const next = await adapter.undoFix();
        if (next) setResult(next);
        return next;
      },
      (next) => (next ? "The cells are as they were before the fix." : "There is no fix of the add-in's to undo."),
    );
  }, [adapter, run]);

  const applyFix = useCallback(
    async (plan: FixPlan) => {
      setBusy("fix");
      try {
        const next = await adapter.applyFix(plan);
        setResult(next);
        setFixPlan(null);
        setBanner({ intent: "success", title: "Fixed", message: `${plan.label}: ${plural(plan.changes.length, "cell")} changed and checked again.`, action: { label: "Undo fix", run: undoFix } });
      } catch (error) {
        setFixPlan(null);
        fail("Couldn't apply the fix", error);
      } finally {
        setBusy(null);
      }
    },
    [adapter, fail, undoFix],
  );

  // A fix or a server finding changes the selected cell's findings without a new selection event.
  const shownCell = useMemo(() => (selectedCell && result ? refreshed(selectedCell, result) : selectedCell), [selectedCell, result]);

  const exceptions = result?.exceptions;
  const summary = useMemo(() => summarize(exceptions ?? []), [exceptions]);
  const visible = useMemo(() => filterFindings(exceptions ?? [], filter), [exceptions, filter]);

  const connectedTo = isComplete(connection) ? `${connection.baseUrl} as ${connection.email}` : null;

  return (
    <main className={styles.root} aria-label="Data Exchange">
      <TabList selectedValue={tab} onTabSelect={(_, data) => setTab(data.value as TabId)} size="small" aria-label="Pane sections">
        <Tab value="check">Check</Tab>
        <Tab value="submit">Submit</Tab>
        <Tab value="activity">Activity</Tab>
        <Tab value="settings">Settings</Tab>
      </TabList>
      {banner && <Banner state={banner} onDismiss={() => setBanner(null)} />}
      {flow.problem && (
        <Banner
          state={{ intent: "error", title: flow.problem.title, message: messageOf(flow.problem.error), action: flow.problem.retry && { label: "Retry", run: flow.problem.retry } }}
          onDismiss={flow.dismissProblem}
        />
      )}
      <TabPanel shown={tab === "check"}>
        {fixPlan && <FixPreview plan={fixPlan} applying={busy === "fix"} onApply={() => void applyFix(fixPlan)} onCancel={() => setFixPlan(null)} />}
        <ValidatePanel
          result={result}
          importType={importType}
          onImportTypeChange={chooseImportType}
          onValidate={() => void validate(importType)}
          onCancel={cancel}
          validating={busy === "validate"}
          disabled={busy !== null && busy !== "validate"}
          progress={progress}
        />
        {result && (
          <>
            <SummaryChart summary={summary} filter={filter} onFilterChange={setFilter} />
            <FindingsList
              exceptions={result.exceptions}
              visible={visible}
              summary={summary}
              filter={filter}
              onFilterChange={setFilter}
              onSelect={selectFinding}
            />
          </>
        )}
        {shownCell && <SelectedCellPanel cell={shownCell} fixLabel={(finding) => adapter.fixLabel(finding)} onFix={planFix} busy={busy !== null} />}
        <Divider />
        <SheetTools
          busy={busy}
          capabilities={capabilities}
          notes={notes}
          hasResult={result !== null}
          defaultStarterType={result?.spec?.id}
          onExceptionsSheet={() => void run("exceptions", "Couldn't write the Exceptions sheet", () => adapter.writeExceptionsSheet(), (name) => `The findings are on the sheet "${name}".`)}
          onPrepareSheet={() => void run("prepare", "Couldn't prepare the sheet", () => adapter.prepareSheet(result?.sheet), () => "The sheet now has dropdowns and checks from the spec, and a frozen header.")}
          onNewStarterSheet={(type: ImportTypeId, starterOnly: boolean) =>
            void run("starter", "Couldn't add the starter sheet", () => adapter.newStarterSheet(type, starterOnly), (name) => `Added the sheet "${name}". Fill it in, then select Validate.`)
          }
          onClearMarks={() => void run("clear", "Couldn't clear the marks", () => adapter.clearMarks(), () => "The marks are gone; the sheet's own formatting is as before.")}
          onNotesChange={(enabled: boolean) => {
            setNotes(enabled);
            void run("notes", enabled ? "Couldn't add notes to the cells" : "Couldn't remove the notes", () => adapter.setNotes(enabled)).then((ok) => {
              if (!ok) setNotes(!enabled);
            });
          }}
        />
        {adapter.canUndoFix() && (
          <Button onClick={undoFix} disabled={busy !== null}>
            Undo fix
          </Button>
        )}
      </TabPanel>
      <TabPanel shown={tab === "submit"}>
        <SubmitPanel
          flow={flow}
          result={result}
          connectedTo={connectedTo}
          disabled={busy !== null}
          onOpenSettings={() => setTab("settings")}
          onDownloadReport={(id) => api && download("the exceptions report", () => api.downloadReportCsv(id))}
        />
      </TabPanel>
      <TabPanel shown={tab === "activity"}>
        <ActivityPanel
          api={api}
          refreshKey={activityKey}
          visible={tab === "activity"}
          onDownloadFile={(entry: ActivityEntry) => api && download(`the file ${entry.importFile}`, () => api.downloadFile(entry.bdeUUID))}
          onDownloadReport={(entry: ActivityEntry) => api && download(`the exceptions report of ${entry.importFile}`, () => api.downloadReportCsv(entry.bdeUUID))}
        />
      </TabPanel>
      <TabPanel shown={tab === "settings"}>
        <SettingsPanel
          saved={connection}
          defaultBaseUrl={defaultApiUrl}
          connect={connect}
          onSave={(settings) => {
            saveConnection(storage, settings);
            setConnection(settings);
          }}
        />
      </TabPanel>
    </main>
  );
}

/**
 * One tab's content. Hidden panels stay mounted, so a running import, the activity page and typed settings survive a
 * tab switch; the class hides them (a display rule would otherwise override the hidden attribute).
 */
function TabPanel({ shown, children }: { shown: boolean; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div hidden={!shown} className={shown ? styles.panel : styles.hiddenPanel}>
      {children}
    </div>
  );
}

/** The selected cell's findings as the current result has them. */
function refreshed(cell: SelectedCell, result: SheetValidation): SelectedCell {
  if (cell.sheet !== result.sheet) return cell;
  const exceptions = result.exceptions.filter((f) => f.row === cell.row && (f.column === cell.column || f.column === null));
  return { ...cell, exceptions };
}
