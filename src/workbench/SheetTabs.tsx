import { makeStyles, Tab, TabList } from "@fluentui/react-components";
import type { FakeExcelHost } from "../../test/fakes";
import { useHostVersion } from "./useHostVersion";

const useStyles = makeStyles({
  root: { borderTop: "1px solid #D4D4D4", backgroundColor: "#F3F3F3", overflowX: "auto", flexShrink: 0 },
});

/**
 * The sheet tabs under the grid, when the workbook has more than one visible sheet (the add-in adds "Exceptions").
 * A click is the user clicking a tab: the sheet becomes the active one, the one Validate checks.
 */
export function SheetTabs({ host }: { host: FakeExcelHost }) {
  const styles = useStyles();
  useHostVersion(host);
  const sheets = host.model.sheets.filter((s) => s.visibility === "Visible");
  if (sheets.length < 2) return null;
  return (
    <div className={styles.root}>
      <TabList size="small" aria-label="Sheets" selectedValue={host.model.activeSheetId} onTabSelect={(_, data) => host.activate(String(data.value))}>
        {sheets.map((sheet) => (
          <Tab key={sheet.id} value={sheet.id}>
            {sheet.name}
          </Tab>
        ))}
      </TabList>
    </div>
  );
}
