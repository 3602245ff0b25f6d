import type { OutboundPayload } from "../domain/outbound.js";
import type { Reply } from "../domain/reply.js";
import type { RenderFormat } from "./index.js";
import { renderDigest } from "./index.js";
import { renderNotice } from "./render-notice.js";

/** Renders a command's reply for a platform: story lists as digests, notices as escaped text. */
export function renderReply(reply: Reply, format: RenderFormat): OutboundPayload[] {
  if (reply.kind === "stories") return renderDigest(reply.digest, format);
  return [renderNotice(reply.text, format, reply.code)];
}
