import { describe, expect, it } from "vitest";
import { canonicalUrl, resolveLink } from "../../src/ingest/canonical-url.js";

describe("canonicalUrl", () => {
  it.each([
    ["https://example.com/a?utm_source=rss&utm_medium=feed&utm_campaign=x", "https://example.com/a"],
    ["https://example.com/a?id=7&fbclid=abc&gclid=def&msclkid=1", "https://example.com/a?id=7"],
    ["https://example.com/a?UTM_Source=x&q=a%20b+c", "https://example.com/a?q=a%20b+c"],
    ["https://example.com/a#comments", "https://example.com/a"],
    ["HTTPS://Example.COM:443/a", "https://example.com/a"],
    ["https://example.com./a", "https://example.com/a"],
    ["https://www-example-com.cdn.ampproject.org/c/s/www.example.com/2026/01/story/amp/", "https://www.example.com/2026/01/story/"],
    ["https://www-example-com.cdn.ampproject.org/v/s/www.example.com/story.amp.html?usqp=mq331AQ", "https://www.example.com/story.html"],
    ["https://example-com.cdn.ampproject.org/c/example.com/plain", "http://example.com/plain"],
    ["https://www.google.com/amp/s/www.example.com/story", "https://www.example.com/story"],
    ["https://example.com/story/amp", "https://example.com/story/"],
    ["https://example.com/story?amp=1&page=2", "https://example.com/story?page=2"],
    ["https://example.com/story?outputType=amp", "https://example.com/story"],
    ["javascript:alert(1)", null],
    ["not a url", null],
  ])("%s → %s", (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });
});

describe("resolveLink", () => {
  it.each([
    ["/a/b", "https://example.com/feed.xml", "https://example.com/a/b"],
    ["b.html", "https://example.com/dir/feed.xml", "https://example.com/dir/b.html"],
    ["//cdn.example.net/x", "https://example.com/", "https://cdn.example.net/x"],
    ["data:text/html,hi", "https://example.com/", null],
    ["/relative", null, null],
    ["  https://example.com/x  ", null, "https://example.com/x"],
    ["http://item.TEST/", null, "http://item.TEST/"],
    ["HTTP://Item.TEST/a", null, "http://item.test/a"],
    ["http://Item.TEST:80/a b", null, "http://item.test/a%20b"],
  ])("%s against %s → %s", (href, base, expected) => {
    expect(resolveLink(href, base)).toBe(expected);
  });
});
