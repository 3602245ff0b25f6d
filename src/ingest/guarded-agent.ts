import { Agent, buildConnector } from "undici";
import type { AddressGuard } from "./address-guard.js";

export interface GuardedAgentOptions {
  guard: AddressGuard;
  connectTimeoutMs: number;
  /** How long an idle keep-alive socket is kept for the next poll of the same origin. */
  keepAliveTimeoutMs?: number | undefined;
}

/**
 * An undici Agent whose every new connection goes through the guard: the host is resolved
 * once, the answer checked, and the socket opened to that very address. There is no gap
 * between "validate" and "connect" for DNS rebinding to use, and redirects get the same check.
 */
export function createGuardedAgent(options: GuardedAgentOptions): Agent {
  const connect = buildConnector({ timeout: options.connectTimeoutMs });
  return new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    connect(connectOptions, callback) {
      const port = Number(connectOptions.port) || (connectOptions.protocol === "https:" ? 443 : 80);
      options.guard.check(connectOptions.hostname, port).then(
        // `host` is left as it was, so TLS still verifies the certificate against the name.
        (address) => connect({ ...connectOptions, hostname: address }, callback),
        (error: Error) => callback(error, null),
      );
    },
  });
}
