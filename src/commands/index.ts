export type { BriefCommand, BriefCommandName, Invoker } from "./brief-command.js";
export type { Reply, ReplyVisibility } from "./reply.js";
