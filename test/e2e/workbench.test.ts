/**
 * The workbench in Chromium: the real task pane over the fake Excel host, driven as a user would. Opening the sample
 * files, validating, the marks in the grid and the findings in the pane, going to a finding, fixing a cell and seeing
 * it re-checked live, the Exceptions sheet's tab. Screenshots of each key screen go to test-artifacts/e2e/.
 */
import type { Page } from "playwright-core";
import { browserSuite, cell, editCell, findingsCount, goToCell, loadSampleCsv, loadSampleXlsx, screenshot, selectedCell, validate, type Workbench, withWorkbench } from "./harness";

jest.setTimeout(120_000);

const describeBrowser = browserSuite();

describeBrowser("the workbench", () => {
  let bench: Workbench;
  let page: Page;
  withWorkbench((b) => (bench = b), (p) => (page = p));

  test("the sample CSV, opened with the file picker: validate, marks, findings, go to a finding, fix a cell", async () => {
    await loadSampleCsv(page);
    await expect(cell(page, "A2").textContent()).resolves.toBe("000201");
    await screenshot(page, "csv-opened");

    const result = await validate(page);
    expect(result).toMatch(/^starter-with-mistakes: 20 data rows checked, \d+ errors/);
    // Marks are painted as the add-in's conditional formats; the grid shows them as data-mark.
    await cell(page, "C17").and(page.locator("[data-mark=error]")).waitFor();
    await cell(page, "B5").and(page.locator("[data-mark=warning]")).waitFor();
    expect(await page.locator("[data-mark=error]").count()).toBeGreaterThan(2);
    await expect(cell(page, "A2").getAttribute("data-mark")).resolves.toBeNull();
    const findings = page.getByRole("listbox", { name: "Findings" });
    await findings.waitFor();
    const before = await findingsCount(page);
    expect(before).toBeGreaterThan(10);
    await screenshot(page, "csv-validated");

    // A finding clicked in the pane selects its cell in the grid, and the pane explains the cell.
    await findings.getByRole("option", { name: /Row 4, Service_Point_Type/ }).click();
    await selectedCell(page, "P4");
    await expect(cell(page, "P4").getAttribute("data-mark")).resolves.toBe("error");
    const selected = page.getByRole("region", { name: "Selected cell" });
    await selected.getByText(/Row 4, Service_Point_Type/).waitFor();
    await selected.getByText(/"w" is not an allowed Service_Point_Type/).waitFor();
    await screenshot(page, "csv-finding-selected");

    // Typing the right code re-validates live: the mark goes and the list is one shorter.
    await editCell(page, "P4", "W");
    await expect(cell(page, "P4").textContent()).resolves.toBe("W");
    await cell(page, "P4").and(page.locator(":not([data-mark])")).waitFor();
    await page.getByText(`${before - 1} findings`, { exact: true }).waitFor();
    expect(await findings.getByRole("option", { name: /Row 4, Service_Point_Type/ }).count()).toBe(0);
    await screenshot(page, "csv-fixed");
  });

  test("a click in the grid selects the cell and the pane shows its findings; Escape cancels an edit", async () => {
    await loadSampleCsv(page);
    await validate(page);
    await cell(page, "B5").click();
    await selectedCell(page, "B5");
    const selected = page.getByRole("region", { name: "Selected cell" });
    await selected.getByText(/Spaces around the value/).waitFor();

    await page.keyboard.press("F2");
    const editor = page.getByRole("textbox", { name: "Edit cell B5" });
    await editor.fill("Maria Lopez");
    await editor.press("Escape");
    await expect(editor.count()).resolves.toBe(0);
    await expect(cell(page, "B5").textContent()).resolves.toBe(" Maria Lopez ");

    // Typing on a selected cell replaces it, as in Excel; the warning goes once it is re-checked.
    await page.keyboard.type("Maria Lopez");
    await page.getByRole("textbox", { name: "Edit cell B5" }).press("Enter");
    await expect(cell(page, "B5").textContent()).resolves.toBe("Maria Lopez");
    await cell(page, "B5").and(page.locator(":not([data-mark])")).waitFor();
    await selectedCell(page, "B6");
  });

  test("the sample workbook: IDs stored as numbers and dates held as text, the Exceptions sheet in its own tab", async () => {
    await loadSampleXlsx(page);
    // Excel holds the ID as the number 201 shown as 000201, and real dates as dates.
    await expect(cell(page, "A2").textContent()).resolves.toBe("000201");
    await expect((await goToCell(page, "AC2")).textContent()).resolves.toBe("2020-01-15");
    await page.getByLabel("Cell content").filter({ hasText: "2020-01-15" }).waitFor();
    await goToCell(page, "A2");
    await page.getByLabel("Cell content").filter({ hasText: /^201$/ }).waitFor();

    await validate(page);
    await cell(page, "A2").and(page.locator("[data-mark=warning]")).waitFor();
    const findings = page.getByRole("listbox", { name: "Findings" });
    await findings.getByRole("option", { name: /Row 2, Account_ID · ID stored as a number/ }).click();
    await page.getByRole("region", { name: "Selected cell" }).getByText(/so the file will carry "201"/).waitFor();
    // README's picture (assets/screenshots/workbench.png): tall enough for the marks, the summary and the findings.
    await page.setViewportSize({ width: 1440, height: 1350 });
    await page.getByRole("complementary", { name: "Task pane" }).evaluate((pane) => pane.scrollTo(0, 0));
    await screenshot(page, "workbench");
    await page.setViewportSize({ width: 1440, height: 900 });

    await findings.getByRole("option", { name: /Row 3, SA_Start_Date · Date format/ }).click();
    await page.getByRole("region", { name: "Selected cell" }).getByText(/Excel holds it as text, not as a date/).waitFor();
    await selectedCell(page, "AG3");
    await expect(cell(page, "AG3").getAttribute("data-mark")).resolves.toBe("error");
    await screenshot(page, "xlsx-date-as-text");

    await page.getByRole("button", { name: "Exceptions sheet" }).click();
    const tabs = page.getByRole("tablist", { name: "Sheets" });
    await tabs.getByRole("tab", { name: "Exceptions" }).waitFor();
    await tabs.getByRole("tab", { name: "Exceptions" }).click();
    await expect(cell(page, "A1").textContent()).resolves.not.toBe("Account_ID");
    await screenshot(page, "xlsx-exceptions-sheet");
    // Back on the data, the selection is where it was.
    await tabs.getByRole("tab", { name: "Accounts" }).click();
    await selectedCell(page, "AG3");
  });

  test("the harness's import API answers the workbench's origin (CORS), and stops and restarts on the same URL", async () => {
    const me = (url: string, email: string, password: string) =>
      page.evaluate(
        async ({ url, auth }) => {
          try {
            const response = await fetch(`${url}/v1/me`, { headers: { Authorization: `Basic ${auth}` } });
            return response.status;
          } catch {
            return "unreachable";
          }
        },
        { url, auth: Buffer.from(`${email}:${password}`).toString("base64") },
      );
    const { api } = bench;
    expect(await me(api.url, api.email, api.password)).toBe(200);
    expect(await me(api.url, api.email, "wrong-password")).toBe(401);
    await api.stop();
    expect(api.running()).toBe(false);
    expect(await me(api.url, api.email, api.password)).toBe("unreachable");
    await api.restart();
    expect(api.running()).toBe(true);
    expect(await me(api.url, api.email, api.password)).toBe(200);
  });

  test("a sheet of 100,000 rows stays responsive: only the rows in view are in the page", async () => {
    const rows = ["Account_ID,Account_Full_Name", ...Array.from({ length: 100_000 }, (_, i) => `A${i + 1},Customer ${i + 1}`)].join("\n");
    await page.getByLabel("Open a .csv or .xlsx file").setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: Buffer.from(rows) });
    await cell(page, "A2").filter({ hasText: "A1" }).waitFor();
    expect(await page.locator("[data-cell]").count()).toBeLessThan(2000);
    await page.getByRole("grid").locator("[aria-label=Cells]").evaluate((body) => body.scrollTo(0, 22 * 99_990));
    await cell(page, "A100001").waitFor();
    await expect(cell(page, "B100001").textContent()).resolves.toBe("Customer 100000");
    expect(await page.locator("[data-cell]").count()).toBeLessThan(2000);
  });
});
