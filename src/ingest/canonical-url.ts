// Query parameters that only say how a reader arrived; the article is the same without them.
const TRACKING_PARAMS = new Set([
  "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "igshid", "li_fat_id",
  "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "rb_clickid", "s_kwcid", "ef_id",
  "ref_src", "ref_url", "cmpid", "ocid", "ncid", "sr_share", "spm", "scm", "_ga", "_gl", "at_medium", "at_campaign",
  "usqp",
]);
const TRACKING_PREFIXES = ["utm_", "pk_", "mtm_", "__hs"];
const AMP_VALUES = new Set(["", "1", "true", "amp"]);

/**
 * Resolves a link against a base and keeps it only if it is http(s). An absolute link whose
 * WHATWG form differs only in the letter case of its host (`http://item.TEST/`) keeps the
 * published spelling; `canonicalUrl` is where case is folded.
 */
export function resolveLink(href: string, base: string | null): string | null {
  const trimmed = href.trim();
  if (trimmed === "") return null;
  try {
    const url = base ? new URL(trimmed, base) : new URL(trimmed);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return trimmed.startsWith(url.protocol) && trimmed.toLowerCase() === url.href.toLowerCase() ? trimmed : url.href;
  } catch {
    return null;
  }
}

/**
 * The article's canonical address: AMP cache and Google AMP viewer URLs mapped back to the
 * publisher, on-site AMP variants (`/amp`, `.amp.html`, `?amp=1`) to the normal page,
 * tracking parameters (utm_*, fbclid, gclid…) and the fragment dropped. The rest of the
 * query is kept byte for byte, so no meaningful parameter is re-encoded.
 */
export function canonicalUrl(link: string): string | null {
  let url: URL;
  try {
    url = new URL(unwrapAmpCache(link));
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  url.hash = "";
  url.username = "";
  url.password = "";
  if (url.hostname.endsWith(".")) url.hostname = url.hostname.slice(0, -1);
  url.pathname = url.pathname.replace(/\/amp\/?$/i, "/").replace(/\.amp(\.html?)$/i, "$1");
  url.search = keptQuery(url.search);
  return url.href;
}

function keptQuery(search: string): string {
  if (search.length <= 1) return "";
  const kept = search
    .slice(1)
    .split("&")
    .filter((pair) => {
      if (pair === "") return false;
      const [rawName = "", rawValue = ""] = pair.split("=", 2);
      const name = safeDecode(rawName).toLowerCase();
      if (name === "amp" || name === "_amp") return !AMP_VALUES.has(safeDecode(rawValue).toLowerCase());
      if (name === "outputtype") return safeDecode(rawValue).toLowerCase() !== "amp";
      return !TRACKING_PARAMS.has(name) && !TRACKING_PREFIXES.some((prefix) => name.startsWith(prefix));
    });
  return kept.length > 0 ? `?${kept.join("&")}` : "";
}

/**
 * `https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a` and
 * `https://www.google.com/amp/s/www.example.com/a` both mean `https://www.example.com/a`.
 */
function unwrapAmpCache(link: string): string {
  const cache = /^https?:\/\/[^/]+\.cdn\.ampproject\.org\/(?:[a-z]{1,2}\/)*?(?:c|v|wp)\/(s\/)?(.+)$/i.exec(link);
  if (cache) return `${cache[1] ? "https" : "http"}://${cache[2]}`;
  const viewer = /^https?:\/\/(?:www\.)?google\.[a-z.]{2,10}\/amp\/(s\/)?(.+)$/i.exec(link);
  if (viewer) return `${viewer[1] ? "https" : "http"}://${viewer[2]}`;
  return link;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}
