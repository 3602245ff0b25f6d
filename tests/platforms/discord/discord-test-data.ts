import type { Digest, DigestStory } from "../../../src/domain/digest.js";
import type { InteractionResponse } from "../../fakes/fake-discord.js";

/** Discord markdown escapes undone, so assertions read like the text the user sees. */
export function shown(content: unknown): string {
  return String(content ?? "").replace(/\\(.)/g, "$1");
}

/** Callback type 5 (deferred) or 4 (message), and whether it was ephemeral (flag 64). */
export function ack(response: InteractionResponse | undefined): { type: number | null; ephemeral: boolean } {
  return { type: response?.type ?? null, ephemeral: ((Number(response?.body.flags ?? 0)) & 64) === 64 };
}

/** A digest made to hurt: pings, masked links, a huge title, and many stories. */
export function hostileDigest(storyCount: number): Digest {
  const story = (i: number): DigestStory => ({
    clusterId: `c${i}`,
    title: i === 0 ? `@everyone <@&123456789012345678> [bank.com](https://evil.example) ${"long ".repeat(20_000)}` : `Story ${i} @here about H200 export rules`,
    url: `https://news.example/${i}`,
    sourceId: "src",
    outlet: "Outlet <@123456789012345678>",
    otherOutlets: [],
    publishedAt: "2026-01-14T10:00:00.000Z",
    matchedTerms: ["H200"],
    excerpt: `Excerpt ${i} ${"words ".repeat(60)}`,
    score: 1,
  });
  return {
    beat: "China tech @everyone",
    generatedAt: "2026-01-15T02:00:00.000Z",
    timeZone: "Asia/Shanghai",
    storyCount,
    sections: [{ topicId: "chips", topicName: "Chips", stories: Array.from({ length: storyCount }, (_, i) => story(i)) }],
  };
}
