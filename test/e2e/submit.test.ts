/**
 * The import loop in Chromium, against a real import API process: settings and their connection test, a safe fix
 * with its preview and undo, submit, the test run followed to its result, approve, the import complete in the
 * activity list, its exceptions report downloaded; a wrong password, the server stopped mid-way, a sheet over 70 MB.
 * Screenshots of each key screen go to test-artifacts/e2e/.
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { browserSuite, cell, loadSampleCsv, openFile, screenshot, validate, type Workbench, withWorkbench } from "./harness";

jest.setTimeout(180_000);

const CLEAN_CSV = resolve(__dirname, "../../assets/samples/starter-clean.csv");

const describeBrowser = browserSuite();

describeBrowser("submitting from the workbench", () => {
  let bench: Workbench;
  let page: Page;
  withWorkbench((b) => (bench = b), (p) => (page = p));

  /** Settings: the harness's import API and sign-in, saved in the page's storage. */
  async function signIn(password = bench.api.password): Promise<void> {
    await page.getByRole("tab", { name: "Settings" }).click();
    await page.getByLabel("Import API URL").fill(bench.api.url);
    await page.getByLabel("E-mail").fill(bench.api.email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Save" }).click();
  }

  /** Opens a file, validates it and submits it for a test run from the Submit tab. */
  async function submitSheet(path: string, { sendAnyway = false } = {}): Promise<void> {
    await openFile(page, path);
    await validate(page);
    await page.getByRole("tab", { name: "Submit" }).click();
    if (sendAnyway) await page.getByRole("checkbox", { name: "Send anyway, with its errors" }).check();
    await page.getByRole("button", { name: "Submit for a test run" }).click();
  }

  test("settings, submit, follow the test run, approve, the activity list and the exceptions report", async () => {
    await signIn();
    await page.getByRole("button", { name: "Test connection" }).click();
    await page.getByText(`Signed in to ${bench.api.url} as`).waitFor();
    await screenshot(page, "settings-connected");

    await submitSheet(CLEAN_CSV);

    const result = page.getByRole("region", { name: "Test run result" });
    await result.getByText(/^Records ready: \d+$/).waitFor();
    const ready = Number((await result.getByText(/^Records ready:/).textContent())!.replace(/\D/g, ""));
    expect(ready).toBeGreaterThan(0);
    await result.getByText("Errors: 0").waitFor();
    await screenshot(page, "submit-tested");

    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByText(`Records imported: ${ready} of ${ready} ready`, { exact: false }).waitFor();
    await screenshot(page, "submit-imported");

    await page.getByRole("tab", { name: "Activity" }).click();
    const entry = page.getByRole("listitem", { name: /^Sheet1.*\.csv, Imported$|starter-clean.*\.csv, Imported$/ }).first();
    await entry.waitFor();
    await entry.getByText("Via UI", { exact: false }).waitFor();
    await entry.getByText(`(${bench.api.email})`, { exact: false }).waitFor();
    await entry.getByText(`${ready} of ${ready} records imported`, { exact: false }).waitFor();
    await screenshot(page, "activity");

    const [download] = await Promise.all([page.waitForEvent("download"), entry.getByRole("button", { name: /^Exceptions report of / }).click()]);
    expect(download.suggestedFilename()).toMatch(/-exceptions\.csv$/);
    const saved = await download.path();
    expect(readFileSync(saved, "utf8").split(/\r?\n/)[0].toLowerCase()).toContain("row");
  });

  test("a safe fix: preview, apply, re-checked, undo", async () => {
    await loadSampleCsv(page);
    await validate(page);
    await cell(page, "B5").click();
    const selected = page.getByRole("region", { name: "Selected cell" });
    await selected.getByText(/Spaces around the value/).waitFor();
    await selected.getByRole("button", { name: "Fix this" }).click();

    const preview = page.getByRole("region", { name: "Fix preview" });
    await preview.getByRole("cell", { name: "Row 5, Account_Full_Name" }).waitFor();
    await screenshot(page, "fix-preview");
    await preview.getByRole("button", { name: "Apply fix" }).click();
    await expect(cell(page, "B5").textContent()).resolves.toBe("Maria Lopez");
    await cell(page, "B5").and(page.locator(":not([data-mark])")).waitFor();
    await screenshot(page, "fix-applied");

    await page.getByRole("button", { name: "Undo fix" }).first().click();
    await cell(page, "B5").filter({ hasText: " Maria Lopez " }).waitFor();
    await cell(page, "B5").and(page.locator("[data-mark=warning]")).waitFor();
  });

  test("a wrong password is named in Settings and nothing typed is lost", async () => {
    await signIn("not-the-password");
    await page.getByRole("button", { name: "Test connection" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Couldn't connect" });
    await alert.getByText(/refused the e-mail or password/).waitFor();
    expect(await page.getByLabel("Password").inputValue()).toBe("not-the-password");
    await screenshot(page, "settings-wrong-password");
  });

  test("the server stopped mid-way: approving says so with a retry, and the retry completes the import", async () => {
    await signIn();
    await submitSheet(CLEAN_CSV);
    await page.getByRole("region", { name: "Test run result" }).waitFor();

    await bench.api.stop();
    try {
      await page.getByRole("button", { name: "Approve" }).click();
      const alert = page.getByRole("alert").filter({ hasText: "Couldn't approve the import" });
      await alert.getByText(/No answer from/).waitFor();
      await screenshot(page, "server-stopped");
    } finally {
      await bench.api.restart();
    }
    await page.getByRole("button", { name: "Retry" }).click();
    await page.getByText(/Records imported: \d+ of \d+ ready/).waitFor();
  });

  test("a sheet over 70 MB is refused before anything is uploaded", async () => {
    const folder = mkdtempSync(join(tmpdir(), "dx-e2e-big-"));
    try {
      const path = join(folder, "big.csv");
      await writeBigSheet(path, 71 * 1024 * 1024);
      await signIn();
      await submitSheet(path, { sendAnyway: true });
      const alert = page.getByRole("alert").filter({ hasText: "The sheet is too large to send" });
      await alert.getByText(/MB file, and the import API takes at most 70 MB/).waitFor();
      await screenshot(page, "too-large");
      // Nothing reached the import API: its activity list is as it was.
      await page.getByRole("tab", { name: "Activity" }).click();
      await page.getByRole("list", { name: "Imports" }).or(page.getByText("No imports yet.")).first().waitFor();
      expect(await page.getByRole("listitem", { name: /^big/ }).count()).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 300_000);
});

/**
 * An Accounts and Assets sheet of at least `bytes`: few rows, each with a long Account_Full_Name, since it is the
 * file's size that matters, not its row count (a browser holds a few thousand long cells easily).
 */
async function writeBigSheet(path: string, bytes: number): Promise<void> {
  const filler = "x".repeat(30_000);
  const out = createWriteStream(path);
  out.write("Account_ID,Account_Full_Name,Location_ID,Meter_ID\r\n");
  let written = 0;
  for (let row = 1; written < bytes; row++) {
    const line = `A${row},${filler},L${row},M${row}\r\n`;
    written += line.length;
    if (!out.write(line)) await new Promise<void>((done) => out.once("drain", () => done()));
  }
  await new Promise<void>((done, fail) => out.end((error?: Error | null) => (error ? fail(error) : done())));
}
