import { describe, expect, it } from "vitest";
import { urlIdentity } from "../../src/cluster/index.js";

const ARTICLE = "example.com/2026/01/28/h200-approved";

describe("urlIdentity", () => {
  it.each([
    ["the canonical URL", "https://example.com/2026/01/28/h200-approved"],
    ["http instead of https", "http://example.com/2026/01/28/h200-approved"],
    ["a www. host", "https://www.example.com/2026/01/28/h200-approved"],
    ["an m. host", "https://m.example.com/2026/01/28/h200-approved"],
    ["an upper-case host with a trailing dot", "https://WWW.Example.COM./2026/01/28/h200-approved"],
    ["a trailing slash", "https://example.com/2026/01/28/h200-approved/"],
    ["utm_* parameters", "https://example.com/2026/01/28/h200-approved?utm_source=x&utm_medium=social&utm_campaign=y"],
    ["fbclid and gclid", "https://example.com/2026/01/28/h200-approved?fbclid=IwAR0abc&gclid=xyz"],
    ["a fragment", "https://example.com/2026/01/28/h200-approved#comments"],
    ["an /amp path suffix", "https://example.com/2026/01/28/h200-approved/amp"],
    ["an /amp/ path prefix", "https://example.com/amp/2026/01/28/h200-approved"],
    ["a bare ?amp", "https://example.com/2026/01/28/h200-approved?amp"],
    ["?amp=1", "https://example.com/2026/01/28/h200-approved?amp=1"],
    ["?outputType=amp", "https://example.com/2026/01/28/h200-approved?outputType=amp"],
    ["an AMP-cache mirror", "https://example-com.cdn.ampproject.org/c/s/example.com/2026/01/28/h200-approved/amp"],
    ["an AMP-cache viewer URL", "https://example-com.cdn.ampproject.org/v/s/www.example.com/2026/01/28/h200-approved?amp_js_v=0.1&usqp=mq331AQ"],
    ["Google's AMP viewer", "https://www.google.com/amp/s/www.example.com/2026/01/28/h200-approved/amp"],
    ["a default port", "https://example.com:443/2026/01/28/h200-approved"],
  ])("maps %s to the article's identity", (_case, url) => {
    expect(urlIdentity(url)).toBe(ARTICLE);
  });

  it.each([
    ["a different path", "https://example.com/2026/01/28/h20-banned"],
    ["a query parameter that names the article", "https://example.com/2026/01/28/h200-approved?page=2"],
    ["a different host", "https://example.org/2026/01/28/h200-approved"],
    ["a non-default port", "https://example.com:8443/2026/01/28/h200-approved"],
  ])("keeps %s apart", (_case, url) => {
    expect(urlIdentity(url)).not.toBe(ARTICLE);
  });

  it.each([
    ["?b=2&a=1", "https://example.com/list?a=1&b=2"],
    ["?a=1&b=2&utm_source=x", "https://example.com/list?b=2&a=1"],
  ])("orders the parameters that stay (%s)", (query, other) => {
    expect(urlIdentity(`https://example.com/list${query}`)).toBe(urlIdentity(other));
  });

  it.each([["not a url"], ["ftp://example.com/file"], ["javascript:alert(1)"], [""]])("answers null for %j", (input) => {
    expect(urlIdentity(input)).toBeNull();
  });

  it("does not strip a host down to its suffix", () => {
    expect(urlIdentity("https://m.co/story")).toBe("m.co/story");
  });
});
