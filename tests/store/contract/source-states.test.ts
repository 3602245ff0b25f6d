import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { emptySourceState } from "../../../src/domain/source-state.js";
import { createSecretBox } from "../../../src/store/index.js";
import { freshStoreEach, storeEngines } from "../../fakes/store-engines.js";

const box = createSecretBox(randomBytes(32));
const secretUrl = "https://reader:s3cretpw@feeds.example/rss?token=tok-123";

describe.each(storeEngines)("source states in the %s store", (engine) => {
  const db = freshStoreEach(engine, { secretBox: box });

  it("saves, replaces and lists states by source id", async () => {
    const { store } = db();
    const state = { ...emptySourceState("wire", "https://wire.example/feed"), etag: '"v1"', consecutiveFailures: 2, intervalMs: 900_000, title: "Wire" };
    await store.saveSourceState(state);
    await store.saveSourceState(emptySourceState("agency", "https://agency.example/feed"));
    expect(await store.getSourceState("wire")).toEqual(state);
    await store.saveSourceState({ ...state, etag: '"v2"' });
    expect((await store.getSourceState("wire"))?.etag).toBe('"v2"');
    expect((await store.listSourceStates()).map((s) => s.sourceId)).toEqual(["agency", "wire"]);
    expect(await store.getSourceState("missing")).toBeNull();
  });

  it("keeps a feed's credentials sealed at rest and gives them back with the key", async () => {
    const { store, peek } = db();
    await store.saveSourceState(emptySourceState("wire", secretUrl));
    const stored = String(await peek(engine === "sqlite" ? "SELECT state FROM sources" : "SELECT state::text FROM sources"));
    expect(stored).not.toContain("s3cretpw");
    expect(stored).not.toContain("tok-123");
    expect(stored).toContain("locationSealed");
    expect((await store.getSourceState("wire"))?.location).toBe(secretUrl);
  });

  it.each([
    ["without a key", null],
    ["with another key", createSecretBox(randomBytes(32))],
  ])("gives the masked location %s", async (_case, otherBox) => {
    const { store, another } = db();
    await store.saveSourceState(emptySourceState("wire", secretUrl));
    const location = (await (await another({ secretBox: otherBox })).getSourceState("wire"))?.location;
    expect(location).toBe("https://***@feeds.example/rss?token=***");
  });

  it("stores only the masked location when it has no key", async () => {
    const { another, peek } = db();
    const keyless = await another({ secretBox: null });
    await keyless.saveSourceState(emptySourceState("wire", secretUrl));
    const stored = String(await peek(engine === "sqlite" ? "SELECT state FROM sources" : "SELECT state::text FROM sources"));
    expect(stored).not.toContain("s3cretpw");
    expect(stored).not.toContain("locationSealed");
    expect((await keyless.getSourceState("wire"))?.location).toBe("https://***@feeds.example/rss?token=***");
  });
});
