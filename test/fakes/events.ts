/// <reference types="office-js" />
/**
 * Event handler collections (`onChanged`, `onSelectionChanged`). As in Office.js, `add` takes effect at the next
 * sync, a handler outlives the `Excel.run` that added it, and removing it needs that run's context again
 * (`Excel.run(result.context, ...)`).
 */
import type { FakeRequestContext } from "./context";
import type { FakeExcelHost, Subscription } from "./host";

export type EventKind = "changed" | "selectionChanged";

export class FakeEventHandlerResult<T> implements OfficeExtension.EventHandlerResult<T> {
  constructor(
    readonly context: FakeRequestContext,
    private readonly owner: FakeEventHandlers<T>,
    private readonly handler: (args: T) => Promise<unknown>,
  ) {}

  remove(): void {
    this.owner.remove(this.handler);
  }
}

export class FakeEventHandlers<T> implements OfficeExtension.EventHandlers<T> {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly host: FakeExcelHost,
    private readonly kind: EventKind,
    /** The sheet id, or null for the worksheet collection (every sheet). */
    private readonly scope: () => string | null,
    private readonly minimumApi: string,
  ) {}

  add(handler: (args: T) => Promise<unknown>): FakeEventHandlerResult<T> {
    this.context.enqueue(`on${this.kind}.add`, null, () => {
      this.host.checkApi(this.minimumApi, `on${this.kind[0].toUpperCase()}${this.kind.slice(1)}`);
      const subscription: Subscription = { kind: this.kind, sheetId: this.scope(), handler: handler as (args: unknown) => Promise<unknown>, context: this.context };
      this.host.subscribe(subscription);
    });
    return new FakeEventHandlerResult(this.context, this, handler);
  }

  remove(handler: (args: T) => Promise<unknown>): void {
    this.context.enqueue(`on${this.kind}.remove`, null, () => {
      this.host.unsubscribe(this.kind, this.scope(), handler as (args: unknown) => Promise<unknown>, this.context);
    });
  }
}
