/// <reference types="office-js" />
/**
 * Finding the conditional formats an earlier run made (their ids are in the settings, perhaps on another sheet, perhaps
 * from another copy of the pane) so they can be deleted. The lookups ride along with syncs the caller makes anyway;
 * `ready()` adds a sync only for what is still missing.
 */
import { deleteFormats, loadFormatIds } from "./marks";
import type { StoredState } from "./settings";

type Stage = "sheet" | "formats" | "done";

export class OldMarks {
  private stage: Stage;
  private probe: Excel.Worksheet | null = null;
  private target: Excel.Worksheet | null = null;
  private formats: Excel.ConditionalFormatCollection | null = null;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly marks: StoredState["marks"],
    current: { sheet: Excel.Worksheet; id: string } | null,
  ) {
    if (!marks || marks.formats.length === 0) this.stage = "done";
    else if (current && current.id === marks.sheetId) {
      this.target = current.sheet;
      this.stage = "formats";
    } else this.stage = "sheet";
  }

  /** Queues the next lookup (again, if the last sync failed). */
  before(): void {
    if (this.stage === "sheet") this.probe = this.context.workbook.worksheets.getItemOrNullObject(this.marks!.sheetId);
    else if (this.stage === "formats") this.formats = loadFormatIds(this.target!);
  }

  /** Takes the results of the sync that carried `before()`'s lookups. */
  after(): void {
    if (this.stage === "sheet") {
      if (this.probe!.isNullObject) this.stage = "done";
      else {
        this.target = this.probe;
        this.stage = "formats";
      }
    } else if (this.stage === "formats") this.stage = "done";
  }

  async ready(): Promise<void> {
    while (this.stage !== "done") {
      this.before();
      await this.context.sync();
      this.after();
    }
  }

  /** Queues the deletion of the old formats that still exist; call after `ready()`. */
  queueDeletes(): number {
    return this.formats && this.marks ? deleteFormats(this.formats, this.marks.formats.map((f) => f.id)) : 0;
  }
}
