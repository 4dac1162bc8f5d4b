/**
 * The page: the file bar on top, the sheet (grid and sheet tabs) on the left, and on the right, about as wide as
 * Excel's task pane, the real task pane over the same workbook. Each opened file is a new session (a new fake host
 * and adapter) and a freshly mounted pane, as if Excel had opened the workbook.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { FluentProvider, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens, webLightTheme } from "@fluentui/react-components";
import type { FakeWorkbookSpec } from "../../test/fakes";
import { FileBar } from "./FileBar";
import { FormulaBar } from "./FormulaBar";
import { Grid } from "./Grid";
import { fetchSample, SAMPLE_FILE, workbookOf } from "./openFile";
import { renderPane } from "./pane";
import { startSession, type Session } from "./session";
import { SheetTabs } from "./SheetTabs";

/** Excel's task pane is about 350 px wide by default; the pane is laid out for that. */
export const PANE_WIDTH = 360;

const EMPTY: FakeWorkbookSpec = { sheets: [{ name: "Sheet1", rows: [] }] };

const useStyles = makeStyles({
  provider: { height: "100%" },
  root: { display: "flex", flexDirection: "column", height: "100%" },
  main: { display: "flex", flex: 1, minHeight: 0 },
  sheet: { display: "flex", flexDirection: "column", flex: 1, minWidth: 0 },
  grid: { flex: 1, minHeight: 0 },
  pane: {
    width: `${PANE_WIDTH}px`,
    flexShrink: 0,
    overflowY: "auto",
    borderLeft: `1px solid ${tokens.colorNeutralStroke1}`,
    boxShadow: tokens.shadow4,
  },
  error: { margin: tokens.spacingHorizontalS },
});

export function Workbench() {
  const styles = useStyles();
  const [session, setSession] = useState<Session | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const current = useRef<Session | null>(null);

  /** Ends the open session, then opens `workbook`; one at a time. */
  const open = useCallback(async (fileName: string, load: () => Promise<FakeWorkbookSpec>) => {
    setBusy(true);
    setProblem(null);
    try {
      const workbook = await load();
      await current.current?.close();
      current.current = startSession(fileName, workbook);
      setSession(current.current);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    void open("", async () => EMPTY);
    return () => void current.current?.close();
  }, [open]);

  const loadSample = () => void open(SAMPLE_FILE, async () => workbookOf(SAMPLE_FILE, await fetchSample()));
  const openFile = (file: File) => void open(file.name, async () => workbookOf(file.name, await file.arrayBuffer()));

  return (
    <FluentProvider theme={webLightTheme} className={styles.provider}>
      <div className={styles.root}>
        <FileBar fileName={session?.fileName || null} busy={busy} onLoadSample={loadSample} onOpen={openFile} />
        {problem && (
          <MessageBar intent="error" className={styles.error}>
            <MessageBarBody>
              <MessageBarTitle>Couldn't open the file</MessageBarTitle>
              {problem}
            </MessageBarBody>
          </MessageBar>
        )}
        <div className={styles.main}>
          <section className={styles.sheet} aria-label="Workbook">
            {session && (
              <>
                <FormulaBar host={session.host} />
                <div className={styles.grid}>
                  <Grid key={session.id} host={session.host} />
                </div>
                <SheetTabs host={session.host} />
              </>
            )}
          </section>
          <aside className={styles.pane} aria-label="Task pane">
            {session && <div key={session.id}>{renderPane(session.adapter)}</div>}
          </aside>
        </div>
      </div>
    </FluentProvider>
  );
}
