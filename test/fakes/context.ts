/// <reference types="office-js" />
/**
 * The request context and the proxy base of the fake host: the heart of Office.js's batching model.
 *
 * - A proxy's setters and methods only queue an action; `context.sync()` runs the queued actions in order against the
 *   workbook model, then hands the loaded values to their proxies. An action that fails stops the batch (the ones
 *   before it stay applied, as in Excel) and `sync()` rejects with a RichApi-style error.
 * - Reading a property that was not loaded, or was loaded but not yet synced, throws PropertyNotLoaded.
 * - Each sync's request (the queued actions and their arguments) and response (the loaded values) are measured as
 *   JSON; over 5 MB either way throws RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded.
 * - Every sync is counted, with its sizes, in the host's stats.
 */
import { FakeOfficeError, propertyNotLoaded } from "./errors";
import type { FakeExcelHost } from "./host";
import { ACTION_OVERHEAD_BYTES, jsonBytes } from "./payload";
import type { FakeWorkbook } from "./workbook";
import type { FakeApplication, FakeRuntime } from "./application";

/** Excel on the web caps each request and each response at 5 MB. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export interface ActionResult {
  responseBytes: number;
  commit(): void;
}

/** "instantiate" makes a proxy's object (harmless if never synced); "command" changes or loads something. */
export type ActionKind = "instantiate" | "command";

interface Action {
  label: string;
  bytes: number;
  kind: ActionKind;
  run(): ActionResult | void;
}

export class FakeTrackedObjects implements OfficeExtension.TrackedObjects {
  add(_objects: OfficeExtension.ClientObject | OfficeExtension.ClientObject[]): void {
    // Tracking adjusts ranges across batches in Excel; the fake's proxies keep their resolved cells, so nothing to do.
  }
  remove(_objects: OfficeExtension.ClientObject | OfficeExtension.ClientObject[]): void {}
}

export class FakeRequestContext implements OfficeExtension.ClientRequestContext {
  readonly trackedObjects = new FakeTrackedObjects();
  requestHeaders: { [name: string]: string } = {};
  private queue: Action[] = [];
  private open = true;
  /** Values changed by this batch, reported to change handlers once the sync succeeds. */
  private changed: Array<{ sheetId: string; address: string }> = [];
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;
  readonly runtime: FakeRuntime;

  constructor(readonly host: FakeExcelHost) {
    this.workbook = host.createWorkbookProxy(this);
    this.application = host.createApplicationProxy(this);
    this.runtime = host.createRuntimeProxy(this);
  }

  get debugInfo(): OfficeExtension.RequestContextDebugInfo {
    return { pendingStatements: this.queue.map((a) => a.label) };
  }

  /** Commands queued since the last sync (instantiations left unused do not count). */
  get pendingCommands(): string[] {
    return this.queue.filter((a) => a.kind === "command").map((a) => a.label);
  }

  /** Excel.run reopens a context it is handed (to remove an event handler with the context that added it). */
  reopen(): void {
    this.open = true;
  }

  close(): void {
    this.open = false;
  }

  enqueue(label: string, argumentsForSize: unknown, run: () => ActionResult | void, kind: ActionKind = "command"): void {
    this.queue.push({ label, bytes: ACTION_OVERHEAD_BYTES + jsonBytes(argumentsForSize), kind, run });
  }

  noteChange(sheetId: string, address: string): void {
    this.changed.push({ sheetId, address });
  }

  load(object: OfficeExtension.ClientObject, option?: string | string[] | OfficeExtension.LoadOption): void {
    if (!(object instanceof FakeClientObject)) throw new FakeOfficeError("InvalidArgument", "context.load was given an object the fake host did not make");
    object.load(option);
  }

  loadRecursive(): void {
    throw new FakeOfficeError("ApiNotFound", "loadRecursive is not modelled by the fake host");
  }

  trace(message: string): void {
    this.queue.push({ label: `trace: ${message}`, bytes: ACTION_OVERHEAD_BYTES + message.length, kind: "instantiate", run: () => undefined });
  }

