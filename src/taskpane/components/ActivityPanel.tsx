import { useCallback, useEffect, useRef, useState } from "react";
import { Badge, Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Subtitle2, Text, tokens } from "@fluentui/react-components";
import type { ActivityEntry, ActivityPage, ImportApi } from "../../client/types";
import { messageOf, plural } from "../findings";

export const ACTIVITY_PAGE_SIZE = 10;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  head: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  item: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  line: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  file: { overflowWrap: "anywhere" },
  pager: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
});

export interface ActivityPanelProps {
  api: ImportApi | null;
  /** Changes when an import settles, so the page is read again. */
  refreshKey: number;
  /** The tab is shown: read the page then, not while hidden. */
  visible: boolean;
  onDownloadFile: (entry: ActivityEntry) => void;
  onDownloadReport: (entry: ActivityEntry) => void;
}

/** BEACON's Activity List: every import of the organisation, newest first, a page at a time. */
export function ActivityPanel({ api, refreshKey, visible, onDownloadFile, onDownloadReport }: ActivityPanelProps) {
  const styles = useStyles();
  const [pageNumber, setPageNumber] = useState(1);
  const [page, setPage] = useState<ActivityPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const request = useRef<AbortController | null>(null);

  const load = useCallback(
    async (wanted: number) => {
      if (!api) return;
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      setLoading(true);
      setError(null);
      try {
        const next = await api.activity(wanted, ACTIVITY_PAGE_SIZE, controller.signal);
        if (controller.signal.aborted) return;
        setPage(next);
        setPageNumber(next.page);
      } catch (failure) {
        if (!controller.signal.aborted) setError(failure);
      } finally {
        if (request.current === controller) setLoading(false);
      }
    },
    [api],
  );

  // The page shown is read, not watched, when the tab opens or an import settles: paging calls load itself.
  const shownPage = useRef(1);
  shownPage.current = pageNumber;
  useEffect(() => {
    if (visible) void load(shownPage.current);
  }, [visible, refreshKey, load]);

  useEffect(() => () => request.current?.abort(), []);

  if (!api) {
    return (
      <section className={styles.root} aria-label="Activity">
        <Subtitle2 as="h2">Activity</Subtitle2>
        <Text>Set up the import API in Settings to see its activity list.</Text>
      </section>
    );
  }

  return (
    <section className={styles.root} aria-label="Activity">
      <div className={styles.head}>
        <Subtitle2 as="h2">Activity</Subtitle2>
        <Button size="small" onClick={() => void load(pageNumber)} disabled={loading}>
          Refresh
        </Button>
      </div>
      {error !== null && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Couldn't read the activity list</MessageBarTitle> {messageOf(error)}
          </MessageBarBody>
          <Button onClick={() => void load(pageNumber)}>Retry</Button>
        </MessageBar>
      )}
      {loading && !page && <Spinner size="tiny" label="Reading the activity list…" />}
      {page && page.items.length === 0 && <Text>No imports yet.</Text>}
      {page && page.items.length > 0 && (
        <ul className={styles.list} aria-label="Imports">
          {page.items.map((entry) => (
            <li key={entry.bdeUUID} className={styles.item} aria-label={`${entry.importFile}, ${entry.status}`}>
              <div className={styles.line}>
                <Text weight="semibold" className={styles.file}>
                  {entry.importFile}
                </Text>
                <Badge appearance="tint" color={badgeColor(entry)}>
                  {entry.status}
                </Badge>
              </div>
              <Text size={200}>{`${when(entry.queueTime)} · ${entry.importType ?? "type not known yet"} · ${entry.methodLabel}`}</Text>
              <Text size={200}>{recordsText(entry)}</Text>
              <Text size={200}>{`${entry.user.name} (${entry.user.email})`}</Text>
              <div className={styles.line}>
                <Button size="small" appearance="subtle" onClick={() => onDownloadFile(entry)} aria-label={`Original file of ${entry.importFile}`}>
                  Original file
                </Button>
                {entry.reportUrl && (
                  <Button size="small" appearance="subtle" onClick={() => onDownloadReport(entry)} aria-label={`Exceptions report of ${entry.importFile}`}>
                    Exceptions report
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {page && page.pages > 1 && (
        <nav className={styles.pager} aria-label="Pages">
          <Button size="small" disabled={loading || page.page <= 1} onClick={() => void load(page.page - 1)}>
            Previous page
          </Button>
          <Text>{`Page ${page.page} of ${page.pages} (${plural(page.total, "import")})`}</Text>
          <Button size="small" disabled={loading || page.page >= page.pages} onClick={() => void load(page.page + 1)}>
            Next page
          </Button>
        </nav>
      )}
    </section>
  );
}

function recordsText(entry: ActivityEntry): string {
  const records = entry.recordsImported === null ? `${plural(entry.recordsReady, "record")} ready` : `${entry.recordsImported.toLocaleString("en-US")} of ${plural(entry.recordsReady, "record")} imported`;
  return `${records} · ${plural(entry.warnings, "warning")} · ${plural(entry.errors, "error")}`;
}

/** The date and time in the clerk's own locale and time zone. */
function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

function badgeColor(entry: ActivityEntry): "success" | "danger" | "warning" | "informative" {
  switch (entry.state) {
    case "complete":
      return "success";
    case "exception":
    case "failed":
      return "danger";
    case "done":
      return "warning";
    default:
      return "informative";
  }
}
