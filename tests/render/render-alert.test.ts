import { describe, expect, it } from "vitest";
import type { Alert } from "../../src/domain/alert.js";
import type { DigestStory } from "../../src/domain/digest.js";
import { renderAlert } from "../../src/render/render-alert.js";

const story: DigestStory = {
  clusterId: "c1",
  title: "US widens export controls on AI chips",
  url: "https://example.org/s1",
  sourceId: "wire",
  outlet: "Wire",
  otherOutlets: [],
  publishedAt: "2026-01-15T01:00:00.000Z",
  matchedTerms: ["export controls", "AI chips"],
  excerpt: "Washington tightened the rules.",
  score: 1,
};
const watch = (id: string, query: string) => ({ id, query });
const alertFor = (watches: Array<{ id: string; query: string }>) => ({ watches, stories: [story] }) as unknown as Alert;
const text = (alert: Alert) => {
  const [payload] = renderAlert(alert, "text", "2026-01-15T02:00:00.000Z", "UTC");
  return payload?.kind === "text" ? payload.text : "";
};

describe("a watch alert's heading and footer", () => {
  it("names one watch and how to stop it", () => {
    const rendered = text(alertFor([watch("3", '"export controls"')]));
    expect(rendered.split("\n")[0]).toBe('Watch 3: "export controls" — Thu 15 Jan 2026');
    expect(rendered.split("\n").at(-1)).toBe("Stop this watch: /brief unwatch 3");
  });

  it("reads naturally for two or three watches in one DM, with one command to copy per watch", () => {
    const two = text(alertFor([watch("3", '"export controls"'), watch("4", '"AI chips"')])).split("\n");
    expect(two[0]).toBe('Watch 3: "export controls" and watch 4: "AI chips" — Thu 15 Jan 2026');
    expect(two.slice(-2)).toEqual(["Stop watch 3: /brief unwatch 3", "Stop watch 4: /brief unwatch 4"]);
    expect(two.join("\n")).not.toMatch(/unwatch 3 ·|" · Watch 4/);

    const three = text(alertFor([watch("3", "a"), watch("4", "b"), watch("5", "c")])).split("\n");
    expect(three[0]).toBe("Watch 3: a, watch 4: b and watch 5: c — Thu 15 Jan 2026");
  });

  it("keeps each command in its own code span on Slack", () => {
    const [payload] = renderAlert(alertFor([watch("3", "a"), watch("4", "b")]), "slack", "2026-01-15T02:00:00.000Z", "UTC");
    const json = JSON.stringify(payload);
    expect(json).toContain("Stop watch 3: `/brief unwatch 3`");
    expect(json).toContain("Stop watch 4: `/brief unwatch 4`");
    expect(json).not.toContain("unwatch 3 ·");
  });
});
