/// <reference types="office-js" />
/**
 * The fake host must fail where Excel fails, or the adapter tests would prove nothing: reading what was not loaded,
 * oversized requests and responses, oversized reads and addresses, unsynced commands, APIs newer than the host.
 */
import { cellView, fakeHost, snapshot, type FakeExcelHost, type FakeWorkbookSpec } from ".";

const small: FakeWorkbookSpec = {
  sheets: [
    {
      name: "Data",
      rows: [
        ["Name", "Code"],
        ["a", "W"],
        ["b", "S"],
      ],
      cells: { B2: { fill: "#ffff00", numberFormat: "@" } },
    },
    { name: "Other", rows: [["x"]] },
  ],
};

let host: FakeExcelHost;
let uninstall: () => void;

function install(workbook: FakeWorkbookSpec = small, apiVersion = "1.18"): void {
  host = fakeHost(workbook, { apiVersion });
  uninstall = host.install();
}

afterEach(() => uninstall?.());

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return "no error";
}

describe("batching", () => {
  test("a property read before load, or after load but before sync, throws PropertyNotLoaded", async () => {
    install();
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Data").getRange("A1:B3");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      range.load("values");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      expect(() => range.address).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(range.values).toEqual([["Name", "Code"], ["a", "W"], ["b", "S"]]);
      expect(() => range.rowCount).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  test("writes wait for the sync, and each sync is counted", async () => {
    install();
    const before = host.stats.syncs;
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Data").getRange("A2").values = [["changed"]];
      expect(cellView(host, "Data!A2").value).toBe("a");
      await context.sync();
      expect(cellView(host, "Data!A2").value).toBe("changed");
    });
    expect(host.stats.syncs).toBe(before + 1);
    expect(host.stats.records.at(-1)!.requestBytes).toBeGreaterThan(0);
  });

  test("isNullObject is known only after a sync, and acting on a null object fails", async () => {
    install();
    await Excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      missing.getRange("A1").values = [["x"]];
      expect(await codeOf(context.sync())).toBe("ItemNotFound");
    });
  });

  test("a run that ends with commands never synced fails (Office.js would have hidden the missing sync)", async () => {
    install();
    const outcome = Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Data").getRange("A1").values = [["lost"]];
    });
    await expect(outcome).rejects.toThrow(/never synced/);
    expect(cellView(host, "Data!A1").value).toBe("Name");
  });

  test("a failing action stops the batch; the actions before it stay applied", async () => {
    install();
    const code = await codeOf(
      Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Data");
        sheet.getRange("A2").values = [["first"]];
        sheet.getRange("A3:B3").values = [["too", "many", "cells"]];
        sheet.getRange("A4").values = [["never"]];
        await context.sync();
      }),
    );
    expect(code).toBe("InvalidArgument");
    expect(cellView(host, "Data!A2").value).toBe("first");
    expect(cellView(host, "Data!A4").value).toBe("");
  });
});

describe("limits", () => {
  const big = (rows: number, text: string): FakeWorkbookSpec => ({ sheets: [{ name: "Big", rows: Array.from({ length: rows }, () => Array.from({ length: 10 }, () => text)) }] });

  test("a request over 5 MB is refused", async () => {
    install();
    const code = await codeOf(
      Excel.run(async (context) => {
        const values = Array.from({ length: 60000 }, () => ["x".repeat(100)]);
        context.workbook.worksheets.getItem("Data").getRangeByIndexes(0, 0, values.length, 1).values = values;
        await context.sync();
      }),
    );
    expect(code).toBe("RequestPayloadSizeLimitExceeded");
    expect(host.stats.maxRequestBytes).toBeGreaterThan(5 * 1024 * 1024);
  });

  test("a response over 5 MB is refused", async () => {
    install(big(60000, "y".repeat(10)));
    const code = await codeOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Big").getRange("A1:J60000").load("values");
        await context.sync();
      }),
    );
    expect(code).toBe("ResponsePayloadSizeLimitExceeded");
  });

  test("a read of more than 5 million cells is refused", async () => {
    install();
    const code = await codeOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Data").getRangeByIndexes(0, 0, 500001, 10).load("values");
        await context.sync();
      }),
    );
    expect(code).toBe("RangeExceedsLimit");
  });

  test("an address over 8,192 characters is refused; one at the limit is read", async () => {
    install();
    const areas = (n: number) => Array.from({ length: n }, (_, i) => `A${i + 1}`).join(",");
    let address = areas(1500);
    address = address.slice(0, address.lastIndexOf(",", 8192));
    expect(address.length).toBeLessThanOrEqual(8192);
    await Excel.run(async (context) => {
      const ok = context.workbook.worksheets.getItem("Data").getRanges(address);
      ok.load("areaCount");
      await context.sync();
      expect(ok.areaCount).toBeGreaterThan(1000);
    });
    const long = areas(2000);
    expect(long.length).toBeGreaterThan(8192);
    expect(await codeOf(Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Data").getRanges(long).conditionalFormats.add("Custom");
      await context.sync();
    }))).toBe("InvalidArgument");
    expect(host.stats.maxAddressChars).toBe(long.length);
  });

  test("an inline list longer than 255 characters is refused, as Excel refuses it", async () => {
    install();
    const source = Array.from({ length: 60 }, (_, i) => `CODE${i}`).join(",");
    expect(source.length).toBeGreaterThan(255);
    expect(await codeOf(Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Data").getRange("B2:B9").dataValidation.rule = { list: { inCellDropDown: true, source } };
      await context.sync();
    }))).toBe("InvalidArgument");
  });
});

