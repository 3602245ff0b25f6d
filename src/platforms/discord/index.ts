export { createDiscordPlatform, type DiscordPlatform, type DiscordPlatformOptions } from "./create-discord-platform.js";
export { createDiscordSender, nonceFor, type DiscordSenderOptions } from "./create-discord-sender.js";
export { createDiscordRest, DEFAULT_DISCORD_API_URL, type DiscordRestSettings } from "./discord-rest.js";
export { registerBriefCommand, type Registration, type RegisterOptions } from "./register-commands.js";
export { briefCommandDefinition, BRIEF_COMMAND_NAME } from "./brief-command-definition.js";
export { toBriefCommand, type Translation } from "./to-brief-command.js";
export { parseWebhookUrl } from "./webhook-url.js";
export type { DiscordLog } from "./discord-log.js";
export { checkDiscordSetup, type DiscordSetupOptions } from "./check-discord-setup.js";
