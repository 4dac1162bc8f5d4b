import { useEffect, useState } from "react";
import { Input, makeStyles, tokens } from "@fluentui/react-components";
import type { FakeExcelHost } from "../../test/fakes";
import { parseArea, quoteSheet, rectAddress } from "../../test/fakes/a1";
import { editText } from "./editText";
import { useHostVersion } from "./useHostVersion";

const useStyles = makeStyles({
  root: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: "1px solid #D4D4D4",
    flexShrink: 0,
  },
  name: { width: "110px" },
  content: { flex: 1, minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

/**
 * Excel's Name Box and formula bar: the selected address (type one, e.g. AG3, and Enter to go there, as in Excel)
 * and what the active cell holds (its value as entered, not as shown).
 */
export function FormulaBar({ host }: { host: FakeExcelHost }) {
  const styles = useStyles();
  useHostVersion(host);
  const sheet = host.model.activeSheet();
  const selection = host.model.selection?.sheetId === sheet.id ? host.model.selection.rect : null;
  const address = selection ? rectAddress(selection) : "";
  const [typed, setTyped] = useState(address);
  useEffect(() => setTyped(address), [address]);

  const go = () => {
    const target = typed.trim();
    const parsed = parseArea(target);
    if (!parsed) return setTyped(address);
    host.select(parsed.sheet === null ? `${quoteSheet(sheet.name)}!${target}` : target);
  };

  return (
    <div className={styles.root}>
      <Input
        className={styles.name}
        size="small"
        aria-label="Name Box"
        value={typed}
        onChange={(_, data) => setTyped(data.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") go();
          if (event.key === "Escape") setTyped(address);
        }}
      />
      <span className={styles.content} aria-label="Cell content">
        {selection ? editText(sheet, selection.row, selection.column) : ""}
      </span>
    </div>
  );
}
