import { createManualClock } from "../../src/domain/clock.js";
import { runCli } from "../../src/runtime/cli/program.js";

/** Runs a `briefing` command in-process with captured output and a manual clock. */
export async function runCliCaptured(
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; now?: string; stopSignal?: Promise<string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { LOG_LEVEL: "warn", ...options.env },
    clock: createManualClock(options.now ?? "2026-01-15T02:00:00.000Z"),
    stopSignal: options.stopSignal ?? new Promise(() => undefined),
  });
  return { code, stdout, stderr };
}
