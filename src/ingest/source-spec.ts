/** A configured feed: fetched over HTTP when it has a `url`, read from disk when it has a `path`. */
export interface SourceSpec {
  id: string;
  url?: string | undefined;
  path?: string | undefined;
  weight: number;
  /** Preferred polling interval in milliseconds; the ingester adapts within its bounds. */
  everyMs?: number | undefined;
}

export function sourceLocation(source: SourceSpec): string {
  return source.url ?? source.path ?? "";
}
