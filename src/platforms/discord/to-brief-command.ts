import { z } from "zod";
import type { BriefCommand, BriefCommandName } from "../../commands/brief-command.js";
import { checkAliasName, checkDisplayName, parseDigestHere, TOPIC_ID } from "../../commands/parse-tenant-command.js";
import { BRIEF_COMMAND_NAME, QUERY_MAX_LENGTH } from "./brief-command-definition.js";

/** An option of a slash-command interaction, as in the gateway payload and discord.js's `options.data`. */
export interface InteractionOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: readonly InteractionOption[];
  focused?: boolean;
}

/** The `data` of a chat-input interaction: the command name and its (sub)command options. */
export interface InteractionCommandData {
  name: string;
  options?: readonly InteractionOption[];
}

export type Translation = { ok: true; command: BriefCommand } | { ok: false; message: string };

const SUBCOMMAND = 1;

const query = z
  .string()
  .trim()
  .min(1, "Give a query, e.g. /brief search export controls")
  .max(QUERY_MAX_LENGTH, `Queries are at most ${QUERY_MAX_LENGTH} characters`);
const snowflake = z.string().regex(/^\d{17,20}$/, "That is not a Discord channel");

/** One schema per subcommand: the options Discord delivered, parsed into the shared command model. */
const subcommandSchemas: { [K in BriefCommandName]: z.ZodType<Extract<BriefCommand, { name: K }>> } = {
  search: z.object({ query }).transform(({ query }) => ({ name: "search" as const, query })),
  watch: z
    .object({ query, channel: snowflake.optional() })
    .transform(({ query, channel }) => ({ name: "watch" as const, query, channel: channel ?? null })),
  unwatch: z
    .object({ id: z.string().trim().min(1, "Give the id of the watch to stop").max(100) })
    .transform(({ id }) => ({ name: "unwatch" as const, watchId: id })),
  watches: z.object({}).transform(() => ({ name: "watches" as const })),
  digest: z.object({ now: z.boolean().optional() }).transform(({ now }) => ({ name: "digest" as const, now: now ?? false })),
  topics: z.object({}).transform(() => ({ name: "topics" as const })),
  feeds: z.object({}).transform(() => ({ name: "feeds" as const })),
  help: z.object({}).transform(() => ({ name: "help" as const })),
  "feeds-add": z.object({ url: z.string().trim().min(1, "Give the feed's URL").max(2000) }).transform(({ url }) => ({ name: "feeds-add" as const, url })),
  "feeds-remove": z.object({ id: z.string().trim().min(1).max(100) }).transform(({ id }) => ({ name: "feeds-remove" as const, feedId: id })),
  "topics-add": z
    .object({ id: z.string().trim().regex(TOPIC_ID, "use lower-case letters, digits and dashes, like china-chips"), query, name: z.string().max(100).optional() })
    .transform(({ id, query, name }, ctx) => {
      try {
        return { name: "topics-add" as const, topicId: id, query, displayName: name === undefined ? null : checkDisplayName(name) };
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    }),
  "topics-remove": z.object({ id: z.string().trim().min(1).max(100) }).transform(({ id }) => ({ name: "topics-remove" as const, topicId: id })),
  "topics-test": z.object({ query }).transform(({ query }) => ({ name: "topics-test" as const, query })),
  // The same grammar as typed on Slack: `/brief digest here <schedule> [topics…] [tz:Area/City]`.
  "digest-here": z
    .object({ schedule: z.string().trim().min(1).max(100), topics: z.string().trim().max(500).optional(), tz: z.string().trim().max(64).optional() })
    .transform(({ schedule, topics, tz }, ctx) => {
      try {
        return parseDigestHere([`"${schedule.replace(/["“”']/g, "")}"`, topics ?? "", tz ? `tz:${tz}` : ""].join(" ")) as Extract<BriefCommand, { name: "digest-here" }>;
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    }),
  "digest-off": z.object({}).transform(() => ({ name: "digest-off" as const })),
  aliases: z.object({}).transform(() => ({ name: "aliases" as const })),
  "aliases-add": z.object({ name: z.string().max(100), query }).transform(({ name, query }, ctx) => {
    try {
      return { name: "aliases-add" as const, alias: checkAliasName(name), query };
    } catch (error) {
      ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
      return z.NEVER;
    }
  }),
  "aliases-remove": z.object({ name: z.string().max(100) }).transform(({ name }, ctx) => {
    try {
      return { name: "aliases-remove" as const, alias: checkAliasName(name) };
    } catch (error) {
      ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
      return z.NEVER;
    }
  }),
  audit: z.object({}).transform(() => ({ name: "audit" as const })),
};

function isSubcommandName(name: string): name is BriefCommandName {
  return Object.hasOwn(subcommandSchemas, name);
}

/** The subcommand of a `/brief` interaction and its options by name; null when it is not one. */
export function subcommandOf(data: InteractionCommandData): { name: string; options: readonly InteractionOption[] } | null {
  if (data.name !== BRIEF_COMMAND_NAME) return null;
  const sub = data.options?.find((option) => option.type === SUBCOMMAND);
  return sub ? { name: sub.name, options: sub.options ?? [] } : null;
}

/** Turns a verified `/brief` interaction's data into a `BriefCommand`, or a message for the user. */
export function toBriefCommand(data: InteractionCommandData): Translation {
  const sub = subcommandOf(data);
  if (!sub || !isSubcommandName(sub.name)) {
    return { ok: false, message: "Unknown command: this server may have an old /brief registered. Try /brief help." };
  }
  const values = Object.fromEntries(sub.options.map((option) => [option.name, option.value]));
  const parsed = subcommandSchemas[sub.name].safeParse(values);
  if (parsed.success) return { ok: true, command: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return { ok: false, message: `${where}${issue?.message ?? "invalid options"}` };
}
