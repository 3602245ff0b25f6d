/** The person who created a watch, as the platform identified them. */
export interface WatchOwner {
  platform: "slack" | "discord" | "console";
  workspaceId: string | null;
  userId: string;
}

/** A standing query: each new story matching it is sent once to `target`. */
export interface Watch {
  id: string;
  owner: WatchOwner;
  query: string;
  /** Formatted target: the owner's DM (`slack:@U1`, `discord-user:1…`) or a channel. */
  target: string;
  createdAt: string;
}
