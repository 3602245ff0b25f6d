import { Presets, SingleBar } from "cli-progress";
import type { TextSink } from "./cli-context.js";

export interface PollProgress {
  update(progress: { done: number; total: number; failed: number }): void;
  stop(): void;
}

/**
 * Progress of `briefing poll --once` on stderr: a bar on a terminal, a plain line per tenth of the
 * feeds otherwise (logs and CI output stay readable, and stdout keeps only the result).
 */
export function createPollProgress(sink: TextSink): PollProgress {
  return sink.isTTY ? barProgress(sink) : lineProgress(sink);
}

function barProgress(sink: TextSink): PollProgress {
  const bar = new SingleBar(
    {
      stream: sink as NodeJS.WritableStream,
      format: "polling [{bar}] {value}/{total} feeds · {failed} failed · {duration_formatted}",
      hideCursor: true,
      fps: 8,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update({ done, total, failed }) {
      if (!started) {
        bar.start(total, done, { failed });
        started = true;
      } else bar.update(done, { failed });
    },
    stop: () => bar.stop(),
  };
}

function lineProgress(sink: TextSink): PollProgress {
  let lastTenth = -1;
  return {
    update({ done, total, failed }) {
      const tenth = total === 0 ? 10 : Math.floor((done * 10) / total);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      sink.write(`polled ${done}/${total} feeds, ${failed} failed\n`);
    },
    stop() {},
  };
}
