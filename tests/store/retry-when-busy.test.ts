import { describe, expect, it } from "vitest";
import { BriefingError } from "../../src/domain/errors.js";
import { retryWhenBusy } from "../../src/store/index.js";

const busy = () => Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });

describe("retryWhenBusy", () => {
  it("retries a busy transaction after growing pauses and returns its result", async () => {
    const pauses: number[] = [];
    let attempts = 0;
    const result = await retryWhenBusy(
      () => {
        attempts += 1;
        if (attempts < 5) throw busy();
        return "done";
      },
      { sleep: async (ms) => void pauses.push(ms), firstDelayMs: 10, maxDelayMs: 50 },
    );
    expect({ result, attempts, pauses }).toEqual({ result: "done", attempts: 5, pauses: [10, 20, 40, 50] });
  });

  it("passes other errors through at once", async () => {
    let attempts = 0;
    const failing = () => {
      attempts += 1;
      throw Object.assign(new Error("constraint"), { code: "SQLITE_CONSTRAINT" });
    };
    await expect(retryWhenBusy(failing, { sleep: async () => undefined })).rejects.toThrow("constraint");
    expect(attempts).toBe(1);
  });

  it("gives up with a store error naming the wait once the budget is spent", async () => {
    const failing = () => {
      throw busy();
    };
    const error = await retryWhenBusy(failing, { sleep: async () => undefined, maxWaitMs: 1000, firstDelayMs: 400, maxDelayMs: 400 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).code).toBe("store");
    expect((error as Error).message).toMatch(/locked by another process for 1 s/);
  });
});