  async sync<T>(passThroughValue?: T): Promise<T> {
    if (!this.open) throw new FakeOfficeError("InvalidRequestContext", "Cannot use the request context after Excel.run has finished; pass it back to Excel.run first.");
    const actions = this.queue;
    this.queue = [];
    this.changed = [];
    const requestBytes = 2 + actions.reduce((sum, a) => sum + a.bytes, 0);
    const record = this.host.recordSync(requestBytes, actions.length);
    // Office.js sends the batch and resolves later: let other tasks run first, as the real round trip would.
    await Promise.resolve();
    if (requestBytes > PAYLOAD_LIMIT_BYTES) {
      throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", `The request payload size (${requestBytes} bytes) has exceeded the limit.`);
    }
    const commits: Array<() => void> = [];
    let responseBytes = 2;
    for (const action of actions) {
      let result: ActionResult | void;
      try {
        result = action.run();
      } catch (error) {
        if (error instanceof FakeOfficeError && !error.debugInfo.errorLocation) error.debugInfo.errorLocation = action.label;
        this.host.deliverChanges(this.changed);
        this.host.notifyWatchers();
        throw error;
      }
      if (result) {
        responseBytes += result.responseBytes;
        commits.push(result.commit);
      }
    }
    record.responseBytes = responseBytes;
    this.host.deliverChanges(this.changed);
    if (actions.some((a) => a.kind === "command")) this.host.notifyWatchers();
    if (responseBytes > PAYLOAD_LIMIT_BYTES) {
      throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", `The response payload size (${responseBytes} bytes) has exceeded the limit.`);
    }
    for (const commit of commits) commit();
    return passThroughValue as T;
  }
}

export interface LoadRequest {
  /** Scalar properties of this object. */
  properties: string[];
  /** Loads to pass on to navigation properties: "format/fill/color" → ["format", "fill/color"]. */
  paths: Array<[string, string]>;
}

export function parseLoadOption(option: string | string[] | OfficeExtension.LoadOption | undefined): LoadRequest | null {
  if (option === undefined) return null;
  let names: string[];
  if (typeof option === "string") names = option.split(",");
  else if (Array.isArray(option)) names = option.flatMap((o) => o.split(","));
  else {
    const select = option.select ?? [];
    const expand = option.expand ?? [];
    names = [...(Array.isArray(select) ? select : select.split(",")), ...(Array.isArray(expand) ? expand : expand.split(","))];
  }
  const properties: string[] = [];
  const paths: Array<[string, string]> = [];
  for (const raw of names) {
    const name = raw.trim();
    if (name === "") continue;
    const slash = name.indexOf("/");
    if (slash < 0) properties.push(name);
    else paths.push([name.slice(0, slash), name.slice(slash + 1)]);
  }
  return { properties, paths };
}

/**
 * A proxy of one API object. `resolver` finds the object in the model while a sync runs (once; the proxy then keeps
 * it, as Office.js keeps a reference to an object it has instantiated). An OrNullObject proxy may resolve to null.
 */
export abstract class FakeClientObject<T = unknown> {
  protected readonly loaded = new Map<string, unknown>();
  private target: T | null | undefined = undefined;
  private nullKnown: boolean | undefined = undefined;

  constructor(
    readonly context: FakeRequestContext,
    private readonly resolver: () => T | null,
    protected readonly typeName: string,
    private readonly nullable = false,
  ) {}

  /** Queues the instantiation of a proxy a method returned: errors in its arguments surface in this sync, in order. */
  protected static created<P extends FakeClientObject<unknown>>(proxy: P, label: string, args: unknown, kind: ActionKind = "instantiate"): P {
    proxy.context.enqueue(
      label,
      args,
      () => {
        proxy.resolveTarget(true);
        return { responseBytes: proxy.nullable ? 16 : 0, commit: () => proxy.markResolved() };
      },
      kind,
    );
    return proxy;
  }

  /** A proxy whose object is known already (the items of a loaded collection). */
  protected adopt(target: T): this {
    this.target = target;
    this.nullKnown = false;
    return this;
  }

  get isNullObject(): boolean {
    if (!this.nullable) return false;
    if (this.nullKnown === undefined) throw propertyNotLoaded("isNullObject");
    return this.nullKnown;
  }

  private markResolved(): void {
    this.nullKnown = this.target === null;
  }

  /** The model object, during a sync. Using a null object throws ItemNotFound, as an action on it does in Excel. */
  resolveTarget(allowNull = false): T {
    if (this.target === undefined) this.target = this.resolver();
    if (this.target === null) {
      if (allowNull && this.nullable) return null as unknown as T;
      throw new FakeOfficeError("ItemNotFound", `The requested ${this.typeName} does not exist.`);
    }
    return this.target;
  }

  /** The scalar properties `load()` with no argument brings back. */
  protected abstract scalarProperties(): readonly string[];

  /** Reads one scalar property from the model (during a sync). */
  protected abstract readProperty(target: T, name: string): unknown;

  /** A navigation property by name, for "format/fill/color" loads. */
  protected navigation(name: string): FakeClientObject<unknown> | null {
    void name;
    return null;
  }

