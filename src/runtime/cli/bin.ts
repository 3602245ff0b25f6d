#!/usr/bin/env node
import { systemClock } from "../../domain/clock.js";
import { runCli } from "./program.js";

const stopSignal = new Promise<string>((resolve) => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve(signal));
});

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  clock: systemClock,
  stopSignal,
  onReload: (listener) => {
    process.on("SIGHUP", listener);
    return () => void process.off("SIGHUP", listener);
  },
});
process.exitCode = code;
// Open sockets or timers left by a library must not keep a finished command alive.
setTimeout(() => process.exit(code), 1_000).unref();
