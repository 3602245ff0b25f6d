import { parseTarget, type Target } from "../config/target.js";
import type { RenderFormat } from "../render/index.js";

/** The rendering a target's platform expects, from its stored text; unknown targets get plain text. */
export function formatForTarget(target: string): RenderFormat {
  const parsed = parseTarget(target);
  return typeof parsed === "string" ? "text" : formatForPlatform(parsed);
}

/** The rendering a parsed target's platform expects. */
export function formatForPlatform(target: Target): RenderFormat {
  switch (target.platform) {
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
