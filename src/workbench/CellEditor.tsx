import { useEffect, useRef, type KeyboardEvent } from "react";
import { makeStyles } from "@fluentui/react-components";

const useStyles = makeStyles({
  input: {
    position: "absolute",
    boxSizing: "border-box",
    zIndex: 3,
    margin: 0,
    padding: "0 3px",
    border: "2px solid #217346",
    fontFamily: "inherit",
    fontSize: "inherit",
    backgroundColor: "#FFFFFF",
    outlineStyle: "none",
    boxShadow: "0 2px 6px rgba(0, 0, 0, 0.25)",
  },
});

export interface CellEditorProps {
  /** "Edit cell B3": how tests and screen readers find it. */
  label: string;
  initial: string;
  top: number;
  left: number;
  width: number;
  height: number;
  /** The text to enter (null: cancelled) and where the selection goes next, as Enter and Tab move it in Excel. */
  onDone: (text: string | null, move: "down" | "right" | "none") => void;
}

/** The in-cell editor: Enter or Tab enters the text, Escape cancels, leaving the cell enters it as Excel does. */
export function CellEditor({ label, initial, top, left, width, height, onDone }: CellEditorProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  // Set once the editor has answered, so the blur that follows closing it does not enter the text a second time.
  const done = useRef(false);

  useEffect(() => {
    const element = input.current;
    if (!element) return;
    element.focus();
    element.setSelectionRange(element.value.length, element.value.length);
  }, []);

  const finish = (text: string | null, move: "down" | "right" | "none") => {
    if (done.current) return;
    done.current = true;
    onDone(text, move);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    event.stopPropagation();
    if (event.key === "Enter") {
      event.preventDefault();
      finish(event.currentTarget.value, "down");
    } else if (event.key === "Tab") {
      event.preventDefault();
      finish(event.currentTarget.value, "right");
    } else if (event.key === "Escape") {
      event.preventDefault();
      finish(null, "none");
    }
  };

  return (
    <input
      ref={input}
      className={styles.input}
      aria-label={label}
      defaultValue={initial}
      style={{ top: top - 1, left: left - 1, width: Math.max(width + 2, initial.length * 8 + 16), height: height + 2 }}
      onKeyDown={onKeyDown}
      onMouseDown={(event) => event.stopPropagation()}
      onDoubleClick={(event) => event.stopPropagation()}
      onBlur={(event) => finish(event.currentTarget.value, "none")}
    />
  );
}
