/**
 * Stand-ins for the import API's failures that a real instance cannot be made to show on demand: a raw TCP server
 * that accepts and never answers, and an HTTP server with one canned answer. Both on 127.0.0.1, a free port.
 */
import { createServer as createHttpServer, type OutgoingHttpHeaders } from "node:http";
import { createServer as createTcpServer, type Server, type Socket } from "node:net";

export interface TinyServer {
  baseUrl: string;
  /** How many requests (or connections, for the silent one) arrived. */
  hits(): number;
  close(): Promise<void>;
}

async function listen(server: Server, sockets: Set<Socket>, count: () => number): Promise<TinyServer> {
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    hits: count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Accepts connections and never says a word: a hung server, for timeouts. */
export function silentServer(): Promise<TinyServer> {
  let connections = 0;
  const server = createTcpServer(() => void connections++);
  return listen(server, new Set(), () => connections);
}

/** Answers every request with the same status, headers and body. */
export function cannedServer(status: number, body: string, headers: OutgoingHttpHeaders = {}): Promise<TinyServer> {
  let requests = 0;
  const server = createHttpServer((request, response) => {
    requests++;
    request.resume();
    response.writeHead(status, headers).end(body);
  });
  return listen(server, new Set(), () => requests);
}

/** A port nothing listens on: a server is started, its port noted, and it is closed. */
export async function deadUrl(): Promise<string> {
  const server = await cannedServer(200, "");
  await server.close();
  return server.baseUrl;
}
