import { useRef } from "react";
import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    flexShrink: 0,
  },
  title: { fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalM },
  file: { color: tokens.colorNeutralForeground2, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  hidden: { display: "none" },
});

export interface FileBarProps {
  fileName: string | null;
  busy: boolean;
  onLoadSample: () => void;
  onOpen: (file: File) => void;
}

/** The workbench's own bar: what is open, "Load sample" and "Open file…" (a .csv or .xlsx from the user's disk). */
export function FileBar({ fileName, busy, onLoadSample, onOpen }: FileBarProps) {
  const styles = useStyles();
  const picker = useRef<HTMLInputElement>(null);
  return (
    <header className={styles.root}>
      <Text className={styles.title}>Data Exchange workbench</Text>
      <Button appearance="primary" disabled={busy} onClick={onLoadSample}>
        Load sample
      </Button>
      <Button disabled={busy} onClick={() => picker.current?.click()}>
        Open file…
      </Button>
      <input
        ref={picker}
        className={styles.hidden}
        type="file"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-label="Open a .csv or .xlsx file"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          // Cleared so that picking the same file again opens it again.
          event.currentTarget.value = "";
          if (file) onOpen(file);
        }}
      />
      <Text className={styles.file} aria-live="polite">
        {busy ? "Opening…" : fileName ? `Open: ${fileName}` : "An empty workbook: load the sample or open a file."}
      </Text>
    </header>
  );
}
