import { isTrackingParam, unwrapAmpUrl } from "../domain/article-url.js";

/**
 * Exact-duplicate key for an article URL: the same article behind tracking parameters, AMP pages,
 * AMP-cache mirrors, `www.`/`m.` hosts, http or https and a trailing slash gives one string.
 * Not a URL (no scheme): it is a key to compare, never to fetch. Null when `input` is not an
 * http(s) URL.
 */
export function urlIdentity(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const unwrapped = unwrapAmpUrl(url.href);
  if (unwrapped !== url.href) {
    try {
      url = new URL(unwrapped);
    } catch {
      return null;
    }
  }
  const port = url.port ? `:${url.port}` : "";
  return `${bareHost(url.hostname)}${port}${barePath(url.pathname)}${keptQuery(url.searchParams)}`;
}

const MOBILE_PREFIXES = ["www.", "m.", "mobile.", "amp."];

function bareHost(hostname: string): string {
  let host = hostname.toLowerCase().replace(/\.$/, "");
  for (let changed = true; changed; ) {
    changed = false;
    for (const prefix of MOBILE_PREFIXES) {
      // Keep at least a registrable-looking name: "m.co" stays as it is.
      if (host.startsWith(prefix) && host.slice(prefix.length).includes(".")) {
        host = host.slice(prefix.length);
        changed = true;
      }
    }
  }
  return host;
}

/** Drops `/amp` as a first or last segment, `.amp` before an extension, repeated and trailing slashes. */
function barePath(pathname: string): string {
  const segments = pathname.split("/").filter((segment) => segment !== "");
  if (segments[0]?.toLowerCase() === "amp" && segments.length > 1) segments.shift();
  if (segments.at(-1)?.toLowerCase() === "amp") segments.pop();
  const last = segments.at(-1);
  if (last !== undefined) segments[segments.length - 1] = last.replace(/\.amp(?=\.[a-z0-9]+$|$)/i, "");
  return segments.length === 0 ? "" : `/${segments.join("/")}`;
}

function keptQuery(params: URLSearchParams): string {
  const kept = [...params].filter(([key, value]) => !isTrackingParam(key, value));
  if (kept.length === 0) return "";
  kept.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return `?${new URLSearchParams(kept).toString()}`;
}