  load(option?: string | string[] | OfficeExtension.LoadOption): this {
    const request = parseLoadOption(option) ?? { properties: [...this.scalarProperties()], paths: [] };
    // "items/id,items/name" is one load of the items with both properties, as Office.js merges it.
    const grouped = new Map<string, string[]>();
    for (const [first, rest] of request.paths) grouped.set(first, [...(grouped.get(first) ?? []), rest]);
    for (const [first, rests] of grouped) this.loadPath(first, rests.filter((r) => r !== "").join(","));
    const properties = request.properties.filter((p) => !this.loadsAsPath(p));
    for (const p of request.properties.filter((p) => this.loadsAsPath(p))) this.loadPath(p, "");
    for (const name of properties) {
      if (!this.scalarProperties().includes(name)) throw new FakeOfficeError("InvalidArgument", `${this.typeName} has no property '${name}' the fake host can load.`);
    }
    this.context.enqueue(`${this.typeName}.load(${properties.join(",")})`, properties, () => {
      const target = this.resolveTarget(true);
      const values = new Map<string, unknown>();
      let bytes = 0;
      if (target !== null) {
        for (const name of properties) {
          const value = this.readProperty(target, name);
          values.set(name, value);
          bytes += name.length + 4 + (value === null ? 4 : jsonBytes(value));
        }
      }
      return {
        responseBytes: bytes,
        commit: () => {
          this.markResolved();
          for (const [name, value] of values) this.loaded.set(name, value);
        },
      };
    });
    return this;
  }

  /** Collections load "items/..." themselves; other objects pass a path to the navigation property it names. */
  protected loadsAsPath(name: string): boolean {
    void name;
    return false;
  }

  protected loadPath(first: string, rest: string): void {
    const child = this.navigation(first);
    if (!child) throw new FakeOfficeError("InvalidArgument", `${this.typeName} has no navigation property '${first}' the fake host can load.`);
    child.load(rest === "" ? undefined : rest);
  }

  /** A loaded value; throws PropertyNotLoaded when it was not loaded and synced (or set by this code). */
  protected get<V>(name: string): V {
    if (this.loaded.has(name)) return this.loaded.get(name) as V;
    if (this.nullKnown === true) return null as V;
    throw propertyNotLoaded(name);
  }

  /** Sets a property: the proxy shows the new value at once (as Office.js does) and the change runs at the next sync. */
  protected setProperty(name: string, value: unknown, apply: (target: T) => void): void {
    this.loaded.set(name, value);
    this.context.enqueue(`${this.typeName}.${name} =`, value, () => {
      apply(this.resolveTarget());
    });
  }

  protected invoke(name: string, args: unknown, apply: (target: T) => void): void {
    this.context.enqueue(`${this.typeName}.${name}()`, args, () => {
      apply(this.resolveTarget());
    });
  }

  /** Requires an API set the host may lack: the call fails at sync with ApiNotFound, as on an older Excel. */
  protected requireApi(version: string, member: string): void {
    if (this.context.host.supports(version)) return;
    this.context.enqueue(
      `${this.typeName}.${member}`,
      null,
      () => {
        throw new FakeOfficeError("ApiNotFound", `${this.typeName}.${member} needs ExcelApi ${version}; this host has ExcelApi ${this.context.host.apiVersion}.`);
      },
      "instantiate",
    );
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

/** The result of a method that returns a value (`getCount()` and the like). */
export class FakeClientResult<V> implements OfficeExtension.ClientResult<V> {
  private known = false;
  private current: V | undefined;

  get value(): V {
    if (!this.known) throw propertyNotLoaded("value");
    return this.current as V;
  }

  set value(value: V) {
    this.current = value;
    this.known = true;
  }
}

/**
 * A collection whose only loadable property is `items` ("items/id,items/name"): Office.js loads the items with the
 * properties named (or the collection's defaults) and throws on reading `items` before that load is synced.
 */
export abstract class FakeItemsCollection<T, Item> extends FakeClientObject<T> {
  private loadedItems: Item[] | null = null;

  /** What `load("items")` reads when no item properties are named. */
  protected abstract readonly defaultItemProperties: readonly string[];

  /** Reads the items for a sync: the response size, and the items with their values once committed. */
  protected abstract readItems(names: readonly string[]): { responseBytes: number; commit: () => Item[] };

  protected scalarProperties(): readonly string[] {
    return [];
  }
  protected readProperty(): unknown {
    return undefined;
  }
  protected override loadsAsPath(name: string): boolean {
    return name === "items";
  }
  protected override loadPath(first: string, rest: string): void {
    if (first !== "items") throw new FakeOfficeError("InvalidArgument", `${this.typeName} has no navigation property '${first}'.`);
    const names = rest === "" ? this.defaultItemProperties : rest.split(",").map((n) => n.trim());
    this.context.enqueue(`${this.typeName}.load(items)`, names, () => {
      const { responseBytes, commit } = this.readItems(names);
      return { responseBytes, commit: () => void (this.loadedItems = commit()) };
    });
  }

  get items(): Item[] {
    if (!this.loadedItems) throw propertyNotLoaded("items");
    return this.loadedItems;
  }
}
