import type { Digest } from "./digest.js";

/** Only the asker sees an ephemeral reply; a channel reply is posted for everyone. */
export type ReplyVisibility = "ephemeral" | "channel";

/** A platform-neutral answer to a command; adapters render it with the shared renderers. */
export type Reply =
  | { visibility: ReplyVisibility; kind: "text"; text: string }
  | { visibility: ReplyVisibility; kind: "stories"; digest: Digest };
