import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRecordingCommandHandler } from "../../fakes/recording-command-handler.js";
import { BOB, startHarness, type Harness } from "./discord-harness.js";

const watches = [
  { id: "w1", query: "H200", target: "discord-user:1300000000000000102" },
  { id: "w2", query: '"export controls" AND chips', target: "discord-user:1300000000000000102" },
  ...Array.from({ length: 40 }, (_, i) => ({ id: `w${i + 3}`, query: `topic ${i} ${"x".repeat(200)}`, target: "discord-user:1300000000000000102" })),
];
const handler = createRecordingCommandHandler({ watches });
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ handler });
});
afterAll(async () => h.close());

async function complete(subcommand: string, typed: string, focused = "id") {
  const options: Record<string, string> = { [focused]: typed };
  const { id } = h.fake.dispatch({ subcommand, options, user: BOB, focused });
  const callback = await h.fake.waitFor(() => h.fake.responsesTo(id)[0], "the autocomplete answer");
  expect(callback.type).toBe(8);
  return callback.body.choices as Array<{ name: string; value: string }>;
}

describe("autocomplete of /brief unwatch id", () => {
  it("offers the user's own watches matching what they typed", async () => {
    expect(await complete("unwatch", "EXPORT")).toEqual([{ name: 'w2: "export controls" AND chips', value: "w2" }]);
    expect(h.handler.watchLookups.at(-1)).toMatchObject({ platform: "discord", userId: BOB.id, workspaceId: h.fake.guildId });
  });

  it("stays within Discord's 25 choices of 100 characters", async () => {
    const choices = await complete("unwatch", "");
    expect(choices).toHaveLength(25);
    expect(choices.every((choice) => choice.name.length <= 100)).toBe(true);
    expect(h.fake.violations).toEqual([]);
  });

  it("offers nothing for other options", async () => {
    expect(await complete("search", "H2", "query")).toEqual([]);
  });
});
