// Query parameters that only say how a reader arrived; the article is the same without them.
// The one list: ingest's canonical URLs and clustering's URL identities both read it.
const TRACKING_PARAMS = new Set([
  "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "igshid", "li_fat_id",
  "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "rb_clickid", "s_kwcid", "ef_id",
  "ref_src", "ref_url", "cmpid", "ocid", "ncid", "smid", "sr_share", "spm", "scm", "_ga", "_gl", "at_medium", "at_campaign",
  "usqp", "amp_js_v", "amp_gsa",
]);
const TRACKING_PREFIXES = ["utm_", "pk_", "mtm_", "__hs"];
// `?amp`, `?amp=1`: the AMP variant of the same page. `?amp=other` may mean something else.
const AMP_VALUES = new Set(["", "1", "true", "amp"]);

/** True for a query parameter (name and value, both decoded) that never changes which article a URL names. */
export function isTrackingParam(name: string, value: string): boolean {
  const key = name.toLowerCase();
  if (key === "amp" || key === "_amp") return AMP_VALUES.has(value.toLowerCase());
  if (key === "outputtype") return value.toLowerCase() === "amp";
  return TRACKING_PARAMS.has(key) || TRACKING_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/**
 * The publisher's URL behind an AMP cache or Google's AMP viewer:
 * `https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a` and
 * `https://www.google.com/amp/s/www.example.com/a` both mean `https://www.example.com/a`.
 * Any other link comes back as it is.
 */
export function unwrapAmpUrl(link: string): string {
  const cache = /^https?:\/\/(?:[^/?#]+\.)?cdn\.ampproject\.org\/(?:[a-z]{1,2}\/)*?(?:c|v|wp)\/(s\/)?([^?#]+)(.*)$/i.exec(link);
  if (cache) return `${cache[1] ? "https" : "http"}://${cache[2]}${cache[3]}`;
  const viewer = /^https?:\/\/(?:www\.)?google\.[a-z.]{2,10}\/amp\/(s\/)?([^?#]+)(.*)$/i.exec(link);
  if (viewer) return `${viewer[1] ? "https" : "http"}://${viewer[2]}${viewer[3]}`;
  return link;
}
