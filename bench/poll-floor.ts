import { Worker } from "node:worker_threads";
import { Agent, request } from "undici";

/** Raw undici over the same URLs, bodies read and dropped: what fetching alone costs here. */
export async function rawFetch(urls: string[], etags: boolean): Promise<{ seconds: number; bytes: number }> {
  const agent = new Agent({ connections: 64, keepAliveTimeout: 60_000 });
  const start = performance.now();
  let bytes = 0;
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const index = next++;
      const id = /\/feed\/(\d+)\.xml$/.exec(urls[index]!)?.[1];
      const headers: Record<string, string> = etags ? { "if-none-match": `"feed-${id}-v1"` } : {};
      const { body } = await request(urls[index]!, { dispatcher: agent, headers });
      for await (const chunk of body) bytes += (chunk as Buffer).length;
    }
  };
  await Promise.all(Array.from({ length: 64 }, worker));
  const seconds = (performance.now() - start) / 1000;
  await agent.close();
  return { seconds, bytes };
}

/** Bare rss-parser `parseString` over `count` such feeds, split over `threads` workers. */
export async function rawParse(template: string, count: number, threads: number): Promise<number> {
  const code = `
    const { parentPort, workerData } = require("node:worker_threads");
    const Parser = require("rss-parser");
    const parser = new Parser();
    (async () => {
      for (let id = workerData.from; id < workerData.to; id++) await parser.parseString(workerData.template.replaceAll("{ID}", String(id)));
      parentPort.postMessage("done");
    })();`;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: threads }, (_, t) => {
      const from = Math.floor((count * t) / threads);
      const to = Math.floor((count * (t + 1)) / threads);
      const worker = new Worker(code, { eval: true, workerData: { template, from, to } });
      return new Promise<void>((resolve, reject) => {
        worker.once("message", () => void worker.terminate().then(() => resolve()));
        worker.once("error", reject);
      });
    }),
  );
  return (performance.now() - start) / 1000;
}
