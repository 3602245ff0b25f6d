import { parseTarget } from "../config/target.js";
import type { RenderFormat } from "../render/index.js";

/** The rendering a target's platform expects; unknown targets get plain text. */
export function formatForTarget(target: string): RenderFormat {
  const parsed = parseTarget(target);
  if (typeof parsed === "string") return "text";
  switch (parsed.platform) {
    case "slack":
      return "slack";
    case "discord":
    case "discord-user":
    case "discord-webhook":
      return "discord";
    case "console":
      return "text";
  }
}
