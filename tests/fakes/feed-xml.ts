/** An RSS 2.0 document for tests; items are written in the order given. */
export function rssFeed(title: string, items: Array<{ guid: string; title: string; link: string; description?: string; pubDate?: string }>): string {
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const entries = items
    .map(
      (item) => `<item><guid>${escape(item.guid)}</guid><title>${escape(item.title)}</title><link>${escape(item.link)}</link>` +
        `<description>${escape(item.description ?? "")}</description>${item.pubDate === undefined ? "" : `<pubDate>${item.pubDate}</pubDate>`}</item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${escape(title)}</title><link>https://example.org/</link><description>test</description>${entries}</channel></rss>`;
}
