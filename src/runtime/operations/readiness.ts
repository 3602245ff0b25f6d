/** What `/readyz` looks at; each part is read when asked, so the answer is always current. */
export interface ReadinessSources {
  /** Throws when the store cannot answer a query. */
  pingStore(): void;
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

export function checkReadiness(sources: ReadinessSources): Readiness {
  const reasons: string[] = [];
  try {
    sources.pingStore();
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
