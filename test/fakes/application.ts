/// <reference types="office-js" />
/** The application (screen updating, calculation) and the runtime (`enableEvents`). */
import { FakeClientObject, type FakeRequestContext } from "./context";
import type { WorkbookModel } from "./model";
import type { Mirror } from "./officeShape";

export class FakeApplication extends FakeClientObject<WorkbookModel> implements Mirror<Excel.Application, "suspendScreenUpdatingUntilNextSync" | "suspendApiCalculationUntilNextSync"> {
  constructor(context: FakeRequestContext) {
    super(context, () => context.host.model, "Application");
  }
  protected scalarProperties(): readonly string[] {
    return [];
  }
  protected readProperty(): unknown {
    return undefined;
  }
  /** Only counted: the fake paints nothing. */
  suspendScreenUpdatingUntilNextSync(): void {
    this.context.enqueue("Application.suspendScreenUpdatingUntilNextSync", null, () => {
      this.context.host.checkApi("1.9", "suspendScreenUpdatingUntilNextSync");
      this.context.host.stats.screenUpdatingSuspensions++;
    });
  }
  suspendApiCalculationUntilNextSync(): void {
    this.context.enqueue("Application.suspendApiCalculationUntilNextSync", null, () => undefined);
  }
}

export class FakeRuntime extends FakeClientObject<WorkbookModel> implements Mirror<Excel.Runtime, "enableEvents"> {
  constructor(context: FakeRequestContext) {
    super(context, () => context.host.model, "Runtime");
  }
  protected scalarProperties(): readonly string[] {
    return ["enableEvents"];
  }
  protected readProperty(): unknown {
    return this.context.host.eventsEnabled;
  }
  get enableEvents(): boolean {
    return this.get("enableEvents");
  }
  /** Turns this add-in's event handlers off or on (for the whole add-in, as in Excel), from the next sync. */
  set enableEvents(enabled: boolean) {
    this.loaded.set("enableEvents", enabled);
    this.context.enqueue("Runtime.enableEvents =", enabled, () => {
      this.context.host.checkApi("1.8", "enableEvents");
      this.context.host.eventsEnabled = enabled;
    });
  }
}
