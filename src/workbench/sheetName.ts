/** The sheet name Excel gives a CSV file it opens: the file's name without its extension, made a legal sheet name. */
export function sheetNameOf(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  const legal = base.replace(/[\\/?*[\]:]/g, "_").replace(/^'+|'+$/g, "").slice(0, 31).trim();
  return legal === "" ? "Sheet1" : legal;
}
