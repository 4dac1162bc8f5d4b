import { z } from "zod";
import { foldHeader, headerIndex } from "./headers";
import { IMPORT_SPECS } from "./index";
import type { ColumnSpec, ImportSpec, ImportTypeId } from "./types";

/**
 * A utility's own spec file: changes to the columns of one or more import types, checked with zod on load.
 *
 *   { "types": { "accounts-and-assets": {
 *       "columns": { "Meter_ID": { "maxLength": 24 }, "Service_Point_Type": { "codes": ["W", "S", "I"] } },
 *       "addColumns": [{ "name": "Utility_Use_3", "component": "Account", "type": "text", "maxLength": 64 }] } } }
 */

const component = z.enum(["Account", "Location", "Tags", "ServicePoint", "Meter", "Endpoint", "ServiceAgreement", "Reading", "Read", "Target", "Transaction", "IdUpdate"]);
const columnType = z.enum(["text", "integer", "decimal", "date", "datetime", "code", "flag", "latitude", "longitude", "email", "year"]);
const requirement = z.enum(["required", "conditional", "recommended", "optional"]);
const length = z.number().int().positive();
const pattern = z.string().refine(isRegExp, { message: "is not a valid regular expression" });

const columnChanges = z.strictObject({
  maxLength: length.nullable().optional(),
  softMaxLength: length.nullable().optional(),
  requirement: requirement.optional(),
  codes: z.array(z.string().min(1)).min(1).nullable().optional(),
  codesIgnoreCase: z.boolean().optional(),
  pattern: pattern.nullable().optional(),
  patternHint: z.string().optional(),
  clearable: z.boolean().optional(),
  keepAsText: z.boolean().optional(),
  aliases: z.array(z.string().min(1)).optional(),
  description: z.string().optional(),
});

const newColumn = z.strictObject({
  name: z.string().regex(/^\S(.*\S)?$/, "must not be blank or start or end with spaces"),
  component,
  type: columnType,
  requirement: requirement.default("optional"),
  maxLength: length.optional(),
  softMaxLength: length.optional(),
  codes: z.array(z.string().min(1)).min(1).optional(),
  codesIgnoreCase: z.boolean().optional(),
  pattern: pattern.optional(),
  patternHint: z.string().optional(),
  clearable: z.boolean().default(true),
  keepAsText: z.boolean().optional(),
  aliases: z.array(z.string().min(1)).optional(),
  description: z.string().default(""),
});

const typeChanges = z.strictObject({
  columns: z.record(z.string(), columnChanges).default({}),
  addColumns: z.array(newColumn).default([]),
});

const specFile = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().optional(),
  types: z.partialRecord(z.enum(IMPORT_SPECS.map((s) => s.id) as [ImportTypeId, ...ImportTypeId[]]), typeChanges),
});

export type SpecFile = z.infer<typeof specFile>;

/** A spec file that cannot be used; the message names the file's bad key. */
export class SpecFileError extends Error {
  override readonly name = "SpecFileError";
}

/** Parses a spec file's text and returns the import specs with its changes applied. */
export function loadSpecOverrides(text: string, source = "spec file", base: readonly ImportSpec[] = IMPORT_SPECS): ImportSpec[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SpecFileError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = specFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
    const where = [...issue.path, ...keys.slice(0, 1)].map(String).join(".") || "(top level)";
    throw new SpecFileError(`${source}: ${where}: ${describeIssue(issue)}`);
  }
  return base.map((spec) => {
    const changes = parsed.data.types[spec.id];
    return changes ? applyChanges(spec, changes, `${source}: types.${spec.id}`) : spec;
  });
}

function applyChanges(spec: ImportSpec, changes: z.infer<typeof typeChanges>, where: string): ImportSpec {
  const index = headerIndex(spec);
  const columns = spec.columns.map((c) => ({ ...c }));
  for (const [name, change] of Object.entries(changes.columns)) {
    const target = columns.find((c) => c.name === name);
    if (!target) {
      const suggestion = index.suggest(name);
      throw new SpecFileError(`${where}.columns.${name}: ${spec.label} has no column "${name}"${suggestion ? ` (did you mean ${suggestion}?)` : ""}; add new columns under "addColumns"`);
    }
    for (const [key, value] of Object.entries(change)) {
      if (value === null) delete (target as Partial<ColumnSpec>)[key as keyof ColumnSpec];
      else Object.assign(target, { [key]: value });
    }
  }
  // Folded, as the header index compares them: two added columns that fold alike would share one header.
  const addedNames = new Set<string>();
  for (const [i, added] of changes.addColumns.entries()) {
    if (index.match(added.name).kind !== "unknown") {
      throw new SpecFileError(`${where}.addColumns.${i}.name: "${added.name}" is already a column of ${spec.label}; change it under "columns"`);
    }
    if (addedNames.has(foldHeader(added.name))) {
      throw new SpecFileError(`${where}.addColumns.${i}.name: "${added.name}" is added twice; keep one entry`);
    }
    addedNames.add(foldHeader(added.name));
    columns.push({ ...added, confidence: "C", source: where });
  }
  return { ...spec, columns };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return `unknown key; expected one of the documented keys`;
  if (issue.code === "invalid_value") return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  return issue.message;
}

function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
