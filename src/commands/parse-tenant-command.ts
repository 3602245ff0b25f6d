import { BriefingError } from "../domain/errors.js";
import type { BriefCommand } from "./brief-command.js";
import { usage } from "./parse-command-text.js";

/** Topic ids as the YAML config takes them, so a chat-made topic reads like a configured one. */
export const TOPIC_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const FEED_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const CRON_FIELD = /^[0-9*/,\-A-Za-z?LW#]+$/;
// A trailing `name:"AI chips"` (or name:chips) on `topics add`.
const NAME_OPTION = /\s+name:(?:["“”]([^"“”]*)["“”]|(\S+))\s*$/i;
// Shown in digests as plain words: no markup or mentions a platform would act on.
const DISPLAY_NAME = /^[^\p{Cc}<>@&*_~`|]{1,60}$/u;

/** Alias names as the YAML config takes them (lower case, starting with a letter), given with or without `@`. */
const ALIAS_NAME = /^[a-z][a-z0-9_-]{0,39}$/;

/** An alias name without its `@`; an error says what a name may be. */
export function checkAliasName(text: string): string {
  const name = text.trim().replace(/^@/, "");
  if (!ALIAS_NAME.test(name)) throw new BriefingError("command", `"${name.slice(0, 40)}" cannot be an alias name: use one word of lower-case letters, digits, - and _, starting with a letter, like chips. Nothing was changed.`);
  return name;
}

/** A topic's display name, trimmed; an error names what is wrong with it. */
export function checkDisplayName(text: string): string {
  const name = text.trim().replace(/\s+/g, " ");
  if (!DISPLAY_NAME.test(name)) throw new BriefingError("command", `"${name.slice(0, 60)}" cannot be a topic name: give 1 to 60 characters without < > @ & * _ ~ \` |, like name:"AI chips". Nothing was changed.`);
  return name;
}

/**
 * The tenant-management forms of `feeds`, `topics` and `digest` (`feeds add <url>`, `topics test <query>`,
 * `digest here <schedule> …`); null when `rest` starts with none of their verbs.
 */
export function parseTenantCommand(word: "feeds" | "topics" | "digest" | "aliases", rest: string): BriefCommand | null {
  const space = rest.search(/\s/);
  const verb = (space === -1 ? rest : rest.slice(0, space)).toLowerCase();
  const args = space === -1 ? "" : rest.slice(space).trim();
  switch (`${word} ${verb}`) {
    case "feeds add": {
      // Slack wraps a pasted link as <https://…> or <https://…|label>.
      const url = args.replace(/^<([^|>]+)(?:\|[^>]*)?>$/, "$1");
      if (url === "" || /\s/.test(url)) throw usage("feeds-add");
      return { name: "feeds-add", url };
    }
    case "feeds remove":
      if (!FEED_ID.test(args)) throw usage("feeds-remove");
      return { name: "feeds-remove", feedId: args };
    case "topics add": {
      const named = NAME_OPTION.exec(args);
      const body = named ? args.slice(0, named.index) : args;
      const [id = "", ...query] = body.split(/\s+/);
      if (query.length === 0) throw usage("topics-add");
      if (!TOPIC_ID.test(id)) throw new BriefingError("command", `"${id.slice(0, 40)}" cannot be a topic id: use lower-case letters, digits and dashes, like china-chips. ${usage("topics-add").message}`);
      const displayName = named ? checkDisplayName(named[1] ?? named[2] ?? "") : null;
      return { name: "topics-add", topicId: id, query: body.slice(id.length).trim(), displayName };
    }
    case "topics remove":
      if (!TOPIC_ID.test(args)) throw usage("topics-remove");
      return { name: "topics-remove", topicId: args };
    case "topics test":
      if (args === "") throw usage("topics-test");
      return { name: "topics-test", query: args };
    case "aliases add": {
      const [name = "", ...query] = args.split(/\s+/);
      if (name === "" || query.length === 0) throw usage("aliases-add");
      return { name: "aliases-add", alias: checkAliasName(name), query: args.slice(name.length).trim() };
    }
    case "aliases remove":
      if (args === "" || /\s/.test(args)) throw usage("aliases-remove");
      return { name: "aliases-remove", alias: checkAliasName(args) };
    case "digest here":
      return parseDigestHere(args);
    case "digest off":
      if (args !== "") throw usage("digest-off");
      return { name: "digest-off" };
    default:
      return null;
  }
}

/** `<schedule> [topics…] [tz:Area/City]`; the schedule is five cron fields, quoted or not. */
export function parseDigestHere(args: string): BriefCommand {
  const quoted = /^["“”']([^"“”']*)["“”']\s*(.*)$/s.exec(args);
  let schedule: string;
  let tail: string[];
  if (quoted) {
    schedule = (quoted[1] ?? "").trim().replace(/\s+/g, " ");
    tail = (quoted[2] ?? "").split(/\s+/).filter(Boolean);
  } else {
    const words = args.split(/\s+/).filter(Boolean);
    if (words.length < 5 || !words.slice(0, 5).every((field) => CRON_FIELD.test(field))) {
      throw new BriefingError("command", `The schedule is five cron fields (minute hour day month weekday), like "0 9 * * 1-5" for weekdays at 09:00. ${usage("digest-here").message}`);
    }
    schedule = words.slice(0, 5).join(" ");
    tail = words.slice(5);
  }
  if (schedule === "") throw usage("digest-here");
  const zones = tail.filter((word) => /^tz:/i.test(word));
  if (zones.length > 1) throw new BriefingError("command", "Give one tz: at most, like tz:Europe/Berlin.");
  const topics = tail.filter((word) => !/^tz:/i.test(word));
  const badTopic = topics.find((topic) => !TOPIC_ID.test(topic));
  if (badTopic !== undefined) throw new BriefingError("command", `"${badTopic.slice(0, 40)}" is not a topic id (lower-case letters, digits and dashes). ${usage("digest-here").message}`);
  return { name: "digest-here", schedule, topics, timeZone: zones[0] ? zones[0].slice(3) : null };
}
