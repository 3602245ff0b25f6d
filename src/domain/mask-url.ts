/** What a hidden secret looks like wherever a URL is shown. */
export const MASK = "***";

// Query parameters that carry credentials by the names services give them.
const SECRET_PARAM = /(?:^|[_-])(?:token|key|apikey|secret|pass(?:word)?|pwd|auth|authorization|sig|signature|session|sid|credential|credentials|private|access|code|hash)(?:$|[_-])|token|secret|passw|apikey|api_key/i;
// Chat webhooks carry their token in the path.
const WEBHOOK_PATHS: Array<{ host: RegExp; keep: RegExp }> = [
  { host: /^hooks\.slack(?:-gov)?\.com\.?$/i, keep: /^\/services\// },
  { host: /^(?:[a-z]+\.)?discord(?:app)?\.com\.?$/i, keep: /^\/api\/(?:v\d+\/)?webhooks\/\d+\// },
];

/**
 * A URL safe to show in a listing, a chat reply or a log: `user:pass@` becomes `***@`, values of
 * credential-like query parameters (`?token=`, `api_key=`, `sig=`…) become `***`, and a chat
 * webhook's path token is hidden. Text that is not a URL has anything like `//user:pass@` masked.
 */
export function maskUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return input.replace(/\/\/[^/@\s]*@/g, `//${MASK}@`);
  }
  let changed = false;
  if (url.username !== "" || url.password !== "") {
    url.username = MASK;
    url.password = "";
    changed = true;
  }
  for (const [name, value] of [...url.searchParams]) {
    if (value !== "" && value !== MASK && SECRET_PARAM.test(name)) {
      url.searchParams.set(name, MASK);
      changed = true;
    }
  }
  const webhook = WEBHOOK_PATHS.find((rule) => rule.host.test(url.hostname));
  const kept = webhook?.keep.exec(url.pathname);
  if (kept && url.pathname.length > kept[0].length) {
    url.pathname = `${kept[0]}${MASK}`;
    changed = true;
  }
  // Untouched URLs come back as written, so masking never reformats what needs no masking.
  return changed ? decodeMask(url.href) : input;
}

/** Every http(s) URL inside free text (an error message, a log line) masked with `maskUrl`. */
export function maskUrlsInText(text: string): string {
  if (!text.includes("://")) return text;
  return text.replace(/\bhttps?:\/\/[^\s"'<>\\`|]+/gi, (url) => maskUrl(url));
}

function decodeMask(href: string): string {
  return href.replaceAll("%2A%2A%2A", MASK);
}

/** The same feed location, whether either side is written in full or masked (as the store keeps it). */
export function sameLocation(a: string, b: string): boolean {
  return a === b || maskUrl(a) === maskUrl(b);
}
