/// <reference types="office-js" />
/**
 * Conditional formats: a range's collection lists the formats that overlap it, `add` puts a new one at the top
 * priority over the range's cells, `clearAll` removes every format (the user's too) from those cells. The fake
 * evaluates no rule; it keeps the rule and the format so tests can see what a cell would show.
 */
import type { Rect } from "./a1";
import { FakeClientObject, FakeClientResult, FakeItemsCollection, type FakeRequestContext } from "./context";
import { FakeOfficeError } from "./errors";
import { type BorderSide, type ConditionalFormatModel, type SheetModel, overlapsAny, subtractArea } from "./model";
import type { Mirror } from "./officeShape";

export interface CollectionTarget {
  sheet: SheetModel;
  areas: Rect[];
}

interface FormatTarget {
  sheet: SheetModel;
  cf: ConditionalFormatModel;
}

type ConditionalFormatType = Excel.ConditionalFormatType | "Custom" | "DataBar" | "ColorScale" | "IconSet" | "TopBottom" | "PresetCriteria" | "ContainsText" | "CellValue";

function overlapping({ sheet, areas }: CollectionTarget): ConditionalFormatModel[] {
  return sheet.conditionalFormats.filter((cf) => areas.some((a) => overlapsAny(cf.areas, a)));
}

export class FakeConditionalFormatCollection
  extends FakeItemsCollection<CollectionTarget, FakeConditionalFormat>
  implements Mirror<Excel.ConditionalFormatCollection, "items" | "add" | "clearAll" | "getCount" | "getItem" | "getItemAt" | "getItemOrNullObject">
{
  constructor(context: FakeRequestContext, resolver: () => CollectionTarget) {
    super(context, resolver, "ConditionalFormatCollection");
  }

  protected readonly defaultItemProperties = ["id", "type", "priority", "stopIfTrue"];

  /** Every format overlapping the range, each with the properties named. */
  protected readItems(names: readonly string[]) {
    const target = this.resolveTarget();
    const items = overlapping(target).map((cf) => new FakeConditionalFormat(this.context, () => ({ sheet: target.sheet, cf })).preload([...names]));
    return { responseBytes: items.reduce((n, item) => n + item.loadedBytes(), 2), commit: () => items.map((i) => i.commitPreload()) };
  }


  add(type: ConditionalFormatType): FakeConditionalFormat {
    return FakeClientObject.created(
      new FakeConditionalFormat(this.context, () => {
        const { sheet, areas } = this.resolveTarget();
        const cf: ConditionalFormatModel = { id: this.context.host.model.newConditionalFormatId(), type, areas: areas.map((a) => ({ ...a })), formula: null, format: { borders: {} }, stopIfTrue: false };
        sheet.conditionalFormats.unshift(cf);
        return { sheet, cf };
      }),
      "ConditionalFormatCollection.add",
      [type],
      "command",
    );
  }

  clearAll(): void {
    this.invoke("clearAll", null, ({ sheet, areas }) => {
      for (const cf of sheet.conditionalFormats) for (const area of areas) cf.areas = subtractArea(cf.areas, area);
      sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => cf.areas.length > 0);
    });
  }

  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this.context.enqueue("ConditionalFormatCollection.getCount", null, () => {
      const count = overlapping(this.resolveTarget()).length;
      return { responseBytes: 8, commit: () => void (result.value = count) };
    });
    return result;
  }

  private byId(id: string, nullable: boolean): FakeConditionalFormat {
    const proxy = new FakeConditionalFormat(
      this.context,
      () => {
        const target = this.resolveTarget();
        const cf = overlapping(target).find((c) => c.id === id);
        if (!cf && !nullable) throw new FakeOfficeError("ItemNotFound", `No conditional format with id ${id} in this range.`);
        return cf ? { sheet: target.sheet, cf } : null;
      },
      nullable,
    );
    return FakeClientObject.created(proxy, nullable ? "ConditionalFormatCollection.getItemOrNullObject" : "ConditionalFormatCollection.getItem", [id]);
  }

  getItem(id: string): FakeConditionalFormat {
    return this.byId(id, false);
  }

  getItemOrNullObject(id: string): FakeConditionalFormat {
    this.requireApi("1.14", "getItemOrNullObject");
    return this.byId(id, true);
  }

  getItemAt(index: number): FakeConditionalFormat {
    return FakeClientObject.created(
      new FakeConditionalFormat(this.context, () => {
        const target = this.resolveTarget();
        const cf = overlapping(target)[index];
        if (!cf) throw new FakeOfficeError("ItemNotFound", `No conditional format at index ${index}.`);
        return { sheet: target.sheet, cf };
      }),
      "ConditionalFormatCollection.getItemAt",
      [index],
    );
  }
}

