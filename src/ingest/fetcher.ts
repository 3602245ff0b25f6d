/** Cache validators remembered from the last successful fetch. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/** A fetch that brought a (decoded, size-capped) body. */
export interface FetchedBody {
  status: "fetched";
  body: Buffer;
  contentType: string | null;
  /** Where the body came from, after redirects: the base for relative links. */
  url: string;
  etag: string | null;
  lastModified: string | null;
  /** Set when the feed answered through permanent redirects only. */
  movedTo: string | null;
  /** How long the response says it stays fresh (`Cache-Control: max-age`, `Expires`), if it says. */
  freshForMs?: number | undefined;
}

/** The feed is unchanged since the validators were issued. */
export interface NotModified {
  status: "not-modified";
  etag: string | null;
  lastModified: string | null;
  /** Set when the answer came through permanent redirects only. */
  movedTo: string | null;
  freshForMs?: number | undefined;
}

export type FetchOutcome = FetchedBody | NotModified;

/** Gets a feed's bytes from somewhere; HTTP and local files implement it, tests may fake it. */
export interface Fetcher {
  /** Resolves with the body or "not modified"; rejects only with a `FetchError`. */
  fetch(location: string, validators: Validators): Promise<FetchOutcome>;
  close(): Promise<void>;
}
