/// <reference types="office-js" />
/**
 * Data validation on a range, with the limits Excel enforces: an inline list ("A,B,C") of at most 255 characters, a
 * list reference to a sheet that exists, an input prompt's title at most 32 and its message at most 255 characters,
 * an error alert's title at most 32 and message at most 225. The fake does not evaluate the rule against values.
 */
import { parseArea } from "./a1";
import { FakeClientObject, type FakeRequestContext } from "./context";
import type { CollectionTarget } from "./conditionalFormats";
import { FakeOfficeError } from "./errors";
import { type ValidationRuleModel, clearValidation, setValidationPart, validationAt } from "./model";
import type { Mirror } from "./officeShape";

export const LIST_SOURCE_LIMIT = 255;

type ValidationType = Excel.DataValidationType | "None" | "WholeNumber" | "Decimal" | "List" | "Date" | "Time" | "TextLength" | "Custom" | "Inconsistent" | "MixedCriteria";

export class FakeDataValidation
  extends FakeClientObject<CollectionTarget>
  implements Mirror<Excel.DataValidation, "rule" | "prompt" | "errorAlert" | "ignoreBlanks" | "type" | "clear">
{
  constructor(context: FakeRequestContext, resolver: () => CollectionTarget) {
    super(context, resolver, "DataValidation");
    this.requireApi("1.8", "dataValidation");
  }

  protected scalarProperties(): readonly string[] {
    return ["rule", "prompt", "errorAlert", "ignoreBlanks", "type"];
  }

  /** Excel reports the validation of the range when every cell shares one, and "Inconsistent" otherwise. */
  protected readProperty({ sheet, areas }: CollectionTarget, name: string): unknown {
    const first = areas[0];
    const model = validationAt(sheet, first.row, first.column);
    const corners = areas.flatMap((a) => [validationAt(sheet, a.row, a.column), validationAt(sheet, a.row + a.rows - 1, a.column + a.columns - 1)]);
    const consistent = corners.every((v) => v === model);
    if (name === "type") return consistent ? (model?.type ?? "None") : "Inconsistent";
    if (!consistent) return null;
    if (name === "rule") return model?.rule ?? {};
    if (name === "prompt") return model?.prompt ?? { showPrompt: false, title: "", message: "" };
    if (name === "errorAlert") return model?.errorAlert ?? { showAlert: true, style: "Stop", title: "", message: "" };
    return model?.ignoreBlanks ?? true;
  }

  get type(): ValidationType {
    return this.get("type");
  }

  get rule(): Excel.DataValidationRule {
    return this.get("rule");
  }
  set rule(rule: Excel.DataValidationRule) {
    this.setProperty("rule", rule, ({ sheet, areas }) => {
      const type = checkRule(rule, (name) => this.context.host.model.findSheet(name) !== undefined);
      setValidationPart(sheet, areas, (v: ValidationRuleModel) => {
        v.type = type;
        v.rule = structuredCloneRule(rule);
      });
    });
  }

  get prompt(): Excel.DataValidationPrompt {
    return this.get("prompt");
  }
  set prompt(prompt: Excel.DataValidationPrompt) {
    this.setProperty("prompt", prompt, ({ sheet, areas }) => {
      if ((prompt.title ?? "").length > 32) throw new FakeOfficeError("InvalidArgument", `An input prompt title has at most 32 characters, not ${prompt.title.length}.`);
      if ((prompt.message ?? "").length > 255) throw new FakeOfficeError("InvalidArgument", `An input prompt message has at most 255 characters, not ${prompt.message.length}.`);
      setValidationPart(sheet, areas, (v) => void (v.prompt = { ...prompt }));
    });
  }

  get errorAlert(): Excel.DataValidationErrorAlert {
    return this.get("errorAlert");
  }
  set errorAlert(alert: Excel.DataValidationErrorAlert) {
    this.setProperty("errorAlert", alert, ({ sheet, areas }) => {
      if ((alert.title ?? "").length > 32) throw new FakeOfficeError("InvalidArgument", `An error alert title has at most 32 characters, not ${alert.title.length}.`);
      if ((alert.message ?? "").length > 225) throw new FakeOfficeError("InvalidArgument", `An error alert message has at most 225 characters, not ${alert.message.length}.`);
      setValidationPart(sheet, areas, (v) => void (v.errorAlert = { ...alert }));
    });
  }

  get ignoreBlanks(): boolean {
    return this.get("ignoreBlanks");
  }
  set ignoreBlanks(ignore: boolean) {
    this.setProperty("ignoreBlanks", ignore, ({ sheet, areas }) => setValidationPart(sheet, areas, (v) => void (v.ignoreBlanks = ignore)));
  }

  clear(): void {
    this.invoke("clear", null, ({ sheet, areas }) => clearValidation(sheet, areas));
  }
}

function structuredCloneRule(rule: Excel.DataValidationRule): Excel.DataValidationRule {
  return JSON.parse(JSON.stringify(rule)) as Excel.DataValidationRule;
}

/** The rule's type; throws as Excel does for a rule it would refuse. */
function checkRule(rule: Excel.DataValidationRule, sheetExists: (name: string) => boolean): ValidationRuleModel["type"] {
  const kinds = (["list", "textLength", "wholeNumber", "decimal", "date", "time", "custom"] as const).filter((k) => rule[k] !== undefined);
  if (kinds.length !== 1) throw new FakeOfficeError("InvalidArgument", `A data validation rule has exactly one criterion, not ${kinds.length}.`);
  const kind = kinds[0];
  if (kind === "list") {
    const source = rule.list!.source;
    if (typeof source !== "string") throw new FakeOfficeError("InvalidArgument", "The fake host takes list sources as text (a comma list or =Sheet!$A$1:$A$9).");
    if (source.startsWith("=")) {
      const area = parseArea(source.slice(1));
      if (!area) throw new FakeOfficeError("InvalidArgument", `'${source}' is not a list source Excel can read.`);
      if (area.sheet !== null && !sheetExists(area.sheet)) throw new FakeOfficeError("InvalidArgument", `The list source refers to sheet '${area.sheet}', which does not exist.`);
    } else if (source.length > LIST_SOURCE_LIMIT) {
      throw new FakeOfficeError("InvalidArgument", `A comma-separated list source has at most ${LIST_SOURCE_LIMIT} characters; this one has ${source.length}. Put the list in cells and refer to them.`);
    }
    return "List";
  }
  const types = { textLength: "TextLength", wholeNumber: "WholeNumber", decimal: "Decimal", date: "Date", time: "Time", custom: "Custom" } as const;
  return types[kind];
}
