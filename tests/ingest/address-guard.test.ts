import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BLOCKED_MESSAGE, isPublicAddress, type ResolvedAddress } from "../../src/ingest/address-guard.js";
import type { FetchError } from "../../src/ingest/fetch-error.js";
import { createHttpFetcher, type HttpFetcherOptions } from "../../src/ingest/http-fetcher.js";
import { redirect, serveFeed, startFeedServer, type FeedServer } from "../fakes/feed-server.js";

const FEED = `<rss version="2.0"><channel><title>internal secrets</title></channel></rss>`;
const none = { etag: null, lastModified: null };

describe("isPublicAddress", () => {
  it.each([
    ["93.184.215.14", true],
    ["2606:4700::1111", true],
    ["127.0.0.1", false],
    ["127.0.0.2", false],
    ["10.0.0.5", false],
    ["172.16.3.4", false],
    ["192.168.1.1", false],
    ["169.254.169.254", false],
    ["100.64.0.1", false],
    ["100.100.100.200", false],
    ["0.0.0.0", false],
    ["255.255.255.255", false],
    ["224.0.0.1", false],
    ["::1", false],
    ["::", false],
    ["fd00::1", false],
    ["fd00:ec2::254", false],
    ["fe80::1", false],
    ["::ffff:127.0.0.1", false],
    ["::ffff:7f00:1", false],
    ["::ffff:10.0.0.1", false],
    ["::127.0.0.1", false],
    ["64:ff9b::a00:1", false],
    ["2002:7f00:1::", false],
    ["not an ip", false],
  ])("%s → %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe("the guard, at connect time", () => {
  let internal: FeedServer;
  let publicServer: FeedServer;
  const fetchers: Array<ReturnType<typeof createHttpFetcher>> = [];
  const make = (options: HttpFetcherOptions = {}) => {
    const fetcher = createHttpFetcher({ allowedPorts: "any", totalTimeoutMs: 2_000, ...options });
    fetchers.push(fetcher);
    return fetcher;
  };
  // 127.0.0.1 plays a public web server; 127.0.0.2 is the internal service nobody may reach.
  const loopbackIsPublic = (address: string) => address === "127.0.0.1" || isPublicAddress(address);
  const blockedBy = async (fetcher: ReturnType<typeof createHttpFetcher>, url: string) => {
    const error = (await fetcher.fetch(url, none).catch((caught: unknown) => caught)) as FetchError;
    expect(error.kind).toBe("blocked-address");
    expect(error.message).toBe(BLOCKED_MESSAGE);
    return error;
  };

  beforeAll(async () => {
    publicServer = await startFeedServer({ host: "127.0.0.1" });
    internal = await startFeedServer({ host: "127.0.0.2", port: publicServer.port });
    internal.route("/feed.xml", serveFeed({ body: FEED }));
    internal.route("/latest/meta-data/", serveFeed({ body: FEED }));
  });
  afterAll(async () => {
    await Promise.all(fetchers.map((fetcher) => fetcher.close()));
    await Promise.all([internal.close(), publicServer.close()]);
  });

  it.each([
    "http://127.0.0.2:PORT/feed.xml",
    "http://2130706434:PORT/feed.xml",
    "http://0x7f000002:PORT/feed.xml",
    "http://0177.0.0.2:PORT/feed.xml",
    "http://127.0.2:PORT/feed.xml",
    "http://[::ffff:127.0.0.2]:PORT/feed.xml",
    "HTTP://127.0.0.2:PORT/feed.xml",
    "http://localhost:PORT/feed.xml",
    "http://LOCALHOST.:PORT/feed.xml",
    "http://0.0.0.0:PORT/feed.xml",
    "http://[::1]:PORT/feed.xml",
  ])("refuses %s without a single connection", async (template) => {
    await blockedBy(make(), template.replace("PORT", String(internal.port)));
    expect(internal.connections).toBe(0);
  });

  it.each(["http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/feed", "http://100.64.0.1/feed", "http://[fd00::1]/feed"])(
    "refuses %s",
    async (url) => {
      await blockedBy(make(), url);
    },
  );

  it("allows only ports 80 and 443 by default, with the same words as for addresses", async () => {
    const fetcher = make({ allowedPorts: undefined, resolve: async () => [{ address: "93.184.215.14", family: 4 }] });
    await blockedBy(fetcher, "http://feeds.example.com:6379/");
    await blockedBy(fetcher, "http://feeds.example.com:22/");
  });

  it.each([
    ["a name resolving to a private address", [{ address: "127.0.0.2", family: 4 }]],
    ["an answer with one private address among public ones", [{ address: "127.0.0.1", family: 4 }, { address: "127.0.0.2", family: 4 }]],
    ["an IPv4-mapped IPv6 answer", [{ address: "::ffff:127.0.0.2", family: 6 }]],
  ] as Array<[string, ResolvedAddress[]]>)("refuses %s", async (_name, answers) => {
    const fetcher = make({ isAllowedAddress: loopbackIsPublic, resolve: async () => answers });
    await blockedBy(fetcher, `http://news.example.test:${internal.port}/feed.xml`);
    expect(internal.connections).toBe(0);
  });

  it("re-checks the address on every connection, so DNS rebinding fails", async () => {
    publicServer.route("/feed.xml", (_req, res) => void res.writeHead(200, { connection: "close", "content-type": "application/rss+xml" }).end(FEED));
    const answers = ["127.0.0.1", "127.0.0.2"];
    const fetcher = make({ isAllowedAddress: loopbackIsPublic, resolve: async () => [{ address: answers.shift() ?? "127.0.0.2", family: 4 }] });
    const url = `http://rebind.example.test:${publicServer.port}/feed.xml`;
    expect((await fetcher.fetch(url, none)).status).toBe("fetched");
    await blockedBy(fetcher, url);
    expect(internal.connections).toBe(0);
  });

  it.each([
    ["an internal address", "http://127.0.0.2:PORT/feed.xml"],
    ["a decimal IP", "http://2130706434:PORT/feed.xml"],
    ["a scheme-relative Location", "//127.0.0.2:PORT/feed.xml"],
    ["a mapped IPv6 address", "http://[::ffff:7f00:2]:PORT/feed.xml"],
    ["a private network address", "http://10.0.0.5/feed.xml"],
    ["the metadata service", "http://169.254.169.254/latest/meta-data/"],
  ])("re-validates a redirect from a public server to %s", async (name, location) => {
    const path = `/redirect-${name.replace(/\W+/g, "-")}`;
    publicServer.route(path, redirect(location.replace("PORT", String(internal.port))));
    const error = await blockedBy(make({ isAllowedAddress: loopbackIsPublic }), publicServer.url(path));
    expect(error.message).not.toMatch(/127\.|10\.0|169\.254/);
    expect(internal.connections).toBe(0);
  });

  it("lets everything through when private networks are allowed", async () => {
    const result = await make({ allowPrivateNetworks: true }).fetch(internal.url("/feed.xml"), none);
    expect(result.status).toBe("fetched");
  });

  it("refuses webhook URLs that would leak a token", async () => {
    const error = (await make().fetch("https://hooks.slack.com/services/T0/B0/xyz", none).catch((e: unknown) => e)) as FetchError;
    expect(error.kind).toBe("bad-url");
  });
});
