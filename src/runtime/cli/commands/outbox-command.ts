import type { Command } from "commander";
import { UsageError } from "../../../domain/errors.js";
import type { CliContext } from "../cli-context.js";
import { openApp } from "../open-app.js";

export function registerOutboxCommand(program: Command, ctx: CliContext): void {
  const outbox = program
    .command("outbox")
    .description("List messages waiting to be delivered or failed, and paused destinations.")
    .option("-c, --config <file>", "config file")
    .option("--json", "print machine-readable JSON")
    .action(async (options: { config?: string; json?: boolean }) => {
      const { app } = await openApp(ctx, options.config);
      try {
        const messages = (await app.store.listOutbox(["pending", "failed"])).map(({ payload: _payload, ...rest }) => rest);
        const paused = await app.store.pausedTargets();
        ctx.print({ messages, paused }, Boolean(options.json), () =>
          [
            messages.length === 0 ? "outbox: nothing pending or failed" : "id  status   attempts  target  key  last error",
            ...messages.map((m) => `${m.id}  ${m.status.padEnd(7)}  ${m.attempts}  ${m.target}  ${m.key}  ${m.lastError ?? ""}`),
            ...paused.map((p) => `paused: ${p.target} since ${p.pausedAt}: ${p.reason}`),
          ].join("\n"),
        );
      } finally {
        await app.close();
      }
    });

  outbox
    .command("retry")
    .description("Queue a failed message again (and resume its destination if it was paused).")
    .argument("<id>", "the message id from `briefing outbox`")
    .option("-c, --config <file>", "config file")
    .option("--json", "print machine-readable JSON")
    .action(async (id: string, options: { config?: string; json?: boolean }, command: Command) => {
      const parentOptions = command.parent?.opts<{ config?: string }>() ?? {};
      if (!/^\d+$/.test(id)) throw new UsageError(`outbox retry needs a message id (a number), not "${id}"`);
      const { app } = await openApp(ctx, options.config ?? parentOptions.config);
      try {
        const failed = (await app.store.listOutbox(["failed"])).find((m) => m.id === Number(id));
        if (!failed) throw new UsageError(`no failed message has id ${id}; \`briefing outbox\` lists them`);
        await app.store.resumeTarget(failed.target);
        await app.store.requeue(failed.id, ctx.io.clock.now().toISOString());
        const sent = await app.relay.drain();
        ctx.print({ id: failed.id, requeued: true, sent }, Boolean(options.json), () => `message ${id} queued again; ${sent} delivered now`);
      } finally {
        await app.close();
      }
    });
}
