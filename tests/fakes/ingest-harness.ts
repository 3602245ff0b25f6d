import { afterAll, beforeAll } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import { createIngester, type Ingester, type IngesterOptions } from "../../src/ingest/index.js";
import { startFeedServer, type FeedServer } from "./feed-server.js";

/** A feed server on 127.0.0.1 and an ingester polling it (parsing on the test's thread), for one test file. */
export interface IngestHarness {
  readonly server: FeedServer;
  readonly ingester: Ingester;
}

/** Starts both before the file's tests and closes both after; options override the defaults. */
export function ingestHarness(options: Partial<IngesterOptions> = {}): IngestHarness {
  let server: FeedServer | undefined;
  let ingester: Ingester | undefined;
  beforeAll(async () => {
    server = await startFeedServer();
    ingester = createIngester({
      clock: createManualClock("2026-01-20T00:00:00Z"), defaultIntervalMs: 600_000, allowPrivateNetworks: true, timeoutMs: 2_000, parseWorkers: 0, ...options,
    });
  });
  afterAll(async () => {
    await ingester?.close();
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    get ingester() {
      return ingester!;
    },
  };
}
