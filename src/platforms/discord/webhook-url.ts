/** A channel webhook, from the URL Discord shows under Integrations → Webhooks. */
export interface WebhookAddress {
  /** Where the REST client should point: the URL's origin and API prefix, e.g. `https://discord.com/api`. */
  apiBase: string;
  id: string;
  token: string;
  /** Query parameters the URL carried (e.g. `thread_id`), kept on every post. */
  query: URLSearchParams;
}

const WEBHOOK_PATH = /^(.*?)(?:\/v\d+)?\/webhooks\/(\d{17,20})\/([A-Za-z0-9_-]{10,})\/?$/;

/**
 * Parses a webhook URL; null when it is not one. The URL is a secret (its token posts as the webhook), so
 * callers never log it or this result.
 */
export function parseWebhookUrl(text: string): WebhookAddress | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const match = WEBHOOK_PATH.exec(url.pathname);
  if (!match) return null;
  const [, prefix = "", id = "", token = ""] = match;
  url.searchParams.delete("wait");
  return { apiBase: `${url.origin}${prefix}`, id, token, query: url.searchParams };
}
