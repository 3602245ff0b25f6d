import { FetchError } from "./fetch-error.js";

/** A feed URL ready to request: credentials moved out of the URL into an `Authorization` value. */
export interface FeedUrl {
  url: URL;
  /** `Basic …` when the URL carried `user:pass@`; sent only to the URL's own origin. */
  authorization: string | null;
}

// Posting to these would turn the bot into a relay for someone else's tokens.
const WEBHOOK_HOSTS: Array<{ host: RegExp; path: RegExp }> = [
  { host: /^hooks\.slack\.com$/, path: /^\// },
  { host: /^(?:[a-z]+\.)?discord(?:app)?\.com$/, path: /^\/api\/(?:v\d+\/)?webhooks\// },
];

/** Validates a feed URL (or a redirect target resolved against `base`) and normalises it the WHATWG way. */
export function parseFeedUrl(input: string, base?: URL): FeedUrl {
  let url: URL;
  try {
    url = new URL(input.trim(), base);
  } catch (error) {
    throw new FetchError("bad-url", "that is not a valid URL", { cause: error });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchError("bad-url", "only http/https URLs are supported");
  }
  // `hooks.slack.com.` (the fully qualified spelling) reaches the same host.
  const host = url.hostname.replace(/\.+$/, "");
  if (WEBHOOK_HOSTS.some((rule) => rule.host.test(host) && rule.path.test(url.pathname))) {
    throw new FetchError("bad-url", "that URL is a chat webhook, not a feed");
  }
  let authorization: string | null = null;
  if (url.username !== "" || url.password !== "") {
    const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    authorization = `Basic ${Buffer.from(pair, "utf8").toString("base64")}`;
    url.username = "";
    url.password = "";
  }
  url.hash = "";
  return { url, authorization };
}

/** The URL with any `user:pass@` removed, for logs and messages. */
export function redactUrl(input: string): string {
  try {
    const url = new URL(input);
    if (url.username === "" && url.password === "") return url.href;
    url.username = "";
    url.password = "";
    return url.href;
  } catch {
    return input.replace(/\/\/[^/@\s]*@/, "//");
  }
}
