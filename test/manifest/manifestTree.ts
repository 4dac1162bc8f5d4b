/**
 * The manifest as a plain tree, parsed offline by office-addin-manifest's own XML reader (the one its `info` and
 * `modify` commands use; `validate` would post the file to Microsoft's service, which CI cannot reach).
 */
import { ManifestHandlerXml } from "office-addin-manifest/lib/manifestHandler/manifestHandlerXml";

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
}

export async function readManifestTree(path: string): Promise<XmlNode> {
  const parsed: unknown = await new ManifestHandlerXml(path).parseXmlAsync();
  const root = parsed as Record<string, unknown>;
  const [name] = Object.keys(root);
  return toNode(name, root[name]);
}

/** xml2js gives { $: attributes, _: text, child: [..] } objects, or a bare string for a text-only element. */
function toNode(name: string, raw: unknown): XmlNode {
  if (typeof raw === "string") return { name, attrs: {}, text: raw, children: [] };
  const value = (raw ?? {}) as Record<string, unknown>;
  const children: XmlNode[] = [];
  for (const [key, items] of Object.entries(value)) {
    if (key === "$" || key === "_") continue;
    for (const item of items as unknown[]) children.push(toNode(key, item));
  }
  return { name, attrs: (value.$ as Record<string, string>) ?? {}, text: typeof value._ === "string" ? value._ : "", children };
}

export function* walk(node: XmlNode): Generator<XmlNode> {
  yield node;
  for (const child of node.children) yield* walk(child);
}

export function all(node: XmlNode, name: string): XmlNode[] {
  return [...walk(node)].filter((n) => n.name === name);
}

export function child(node: XmlNode, name: string): XmlNode {
  const found = node.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${node.name}> has no <${name}>`);
  return found;
}

/** The id → DefaultValue table of <Resources> (images, URLs, short and long strings). */
export function resources(root: XmlNode): Map<string, { kind: string; value: string }> {
  const table = new Map<string, { kind: string; value: string }>();
  const overrides = child(root, "VersionOverrides");
  for (const group of child(overrides, "Resources").children) {
    for (const item of group.children) {
      if (table.has(item.attrs.id)) throw new Error(`resource id ${item.attrs.id} is defined twice`);
      table.set(item.attrs.id, { kind: group.name, value: item.attrs.DefaultValue });
    }
  }
  return table;
}

/** Every URL the manifest names, in attributes (but not xmlns declarations) and element text. */
export function urls(root: XmlNode): string[] {
  const found: string[] = [];
  for (const node of walk(root)) {
    for (const [attr, value] of Object.entries(node.attrs)) if (!attr.startsWith("xmlns") && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) found.push(value);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(node.text.trim())) found.push(node.text.trim());
  }
  return found;
}
