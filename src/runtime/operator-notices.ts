import { formatTarget, type Target } from "../config/target.js";
import type { Clock } from "../domain/clock.js";
import { platformOf } from "../outbox/index.js";
import { renderNotice } from "../render/index.js";
import type { Store } from "../store/index.js";
import { formatForPlatform } from "./format-for-target.js";
import type { Logger } from "./logger.js";

export interface OperatorNoticesDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  /** `admins.notify`. */
  notify: Target | undefined;
  /** `admins.notify_fallback`: used while the notify target's platform cannot post. */
  fallback: Target | undefined;
}

export interface OperatorNotices {
  /**
   * Tells the operator about trouble with `about` (a target, a platform, `feed:<id>`) once: a notice
   * with the same `key` is queued only once. A notice about the notify destination itself, or one
   * whose platform is down, goes to the error log and the fallback instead.
   */
  tell(about: string, text: string, key?: string): Promise<void>;
  /** The relay stopped a whole platform (token refused): the notices waiting for it are re-routed. */
  platformPaused(platform: string, reason: string): Promise<void>;
}

/** How many recent notices are kept in memory to re-route if their platform turns out to be down. */
const RECENT_NOTICES = 50;

export function createOperatorNotices(deps: OperatorNoticesDeps): OperatorNotices {
  const { store, clock, log } = deps;
  const primary = deps.notify ? { text: formatTarget(deps.notify), target: deps.notify } : null;
  const fallback = deps.fallback ? { text: formatTarget(deps.fallback), target: deps.fallback } : null;
  const down = new Set<string>();
  const recent: Array<{ key: string; text: string }> = [];

  const enqueue = async (to: { text: string; target: Target }, key: string, text: string) => {
    await store.enqueue([{ key, target: to.text, group: key, part: 0, payload: renderNotice(text, formatForPlatform(to.target)) }], clock.now().toISOString());
  };
  const usable = (to: { text: string } | null, about: string): to is { text: string; target: Target } =>
    to !== null && !down.has(platformOf(to.text)) && to.text !== about && !to.text.startsWith(`${about}:`) && platformOf(to.text) !== about;

  const viaFallback = async (about: string, key: string, text: string) => {
    log.error({ about, notice: text }, "operator notice: the notify destination cannot take it");
    if (usable(fallback, about)) await enqueue(fallback, `${key}:fallback`, text);
  };

  return {
    async tell(about, text, key = `admin:${about}:${clock.now().toISOString()}`) {
      if (primary === null) {
        log.warn({ about, notice: text }, "operator notice (set admins.notify to receive these in chat)");
        return;
      }
      if (!usable(primary, about)) return viaFallback(about, key, text);
      await enqueue(primary, key, text);
      recent.push({ key, text });
      if (recent.length > RECENT_NOTICES) recent.shift();
    },
    async platformPaused(platform, reason) {
      down.add(platform);
      const text = `briefing-bot stopped posting to ${platform}: ${reason}. Messages stay queued; set a valid token and restart the bot.`;
      if (primary === null || platformOf(primary.text) !== platform) return this.tell(platform, text);
      // Notices queued for the dead platform would wait for a new token: they go the other way now.
      for (const notice of recent.splice(0)) await viaFallback(platform, notice.key, notice.text);
      await viaFallback(platform, `admin:${platform}:${clock.now().toISOString()}`, text);
    },
  };
}
