import { ImportApiError } from "../../../src/client";

/** The rejection of `promise`, which must be an ImportApiError; fails the test if it resolves. */
export async function failure(promise: Promise<unknown>): Promise<ImportApiError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(ImportApiError);
  return outcome.error as ImportApiError;
}
