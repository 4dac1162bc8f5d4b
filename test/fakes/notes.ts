/// <reference types="office-js" />
/**
 * Notes (ExcelApi 1.18): one per cell, added to a single cell only. On a host without 1.18 every call fails at sync
 * with ApiNotFound, as on Excel 2021 or LTSC.
 */
import { type Rect, cellName, parseArea } from "./a1";
import { FakeClientObject, FakeClientResult, FakeItemsCollection, type FakeRequestContext } from "./context";
import { FakeOfficeError } from "./errors";
import { type RowModel, type SheetModel, type WorkbookModel, rowAt, setSlot } from "./model";
import type { Mirror } from "./officeShape";
import { FakeRange } from "./range";

/** Notes of one sheet, or of the whole workbook (sheet null). */
export interface NotesTarget {
  workbook: WorkbookModel;
  sheet: SheetModel | null;
}

interface NoteTarget {
  sheet: SheetModel;
  /** The row object, not its index: a note moves with its row when rows are inserted above it. */
  row: RowModel;
  column: number;
}

function rowIndexOf(target: NoteTarget): number {
  return target.sheet.rows.indexOf(target.row);
}

function notesOf(workbook: WorkbookModel, sheet: SheetModel | null): NoteTarget[] {
  const out: NoteTarget[] = [];
  for (const s of sheet ? [sheet] : workbook.sheets) {
    s.rows.forEach((row) => row?.notes?.forEach((note, column) => note && out.push({ sheet: s, row: row, column })));
  }
  return out;
}

export class FakeNoteCollection
  extends FakeItemsCollection<NotesTarget, FakeNote>
  implements Mirror<Excel.NoteCollection, "items" | "add" | "getItem" | "getItemOrNullObject" | "getItemAt" | "getCount">
{
  constructor(context: FakeRequestContext, resolver: () => NotesTarget) {
    super(context, resolver, "NoteCollection");
    this.requireApi("1.18", "notes");
  }

  protected readonly defaultItemProperties = ["content", "authorName"];

  protected readItems(names: readonly string[]) {
    const { workbook, sheet } = this.resolveTarget();
    const items = notesOf(workbook, sheet).map((t) => new FakeNote(this.context, () => t));
    const values = items.map((item) => names.map((n) => [n, item.read(n)] as const));
    return {
      responseBytes: JSON.stringify(values).length,
      commit: () => {
        items.forEach((item, i) => item.accept(values[i]));
        return items;
      },
    };
  }


  private cellOf(address: string | FakeRange, target: NotesTarget): { sheet: SheetModel; rect: Rect } {
    if (address instanceof FakeRange) return address.resolveTarget();
    const parsed = parseArea(address);
    if (!parsed) throw new FakeOfficeError("InvalidArgument", `'${address}' is not a cell address.`);
    const sheet = parsed.sheet !== null ? target.workbook.sheet(parsed.sheet) : target.sheet;
    if (!sheet) throw new FakeOfficeError("InvalidArgument", `A workbook note address names its sheet ('Sheet1!A1'), not '${address}'.`);
    if (target.sheet && sheet !== target.sheet) throw new FakeOfficeError("InvalidArgument", `'${address}' is not on this sheet.`);
    return { sheet, rect: parsed.rect };
  }

  add(cellAddress: Excel.Range | string, content: unknown): FakeNote {
    const address = cellAddress as unknown as FakeRange | string;
    return FakeClientObject.created(
      new FakeNote(this.context, () => {
        const { sheet, rect } = this.cellOf(address, this.resolveTarget());
        if (rect.rows !== 1 || rect.columns !== 1) throw new FakeOfficeError("InvalidArgument", "A note goes on a single cell.");
        const row = rowAt(sheet, rect.row, true);
        if (row.notes?.[rect.column]) throw new FakeOfficeError("InvalidArgument", `Cell ${cellName(rect.row, rect.column)} already has a note.`);
        setSlot(row, "notes", rect.column, { content: String(content), author: this.context.host.author });
        return { sheet, row, column: rect.column };
      }),
      "NoteCollection.add",
      [typeof address === "string" ? address : "(range)", content],
      "command",
    );
  }

  private lookup(key: string, nullable: boolean): FakeNote {
    return FakeClientObject.created(
      new FakeNote(
        this.context,
        () => {
          const { sheet, rect } = this.cellOf(key, this.resolveTarget());
          const row = sheet.rows[rect.row];
          if (row?.notes?.[rect.column]) return { sheet, row, column: rect.column };
          if (nullable) return null;
          throw new FakeOfficeError("ItemNotFound", `No note at ${key}.`);
        },
        nullable,
      ),
      nullable ? "NoteCollection.getItemOrNullObject" : "NoteCollection.getItem",
      [key],
    );
  }

  getItem(key: string): FakeNote {
    return this.lookup(key, false);
  }

  getItemOrNullObject(key: string): FakeNote {
    return this.lookup(key, true);
  }

  getItemAt(index: number): FakeNote {
    return FakeClientObject.created(
      new FakeNote(this.context, () => {
        const { workbook, sheet } = this.resolveTarget();
        const note = notesOf(workbook, sheet)[index];
        if (!note) throw new FakeOfficeError("ItemNotFound", `No note at index ${index}.`);
        return note;
      }),
      "NoteCollection.getItemAt",
      [index],
    );
  }

  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this.context.enqueue("NoteCollection.getCount", null, () => {
      const { workbook, sheet } = this.resolveTarget();
      const count = notesOf(workbook, sheet).length;
      return { responseBytes: 8, commit: () => void (result.value = count) };
    });
    return result;
  }
}

export class FakeNote extends FakeClientObject<NoteTarget> implements Mirror<Excel.Note, "content" | "authorName" | "delete" | "getLocation" | "isNullObject"> {
  constructor(context: FakeRequestContext, resolver: () => NoteTarget | null, nullable = false) {
    super(context, resolver, "Note", nullable);
  }

  protected scalarProperties(): readonly string[] {
    return ["content", "authorName"];
  }

  protected readProperty(target: NoteTarget, name: string): unknown {
    const note = target.row.notes?.[target.column];
    if (!note) throw new FakeOfficeError("ItemNotFound", "The note was deleted.");
    return name === "content" ? note.content : note.author;
  }

  read(name: string): unknown {
    return this.readProperty(this.resolveTarget(), name);
  }

  accept(values: ReadonlyArray<readonly [string, unknown]>): void {
    for (const [k, v] of values) this.loaded.set(k, v);
  }

  get content(): string {
    return this.get("content");
  }
  set content(content: string) {
    this.setProperty("content", content, (target) => {
      const note = target.row.notes?.[target.column];
      if (!note) throw new FakeOfficeError("ItemNotFound", "The note was deleted.");
      note.content = content;
    });
  }
  get authorName(): string {
    return this.get("authorName");
  }

  delete(): void {
    this.invoke("delete", null, (target) => {
      if (!target.row.notes?.[target.column]) throw new FakeOfficeError("ItemNotFound", "The note was already deleted.");
      target.row.notes[target.column] = undefined;
    });
  }

  getLocation(): FakeRange {
    return FakeRange.make(
      this.context,
      () => {
        const target = this.resolveTarget();
        return { sheet: target.sheet, rect: { row: rowIndexOf(target), column: target.column, rows: 1, columns: 1 } };
      },
      "Note.getLocation",
      null,
    );
  }
}
