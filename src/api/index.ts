/**
 * The import API's wire contract: the zod schemas of every JSON body the service sends. It has a folder of its own
 * because both sides need it and the layering forbids them to import each other (client/ may not import server/,
 * server/ may not import client/): the server answers with these shapes and documents them in its OpenAPI document,
 * the client parses every answer with them, so the two cannot drift apart. At run time it needs only zod (types come
 * from spec/ and validation/), and nothing of Node or the browser, so it runs on both sides.
 */
export { accepted, activityEntry, activityPage, importState, importStatus } from "./imports";
export { exceptionReport, finding } from "./report";
export { signedIn } from "./account";
export { errorBody } from "./errorBody";
