import { FluentProvider, makeStyles, webLightTheme, type Theme } from "@fluentui/react-components";
import type { WorkbookAdapter } from "../../excel/types";
import { ErrorBoundary } from "./ErrorBoundary";
import { TaskPane } from "./TaskPane";

export interface AppProps {
  /** The workbook the pane works on: the Excel adapter in Office, an in-memory one in tests. */
  adapter: WorkbookAdapter;
  /** Follows Office's theme (see themeFor); light by default. */
  theme?: Theme;
}

const useStyles = makeStyles({ provider: { minHeight: "100vh" } });

export function App({ adapter, theme = webLightTheme }: AppProps) {
  const styles = useStyles();
  return (
    <FluentProvider theme={theme} className={styles.provider}>
      <ErrorBoundary>
        <TaskPane adapter={adapter} />
      </ErrorBoundary>
    </FluentProvider>
  );
}
