import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A ~30 KB RSS 2.0 feed with 25 items; `{ID}` is replaced per feed so every body differs. */
export function feedTemplate(): string {
  const paragraph =
    "<p>Regulators in Beijing and Washington traded statements on <b>AI chip</b> exports, with officials citing " +
    "<a href=\"https://example.org/ref?utm_source=rss\">earlier rules</a> and industry groups asking for clarity &amp; time.</p>";
  const items = Array.from({ length: 25 }, (_, i) => {
    const date = new Date(Date.UTC(2026, 0, 20, 12) - i * 3_600_000).toUTCString();
    return `<item><title>Feed {ID} story ${i}: export controls &amp; H200 update</title>
<link>https://news{ID}.example.org/2026/01/story-${i}.html?utm_source=rss&amp;utm_medium=feed</link>
<guid isPermaLink="false">feed-{ID}-story-${i}</guid><pubDate>${date}</pubDate><dc:creator>Desk {ID}</dc:creator>
<description><![CDATA[${paragraph.repeat(5)}]]></description></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench feed {ID}</title>
<link>https://news{ID}.example.org/</link><description>Synthetic feed for the poll benchmark</description><language>en</language>
${items.join("\n")}
</channel></rss>`;
}

/** Serves `/feed/<id>.xml` with an ETag, answering 304 to a matching If-None-Match. Runs in a child process. */
export async function serveFeeds(): Promise<number> {
  const template = feedTemplate();
  const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (req, res) => {
    const id = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? "")?.[1];
    if (!id) return void res.writeHead(404).end();
    const etag = `"feed-${id}-v1"`;
    if (req.headers["if-none-match"] === etag) return void res.writeHead(304, { etag }).end();
    const body = template.replaceAll("{ID}", id);
    res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag, "content-length": Buffer.byteLength(body) }).end(body);
  });
  server.maxRequestsPerSocket = 0;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}
