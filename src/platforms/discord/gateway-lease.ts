import { performance } from "node:perf_hooks";
import type { DiscordLog } from "./discord-log.js";

/** A lease shared by the bot's processes (the PostgreSQL store's fits): one holder per name until it expires. */
export interface SharedLease {
  acquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  renew(name: string, holder: string, ttlMs: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
}

/**
 * Several processes on one database: only the one holding the shard's lease opens the gateway
 * (two sessions of one shard would each answer every command). Sending needs no lease.
 */
export interface GatewayLeaseOptions {
  lease: SharedLease;
  /** This process, as other processes and the logs see it (host and pid, say). */
  holder: string;
  /** Default `discord-shard-0`. */
  name?: string;
  /** How long the lease lasts unrenewed: a standby takes over within this of the holder dying. Default 15 s. */
  ttlMs?: number;
  /** How often the holder renews. Default 5 s. */
  renewMs?: number;
  /** How often a standby asks for the lease. Default 5 s. */
  retryMs?: number;
}

export interface GatewaySession {
  /** Opens the gateway; resolves once the session is ready. */
  connect(): Promise<void>;
  /** Closes it, letting interactions in hand finish. */
  disconnect(): Promise<void>;
}

export interface HeldGateway {
  /** Takes the lease if it can and connects (errors of that first connection are thrown); else stands by. */
  start(): Promise<void>;
  /** Disconnects if connected and releases the lease, so a standby takes over at once. */
  stop(): Promise<void>;
}

/**
 * Opens the gateway only while this process holds the lease. The holder renews it; if a renewal says
 * another process has it, or none succeeds for a whole ttl (the database is unreachable), it disconnects
 * before the lease can have expired, so two processes never hold the gateway on the strength of it.
 */
export function holdGatewayByLease(options: GatewayLeaseOptions, session: GatewaySession, log: DiscordLog): HeldGateway {
  const { lease, holder } = options;
  const name = options.name ?? "discord-shard-0";
  const ttlMs = options.ttlMs ?? 15_000;
  const renewMs = options.renewMs ?? 5_000;
  const retryMs = options.retryMs ?? 5_000;
  let state: "idle" | "standby" | "holding" | "stopped" = "idle";
  let timer: NodeJS.Timeout | undefined;
  let fence: NodeJS.Timeout | undefined;
  let announced = false;
  // Connecting and disconnecting take turns; one failing does not stop the next.
  let sessionWork: Promise<void> = Promise.resolve();
  const inTurn = (work: () => Promise<void>) => (sessionWork = sessionWork.catch(() => undefined).then(work));
  const fields = { lease: name, holder };

  // Measured from when the renewal was sent: the database set the expiry later than that.
  const armFence = (sentAt: number) => {
    clearTimeout(fence);
    fence = setTimeout(() => void lose("no renewal succeeded within the lease's ttl"), Math.max(0, ttlMs - (performance.now() - sentAt)));
  };

  const lose = async (why: string) => {
    if (state !== "holding") return;
    state = "standby";
    clearTimeout(fence);
    clearTimeout(timer);
    log.error({ ...fields, why }, "lost the Discord gateway lease; disconnecting");
    await inTurn(session.disconnect).catch((error: unknown) => log.error({ err: error }, "could not close the Discord gateway"));
    // Ours still if it was a connection that failed: let another process try sooner than the ttl.
    await lease.release(name, holder).catch(() => undefined);
    if (state === "standby") timer = setTimeout(() => void tryAcquire(false), retryMs);
  };

  const renew = async () => {
    const sentAt = performance.now();
    try {
      if (!(await lease.renew(name, holder, ttlMs))) return void (await lose("another process holds it"));
      if (state === "holding") armFence(sentAt);
    } catch (error) {
      log.warn({ ...fields, err: error }, "could not renew the Discord gateway lease");
    }
    if (state === "holding") timer = setTimeout(() => void renew(), renewMs);
  };

  /** True when this process took the lease; the first attempt connects in the caller's turn. */
  const tryAcquire = async (first: boolean): Promise<boolean> => {
    const sentAt = performance.now();
    let taken = false;
    try {
      taken = await lease.acquire(name, holder, ttlMs);
    } catch (error) {
      log.warn({ ...fields, err: error }, "could not ask for the Discord gateway lease");
    }
    if (state === "stopped") {
      if (taken) await lease.release(name, holder).catch(() => undefined);
      return false;
    }
    if (!taken) {
      state = "standby";
      if (!announced) log.info(fields, "standing by: another process holds the Discord gateway");
      announced = true;
      timer = setTimeout(() => void tryAcquire(false), retryMs);
      return false;
    }
    state = "holding";
    announced = false;
    armFence(sentAt);
    timer = setTimeout(() => void renew(), renewMs);
    log.info(fields, "took the Discord gateway lease");
    if (!first) void inTurn(session.connect).catch((error: unknown) => void lose(`could not connect: ${error instanceof Error ? error.message : String(error)}`));
    return true;
  };

  return {
    async start() {
      if (!(await tryAcquire(true))) return;
      try {
        await inTurn(session.connect);
      } catch (error) {
        state = "stopped";
        clearTimeout(timer);
        clearTimeout(fence);
        await lease.release(name, holder).catch(() => undefined);
        throw error;
      }
    },
    async stop() {
      const held = state === "holding";
      state = "stopped";
      clearTimeout(timer);
      clearTimeout(fence);
      await inTurn(session.disconnect);
      if (held) await lease.release(name, holder).catch((error: unknown) => log.warn({ ...fields, err: error }, "could not release the Discord gateway lease; a standby takes over once it expires"));
    },
  };
}
