import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import type { ImportStatus } from "../../src/server/imports/views";
import type { ApiClient } from "./client";
import { cpuSeconds, residency, resetPeak } from "./serverProcess";

/**
 * The measurements of one running server. Durations of test runs and applies come from the server's own
 * timestamps (millisecond ISO times it records as the import moves), not from the bench's polling, so a poll
 * interval never inflates them.
 */

/** How often the bench asks for an import's status while it waits, as a client script would. */
const POLL_MS = 50;
const WAIT_MS = 15 * 60_000;

export interface TestRunFigures {
  id: string;
  /** queueTime → testedTime on the server's clock: the worker's claim (it is poked at upload) and the whole run. */
  seconds: number;
  /** 202 → state done as the polling client saw it: the same plus up to one poll interval and the round trips. */
  wallSeconds: number;
  /** The server process's CPU time over that wall time (its polls included; PostgreSQL's own work is not). */
  cpuSeconds: number;
  recordsReady: number;
  errors: number;
  warnings: number;
}

/** Uploads a file as a dry run and waits for its test run to finish. */
export async function testRun(client: ApiClient, pid: number, file: string): Promise<TestRunFigures> {
  const { id } = await client.upload(file, { dryRun: "true" });
  const accepted = performance.now();
  const cpuAtStart = cpuSeconds(pid);
  const done = await client.waitFor(id, ["done"], POLL_MS, WAIT_MS);
  return {
    id,
    seconds: secondsBetween(done.queueTime, done.testedTime),
    wallSeconds: (performance.now() - accepted) / 1000,
    cpuSeconds: cpuSeconds(pid) - cpuAtStart,
    recordsReady: done.recordsReady,
    errors: done.errors,
    warnings: done.warnings,
  };
}

export interface ApplyFigures {
  /** approvedTime → endTime on the server's clock: the worker's claim, reading the report, and the transaction. */
  seconds: number;
  wallSeconds: number;
  /** The server process's CPU time over that wall time. */
  cpuSeconds: number;
  recordsImported: number;
}

/** Approves a finished dry run and waits for it to be applied. */
export async function apply(client: ApiClient, pid: number, id: string): Promise<ApplyFigures> {
  const start = performance.now();
  const cpuAtStart = cpuSeconds(pid);
  await client.call<ImportStatus>("PUT", `/v1/bde/import/${id}`);
  const complete = await client.waitFor(id, ["complete"], POLL_MS, WAIT_MS);
  return {
    seconds: secondsBetween(complete.approvedTime, complete.endTime),
    wallSeconds: (performance.now() - start) / 1000,
    cpuSeconds: cpuSeconds(pid) - cpuAtStart,
    recordsImported: complete.recordsImported ?? 0,
  };
}

export interface UploadFigures {
  /** Request start → 202: the whole body sent, stored and hashed. */
  uploadSeconds: number;
  rssBeforeMb: number;
  /** VmHWM read the moment the 202 arrives: the upload's peak (the test run, poked at that moment, has barely begun). */
  uploadPeakMb: number;
  /** VmHWM once the test run of the same file is done. */
  testRunPeakMb: number;
  /** False when the kernel would not reset VmHWM, so both peaks count from the server's start. */
  peakReset: boolean;
  testRun: Pick<TestRunFigures, "seconds" | "recordsReady" | "errors" | "warnings">;
}

/** Uploads a large file while watching the server's resident memory, then lets its test run finish. */
export async function bigUpload(client: ApiClient, pid: number, file: string): Promise<UploadFigures> {
  const before = residency(pid);
  const peakReset = resetPeak(pid);
  const { id, seconds } = await client.upload(file, { dryRun: "true" });
  const afterUpload = residency(pid);
  const done = await client.waitFor(id, ["done"], POLL_MS, WAIT_MS);
  const afterRun = residency(pid);
  return {
    uploadSeconds: seconds,
    rssBeforeMb: before.rssMb,
    uploadPeakMb: afterUpload.peakMb,
    testRunPeakMb: afterRun.peakMb,
    peakReset,
    testRun: { seconds: secondsBetween(done.queueTime, done.testedTime), recordsReady: done.recordsReady, errors: done.errors, warnings: done.warnings },
  };
}

export interface LoadFigures {
  p50Ms: number;
  p99Ms: number;
  requestsPerS: number;
  requests: number;
  /**
   * The server's CPU time per request (milliseconds): unlike latency, barely moved by a shared machine's noise. With
   * every connection waiting on one event loop, latency is about connections × this, so it shows what a goal needs.
   */
  cpuMsPerRequest: number;
}

/**
 * Loads one URL with autocannon for `seconds` after a one-second warm-up that is thrown away (a server in service
 * is warm; the first requests of a fresh process are compiling code). Any failed or non-2xx answer voids the figure.
 */
export async function load(pid: number, url: string, authorization: string, connections: number, seconds: number): Promise<LoadFigures> {
  const options = { url, connections, headers: { authorization } };
  await autocannon({ ...options, duration: 1 });
  const cpuAtStart = cpuSeconds(pid);
  const result = await autocannon({ ...options, duration: seconds });
  const cpuMs = (cpuSeconds(pid) - cpuAtStart) * 1000;
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(`load test of ${url}: ${result.errors} errors, ${result.non2xx} non-2xx answers (${JSON.stringify(result.statusCodeStats)})`);
  }
  const requests = result.requests.total;
  return { p50Ms: result.latency.p50, p99Ms: result.latency.p99, requestsPerS: requests / result.duration, requests, cpuMsPerRequest: cpuMs / requests };
}

function secondsBetween(from: string | null, to: string | null): number {
  if (!from || !to) throw new Error(`the server recorded no time for a step (${from} → ${to})`);
  return (Date.parse(to) - Date.parse(from)) / 1000;
}
