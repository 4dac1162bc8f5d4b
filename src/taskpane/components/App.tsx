import { FluentProvider, makeStyles, webLightTheme, type Theme } from "@fluentui/react-components";
import { createImportApiClient } from "../../client";
import type { ConnectionSettings, ImportApi } from "../../client/types";
import type { WorkbookAdapter } from "../../excel/types";
import { browserStorage, type SettingsStorage } from "../connection";
import { ErrorBoundary } from "./ErrorBoundary";
import { TaskPane } from "./TaskPane";

/** The import API `npm run server` and `npm start` run on this machine. */
export const LOCAL_API_URL = "http://127.0.0.1:8080";

export interface AppProps {
  /** The workbook the pane works on: the Excel adapter in Office, an in-memory one in tests. */
  adapter: WorkbookAdapter;
  /** Follows Office's theme (see themeFor); light by default. */
  theme?: Theme;
  /** Makes the import API client; the axios one by default, a fake in tests. */
  connect?: (settings: ConnectionSettings) => ImportApi;
  /** Where the connection settings are kept; the browser's localStorage by default. */
  storage?: SettingsStorage | null;
  /** The import API address offered before any is saved. */
  defaultApiUrl?: string;
  pollMs?: number;
}

const useStyles = makeStyles({ provider: { minHeight: "100vh" } });

const connectWithAxios = (settings: ConnectionSettings) => createImportApiClient(settings);

export function App({ adapter, theme = webLightTheme, connect = connectWithAxios, storage = browserStorage(), defaultApiUrl = LOCAL_API_URL, pollMs }: AppProps) {
  const styles = useStyles();
  return (
    <FluentProvider theme={theme} className={styles.provider}>
      <ErrorBoundary>
        <TaskPane adapter={adapter} connect={connect} storage={storage} defaultApiUrl={defaultApiUrl} pollMs={pollMs} />
      </ErrorBoundary>
    </FluentProvider>
  );
}
