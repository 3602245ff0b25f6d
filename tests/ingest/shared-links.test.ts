import { describe, expect, it } from "vitest";
import { serveFeed } from "../fakes/feed-server.js";
import { ingestHarness } from "../fakes/ingest-harness.js";

const item = (title: string, link: string, date: string, guid?: string) =>
  `<item><title>${title}</title><link>${link}</link>${guid ? `<guid isPermaLink="false">${guid}</guid>` : ""}<pubDate>${date}</pubDate></item>`;
const rss = (items: string[]) => `<rss version="2.0"><channel><title>Ministry notices</title><link>https://gov.example/</link>${items.join("")}</channel></rss>`;

const h = ingestHarness();

async function poll(path: string, items: string[]) {
  h.server.route(path, serveFeed({ body: rss(items) }));
  const result = await h.ingester.poll({ id: "notices", url: h.server.url(path), weight: 1 }, null);
  expect(result.error).toBeNull();
  return result.items;
}

describe("items that share a link", () => {
  it("are kept apart when their titles differ (a notice list pointing at one page)", async () => {
    const items = await poll("/notices.xml", [
      item("Notice on export licence reviews", "/notices/", "Mon, 12 Jan 2026 09:00:00 +0800"),
      item("Notice on data security assessments", "/notices/", "Tue, 13 Jan 2026 09:00:00 +0800"),
      item("Notice on algorithm filing", "/notices/", "Wed, 14 Jan 2026 09:00:00 +0800"),
    ]);
    expect(items.map((i) => [i.title, i.url])).toEqual([
      ["Notice on export licence reviews", "https://gov.example/notices/"],
      ["Notice on data security assessments", "https://gov.example/notices/"],
      ["Notice on algorithm filing", "https://gov.example/notices/"],
    ]);
    expect(new Set(items.map((i) => i.id)).size).toBe(3);
  });

  it("collapse when the link and the title both repeat", async () => {
    const items = await poll("/repeats.xml", [
      item("Same story", "https://gov.example/a", "Mon, 12 Jan 2026 09:00:00 +0800"),
      item("Same story", "https://gov.example/a?utm_source=rss", "Mon, 12 Jan 2026 09:00:00 +0800"),
      item("Other story", "https://gov.example/b", "Mon, 12 Jan 2026 10:00:00 +0800"),
    ]);
    expect(items.map((i) => i.title)).toEqual(["Same story", "Other story"]);
    expect(items[0]!.id).toBe("https://gov.example/a");
  });

  it("collapse when the guid repeats, whatever the title", async () => {
    const items = await poll("/guids.xml", [
      item("First wording", "https://gov.example/a", "Mon, 12 Jan 2026 09:00:00 +0800", "n-1"),
      item("Corrected wording", "https://gov.example/a", "Mon, 12 Jan 2026 09:30:00 +0800", "n-1"),
      item("Another notice", "https://gov.example/a", "Mon, 12 Jan 2026 10:00:00 +0800", "n-2"),
    ]);
    expect(items.map((i) => [i.id, i.title])).toEqual([
      ["n-1", "First wording"],
      ["n-2", "Another notice"],
    ]);
  });

  it("keep the link as the id of an entry whose link is its own", async () => {
    const items = await poll("/own.xml", [item("Alone", "https://gov.example/alone", "Mon, 12 Jan 2026 09:00:00 +0800")]);
    expect(items[0]!.id).toBe("https://gov.example/alone");
  });
});
