import { describe, expect, it } from "vitest";
import { urlIdentity } from "../../src/cluster/url-identity.js";
import { isTrackingParam, unwrapAmpUrl } from "../../src/domain/article-url.js";
import { canonicalUrl } from "../../src/ingest/canonical-url.js";

const ARTICLE = "https://www.example.com/2026/01/28/h200-approved";

describe("one list of tracking parameters for ingest and clustering", () => {
  it.each([
    "utm_source=x", "fbclid=a", "gclid=b", "smid=nytcore", "mc_cid=1", "pk_campaign=c", "mtm_source=d", "spm=a.b", "ocid=e",
    "__hssc=1", "amp_js_v=0.1", "usqp=mq331AQ", "amp", "amp=1", "outputType=amp", "_ga=1.2",
  ])("both drop ?%s", (query) => {
    expect(canonicalUrl(`${ARTICLE}?${query}`)).toBe(ARTICLE);
    expect(urlIdentity(`${ARTICLE}?${query}`)).toBe(urlIdentity(ARTICLE));
  });

  it.each(["id=7", "page=2", "amp=story", "p=123"])("both keep ?%s", (query) => {
    expect(canonicalUrl(`${ARTICLE}?${query}`)).toBe(`${ARTICLE}?${query}`);
    expect(urlIdentity(`${ARTICLE}?${query}`)).not.toBe(urlIdentity(ARTICLE));
  });

  it("is one predicate", () => {
    expect([isTrackingParam("UTM_Medium", "x"), isTrackingParam("amp", "story"), isTrackingParam("q", "h200")]).toEqual([true, false, false]);
  });

  it.each([
    ["https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a?x=1", "https://www.example.com/a?x=1"],
    ["https://example-com.cdn.ampproject.org/v/s/example.com/a", "https://example.com/a"],
    ["http://cdn.ampproject.org/c/example.com/a", "http://example.com/a"],
    ["https://www.google.com/amp/s/www.example.com/a", "https://www.example.com/a"],
    ["https://www.example.com/a", "https://www.example.com/a"],
  ])("unwraps the AMP address %s", (link, publisher) => {
    expect(unwrapAmpUrl(link)).toBe(publisher);
  });
});
