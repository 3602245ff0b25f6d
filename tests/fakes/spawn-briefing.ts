import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const repo = path.join(import.meta.dirname, "../..");
const tsx = path.join(repo, "node_modules/.bin/tsx");

/** A real `briefing` process, as `npm start` runs it, with its output collected. */
export interface BriefingProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout contains the text; rejects after `ms`. */
  waitFor(text: string | RegExp, ms?: number): Promise<void>;
  exited: Promise<number | null>;
}

export function spawnBriefing(args: string[], env: NodeJS.ProcessEnv = {}): BriefingProcess {
  const child = spawn(tsx, [path.join(repo, "src/runtime/cli/bin.ts"), ...args], {
    cwd: repo,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: "info", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const listeners = new Set<() => void>();
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
    listeners.forEach((listener) => listener());
  });
  child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(text, ms = 30_000) {
      const seen = () => (typeof text === "string" ? out.includes(text) : text.test(out));
      return new Promise((resolve, reject) => {
        if (seen()) return resolve();
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${String(text)}; stdout:\n${out}\nstderr:\n${err}`));
        }, ms);
        const check = () => {
          if (!seen()) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        void exited.then(() => {
          if (!seen()) {
            clearTimeout(timer);
            reject(new Error(`exited before ${String(text)}; stdout:\n${out}\nstderr:\n${err}`));
          }
        });
      });
    },
  };
}
