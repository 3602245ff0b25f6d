/** The `/brief` commands, the same on every platform; adapters turn their payloads into one of these. */
export type BriefCommand =
  | { name: "search"; query: string }
  | { name: "watch"; query: string; channel: string | null }
  | { name: "unwatch"; watchId: string }
  | { name: "watches" }
  | { name: "digest"; now: boolean }
  | { name: "topics" }
  | { name: "feeds" }
  | { name: "help" }
  | { name: "feeds-add"; url: string }
  | { name: "feeds-remove"; feedId: string }
  | { name: "topics-add"; topicId: string; query: string; displayName: string | null }
  | { name: "topics-remove"; topicId: string }
  | { name: "topics-test"; query: string }
  | { name: "digest-here"; schedule: string; topics: string[]; timeZone: string | null }
  | { name: "digest-off" }
  | { name: "aliases" }
  | { name: "aliases-add"; alias: string; query: string }
  | { name: "aliases-remove"; alias: string }
  | { name: "audit" };

export type BriefCommandName = BriefCommand["name"];

/** Who asked, where: always taken from the platform's verified payload, never from the command text. */
export interface Invoker {
  platform: "slack" | "discord" | "console";
  /** Slack team id or Discord guild id; null in a DM without a workspace. */
  workspaceId: string | null;
  channelId: string;
  /** The channel's name as the platform's payload gives it (Slack's `channel_name`), without "#"; null when unknown. */
  channelName?: string | null;
  userId: string;
  /** Workspace admin or owner on Slack, Manage Server on Discord; the config's allow-list is checked by the handler. */
  isPlatformAdmin: boolean;
  /**
   * Put after the platform prefix of targets made for this invoker, so they are delivered in the
   * invoker's workspace: `T0123/` for a Slack workspace installed through OAuth. Unset otherwise.
   */
  targetScope?: string;
}
