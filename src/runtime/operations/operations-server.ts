import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { BriefingError } from "../../domain/errors.js";

/** A server for the operations routes alone, when no Slack HTTP receiver shares its port. */
export async function listenForOperations(routes: RequestListener, port: number, host?: string): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer(routes);
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(new BriefingError("config", `cannot serve /healthz, /readyz and /metrics on port ${port} (${error.code ?? error.message}); set PORT to a free port`, { cause: error })),
    );
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
