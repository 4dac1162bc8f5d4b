/// <reference types="office-js" />
/** The workbook proxy and its settings: per-workbook key/values (ExcelApi 1.4), stored as JSON as Office stores them. */
import { FakeClientObject, type FakeRequestContext } from "./context";
import { FakeOfficeError } from "./errors";
import type { WorkbookModel } from "./model";
import { FakeNoteCollection } from "./notes";
import type { Mirror } from "./officeShape";
import { FakeRange } from "./range";
import { FakeWorksheetCollection } from "./worksheet";

export class FakeWorkbook extends FakeClientObject<WorkbookModel> implements Mirror<Excel.Workbook, "worksheets" | "settings" | "notes" | "getSelectedRange"> {
  constructor(context: FakeRequestContext) {
    super(context, () => context.host.model, "Workbook");
  }
  protected scalarProperties(): readonly string[] {
    return [];
  }
  protected readProperty(): unknown {
    return undefined;
  }
  get worksheets(): FakeWorksheetCollection {
    return new FakeWorksheetCollection(this.context);
  }
  get settings(): FakeSettingCollection {
    return new FakeSettingCollection(this.context);
  }
  get notes(): FakeNoteCollection {
    return new FakeNoteCollection(this.context, () => ({ workbook: this.resolveTarget(), sheet: null }));
  }
  getSelectedRange(): FakeRange {
    return FakeRange.make(
      this.context,
      () => {
        const model = this.resolveTarget();
        const selection = model.selection ?? { sheetId: model.activeSheetId, rect: { row: 0, column: 0, rows: 1, columns: 1 } };
        return { sheet: model.sheet(selection.sheetId), rect: selection.rect };
      },
      "Workbook.getSelectedRange",
      null,
    );
  }
}

interface SettingTarget {
  model: WorkbookModel;
  key: string;
}

export class FakeSettingCollection extends FakeClientObject<WorkbookModel> implements Mirror<Excel.SettingCollection, "add" | "getItem" | "getItemOrNullObject"> {
  constructor(context: FakeRequestContext) {
    super(context, () => context.host.model, "SettingCollection");
  }
  protected scalarProperties(): readonly string[] {
    return [];
  }
  protected readProperty(): unknown {
    return undefined;
  }

  add(key: string, value: unknown): FakeSetting {
    const json = JSON.stringify(value);
    if (json === undefined) throw new FakeOfficeError("InvalidArgument", `Setting '${key}': the value cannot be stored as JSON.`);
    return FakeClientObject.created(
      new FakeSetting(this.context, () => {
        const model = this.resolveTarget();
        model.settings.set(key, json);
        return { model, key };
      }),
      "SettingCollection.add",
      [key, value],
      "command",
    );
  }

  private lookup(key: string, nullable: boolean): FakeSetting {
    return FakeClientObject.created(
      new FakeSetting(
        this.context,
        () => {
          const model = this.resolveTarget();
          if (model.settings.has(key)) return { model, key };
          if (nullable) return null;
          throw new FakeOfficeError("ItemNotFound", `No setting '${key}'.`);
        },
        nullable,
      ),
      nullable ? "SettingCollection.getItemOrNullObject" : "SettingCollection.getItem",
      [key],
    );
  }

  getItem(key: string): FakeSetting {
    return this.lookup(key, false);
  }

  getItemOrNullObject(key: string): FakeSetting {
    return this.lookup(key, true);
  }
}

export class FakeSetting extends FakeClientObject<SettingTarget> implements Mirror<Excel.Setting, "key" | "value" | "delete" | "isNullObject"> {
  constructor(context: FakeRequestContext, resolver: () => SettingTarget | null, nullable = false) {
    super(context, resolver, "Setting", nullable);
  }
  protected scalarProperties(): readonly string[] {
    return ["key", "value"];
  }
  protected readProperty({ model, key }: SettingTarget, name: string): unknown {
    if (name === "key") return key;
    const json = model.settings.get(key);
    return json === undefined ? null : (JSON.parse(json) as unknown);
  }
  get key(): string {
    return this.get("key");
  }
  get value(): unknown {
    return this.get("value");
  }
  set value(value: unknown) {
    const json = JSON.stringify(value);
    this.setProperty("value", value, ({ model, key }) => {
      if (json === undefined) throw new FakeOfficeError("InvalidArgument", `Setting '${key}': the value cannot be stored as JSON.`);
      model.settings.set(key, json);
    });
  }
  delete(): void {
    this.invoke("delete", null, ({ model, key }) => void model.settings.delete(key));
  }
}
