import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Divider, makeStyles, tokens } from "@fluentui/react-components";
import type { HostCapabilities, Phase, SelectedCell, SheetValidation, WorkbookAdapter } from "../../excel/types";
import type { ImportTypeId } from "../../spec/types";
import type { Exception } from "../../validation";
import { filterFindings, messageOf, NO_FILTER, summarize, type FindingFilter } from "../findings";
import { Banner, type BannerState } from "./Banner";
import { FindingsList } from "./FindingsList";
import { SelectedCellPanel } from "./SelectedCellPanel";
import { SheetTools } from "./SheetTools";
import { SummaryChart } from "./SummaryChart";
import { ValidatePanel, type ImportChoice } from "./ValidatePanel";

export interface TaskPaneProps {
  adapter: WorkbookAdapter;
}

export type Action = "validate" | "exceptions" | "prepare" | "starter" | "clear" | "notes";

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
});

/**
 * The whole pane. It owns the state (the last result, filters, what is running) and talks to the workbook only
 * through the adapter, so tests drive it with an in-memory one.
 */
export function TaskPane({ adapter }: TaskPaneProps) {
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
        if (!controller.signal.aborted) setResult(next);
      } catch (error) {
        if (controller.signal.aborted) setBanner({ intent: "info", title: "Validation stopped", message: "The sheet was not fully checked; the list shows the previous result." });
        else fail("Couldn't validate the sheet", error);
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

  const exceptions = result?.exceptions;
  const summary = useMemo(() => summarize(exceptions ?? []), [exceptions]);
  const visible = useMemo(() => filterFindings(exceptions ?? [], filter), [exceptions, filter]);

  return (
    <main className={styles.root} aria-label="Data Exchange">
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
      {banner && <Banner state={banner} onDismiss={() => setBanner(null)} />}
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
      {selectedCell && <SelectedCellPanel cell={selectedCell} />}
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
    </main>
  );
}
