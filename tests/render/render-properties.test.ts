import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OutboundPayload } from "../../src/domain/outbound.js";
import { renderDigest, type RenderFormat } from "../../src/render/index.js";
import { digestArbitrary } from "./digest-arbitrary.js";
import { allowedHrefs, checkDiscordLimits, checkDiscordSafety, checkSlackLimits, checkSlackSafety, checkTextSafety, textsOf } from "./output-checks.js";

const RUNS = { numRuns: 60 };

/** The story markers in the order the messages show them. */
function markersOf(messages: OutboundPayload[]): number[] {
  return messages.flatMap(textsOf).flatMap((text) => [...text.matchAll(/QZ(\d+)QZ/g)].map((m) => Number(m[1])));
}

describe.each<RenderFormat>(["slack", "discord", "text"])("%s rendering of random digests", (format) => {
  it("keeps every message within every limit, and makes nothing clickable or pinging but the story links", () => {
    fc.assert(
      fc.property(digestArbitrary, (digest) => {
        const messages = renderDigest(digest, format);
        const allowed = allowedHrefs(digest);
        expect(messages.length).toBeGreaterThan(0);
        for (const message of messages) {
          expect(message.kind).toBe(format);
          if (message.kind === "slack") {
            checkSlackLimits(message);
            checkSlackSafety(message, allowed);
          } else if (message.kind === "discord") {
            checkDiscordLimits(message);
            checkDiscordSafety(message, allowed);
          } else {
            checkTextSafety(message.text, allowed);
          }
        }
      }),
      RUNS,
    );
  });

  it("shows every story once, in order", () => {
    fc.assert(
      fc.property(digestArbitrary, (digest) => {
        const expected = digest.sections.flatMap((s) => s.stories.map((story) => Number(/^QZ(\d+)QZ/.exec(story.title)?.[1])));
        expect(markersOf(renderDigest(digest, format))).toEqual(expected);
      }),
      RUNS,
    );
  });
});
