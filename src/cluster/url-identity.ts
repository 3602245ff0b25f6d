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
  const unwrapped = unwrapAmpViewer(url);
  if (unwrapped === null) return null;
  url = unwrapped;
  const port = url.port ? `:${url.port}` : "";
  return `${bareHost(url.hostname)}${port}${barePath(url.pathname)}${keptQuery(url.searchParams)}`;
}

const MOBILE_PREFIXES = ["www.", "m.", "mobile.", "amp."];

/** Query keys that only say where a click came from (plus AMP markers), never which article. */
const DROPPED_PARAMS = new Set([
  "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid", "ttclid",
  "mc_cid", "mc_eid", "_ga", "_gl", "ocid", "cmpid", "smid", "amp", "amp_js_v", "amp_gsa", "usqp",
]);

/**
 * AMP caches serve `https://<host>/<path>` as `https://<host-dashed>.cdn.ampproject.org/c/s/<host>/<path>`
 * (`/v/` for the viewer, no `s/` for http origins); Google's viewer uses `google.com/amp/s/<host>/<path>`.
 */
function unwrapAmpViewer(url: URL): URL | null {
  const host = url.hostname;
  let rest: string | null = null;
  if (host === "cdn.ampproject.org" || host.endsWith(".cdn.ampproject.org")) {
    rest = url.pathname.replace(/^\/[cv]\//, "/");
    if (rest === url.pathname) return url;
  } else if (/^(www\.)?google\.[a-z.]+$/.test(host) && url.pathname.startsWith("/amp/")) {
    rest = url.pathname.slice("/amp".length);
  } else {
    return url;
  }
  const secure = rest.startsWith("/s/");
  const target = secure ? rest.slice(3) : rest.slice(1);
  try {
    const inner = new URL(`${secure ? "https" : "http"}://${target}${url.search}`);
    return inner.protocol === "http:" || inner.protocol === "https:" ? inner : null;
  } catch {
    return null;
  }
}

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
  const kept = [...params].filter(([key, value]) => {
    const name = key.toLowerCase();
    if (name.startsWith("utm_")) return false;
    if (name === "outputtype" && value.toLowerCase() === "amp") return false;
    return !DROPPED_PARAMS.has(name);
  });
  if (kept.length === 0) return "";
  kept.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return `?${new URLSearchParams(kept).toString()}`;
}
