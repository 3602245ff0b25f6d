import type { AutocompleteInteraction } from "discord.js";
import type { CommandHandler } from "../../commands/command-handler.js";
import { discordErrorFields, type DiscordLog } from "./discord-log.js";
import { subcommandOf } from "./to-brief-command.js";
import { memberRoleIds, toInvoker } from "./to-invoker.js";
import { watchChoices, type Choice } from "./watch-choices.js";

export interface AutocompleteDeps {
  handler: CommandHandler;
  admins: readonly string[];
  log: DiscordLog;
}

/** Autocomplete of `/brief unwatch id` with the invoker's own watches; anything else gets no choices. */
export async function handleAutocomplete(interaction: AutocompleteInteraction, deps: AutocompleteDeps): Promise<void> {
  const fields = { interaction_id: interaction.id, user_id: interaction.user.id };
  let choices: Choice[] = [];
  const sub = subcommandOf({ name: interaction.commandName, options: interaction.options.data });
  const focused = sub?.options.find((option) => option.focused);
  const invoker = toInvoker(
    { guildId: interaction.guildId, channelId: interaction.channelId, userId: interaction.user.id, permissions: interaction.memberPermissions?.bitfield ?? null, roleIds: memberRoleIds(interaction.member) },
    deps.admins,
  );
  if (sub?.name === "unwatch" && focused?.name === "id" && invoker) {
    try {
      choices = watchChoices(await deps.handler.watchesOf(invoker), String(focused.value ?? ""));
    } catch (error) {
      deps.log.error({ ...fields, err: error }, "listing watches for autocomplete failed");
    }
  }
  try {
    await interaction.respond(choices);
  } catch (error) {
    deps.log.warn({ ...fields, ...discordErrorFields(error) }, "could not answer the autocomplete");
  }
}
