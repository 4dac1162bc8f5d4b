/** The import API client: what the task pane and `dx` import. */
export { createImportApiClient, type ImportApiClientOptions } from "./client";
export { ImportApiError, isImportApiError, type ImportApiErrorDetails } from "./errors";
export { followImport, isFinal, needsUser, type FollowOptions } from "./follow";
export { probeNoCors, pageOrigin, type CorsProbe } from "./corsProbe";
export { normaliseBaseUrl } from "./baseUrl";
export { fileNameOf } from "./contentDisposition";
export type * from "./types";
