import { parentPort } from "node:worker_threads";
import { runParseJob, type ParseJob } from "./parse-job.js";

/** Worker entry: parses one job at a time, so a hostile feed can only stall (and lose) its own worker. */
parentPort?.on("message", (message: { id: number; job: ParseJob }) => {
  void runParseJob(message.job).then((reply) => parentPort?.postMessage({ id: message.id, reply }));
});
parentPort?.postMessage("ready");
