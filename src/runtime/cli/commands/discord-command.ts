import type { Command } from "commander";
import { UsageError } from "../../../domain/errors.js";
import { createDiscordRest, registerBriefCommand } from "../../../platforms/discord/index.js";
import type { CliContext } from "../cli-context.js";

const SNOWFLAKE = /^\d{17,20}$/;

export function registerDiscordCommand(program: Command, ctx: CliContext): void {
  const discord = program.command("discord").description("Set up the Discord bot.");
  discord
    .command("register")
    .description("Register /brief with Discord: in one server with --guild (instant; for development) or globally (production).")
    .option("--guild <id>", "the server (guild) id to register in")
    .option("--json", "print machine-readable JSON")
    .action(async (options: { guild?: string; json?: boolean }) => {
      const env = ctx.env();
      if (!env.DISCORD_TOKEN || !env.DISCORD_APPLICATION_ID) {
        throw new UsageError("set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see docs/discord.md) to register /brief");
      }
      if (options.guild !== undefined && !SNOWFLAKE.test(options.guild)) {
        throw new UsageError(`--guild takes a server id (17 to 20 digits), not "${options.guild}"`);
      }
      const log = ctx.logger().child({ job: "discord-register" });
      const rest = createDiscordRest({ token: env.DISCORD_TOKEN, apiUrl: env.DISCORD_API_URL, log });
      const registration = await registerBriefCommand({ rest, applicationId: env.DISCORD_APPLICATION_ID, guildId: options.guild ?? null });
      ctx.print({ ok: true, ...registration }, Boolean(options.json), () =>
        registration.scope === "guild"
          ? `registered /brief in server ${registration.guildId}`
          : "registered /brief globally: every server the bot is in gets it (Discord may take a few minutes to show it)",
      );
    });
}
