/**
 * The real import API for the client's tests: the server suites' in-process service (SQLite, a worker, a signed-in
 * user) listening on 127.0.0.1 on a free port, so axios makes real HTTP requests as it would from the pane.
 */
import type { ConnectionSettings } from "../../../src/client";
import { startTestService, type TestService } from "../../server/support/testService";

export interface LiveApi {
  service: TestService;
  baseUrl: string;
  settings: ConnectionSettings;
  close(): Promise<void>;
}

export async function startLiveApi(): Promise<LiveApi> {
  const service = await startTestService("sqlite");
  const baseUrl = await service.app.listen({ port: 0, host: "127.0.0.1" });
  return {
    service,
    baseUrl,
    settings: { baseUrl, email: service.user.email, password: service.password },
    close: () => service.close(),
  };
}
