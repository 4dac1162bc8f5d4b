/**
 * followImport against a scripted ImportApi: the real server cannot be made to drop the connection on cue, and the
 * order of answers here is exact. (The live suite follows real imports to done and complete.)
 */
import { followImport, ImportApiError, isFinal, needsUser, type ImportApi, type ImportState, type ImportStatus } from "../../src/client";

function statusIn(state: ImportState): ImportStatus {
  return {
    bdeUUID: "1",
    state,
    status: state,
    dryRun: true,
    importFile: "a.csv",
    importType: null,
    message: "",
    progress: { percentComplete: 0 },
    fileUrl: "/v1/bde/import/1/file",
    recordsReady: 0,
    recordsImported: null,
    errors: 0,
    warnings: 0,
    queueTime: "2026-01-01T00:00:00.000Z",
    testedTime: null,
    approvedTime: null,
    endTime: null,
    method: "ui",
  };
}

/** An ImportApi whose status() gives the scripted answers in turn (the last one forever); nothing else is called. */
function scripted(answers: Array<ImportState | ImportApiError>): ImportApi & { calls: number } {
  const refuse = () => Promise.reject(new Error("not in this script"));
  const api = {
    calls: 0,
    status: async () => {
      const answer = answers[Math.min(api.calls++, answers.length - 1)];
      if (answer instanceof ImportApiError) throw answer;
      return statusIn(answer);
    },
    me: refuse,
    upload: refuse,
    report: refuse,
    approve: refuse,
    cancel: refuse,
    activity: refuse,
    downloadFile: refuse,
    downloadReportCsv: refuse,
  };
  return api;
}

const lost = () => new ImportApiError("unreachable", "No answer from http://127.0.0.1:1: check the URL in Settings and that the import API is running.");

test("polls until the import needs the user, reporting each status", async () => {
  const api = scripted(["queued", "run", "run", "done"]);
  const seen: ImportState[] = [];
  const final = await followImport(api, "1", { intervalMs: 1, onStatus: (s) => seen.push(s.state) });
  expect(final.state).toBe("done");
  expect(seen).toEqual(["queued", "run", "run", "done"]);
  expect(api.calls).toBe(4);
});

test("keeps following an approval through updating to complete", async () => {
  const api = scripted(["approved", "updating", "complete"]);
  expect((await followImport(api, "1", { intervalMs: 1 })).state).toBe("complete");
});

test("retryable failures are reported and retried with growing delays, then following resumes", async () => {
  const api = scripted(["run", lost(), lost(), new ImportApiError("server", "db away", { status: 503 }), "done"]);
  const retries: Array<[string, number, number]> = [];
  const seen: ImportState[] = [];
  const final = await followImport(api, "1", {
    intervalMs: 2,
    maxDelayMs: 12,
    onStatus: (s) => seen.push(s.state),
    onRetry: (error, attempt, delayMs) => retries.push([error.kind, attempt, delayMs]),
  });
  expect(final.state).toBe("done");
  expect(seen).toEqual(["run", "done"]);
  expect(retries).toEqual([
    ["unreachable", 1, 4],
    ["unreachable", 2, 8],
    ["server", 3, 12], // capped at maxDelayMs
  ]);
});

test("a Retry-After longer than the backoff is honoured", async () => {
  const api = scripted([new ImportApiError("rate-limited", "wait", { status: 429, retryAfterMs: 60 }), "done"]);
  const delays: number[] = [];
  const started = Date.now();
  await followImport(api, "1", { intervalMs: 1, onRetry: (_e, _a, delayMs) => delays.push(delayMs) });
  expect(delays).toEqual([60]);
  expect(Date.now() - started).toBeGreaterThanOrEqual(55);
});

test("a failure retrying cannot fix (wrong password) rejects at once", async () => {
  const refused = new ImportApiError("unauthorized", "The import API refused the e-mail or password. Check them in Settings.", { status: 401 });
  const api = scripted(["run", refused]);
  const onRetry = jest.fn();
  await expect(followImport(api, "1", { intervalMs: 1, onRetry })).rejects.toBe(refused);
  expect(onRetry).not.toHaveBeenCalled();
  expect(api.calls).toBe(2);
});

test("aborting stops at once, while waiting to retry, with kind aborted and no further polls", async () => {
  const api = scripted([lost()]);
  const controller = new AbortController();
  const following = followImport(api, "1", { intervalMs: 60_000, signal: controller.signal, onRetry: () => setTimeout(() => controller.abort(), 5) });
  await expect(following).rejects.toMatchObject({ kind: "aborted" });
  expect(api.calls).toBe(1);
});

test("an already aborted signal polls nothing", async () => {
  const api = scripted(["run"]);
  await expect(followImport(api, "1", { signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: "aborted" });
  expect(api.calls).toBe(0);
});

test("needsUser and isFinal", () => {
  const states: ImportState[] = ["queued", "run", "done", "exception", "approved", "updating", "complete", "cancelled", "failed"];
  expect(states.filter(needsUser)).toEqual(["done", "exception", "complete", "cancelled", "failed"]);
  expect(states.filter(isFinal)).toEqual(["complete", "cancelled", "failed"]);
});
