import {
  ChannelType,
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";

export const BRIEF_COMMAND_NAME = "brief";
/** Longer queries are refused by Discord itself, before they reach us. */
export const QUERY_MAX_LENGTH = 300;

/**
 * `/brief` as Discord registers it: one command with a subcommand per `BriefCommand`, typed options,
 * and autocomplete for the watch id of `unwatch`. Usable in servers and in the bot's DMs.
 */
export const briefCommandDefinition: RESTPostAPIChatInputApplicationCommandsJSONBody = new SlashCommandBuilder()
  .setName(BRIEF_COMMAND_NAME)
  .setDescription("News briefings: search the archive, watch for stories, digests")
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addSubcommand((sub) =>
    sub
      .setName("search")
      .setDescription("Top stories from the archive")
      .addStringOption((o) =>
        o.setName("query").setDescription('Words, "phrases", AND/OR/NOT, since:7d, topic:<id>').setRequired(true).setMaxLength(QUERY_MAX_LENGTH),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName("watch")
      .setDescription("Alert me when a matching story appears")
      .addStringOption((o) => o.setName("query").setDescription("What to watch for").setRequired(true).setMaxLength(QUERY_MAX_LENGTH))
      .addChannelOption((o) =>
        o
          .setName("channel")
          .setDescription("Send the alerts to this channel instead of a DM (Manage Server)")
          .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName("unwatch")
      .setDescription("Stop one of your watches")
      .addStringOption((o) => o.setName("id").setDescription("The watch to stop").setRequired(true).setAutocomplete(true).setMaxLength(100)),
  )
  .addSubcommand((sub) => sub.setName("watches").setDescription("List your watches with their ids"))
  .addSubcommand((sub) =>
    sub
      .setName("digest")
      .setDescription("Preview this channel's digest")
      .addBooleanOption((o) => o.setName("now").setDescription("Post it to the channel now (Manage Server)")),
  )
  .addSubcommand((sub) => sub.setName("topics").setDescription("The topics this bot follows"))
  .addSubcommand((sub) => sub.setName("feeds").setDescription("Health of each news source"))
  .addSubcommand((sub) =>
    sub
      .setName("feeds-add")
      .setDescription("Follow a news feed in this server (Manage Server)")
      .addStringOption((o) => o.setName("url").setDescription("The feed, or a web page that links its feed").setRequired(true).setMaxLength(2000)),
  )
  .addSubcommand((sub) =>
    sub
      .setName("feeds-remove")
      .setDescription("Stop following a feed (Manage Server)")
      .addStringOption((o) => o.setName("id").setDescription("The feed's id, as /brief feeds shows it").setRequired(true).setMaxLength(100)),
  )
  .addSubcommand((sub) =>
    sub
      .setName("topics-add")
      .setDescription("Add a topic for this server's digests (Manage Server)")
      .addStringOption((o) => o.setName("id").setDescription("A short id: lower-case letters, digits, dashes").setRequired(true).setMaxLength(40))
      .addStringOption((o) => o.setName("query").setDescription('Words, "phrases", AND/OR/NOT, NEAR/5').setRequired(true).setMaxLength(QUERY_MAX_LENGTH))
      .addStringOption((o) => o.setName("name").setDescription("What digests call it, like AI chips (default: the id)").setMaxLength(60)),
  )
  .addSubcommand((sub) =>
    sub
      .setName("topics-remove")
      .setDescription("Remove a topic (Manage Server)")
      .addStringOption((o) => o.setName("id").setDescription("The topic's id").setRequired(true).setMaxLength(40)),
  )
  .addSubcommand((sub) =>
    sub
      .setName("topics-test")
      .setDescription("What a query would have matched in the last 7 days")
      .addStringOption((o) => o.setName("query").setDescription("The query to try").setRequired(true).setMaxLength(QUERY_MAX_LENGTH)),
  )
  .addSubcommand((sub) =>
    sub
      .setName("digest-here")
      .setDescription("Post a digest in this channel on a schedule (Manage Server)")
      .addStringOption((o) => o.setName("schedule").setDescription('Cron: "0 9 * * 1-5" is weekdays at 09:00').setRequired(true).setMaxLength(100))
      .addStringOption((o) => o.setName("topics").setDescription("Topic ids, separated by spaces (default: every topic)").setMaxLength(500))
      .addStringOption((o) => o.setName("tz").setDescription("Time zone such as Europe/Berlin").setMaxLength(64)),
  )
  .addSubcommand((sub) => sub.setName("digest-off").setDescription("Stop this channel's digest (Manage Server)"))
  .addSubcommand((sub) => sub.setName("aliases").setDescription("The @name aliases this server's queries can use"))
  .addSubcommand((sub) =>
    sub
      .setName("aliases-add")
      .setDescription("Name a query for use as @name in this server's topics, watches and searches (Manage Server)")
      .addStringOption((o) => o.setName("name").setDescription("One lower-case word, like chips").setRequired(true).setMaxLength(40))
      .addStringOption((o) => o.setName("query").setDescription('What @name stands for: words, "phrases", AND/OR/NOT').setRequired(true).setMaxLength(QUERY_MAX_LENGTH)),
  )
  .addSubcommand((sub) =>
    sub
      .setName("aliases-remove")
      .setDescription("Remove one of this server's aliases (Manage Server)")
      .addStringOption((o) => o.setName("name").setDescription("The alias, like chips").setRequired(true).setMaxLength(40)),
  )
  .addSubcommand((sub) => sub.setName("audit").setDescription("Who changed feeds, topics and digests (Manage Server)"))
  .addSubcommand((sub) => sub.setName("help").setDescription("How to use /brief"))
  .toJSON();
