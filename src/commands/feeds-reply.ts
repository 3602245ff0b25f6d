import { feedHealthOf } from "../domain/feed-health-of.js";
import type { SourceState } from "../domain/source-state.js";
import { describeSource } from "./describe-source.js";
import type { SourceInfo } from "./ports.js";

/** How much text a platform takes in one reply, and how long a line is once escaped for it. */
export interface ReplyRoom {
  chars: number;
  measure: (line: string) => number;
}

type Health = "failing" | "paused" | "not polled yet" | "ok";
/** Trouble first: an operator opens `/brief feeds` to see what is wrong. */
const ORDER: readonly Health[] = ["failing", "paused", "not polled yet", "ok"];
/** The summary reads like a health report: "52 ok, 2 failing, 1 paused". */
const SUMMARY_ORDER: readonly Health[] = ["ok", "failing", "paused", "not polled yet"];
/** Kept free for the "…and N more" line. */
const TAIL_ROOM = 120;

/**
 * `/brief feeds` in one reply that fits the platform: a one-line summary ("52 ok, 2 failing, 1 paused"),
 * failing and paused feeds first with their whole reason, then the rest while they fit, then how many
 * were left out and where to see them all.
 */
export function feedsReply(sources: readonly SourceInfo[], now: Date, room: ReplyRoom): string {
  const health = (state: SourceState | null): Health => {
    const kind = feedHealthOf(state, now);
    // Here a recovered feed counts as ok: its items arrive.
    return kind === "never polled" ? "not polled yet" : kind === "recovered" ? "ok" : kind;
  };
  const rows = sources.map((source) => ({ health: health(source.state), line: describeSource(source, now) }));
  rows.sort((a, b) => ORDER.indexOf(a.health) - ORDER.indexOf(b.health));

  const counts = SUMMARY_ORDER.map((kind) => [kind, rows.filter((row) => row.health === kind).length] as const).filter(([, count]) => count > 0);
  const summary = `${sources.length} ${sources.length === 1 ? "source" : "sources"}: ${counts.map(([kind, count]) => `${count} ${kind}`).join(", ")}`;
  const lines = [summary];
  let used = room.measure(summary);
  let shown = 0;
  for (const row of rows) {
    const cost = room.measure(row.line) + 1;
    if (used + cost > room.chars - TAIL_ROOM) break;
    lines.push(row.line);
    used += cost;
    shown += 1;
  }
  const rest = rows.slice(shown);
  if (rest.length > 0) {
    const allOk = rest.every((row) => row.health === "ok") ? ", all ok" : "";
    lines.push(`…and ${rest.length} more${allOk}: \`briefing feeds\` on the bot's server lists every source.`);
  }
  return lines.join("\n");
}
