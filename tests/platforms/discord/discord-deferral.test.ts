import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRecordingCommandHandler } from "../../fakes/recording-command-handler.js";
import { BOB, startHarness, type Harness } from "./discord-harness.js";
import { ack, shown } from "./discord-test-data.js";

let release: () => void = () => undefined;
const gate = new Promise<void>((resolve) => (release = resolve));
const handler = createRecordingCommandHandler({
  answers: {
    watches: async () => {
      await gate;
      return { visibility: "ephemeral", kind: "text", text: "Your watches: none" };
    },
    search: () => ({ visibility: "channel", kind: "text", text: "For everyone" }),
  },
});
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ handler, platform: { deferAfterMs: 50 } });
});
afterAll(async () => h.close());

describe("acknowledging within Discord's 3 seconds", () => {
  it("defers a command whose answer is slow, then edits the deferred reply", async () => {
    const { id } = h.fake.dispatch({ subcommand: "watches", user: BOB });
    const deferred = await h.fake.waitFor(() => h.fake.responsesTo(id)[0], "the deferral");
    expect(ack(deferred)).toEqual({ type: 5, ephemeral: true });
    release();
    const edit = await h.fake.waitFor(() => h.fake.responsesTo(id).find((r) => r.kind === "edit"), "the edit");
    expect(shown(edit.body.content)).toBe("Your watches: none");
  });

  it("posts a channel answer after an ephemeral deferral as a public follow-up", async () => {
    const { id } = h.fake.dispatch({ subcommand: "search", options: { query: "H200" }, user: BOB });
    const responses = await h.fake.waitFor(() => (h.fake.responsesTo(id).length === 3 ? h.fake.responsesTo(id) : null), "three responses");
    expect(responses.map((r) => [r.kind, ack(r).ephemeral, shown(r.body.content ?? "")])).toEqual([
      ["callback", true, ""],
      ["edit", false, "Posted in this channel."],
      ["follow-up", false, "For everyone"],
    ]);
  });
});
