import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OfficeAddinManifest } from "office-addin-manifest";
import { readManifestTree, resources, urls, walk } from "./manifestTree";
import { webpackConfig } from "./webpackConfig";

/** The production build's manifest transform (copy-webpack-plugin runs it on manifest.xml), tested directly. */
const SOURCE = readFileSync(join(__dirname, "..", "..", "manifest.xml"), "utf8");
const { productionManifest, publicUrl, DEFAULT_PUBLIC_URL } = webpackConfig;

let dir: string;
const saved = process.env.ADDIN_PUBLIC_URL;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dx-prod-manifest-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  if (saved === undefined) delete process.env.ADDIN_PUBLIC_URL;
  else process.env.ADDIN_PUBLIC_URL = saved;
});

function write(xml: string, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, xml);
  return path;
}

test("without ADDIN_PUBLIC_URL it points at the placeholder, with no localhost left", async () => {
  delete process.env.ADDIN_PUBLIC_URL;
  expect(DEFAULT_PUBLIC_URL).toBe("https://addin.example.com/");
  const xml = productionManifest(SOURCE);
  expect(xml).not.toMatch(/localhost/i);
  const info = await OfficeAddinManifest.readManifestFile(write(xml, "default.xml"));
  expect(info.defaultSettings?.sourceLocation).toBe("https://addin.example.com/taskpane.html");
  expect(info.appDomains).toEqual(["https://addin.example.com"]);
});

test("ADDIN_PUBLIC_URL, with or without a path and trailing slash, replaces every development URL", async () => {
  process.env.ADDIN_PUBLIC_URL = "https://dx.utility.example/addin";
  const xml = productionManifest(SOURCE);
  expect(xml).not.toMatch(/localhost/i);
  const path = write(xml, "custom.xml");
  const info = await OfficeAddinManifest.readManifestFile(path);
  expect(info.defaultSettings?.sourceLocation).toBe("https://dx.utility.example/addin/taskpane.html");
  expect(info.iconUrl).toBe("https://dx.utility.example/addin/assets/icon-32.png");
  expect(info.supportUrl).toBe("https://dx.utility.example/addin/help.html");
  expect(info.appDomains).toEqual(["https://dx.utility.example"]);

  // Still a valid manifest: every resid resolves, every URL is https, the same URLs as in development.
  const tree = await readManifestTree(path);
  const table = resources(tree);
  for (const node of walk(tree)) if (node.attrs.resid) expect(table.has(node.attrs.resid)).toBe(true);
  const production = urls(tree);
  for (const url of production) expect(url).toMatch(/^https:\/\//);
  const development = urls(await readManifestTree(join(__dirname, "..", "..", "manifest.xml")));
  expect(production.map((u) => u.replace("https://dx.utility.example/addin/", "/").replace("https://dx.utility.example", "/"))).toEqual(
    development.map((u) => u.replace("https://localhost:3000/", "/").replace("https://localhost:3000", "/")),
  );

  expect(productionManifest(SOURCE, "https://other.example/")).toContain('SourceLocation DefaultValue="https://other.example/taskpane.html"');
});

test("the production URL must be https, absolute and not local", () => {
  expect(publicUrl("https://addin.contoso.example")).toBe("https://addin.contoso.example/");
  expect(() => publicUrl("http://addin.contoso.example/")).toThrow(/https/);
  expect(() => publicUrl("https://localhost:3000/")).toThrow(/production server/);
  expect(() => publicUrl("https://127.0.0.1/")).toThrow(/production server/);
  expect(() => publicUrl("addin.contoso.example")).toThrow(/absolute https/);
  expect(() => publicUrl("https://addin.contoso.example/?v=1")).toThrow(/without \? or #/);
  expect(() => productionManifest(SOURCE, "http://addin.contoso.example/")).toThrow(/https/);
});

test("a localhost URL the rewrite does not cover fails the build rather than ship", () => {
  const stray = SOURCE.replace("https://localhost:3000/help.html", "https://localhost:8443/help.html");
  expect(() => productionManifest(stray, "https://addin.contoso.example/")).toThrow(/still names localhost/);
});
