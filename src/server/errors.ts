import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";

/** An answer a client can act on: a stable code for programs and a sentence for people. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  error: string;
  message: string;
}

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** Errors that mean the database cannot be reached right now (as opposed to a bug): answered with 503. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  const code = String(e.code ?? "");
  if (["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "57P01", "57P02", "57P03", "53300", "SQLITE_BUSY", "SQLITE_CANTOPEN"].includes(code)) return true;
  if (code.startsWith("08")) return true; // PostgreSQL connection exceptions
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(e.message ?? "");
}

/** Turns whatever was thrown into the JSON error body; never sends a stack trace. */
export function errorReply(error: FastifyError | ApiError | Error, request: FastifyRequest, reply: FastifyReply): void {
  let status: number;
  let code: string;
  let message: string;
  if (error instanceof ApiError) {
    ({ statusCode: status, code, message } = error);
    for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
  } else if (isDatabaseUnavailable(error)) {
    status = 503;
    code = "database_unavailable";
    message = "The import service cannot reach its database right now. Nothing was changed; try again in a minute.";
    void reply.header("retry-after", "30");
  } else if ((error as FastifyError).validation) {
    status = 400;
    code = "invalid_request";
    message = `The request is not valid: ${error.message}.`;
  } else if ((error as FastifyError).statusCode === 429) {
    status = 429;
    code = "rate_limited";
    message = error.message;
  } else if ((error as FastifyError).code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    status = 415;
    code = "unsupported_media_type";
    message = "Send the file as multipart/form-data with the file in the field named data.";
  } else if ((error as FastifyError).statusCode && (error as FastifyError).statusCode! < 500) {
    status = (error as FastifyError).statusCode!;
    code = "bad_request";
    message = error.message;
  } else {
    request.log.error({ err: error }, "unexpected error");
    status = 500;
    code = "internal";
    message = "The import service failed unexpectedly; the error is logged. Nothing was changed; try again.";
  }
  const body: ErrorBody = { statusCode: status, code, error: REASONS[status] ?? "Error", message };
  void reply.status(status).type("application/json").send(body);
}