describe("API versions", () => {
  test("isSetSupported answers for the configured ExcelApi version", () => {
    install(small, "1.12");
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(true);
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.14")).toBe(false);
    expect(Office.context.requirements.isSetSupported("WordApi", "1.1")).toBe(false);
  });

  test("notes fail with ApiNotFound before ExcelApi 1.18", async () => {
    install(small, "1.17");
    expect(await codeOf(Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Data").notes.load("items");
      await context.sync();
    }))).toBe("ApiNotFound");
  });
});

describe("events", () => {
  async function changes(apiVersion: string, act: () => Promise<void>): Promise<Excel.WorksheetChangedEventArgs[]> {
    install(small, apiVersion);
    const seen: Excel.WorksheetChangedEventArgs[] = [];
    await Excel.run(async (context) => {
      context.workbook.worksheets.onChanged.add(async (event) => void seen.push(event));
      await context.sync();
    });
    await act();
    await host.settle();
    return seen;
  }

  test("a user's edit carries triggerSource Unknown from ExcelApi 1.14, none before", async () => {
    const modern = await changes("1.14", async () => host.edit("Data!A2", "z"));
    expect(modern).toEqual([expect.objectContaining({ address: "A2", changeType: "RangeEdited", triggerSource: "Unknown" })]);
    uninstall();
    const old = await changes("1.9", async () => host.edit("Data!A2", "z"));
    expect(old).toHaveLength(1);
    expect("triggerSource" in old[0]).toBe(false);
  });

  test("the add-in's own writes carry ThisLocalAddin; with events off nothing is delivered", async () => {
    const seen = await changes("1.18", async () => {
      await Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Data").getRange("A2").values = [["mine"]];
        await context.sync();
        context.runtime.enableEvents = false;
        await context.sync();
        context.workbook.worksheets.getItem("Data").getRange("A3").values = [["quiet"]];
        await context.sync();
      });
    });
    expect(seen).toEqual([expect.objectContaining({ address: "A2", triggerSource: "ThisLocalAddin" })]);
  });

  test("row inserts and deletes are reported with whole-row addresses", async () => {
    const seen = await changes("1.18", async () => {
      host.insertRows("Data", 2, 2);
      host.deleteRows("Data", 3);
    });
    expect(seen.map((e) => [e.changeType, e.address])).toEqual([["RowInserted", "2:3"], ["RowDeleted", "3:3"]]);
  });
});

describe("the workbook model", () => {
  test("inserting rows moves and grows conditional formats; deleting all their rows removes them", () => {
    install({ sheets: [{ name: "S", rows: [["h"]], conditionalFormats: [{ address: "B5:B9", formula: "=TRUE" }, { address: "C20", formula: "=TRUE" }] }] });
    host.insertRows("S", 7, 3);
    host.insertRows("S", 1, 1);
    const sheet = host.model.sheet("S");
    expect(snapshot(host, "S")).toMatchObject({ conditionalFormats: [{ areas: ["B6:B13"] }, { areas: ["C24"] }] });
    host.deleteRows("S", 24, 1);
    expect(sheet.conditionalFormats).toHaveLength(1);
  });

  test("typed input: formulas, the text prefix, numbers, and the Text format", async () => {
    install();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Data");
      sheet.getRange("C1:F1").values = [['=HYPERLINK("#\'Other\'!A1","go")', "'=not a formula", "0042", "0042"]];
      sheet.getRange("F1").numberFormat = [["@"]];
      await context.sync();
      sheet.getRange("F1").values = [["0042"]];
      await context.sync();
    });
    expect(cellView(host, "Data!C1")).toMatchObject({ value: "go", link: "'Other'!A1" });
    expect(cellView(host, "Data!D1").value).toBe("=not a formula");
    expect(cellView(host, "Data!E1").value).toBe(42);
    expect(cellView(host, "Data!F1").value).toBe("0042");
  });

  test("a workbook is plain data: it survives a JSON round trip", () => {
    const copy = JSON.parse(JSON.stringify(small)) as FakeWorkbookSpec;
    install(copy);
    expect(cellView(host, "Data!B2")).toMatchObject({ value: "W", numberFormat: "@", format: { fill: "#FFFF00" } });
  });
});

test("watchers hear of syncs that ran commands and of every action on the user's side", async () => {
  install();
  let calls = 0;
  const stop = host.watch(() => calls++);
  await Excel.run(async (context) => {
    const range = context.workbook.worksheets.getItem("Data").getRange("A2");
    range.load("values");
    await context.sync();
    const loaded = calls;
    range.values = [["z"]];
    await context.sync();
    expect(calls).toBeGreaterThan(loaded);
  });
  const before = calls;
  host.edit("Data!A3", "y");
  host.select("Data!B2");
  host.activate("Other");
  expect(calls).toBe(before + 3);
  expect(host.model.activeSheet().name).toBe("Other");
  stop();
  host.edit("Data!A3", "w");
  expect(calls).toBe(before + 3);
});
