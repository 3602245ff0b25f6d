import { DiscordAPIError, Routes, type REST } from "discord.js";
import { BriefingError } from "../../domain/errors.js";
import { briefCommandDefinition } from "./brief-command-definition.js";

export interface RegisterOptions {
  rest: REST;
  applicationId: string;
  /** Register in this guild only (instant, for development); global otherwise (production). */
  guildId?: string | null;
}

export interface Registration {
  scope: "guild" | "global";
  guildId: string | null;
  commandIds: string[];
}

/** What to do about each refusal; the status alone says which setting is wrong. */
const HINTS: Record<number, string> = {
  401: "the bot token was rejected; check DISCORD_TOKEN",
  403: "no access; check DISCORD_APPLICATION_ID, and that the bot was invited to that server with the applications.commands scope",
  404: "unknown application or server; check DISCORD_APPLICATION_ID and --guild",
};

/**
 * Registers `/brief` with a bulk overwrite (PUT), so running it again changes nothing and an old
 * definition is replaced. Guild commands appear at once; global ones are for every server the bot is in.
 * Refusals become a `BriefingError` ("config") that says which setting to fix.
 */
export async function registerBriefCommand(options: RegisterOptions): Promise<Registration> {
  const guildId = options.guildId ?? null;
  const route = guildId ? Routes.applicationGuildCommands(options.applicationId, guildId) : Routes.applicationCommands(options.applicationId);
  try {
    const created = (await options.rest.put(route, { body: [briefCommandDefinition] })) as Array<{ id: string }>;
    return { scope: guildId ? "guild" : "global", guildId, commandIds: created.map((command) => command.id) };
  } catch (error) {
    if (error instanceof DiscordAPIError) {
      const hint = HINTS[error.status] ?? error.message.split("\n")[0];
      throw new BriefingError("config", `Discord refused to register /brief (${error.status}): ${hint}`, { cause: error });
    }
    const code = (error as { code?: unknown; cause?: { code?: unknown } }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;
    throw new BriefingError("delivery", `could not reach Discord to register /brief${typeof code === "string" ? ` (${code})` : ""}`, { cause: error });
  }
}
