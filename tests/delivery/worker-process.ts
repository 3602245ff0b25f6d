import { spawn } from "node:child_process";
import path from "node:path";
import type { WorkerConfig } from "../fakes/delivery-worker.js";

const repo = path.join(import.meta.dirname, "../..");
const entry = path.join(repo, "tests/fakes/delivery-worker.ts");

/** A delivery worker process (tests/fakes/delivery-worker.ts); it loads, then waits for `start`. */
export interface WorkerProcess {
  start(config: WorkerConfig): void;
  kill(): void;
  /** How it ended: its exit code, or the signal that killed it. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasEnded(): boolean;
  output(): string;
}

/**
 * Node with tsx's loader, not the `tsx` command: that one runs the script in a second process, which a
 * SIGKILL of the first would leave running.
 */
export function spawnWorker(): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: repo,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  let ended = false;
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stdin.on("error", () => undefined);
  return {
    start: (config) => void child.stdin.write(`${JSON.stringify(config)}\n`),
    kill: () => void child.kill("SIGKILL"),
    ended: new Promise((resolve) =>
      child.on("exit", (code, signal) => {
        ended = true;
        resolve({ code, signal });
      }),
    ),
    hasEnded: () => ended,
    output: () => output,
  };
}
