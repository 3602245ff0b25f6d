export type { BriefCommand, BriefCommandName, Invoker } from "./brief-command.js";
export type { CommandHandler, WatchSummary } from "./command-handler.js";
export type { Reply, ReplyVisibility } from "../domain/reply.js";
export type { ChannelCheck, DigestService, FeedPreview, FeedProbe, QueryValidator, SearchRequest, SearchService, SourceInfo, TenantDirectory, TopicInfo } from "./ports.js";
export { createCommandHandler, type CommandHandlerDeps } from "./create-command-handler.js";
export { helpText } from "./help-text.js";
export { COMMAND_USAGE, GENERAL_USAGE, parseCommandText } from "./parse-command-text.js";
export { takeTurns } from "./take-turns.js";
export { channelDigestTarget } from "./channel-digest-target.js";
