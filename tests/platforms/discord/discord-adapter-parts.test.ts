import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import { describe, expect, it } from "vitest";
import { parseWebhookUrl } from "../../../src/platforms/discord/index.js";
import { classifyDiscordError } from "../../../src/platforms/discord/classify-discord-error.js";
import { safeRoute } from "../../../src/platforms/discord/discord-log.js";
import { toInvoker } from "../../../src/platforms/discord/to-invoker.js";
import { watchChoices } from "../../../src/platforms/discord/watch-choices.js";

const apiError = (status: number, code: number, message: string) =>
  new DiscordAPIError({ code, message }, code, status, "POST", "https://discord.com/api/v10/channels/1/messages", { body: {} });

describe("classifyDiscordError", () => {
  it.each<[string, unknown, "retry" | "permanent"]>([
    ["403 Missing Access", apiError(403, 50001, "Missing Access"), "permanent"],
    ["403 Missing Permissions", apiError(403, 50013, "Missing Permissions"), "permanent"],
    ["403 DMs closed", apiError(403, 50007, "Cannot send messages to this user"), "permanent"],
    ["404 Unknown Channel", apiError(404, 10003, "Unknown Channel"), "permanent"],
    ["404 Unknown Webhook", apiError(404, 10015, "Unknown Webhook"), "permanent"],
    ["401 invalid token", apiError(401, 0, "401: Unauthorized"), "permanent"],
    ["400 Invalid Form Body", apiError(400, 50035, "Invalid Form Body"), "permanent"],
    ["a 429 that escaped", new DiscordAPIError({ code: 0, message: "rate limited", retry_after: 2.5 } as never, 0, 429, "POST", "u", { body: {} }), "retry"],
    ["a 503 after retries", new HTTPError(503, "Service Unavailable", "POST", "u", { body: {} }), "retry"],
    ["a 500 JSON error", apiError(500, 0, "Internal Server Error"), "retry"],
    ["a network failure", Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }), "retry"],
    ["a timeout", Object.assign(new Error("aborted"), { name: "AbortError" }), "retry"],
  ])("%s → %s", (_name, error, failure) => {
    expect(classifyDiscordError(error, { destination: "discord:1" }).failure).toBe(failure);
  });

  it("keeps the wait Discord asked for", () => {
    const limited = new RateLimitError({ timeToReset: 30_000, limit: 5, method: "POST", hash: "h", url: "u", route: "/channels/:id/messages", majorParameter: "1", global: false, retryAfter: 30_000, sublimitTimeout: 0, scope: "shared" });
    expect(classifyDiscordError(limited, { destination: "discord:1" })).toMatchObject({ failure: "retry", retryAfterMs: 30_000 });
    const escaped = new DiscordAPIError({ code: 0, message: "x", retry_after: 2.5 } as never, 0, 429, "POST", "u", { body: {} });
    expect(classifyDiscordError(escaped, { destination: "discord:1" }).retryAfterMs).toBe(2_500);
  });

  it("names the network failure without its address", () => {
    const error = Object.assign(new TypeError("connect ECONNREFUSED 10.0.0.7:443"), { cause: { code: "ECONNREFUSED" } });
    expect(classifyDiscordError(error, { destination: "discord:1" }).message).toBe("could not reach Discord for discord:1: ECONNREFUSED");
  });
});

describe("parseWebhookUrl", () => {
  const token = "AbCdEfGhIjKlMnOpQrStUvWxYz-_0123456789";
  it.each([
    [`https://discord.com/api/webhooks/1300000000000000001/${token}`, "https://discord.com/api", ""],
    [`https://canary.discord.com/api/v10/webhooks/1300000000000000001/${token}?thread_id=1300000000000000002`, "https://canary.discord.com/api", "thread_id=1300000000000000002"],
    [`http://127.0.0.1:4000/api/webhooks/1300000000000000001/${token}/?wait=false`, "http://127.0.0.1:4000/api", ""],
  ])("%s", (url, apiBase, query) => {
    expect(parseWebhookUrl(url)).toMatchObject({ apiBase, id: "1300000000000000001", token });
    expect(parseWebhookUrl(url)?.query.toString()).toBe(query);
  });

  it.each(["not a url", "ftp://discord.com/api/webhooks/1300000000000000001/abcdefghijkl", "https://discord.com/api/channels/1300000000000000001", "https://discord.com/api/webhooks/12/abcdefghijkl"])(
    "refuses %s",
    (url) => expect(parseWebhookUrl(url)).toBeNull(),
  );
});

describe("toInvoker", () => {
  const origin = { guildId: "1300000000000000001", channelId: "1300000000000000002", userId: "1300000000000000003" };
  it.each<[string, bigint | null, string | null, string[], boolean]>([
    ["Manage Server", 1n << 5n, origin.guildId, [], true],
    ["Administrator", 1n << 3n, origin.guildId, [], true],
    ["a plain member", 1n << 10n, origin.guildId, [], false],
    ["a plain member on the allow-list", 1n << 10n, origin.guildId, [origin.userId], true],
    ["a DM", null, null, [], false],
  ])("%s → admin %s", (_name, permissions, guildId, admins, admin) => {
    expect(toInvoker({ ...origin, guildId, permissions }, admins)?.isPlatformAdmin).toBe(admin);
  });

  it("needs a channel to answer in", () => {
    expect(toInvoker({ ...origin, channelId: null, permissions: null }, [])).toBeNull();
  });
});

describe("watchChoices and safeRoute", () => {
  it("cuts long names on a character boundary", () => {
    const [choice] = watchChoices([{ id: "w1", query: "😀".repeat(120), target: "x" }], "");
    expect(Array.from(choice?.name ?? "")).toHaveLength(100);
    expect(choice?.name.endsWith("…")).toBe(true);
  });

  it.each([
    ["/webhooks/1300000000000000001/s3cr3t-T0k3n", "/webhooks/1300000000000000001/:token"],
    ["/webhooks/1300000000000000001/s3cr3t/messages/@original", "/webhooks/1300000000000000001/:token/messages/@original"],
    ["/interactions/1300000000000000001/aW50ZX/callback", "/interactions/1300000000000000001/:token/callback"],
    ["/channels/:id/messages", "/channels/:id/messages"],
  ])("safeRoute(%s)", (route, safe) => expect(safeRoute(route)).toBe(safe));
});