export class FakeConditionalFormat
  extends FakeClientObject<FormatTarget>
  implements Mirror<Excel.ConditionalFormat, "id" | "type" | "priority" | "stopIfTrue" | "custom" | "delete" | "isNullObject">
{
  private preloaded: Map<string, unknown> | null = null;

  constructor(context: FakeRequestContext, resolver: () => FormatTarget | null, nullable = false) {
    super(context, resolver, "ConditionalFormat", nullable);
  }

  protected scalarProperties(): readonly string[] {
    return ["id", "type", "priority", "stopIfTrue"];
  }

  protected readProperty({ sheet, cf }: FormatTarget, name: string): unknown {
    if (name === "id") return cf.id;
    if (name === "type") return cf.type;
    if (name === "priority") return sheet.conditionalFormats.indexOf(cf);
    if (name === "stopIfTrue") return cf.stopIfTrue;
    return undefined;
  }

  /** For a collection's item load: reads now (inside the sync) and is handed its values when the sync succeeds. */
  preload(names: string[]): this {
    const target = this.resolveTarget();
    this.preloaded = new Map(names.map((n) => [n, this.readProperty(target, n)]));
    return this;
  }
  loadedBytes(): number {
    return [...(this.preloaded ?? [])].reduce((n, [k, v]) => n + k.length + 4 + JSON.stringify(v).length, 2);
  }
  commitPreload(): this {
    for (const [k, v] of this.preloaded ?? []) this.loaded.set(k, v);
    return this;
  }

  get id(): string {
    return this.get("id");
  }
  get type(): ConditionalFormatType {
    return this.get("type");
  }
  get priority(): number {
    return this.get("priority");
  }
  set priority(priority: number) {
    this.setProperty("priority", priority, ({ sheet, cf }) => {
      sheet.conditionalFormats.splice(sheet.conditionalFormats.indexOf(cf), 1);
      sheet.conditionalFormats.splice(Math.max(0, Math.min(priority, sheet.conditionalFormats.length)), 0, cf);
    });
  }
  get stopIfTrue(): boolean {
    return this.get("stopIfTrue");
  }
  set stopIfTrue(stop: boolean) {
    this.setProperty("stopIfTrue", stop, ({ cf }) => void (cf.stopIfTrue = stop));
  }

  get custom(): FakeCustomConditionalFormat {
    return new FakeCustomConditionalFormat(this.context, () => {
      const target = this.resolveTarget();
      if (target.cf.type !== "Custom") throw new FakeOfficeError("InvalidOperation", `This conditional format is ${target.cf.type}, not Custom.`);
      return target;
    });
  }

  delete(): void {
    this.invoke("delete", null, ({ sheet, cf }) => {
      const at = sheet.conditionalFormats.indexOf(cf);
      if (at < 0) throw new FakeOfficeError("ItemNotFound", `Conditional format ${cf.id} was already deleted.`);
      sheet.conditionalFormats.splice(at, 1);
    });
  }
}

export class FakeCustomConditionalFormat extends FakeClientObject<FormatTarget> implements Mirror<Excel.CustomConditionalFormat, "rule" | "format"> {
  constructor(context: FakeRequestContext, resolver: () => FormatTarget) {
    super(context, resolver, "CustomConditionalFormat");
  }
  protected scalarProperties(): readonly string[] {
    return [];
  }
  protected readProperty(): unknown {
    return undefined;
  }
  get rule(): FakeConditionalFormatRule {
    return new FakeConditionalFormatRule(this.context, () => this.resolveTarget());
  }
  get format(): FakeConditionalRangeFormat {
    return new FakeConditionalRangeFormat(this.context, () => this.resolveTarget());
  }
}

export class FakeConditionalFormatRule extends FakeClientObject<FormatTarget> implements Mirror<Excel.ConditionalFormatRule, "formula"> {
  constructor(context: FakeRequestContext, resolver: () => FormatTarget) {
    super(context, resolver, "ConditionalFormatRule");
  }
  protected scalarProperties(): readonly string[] {
    return ["formula"];
  }
  protected readProperty({ cf }: FormatTarget): unknown {
    return cf.formula;
  }
  get formula(): string {
    return this.get("formula");
  }
  set formula(formula: string) {
    this.setProperty("formula", formula, ({ cf }) => {
      if (!formula.startsWith("=")) throw new FakeOfficeError("InvalidArgument", `A conditional format formula starts with "=": ${formula}`);
      cf.formula = formula;
    });
  }
}

