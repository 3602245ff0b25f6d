export { createSlackPlatform, type SlackPlatform, type SlackPlatformOptions } from "./create-slack-platform.js";
export { createSlackSender, type SlackSenderOptions } from "./sender/create-slack-sender.js";
export { parseSlackCommandText } from "./parse-slack-command-text.js";
export { SLACK_HTTP_PATHS } from "./build-slack-app.js";
export type { SlackLog } from "./slack-log.js";
export { checkSlackSetup, SLACK_SCOPES, type SlackSetupOptions } from "./check-slack-setup.js";
export { createSeenRequests, SEEN_REQUEST_WINDOW_MS, type SeenRequests } from "./http/seen-requests.js";
