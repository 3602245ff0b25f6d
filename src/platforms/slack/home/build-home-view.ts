import type { types } from "@slack/bolt";
import { escapeSlack } from "../../../render/index.js";
import type { HomeModel } from "./home-model.js";

type KnownBlock = types.KnownBlock;

/** The action id of a watch's Remove button; its value is the watch id. */
export const REMOVE_WATCH_ACTION = "briefing_watch_remove";

/** Slack refuses a Home view over 100 blocks; long lists are cut with a note. */
const MAX_ROWS = 25;

const HEALTH_MARK: Record<string, string> = { ok: "🟢", recovered: "🟢", failing: "🟠", paused: "🔴", "never polled": "⚪" };

function section(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text, verbatim: true } };
}

function header(text: string): KnownBlock {
  return { type: "header", text: { type: "plain_text", text, emoji: true } };
}

function more(total: number): KnownBlock[] {
  return total > MAX_ROWS ? [{ type: "context", elements: [{ type: "mrkdwn", text: `…and ${total - MAX_ROWS} more` }] }] : [];
}

function when(iso: string | null, timeZone: string): string {
  if (!iso) return "not scheduled";
  const at = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
  return `${at} (${timeZone})`;
}

/**
 * The Home tab of one member: their watches with a Remove button each, then the workspace's feeds with
 * their health and the next run of each channel digest. Everything from feeds or users is escaped.
 */
export function buildHomeView(model: HomeModel): types.HomeView {
  const blocks: KnownBlock[] = [header("Your watches")];
  if (model.watches.length === 0) blocks.push(section("No watches yet. Try `/brief watch \"export controls\"` in any channel."));
  for (const watch of model.watches.slice(0, MAX_ROWS)) {
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: `*${escapeSlack(watch.id)}* · \`${escapeSlack(watch.query).replace(/`/g, "'")}\` → ${escapeSlack(watch.target)}`, verbatim: true },
      accessory: { type: "button", text: { type: "plain_text", text: "Remove" }, action_id: REMOVE_WATCH_ACTION, value: watch.id, style: "danger" },
    });
  }
  blocks.push(...more(model.watches.length), { type: "divider" }, header("Feeds"));
  if (model.feeds.length === 0) blocks.push(section("No feeds yet."));
  for (const feed of model.feeds.slice(0, MAX_ROWS)) {
    blocks.push(section(`${HEALTH_MARK[feed.health] ?? "⚪"} *${escapeSlack(feed.name ?? feed.id)}* · ${escapeSlack(feed.health)}`));
  }
  blocks.push(...more(model.feeds.length), { type: "divider" }, header("Next digests"));
  if (model.digests.length === 0) blocks.push(section("No channel digest is scheduled in this workspace."));
  for (const digest of model.digests.slice(0, MAX_ROWS)) {
    blocks.push(section(`*${escapeSlack(digest.id)}* → ${escapeSlack(digest.target)} · next ${when(digest.nextRunAt, digest.timeZone)}`));
  }
  blocks.push(...more(model.digests.length));
  return { type: "home", blocks };
}
