import type { webApi } from "@slack/bolt";
import type { Clock } from "../../domain/clock.js";
import type { SlackLog } from "./slack-log.js";

/** Whether a user may take channel-wide actions as a platform admin (workspace admin or owner). */
export type SlackAdminCheck = (userId: string) => Promise<boolean>;

export interface SlackAdminCheckOptions {
  client: Pick<webApi.WebClient, "users">;
  /** User ids from the config's allow-list: admins without asking Slack. */
  admins: readonly string[];
  clock: Clock;
  log: SlackLog;
  /** How long an answer from users.info is trusted; a demoted admin loses the right within this. */
  ttlMs?: number;
}

/**
 * Asks users.info (`is_admin || is_owner`) and keeps the answer a few minutes, so a burst of commands
 * costs one call. When Slack cannot answer, the user is treated as not an admin: refusing is the safe side.
 */
export function createSlackAdminCheck(options: SlackAdminCheckOptions): SlackAdminCheck {
  const { client, clock, log } = options;
  const ttlMs = options.ttlMs ?? 5 * 60 * 1000;
  const allowList = new Set(options.admins);
  const cache = new Map<string, { admin: boolean; until: number }>();

  return async (userId) => {
    if (allowList.has(userId)) return true;
    const now = clock.now().getTime();
    const cached = cache.get(userId);
    if (cached && cached.until > now) return cached.admin;
    try {
      const { user } = await client.users.info({ user: userId });
      const admin = user?.is_admin === true || user?.is_owner === true;
      cache.set(userId, { admin, until: now + ttlMs });
      return admin;
    } catch (error) {
      log.warn({ user_id: userId, err_message: error instanceof Error ? error.message : String(error) }, "users.info failed; treating the user as not an admin");
      return false;
    }
  };
}
