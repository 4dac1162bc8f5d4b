/**
 * The benchmark loads the fake host at run time (the build compiles no test code), through the `BenchFakes` shape it
 * declares. This holds the fake to that shape: `tsc` checks the assignment, jest that it runs.
 */
import type { BenchFakes } from "../../bench/excelBench";
import * as fakes from "../fakes";

test("the fake host module is what the Excel benchmark expects", () => {
  const asBench: BenchFakes = fakes;
  const host = asBench.fakeHost({ sheets: [{ name: "S", rows: [["a"]] }] });
  const uninstall = host.install();
  try {
    const mark = host.stats.mark();
    expect(host.stats.since(mark)).toEqual({ syncs: 0, maxRequestBytes: 0, maxResponseBytes: 0, maxAddressChars: 0 });
  } finally {
    uninstall();
  }
});
