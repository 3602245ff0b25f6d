export { createSlackPlatform, type SlackPlatform, type SlackPlatformOptions } from "./create-slack-platform.js";
export { createSlackSender, type SlackSenderOptions } from "./sender/create-slack-sender.js";
export { parseSlackCommandText } from "./parse-slack-command-text.js";
export { SLACK_HTTP_PATHS, SLACK_INSTALL_PATHS } from "./build-slack-app.js";
export type { SlackHomeSource, TenantHome } from "./home/home-model.js";
export type { SlackOAuthOptions } from "./oauth/slack-installer-options.js";
export type { SlackLog } from "./slack-log.js";
export { checkSlackSetup, SLACK_SCOPES, type SlackSetupOptions } from "./check-slack-setup.js";
export { createSeenRequests, SEEN_REQUEST_WINDOW_MS, type SeenRequests } from "./http/seen-requests.js";
