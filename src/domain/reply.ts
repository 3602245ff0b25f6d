import type { Digest } from "./digest.js";

/** Only the asker sees an ephemeral reply; a channel reply is posted for everyone. */
export type ReplyVisibility = "ephemeral" | "channel";

/** A platform-neutral answer to a command; adapters render it with the shared renderers. */
export type Reply =
  | {
      visibility: ReplyVisibility;
      kind: "text";
      text: string;
      /** Shown verbatim in a code block under the text, spacing kept (a query with a caret under its mistake). */
      code?: string;
    }
  | { visibility: ReplyVisibility; kind: "stories"; digest: Digest };