export class FakeConditionalRangeFormat extends FakeClientObject<FormatTarget> implements Mirror<Excel.ConditionalRangeFormat, "fill" | "font" | "borders"> {
  constructor(context: FakeRequestContext, resolver: () => FormatTarget) {
    super(context, resolver, "ConditionalRangeFormat");
  }
  protected scalarProperties(): readonly string[] {
    return [];
  }
  protected readProperty(): unknown {
    return undefined;
  }
  get fill(): FakeConditionalRangeFill {
    return new FakeConditionalRangeFill(this.context, () => this.resolveTarget());
  }
  get font(): FakeConditionalRangeFont {
    return new FakeConditionalRangeFont(this.context, () => this.resolveTarget());
  }
  get borders(): FakeConditionalRangeBorderCollection {
    return new FakeConditionalRangeBorderCollection(this.context, () => this.resolveTarget());
  }
}

export class FakeConditionalRangeFill extends FakeClientObject<FormatTarget> implements Mirror<Excel.ConditionalRangeFill, "color" | "clear"> {
  constructor(context: FakeRequestContext, resolver: () => FormatTarget) {
    super(context, resolver, "ConditionalRangeFill");
  }
  protected scalarProperties(): readonly string[] {
    return ["color"];
  }
  protected readProperty({ cf }: FormatTarget): unknown {
    return cf.format.fill ?? null;
  }
  get color(): string {
    return this.get("color");
  }
  set color(color: string) {
    this.setProperty("color", color, ({ cf }) => void (cf.format.fill = color.toUpperCase()));
  }
  clear(): void {
    this.invoke("clear", null, ({ cf }) => void delete cf.format.fill);
  }
}

export class FakeConditionalRangeFont extends FakeClientObject<FormatTarget> implements Mirror<Excel.ConditionalRangeFont, "color" | "bold"> {
  constructor(context: FakeRequestContext, resolver: () => FormatTarget) {
    super(context, resolver, "ConditionalRangeFont");
  }
  protected scalarProperties(): readonly string[] {
    return ["color", "bold"];
  }
  protected readProperty({ cf }: FormatTarget, name: string): unknown {
    return name === "bold" ? (cf.format.bold ?? false) : (cf.format.fontColor ?? null);
  }
  get color(): string {
    return this.get("color");
  }
  set color(color: string) {
    this.setProperty("color", color, ({ cf }) => void (cf.format.fontColor = color.toUpperCase()));
  }
  get bold(): boolean {
    return this.get("bold");
  }
  set bold(bold: boolean) {
    this.setProperty("bold", bold, ({ cf }) => void (cf.format.bold = bold));
  }
}

type ConditionalBorderIndex = Excel.ConditionalRangeBorderIndex | "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight";

export class FakeConditionalRangeBorderCollection
  extends FakeClientObject<FormatTarget>
  implements Mirror<Excel.ConditionalRangeBorderCollection, "getItem" | "top" | "bottom" | "left" | "right">
{
  constructor(context: FakeRequestContext, resolver: () => FormatTarget) {
    super(context, resolver, "ConditionalRangeBorderCollection");
  }
  protected scalarProperties(): readonly string[] {
    return [];
  }
  protected readProperty(): unknown {
    return undefined;
  }
  getItem(index: ConditionalBorderIndex): FakeConditionalRangeBorder {
    return new FakeConditionalRangeBorder(this.context, () => this.resolveTarget(), index as BorderSide);
  }
  get top(): FakeConditionalRangeBorder {
    return this.getItem("EdgeTop");
  }
  get bottom(): FakeConditionalRangeBorder {
    return this.getItem("EdgeBottom");
  }
  get left(): FakeConditionalRangeBorder {
    return this.getItem("EdgeLeft");
  }
  get right(): FakeConditionalRangeBorder {
    return this.getItem("EdgeRight");
  }
}

type ConditionalBorderStyle = Excel.ConditionalRangeBorderLineStyle | "None" | "Continuous" | "Dash" | "DashDot" | "DashDotDot" | "Dot";

export class FakeConditionalRangeBorder extends FakeClientObject<FormatTarget> implements Mirror<Excel.ConditionalRangeBorder, "color" | "style"> {
  constructor(context: FakeRequestContext, resolver: () => FormatTarget, private readonly side: BorderSide) {
    super(context, resolver, "ConditionalRangeBorder");
  }
  protected scalarProperties(): readonly string[] {
    return ["color", "style"];
  }
  protected readProperty({ cf }: FormatTarget, name: string): unknown {
    const border = cf.format.borders[this.side];
    return name === "color" ? (border?.color ?? null) : (border?.style ?? "None");
  }
  get color(): string {
    return this.get("color");
  }
  set color(color: string) {
    this.setProperty("color", color, ({ cf }) => void ((cf.format.borders[this.side] ??= {}).color = color.toUpperCase()));
  }
  get style(): ConditionalBorderStyle {
    return this.get("style");
  }
  set style(style: ConditionalBorderStyle) {
    this.setProperty("style", style, ({ cf }) => void ((cf.format.borders[this.side] ??= {}).style = style));
  }
}
