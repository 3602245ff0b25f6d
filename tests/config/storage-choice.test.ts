import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/config-error.js";
import { envSchema } from "../../src/config/env.js";
import { parseConfigText } from "../../src/config/load-config.js";
import { storageChoiceOf } from "../../src/runtime/storage-choice.js";

const rest = "sources: [{ id: s, path: f.xml }]\ntopics: [{ id: t, name: T, query: x }]";
const parse = (storage: string) => parseConfigText(`storage: ${storage}\n${rest}`, "/srv/briefing/briefing.yaml").config;

describe("which store the bot runs on", () => {
  it("is the SQLite file by default, PostgreSQL when DATABASE_URL names a server, and storage.url wins over both", () => {
    const plain = parse("{ path: state/b.db }");
    expect(storageChoiceOf(plain, { DATABASE_URL: undefined })).toEqual({ kind: "sqlite", path: "/srv/briefing/state/b.db" });
    expect(storageChoiceOf(plain, { DATABASE_URL: "postgres://bot:pw@db:5432/briefing" })).toEqual({ kind: "postgres", url: "postgres://bot:pw@db:5432/briefing" });
    const withUrl = parse("{ url: 'postgresql://bot@db/briefing' }");
    expect(storageChoiceOf(withUrl, { DATABASE_URL: "postgres://other@elsewhere/x" })).toEqual({ kind: "postgres", url: "postgresql://bot@db/briefing" });
  });

  it("refuses a storage.url that is not postgres:// or that holds a password, naming the path", () => {
    for (const [url, problem] of [
      ["mysql://bot@db/briefing", /storage\.url: must start with postgres:\/\//],
      ["postgres://bot:hunter2@db/briefing", /storage\.url: must not hold a password: put the URL in the DATABASE_URL environment variable instead/],
    ] as const) {
      const error = (() => {
        try {
          parse(`{ url: '${url}' }`);
          return null;
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(problem);
      expect((error as Error).message).not.toContain("hunter2");
    }
  });

  it("refuses a DATABASE_URL that is not a postgres:// URL", () => {
    const result = envSchema.safeParse({ DATABASE_URL: "sqlite:data/briefing.db" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["DATABASE_URL"], message: "must be a postgres:// URL" });
    expect(envSchema.parse({ DATABASE_URL: "  " }).DATABASE_URL).toBeUndefined();
  });
});
