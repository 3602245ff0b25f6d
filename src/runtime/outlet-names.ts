import type { BriefingConfig } from "../config/config-schema.js";
import { outletName } from "../digest/index.js";
import type { SourceState } from "../domain/source-state.js";

/** Outlet names for alerts and search: the source's configured `name`, else its feed's title, else its id. */
export interface OutletNames {
  of(sourceId: string): string;
  /** Takes the feed titles from the latest source states. */
  learn(states: readonly SourceState[]): void;
}

export function createOutletNames(config: BriefingConfig): OutletNames {
  const titles = new Map<string, string | null>();
  const sources = new Map(config.sources.map((source) => [source.id, source]));
  return {
    of: (sourceId) => outletName(sourceId, sources.get(sourceId)?.name, titles.get(sourceId)),
    learn(states) {
      for (const state of states) titles.set(state.sourceId, state.title ?? null);
    },
  };
}
