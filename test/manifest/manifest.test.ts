import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OfficeAddinManifest } from "office-addin-manifest";
import { EXCEL_API, MIN_EXCEL_API } from "../../src/excel/requirements";
import { all, child, readManifestTree, resources, urls, walk, type XmlNode } from "./manifestTree";

/**
 * The checks `office-addin-manifest validate` would make that matter to us, offline (`npm run validate` runs the
 * online check by hand). The production manifest is checked in productionManifest.test.ts.
 */
const ROOT = join(__dirname, "..", "..");
const MANIFEST = join(ROOT, "manifest.xml");
const DEV = "https://localhost:3000/";

let tree: XmlNode;
beforeAll(async () => {
  tree = await readManifestTree(MANIFEST);
});

test("office-addin-manifest reads it as an Excel task-pane add-in served from https://localhost:3000", async () => {
  const info = await OfficeAddinManifest.readManifestFile(MANIFEST);
  expect(info.manifestType).toBe("xml");
  expect(info.officeAppType).toBe("TaskPaneApp");
  expect(info.hosts).toEqual(["Workbook"]);
  expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(info.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  expect(info.displayName).toBe("Data Exchange");
  expect(info.permissions).toBe("ReadWriteDocument");
  expect(info.defaultSettings?.sourceLocation).toBe(`${DEV}taskpane.html`);
  expect(info.iconUrl).toBe(`${DEV}assets/icon-32.png`);
  expect(info.highResolutionIconUrl).toBe(`${DEV}assets/icon-64.png`);
  expect(info.appDomains).toEqual(["https://localhost:3000"]);
});

test("the top-level elements come in the order the schema requires", () => {
  const order = [
    "Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
    "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions",
    "AllowSnapshot", "VersionOverrides",
  ];
  const names = tree.children.map((c) => c.name);
  expect(names.every((name) => order.includes(name))).toBe(true);
  expect([...names].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(names);
});

test("every resid used is defined, every resource is used, and ids and strings fit their limits", () => {
  const table = resources(tree);
  const used = new Set([...walk(tree)].map((n) => n.attrs.resid).filter((id): id is string => id !== undefined));
  expect(used.size).toBeGreaterThan(0);
  for (const id of used) expect({ id, defined: table.has(id) }).toEqual({ id, defined: true });
  expect([...table.keys()].filter((id) => !used.has(id))).toEqual([]);
  for (const id of table.keys()) expect(id.length).toBeLessThanOrEqual(32);
  for (const [id, { kind, value }] of table) {
    if (kind === "bt:ShortStrings") expect({ id, length: value.length <= 125 }).toEqual({ id, length: true });
    if (kind === "bt:LongStrings") expect({ id, length: value.length <= 250 }).toEqual({ id, length: true });
  }
});

test("every URL is https, and the development URLs point at files the build serves", () => {
  const found = urls(tree);
  expect(found.length).toBeGreaterThan(5);
  for (const url of found) expect(url).toMatch(/^https:\/\//);
  const built = new Set(["taskpane.html", "commands.html", "help.html"]);
  for (const url of found.filter((u) => u.startsWith(DEV))) {
    const path = url.slice(DEV.length);
    if (path.startsWith("assets/")) expect({ url, exists: existsSync(join(ROOT, path)) }).toEqual({ url, exists: true });
    else expect({ url, built: built.has(path) }).toEqual({ url, built: true });
  }
  // The pages those URLs name are built from these sources (webpack.config.js).
  for (const source of ["src/taskpane/taskpane.html", "src/commands/commands.html", "src/taskpane/help.html"]) expect(existsSync(join(ROOT, source))).toBe(true);
});

test("icons have the sizes the manifest gives them", () => {
  const table = resources(tree);
  const images = all(tree, "bt:Image").filter((n) => n.attrs.size && n.attrs.resid);
  expect(images.length).toBeGreaterThan(0);
  for (const image of images) expect(pngSize(table.get(image.attrs.resid)?.value ?? "")).toEqual([Number(image.attrs.size), Number(image.attrs.size)]);
  expect(pngSize(`${DEV}assets/icon-32.png`)).toEqual([32, 32]);
  expect(pngSize(`${DEV}assets/icon-64.png`)).toEqual([64, 64]);
});

function pngSize(url: string): [number, number] {
  const png = readFileSync(join(ROOT, url.slice(DEV.length)));
  expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

test("the workbook host, and a Home-tab Data Exchange button that shows the task pane", () => {
  expect(child(tree, "Hosts").children.map((h) => h.attrs.Name)).toEqual(["Workbook"]);
  const table = resources(tree);
  const hosts = child(child(tree, "VersionOverrides"), "Hosts").children;
  expect(hosts.map((h) => h.attrs["xsi:type"])).toEqual(["Workbook"]);
  const desktop = child(hosts[0], "DesktopFormFactor");
  expect(table.get(child(desktop, "FunctionFile").attrs.resid)?.value).toBe(`${DEV}commands.html`);

  const tab = child(child(desktop, "ExtensionPoint"), "OfficeTab");
  expect(tab.attrs.id).toBe("TabHome");
  const group = child(tab, "Group");
  expect(table.get(child(group, "Label").attrs.resid)?.value).toBe("Data Exchange");
  const button = child(group, "Control");
  expect(button.attrs["xsi:type"]).toBe("Button");
  expect(table.get(child(button, "Label").attrs.resid)?.value).toBe("Data Exchange");
  const action = child(button, "Action");
  expect(action.attrs["xsi:type"]).toBe("ShowTaskpane");
  const source = child(child(tree, "DefaultSettings"), "SourceLocation").attrs.DefaultValue;
  expect(table.get(child(action, "SourceLocation").attrs.resid)?.value).toBe(source);
});

test("the requirement set declared is the minimum the code assumes", () => {
  const sets = child(child(tree, "Requirements"), "Sets");
  expect(sets.children.map((s) => s.attrs)).toEqual([{ Name: EXCEL_API, MinVersion: MIN_EXCEL_API }]);
  // DefaultMinVersion applies only to sets that give no MinVersion of their own.
  expect(Number(sets.attrs.DefaultMinVersion ?? "1.1")).toBeLessThanOrEqual(Number(MIN_EXCEL_API));
});

test("the manifest reader reports an unparsable file instead of guessing", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dx-manifest-"));
  try {
    const broken = join(dir, "manifest.xml");
    writeFileSync(broken, readFileSync(MANIFEST, "utf8").replace("</OfficeApp>", ""));
    await expect(readManifestTree(broken)).rejects.toThrow(/Unable to parse the manifest file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
