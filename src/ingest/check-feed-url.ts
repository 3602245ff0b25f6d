import { createAddressGuard, type AddressGuardOptions } from "./address-guard.js";
import { classifyFetchError } from "./classify-fetch-error.js";
import { parseFeedUrl } from "./feed-url.js";

/**
 * Checks a feed URL someone wants to add before it is saved: an http(s) URL, not a chat
 * webhook, on an allowed port, resolving only to allowed addresses. Resolves with the URL in
 * WHATWG form (credentials kept); rejects with the `FetchError` a poll would fail with.
 * Every fetch checks again at connect time, so a name that changes its answer later gains nothing.
 */
export async function checkFeedUrl(input: string, options: AddressGuardOptions = {}): Promise<string> {
  try {
    const { url } = parseFeedUrl(input);
    const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
    await createAddressGuard(options).check(url.hostname, port);
    return new URL(input.trim()).href;
  } catch (error) {
    throw classifyFetchError(error);
  }
}
