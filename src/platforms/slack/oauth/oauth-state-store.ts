import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { InstallURLOptions, StateStore } from "@slack/oauth";
import { InvalidStateError } from "@slack/oauth";
import type { InstallationStore } from "../../../store/installation-store.js";

export interface OAuthStateStoreOptions {
  states: Pick<InstallationStore, "saveOAuthState" | "takeOAuthState">;
  /** Signs states (SLACK_STATE_SECRET, else one derived from the client secret). */
  secret: string;
  /** What the redirect is told the install asked for; we never carry install options in the state. */
  installOptions: InstallURLOptions;
  /** How long an install link stays usable; Slack's own default is ten minutes. */
  ttlMs?: number;
}

/**
 * One-time OAuth states: random, signed (so a forged one is refused without a lookup), stored with an
 * expiry and deleted when used, so a replayed redirect finds nothing. Bolt also pins the state in a
 * browser cookie, which stops a redirect started in someone else's browser.
 */
export function createOAuthStateStore(options: OAuthStateStoreOptions): StateStore {
  const ttlMs = options.ttlMs ?? 10 * 60 * 1000;
  const sign = (nonce: string) => createHmac("sha256", options.secret).update(nonce).digest("base64url");

  return {
    async generateStateParam(_installOptions, now) {
      const nonce = randomBytes(24).toString("base64url");
      const state = `${nonce}.${sign(nonce)}`;
      await options.states.saveOAuthState(state, new Date(now.getTime() + ttlMs).toISOString());
      return state;
    },
    async verifyStateParam(now, state) {
      const [nonce = "", signature = ""] = state.split(".");
      const expected = Buffer.from(sign(nonce));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new InvalidStateError("the install link's state was not issued by this bot");
      }
      if (!(await options.states.takeOAuthState(state, now.toISOString()))) {
        throw new InvalidStateError("the install link was already used or has expired");
      }
      return options.installOptions;
    },
  };
}
