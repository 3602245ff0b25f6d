import type { BriefingConfig } from "../config/config-schema.js";

/** The display name of each configured source: its `name`, else its id. */
export function outletNames(config: BriefingConfig): (sourceId: string) => string {
  const names = new Map(config.sources.map((source) => [source.id, source.name ?? source.id]));
  return (sourceId) => names.get(sourceId) ?? sourceId;
}
