import { Command, CommanderError } from "commander";
import { ConfigError } from "../../config/config-error.js";
import { isBriefingError, type BriefingError } from "../../domain/errors.js";
import { createCliContext, type CliIo } from "./cli-context.js";
import { registerAuditCommand } from "./commands/audit-command.js";
import { registerClusterCommand } from "./commands/cluster-command.js";
import { registerConfigCommand } from "./commands/config-command.js";
import { registerDigestCommand } from "./commands/digest-command.js";
import { registerDiscordCommand } from "./commands/discord-command.js";
import { registerDoctorCommand } from "./commands/doctor-command.js";
import { registerFeedsCommand } from "./commands/feeds-command.js";
import { registerMatchCommand } from "./commands/match-command.js";
import { registerOutboxCommand } from "./commands/outbox-command.js";
import { registerParseCommand } from "./commands/parse-command.js";
import { registerPollCommand } from "./commands/poll-command.js";
import { registerReloadCommand } from "./commands/reload-command.js";
import { registerRunCommand } from "./commands/run-command.js";
import { registerSearchCommand } from "./commands/search-command.js";

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

const USAGE_CODES = new Set(["usage", "config", "query"]);

/** Runs one `briefing` command line and returns its exit code; never calls process.exit itself. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const ctx = createCliContext(io);
  const program = new Command("briefing")
    .description("Polls news feeds, finds the stories your team watches, and posts digests to Slack, Discord or the terminal.")
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError();

  const commands = [
    registerRunCommand,
    registerPollCommand,
    registerDigestCommand,
    registerSearchCommand,
    registerParseCommand,
    registerFeedsCommand,
    registerMatchCommand,
    registerClusterCommand,
    registerOutboxCommand,
    registerDiscordCommand,
    registerConfigCommand,
    registerReloadCommand,
    registerDoctorCommand,
    registerAuditCommand,
  ];
  for (const register of commands) {
    register(program, ctx);
  }

  try {
    await program.parseAsync(argv, { from: "user" });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (isBriefingError(error)) {
      if (argv.includes("--json")) io.stdout.write(`${JSON.stringify({ ok: false, error: errorJson(error) })}\n`);
      io.stderr.write(`briefing: ${error.message}\n`);
      return USAGE_CODES.has(error.code) ? EXIT.usage : EXIT.failure;
    }
    io.stderr.write(`briefing: ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT.failure;
  }
}

function errorJson(error: BriefingError): Record<string, unknown> {
  const base = { name: error.name, code: error.code, message: error.message };
  return error instanceof ConfigError ? { ...base, file: error.file, issues: error.issues } : base;
}
