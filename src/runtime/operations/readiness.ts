/** What `/readyz` looks at; each part is read when asked, so the answer is always current. */
export interface ReadinessSources {
  /** Rejects when the store cannot answer a query. */
  pingStore(): Promise<void>;
  /** Each platform this deployment uses: connected, or why not. */
  platforms(): Array<{ platform: string; problem: string | null }>;
  lastPollCycleAt(): Date | null;
  /** How old the last finished poll cycle may be: three poll intervals. */
  maxPollAgeMs(): number;
  now(): Date;
}

export interface Readiness {
  ready: boolean;
  /** Why not ready, one line each; empty when ready. */
  reasons: string[];
}

const PING_TIMEOUT_MS = 2_000;

export async function checkReadiness(sources: ReadinessSources): Promise<Readiness> {
  const reasons: string[] = [];
  try {
    // A server that takes the connection but never answers is as unready as one that refuses it.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS / 1000} s`)), PING_TIMEOUT_MS)));
    await Promise.race([sources.pingStore(), timeout]).finally(() => clearTimeout(timer));
  } catch (error) {
    reasons.push(`store unreachable: ${(error as Error).message}`);
  }
  for (const { platform, problem } of sources.platforms()) {
    if (problem) reasons.push(`${platform} not connected: ${problem}`);
  }
  const last = sources.lastPollCycleAt();
  const maxAge = sources.maxPollAgeMs();
  if (last === null) reasons.push("no poll cycle has finished yet");
  else {
    const age = sources.now().getTime() - last.getTime();
    if (age > maxAge) reasons.push(`last poll cycle finished ${Math.round(age / 1000)} s ago (limit ${Math.round(maxAge / 1000)} s)`);
  }
  return { ready: reasons.length === 0, reasons };
}
