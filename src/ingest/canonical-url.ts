import { isTrackingParam, unwrapAmpUrl } from "../domain/article-url.js";

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
    url = new URL(unwrapAmpUrl(link));
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
      return !isTrackingParam(safeDecode(rawName), safeDecode(rawValue));
    });
  return kept.length > 0 ? `?${kept.join("&")}` : "";
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}
