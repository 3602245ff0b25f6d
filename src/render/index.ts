import type { Digest } from "../domain/digest.js";
import type { OutboundPayload } from "../domain/outbound.js";
import { renderText } from "./render-text.js";

export type RenderFormat = "text" | "slack" | "discord";

/** Renders one digest as the messages a platform will receive, in order. */
export function renderDigest(digest: Digest, format: RenderFormat): OutboundPayload[] {
  switch (format) {
    case "text":
    case "slack":
    case "discord":
      return renderText(digest);
  }
}
